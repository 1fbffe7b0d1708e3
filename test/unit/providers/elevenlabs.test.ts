// ElevenLabs through the official SDK (HTTP streaming) and the streaming-input WebSocket, against the local
// fake (never a mocked SDK), and against the real service when ELEVENLABS_API_KEY is set.
import assert from 'node:assert/strict';
import { concatPcm, dbfs, msForSamples } from '../../../backend/src/pipeline/audio';
import { createProviders } from '../../../backend/src/providers/createProviders';
import { ElevenLabsStreamingTextToSpeech } from '../../../backend/src/providers/elevenlabs/elevenLabsStreamingTts';
import { ELEVENLABS_DEFAULTS, ElevenLabsTextToSpeech } from '../../../backend/src/providers/elevenlabs/elevenLabsTts';
import { FallbackTextToSpeech } from '../../../backend/src/providers/fallback';
import { EspeakTts } from '../../../backend/src/providers/local/espeakTts';
import type { ProviderFailure, TextToSpeech } from '../../../backend/src/providers/types';
import { type ElevenLabsFake, type ElevenLabsScript, startElevenLabsFake } from '../../fakes/elevenLabsFake';
import { collect } from '../pipeline/fixtures/signals';
import { hasBinary } from './support/speech';
import { ttsConformance } from './support/ttsConformance';

const SENTENCE = 'Walk me through your approach.';
const LONG = 'Tell me more about the time complexity of that loop, and why it is linear. '.repeat(10);
/** The fake speaks 60 ms a character. */
const fakeMs = (text: string) => text.trim().length * 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const live = () => ({ signal: new AbortController().signal });

async function withFake(script: ElevenLabsScript, run: (fake: ElevenLabsFake) => Promise<void>): Promise<void> {
  const fake = await startElevenLabsFake(script);
  try { await run(fake); } finally { await fake.close(); }
}

/** First audio's delay and all audio of one synthesis. */
async function timed(chunks: AsyncIterable<Int16Array>): Promise<{ firstMs: number; audio: Int16Array }> {
  const started = Date.now();
  let firstMs = -1;
  const all: Int16Array[] = [];
  for await (const pcm of chunks) { if (firstMs < 0) firstMs = Date.now() - started; all.push(pcm); }
  return { firstMs, audio: concatPcm(all) };
}

/** A turn aborted after its first chunk: how long the provider took to stop, and whether it threw. */
async function abortAfterFirstChunk(tts: TextToSpeech, text: string): Promise<number> {
  const turn = new AbortController();
  let abortedAt = 0;
  for await (const _ of tts.synthesize(text, turn)) if (!abortedAt) { abortedAt = Date.now(); turn.abort(); }
  return Date.now() - abortedAt;
}

/** A stalled provider ahead of local espeak: espeak must speak within the deadline plus a margin. */
async function stallFallsBackToEspeak(stalled: TextToSpeech, label: string): Promise<void> {
  const failures: ProviderFailure[] = [];
  const deadline = 400;
  const chain = new FallbackTextToSpeech([stalled, new EspeakTts()], { firstChunkMs: deadline, stallMs: deadline, onFailure: (f) => failures.push(f) });
  const { firstMs, audio } = await timed(chain.synthesize(SENTENCE, live()));
  console.log(`      [${label}] stalled: espeak's first audio after ${firstMs} ms (deadline ${deadline} ms)`);
  assert.deepEqual(failures.map((f) => [f.provider, f.reason, f.next]), [[stalled.name, 'stall', 'espeak-ng']]);
  assert.ok(firstMs >= deadline && firstMs < deadline + 800, `${firstMs} ms`);
  assert.ok(msForSamples(audio.length) > 1000 && dbfs(audio) > -40, 'espeak spoke the sentence');
}

describe('ElevenLabsTextToSpeech (official SDK, HTTP streaming, against the local fake)', function () {
  this.timeout(20_000);
  const make = (fake: ElevenLabsFake) => new ElevenLabsTextToSpeech({ apiKey: 'fake-key', baseUrl: fake.baseUrl });

  it('streams 16 kHz PCM that starts quickly, asking for pcm_16000 with the key, voice and model', async () => withFake([], async (fake) => {
    const tts = make(fake);
    const cold = await timed(tts.synthesize(SENTENCE, live()));
    const { firstMs, audio } = await timed(tts.synthesize(SENTENCE, live()));
    console.log(`      [elevenlabs http fake] first audio after ${cold.firstMs} ms on the first request (SDK warm-up), `
      + `${firstMs} ms on the next; ${msForSamples(audio.length)} ms of audio`);
    assert.ok(cold.firstMs < 1500 && firstMs < 300, `first audio after ${cold.firstMs} / ${firstMs} ms`);
    assert.equal(msForSamples(audio.length), fakeMs(SENTENCE), 'every sample arrived, reassembled across odd chunk boundaries');
    assert.ok(dbfs(audio) > -30);
    const [request] = fake.requests;
    assert.equal(request.headers['xi-api-key'], 'fake-key');
    assert.equal(request.voiceId, ELEVENLABS_DEFAULTS.voiceId);
    assert.equal(request.query.output_format, 'pcm_16000');
    assert.equal(request.messages[0].text, SENTENCE);
    assert.equal(request.messages[0].model_id, ELEVENLABS_DEFAULTS.modelId);
  }));

  it('abort stops the request: the server sees the client hang up', async () => withFake([{ chunkDelayMs: 20 }], async (fake) => {
    const stopMs = await abortAfterFirstChunk(make(fake), LONG);
    for (let waited = 0; !fake.requests[0].aborted && waited < 1000; waited += 10) await sleep(10);
    assert.ok(stopMs < 200, `stopped ${stopMs} ms after the abort`);
    assert.ok(fake.requests[0].aborted, 'the HTTP request was closed');
    assert.ok(fake.requests[0].chunks < 20, `${fake.requests[0].chunks} chunks sent`);
  }));

  it('an HTTP error fails the sentence, so a chain moves on', async () => withFake([{ status: 503 }], async (fake) => {
    await assert.rejects(collect(make(fake).synthesize(SENTENCE, live())), /503/);
  }));

  it('a response cut off mid-sentence fails after the audio already received', async () => withFake([{ closeAfterChunks: 3, chunkDelayMs: 10 }], async (fake) => {
    const got: Int16Array[] = [];
    await assert.rejects(async () => { for await (const pcm of make(fake).synthesize(LONG, live())) got.push(pcm); }, /terminated/);
    assert.ok(got.length > 0);
  }));

  it('a stall past the deadline falls back to local espeak within the deadline plus a margin', async function () {
    if (!hasBinary('espeak-ng')) this.skip();
    await withFake([{ firstChunkDelayMs: 5000 }], async (fake) => {
      await stallFallsBackToEspeak(make(fake), 'elevenlabs http fake');
      for (let waited = 0; !fake.requests[0].aborted && waited < 1000; waited += 10) await sleep(10);
      assert.ok(fake.requests[0].aborted, 'the stalled request was aborted');
    });
  });
});

describe('ElevenLabsStreamingTextToSpeech (streaming-input WebSocket, against the local fake)', function () {
  this.timeout(20_000);
  const make = (fake: ElevenLabsFake) => new ElevenLabsStreamingTextToSpeech({ apiKey: 'fake-key', baseUrl: fake.baseUrl });

  it('text streamed in pieces, as an LLM writes it, is spoken before the text is complete', async () => withFake([], async (fake) => {
    const reply = 'Good. Now walk me through the time complexity of your solution, step by step.';
    let lastTokenAt = 0;
    const tokens = async function* () {
      for (const token of reply.match(/\S*\s*/g) ?? []) { await sleep(40); yield token; }
      lastTokenAt = Date.now();
    };
    const started = Date.now();
    let firstAudioAt = 0;
    const chunks: Int16Array[] = [];
    for await (const pcm of make(fake).synthesizeStream(tokens(), live())) { firstAudioAt ||= Date.now(); chunks.push(pcm); }
    console.log(`      [elevenlabs ws fake] first audio ${firstAudioAt - started} ms after the first token, `
      + `${lastTokenAt - firstAudioAt} ms before the last; ${msForSamples(concatPcm(chunks).length)} ms of audio`);
    assert.ok(firstAudioAt < lastTokenAt, 'audio started while text was still arriving');
    // The fake trims each batch it speaks, so a space between batches is silent: all but a few characters.
    const spokenMs = msForSamples(concatPcm(chunks).length);
    assert.ok(spokenMs <= fakeMs(reply) && spokenMs > fakeMs(reply) - 60 * 10, `${spokenMs} ms of audio for ${fakeMs(reply)} ms of text`);
    const [request] = fake.requests;
    const [opening, ...rest] = request.messages;
    assert.equal(request.headers['xi-api-key'], 'fake-key');
    assert.deepEqual([request.query.model_id, request.query.output_format], [ELEVENLABS_DEFAULTS.modelId, 'pcm_16000']);
    assert.equal(opening.text, ' ');
    assert.equal(opening.xi_api_key, 'fake-key');
    assert.deepEqual(opening.voice_settings, { stability: 0.5, similarity_boost: 0.8, speed: 1 });
    const textChunks = rest.slice(0, -1);
    assert.ok(textChunks.length > 3, 'sent in several chunks');
    for (const m of textChunks) {
      assert.match(String(m.text), /\S $/, 'a chunk is whole words ending in one space');
      assert.equal(m.try_trigger_generation, true);
    }
    assert.equal(textChunks.find((m) => String(m.text).endsWith('Good. '))?.flush, true, 'a finished sentence is flushed');
    assert.deepEqual(rest.at(-1), { text: '' }, 'an empty text ends the input');
  }));

  it('a stall past the deadline falls back to local espeak within the deadline plus a margin', async function () {
    if (!hasBinary('espeak-ng')) this.skip();
    await withFake([{ firstChunkDelayMs: 5000 }], async (fake) => {
      await stallFallsBackToEspeak(make(fake), 'elevenlabs ws fake');
      for (let waited = 0; !fake.requests[0].aborted && waited < 1000; waited += 10) await sleep(10);
      assert.ok(fake.requests[0].aborted, 'the stalled socket was closed');
    });
  });

  it('an error message from the service fails the sentence', async () => withFake([{ status: 401 }], async (fake) => {
    await assert.rejects(collect(make(fake).synthesize(SENTENCE, live())), /ElevenLabs: fake_error/);
  }));

  it('a socket closed before the final message fails the sentence', async () => withFake([{ closeAfterChunks: 2 }], async (fake) => {
    await assert.rejects(collect(make(fake).synthesize(LONG, live())), /before the final message/);
  }));

  it('abort closes the socket without an error', async () => withFake([{ chunkDelayMs: 20 }], async (fake) => {
    const stopMs = await abortAfterFirstChunk(make(fake), LONG);
    for (let waited = 0; !fake.requests[0].aborted && waited < 1000; waited += 10) await sleep(10);
    assert.ok(stopMs < 200, `stopped ${stopMs} ms after the abort`);
    assert.ok(fake.requests[0].aborted, 'the socket was closed');
  }));
});

describe('createProviders', () => {
  it('with no keys, uses the local engines only', () => {
    const { stt, tts } = createProviders({ azureSpeech: null, elevenLabs: null }, { onFailure: () => undefined });
    assert.deepEqual([stt.name, tts.name], ['fallback(pocketsphinx-domain)', 'fallback(espeak-ng)']);
  });

  it('puts each configured cloud engine ahead of the local one', () => {
    const config = { azureSpeech: { key: 'k', region: 'westeurope', endpoint: undefined }, elevenLabs: { apiKey: 'k', baseUrl: undefined } };
    const http = createProviders(config, { onFailure: () => undefined });
    assert.deepEqual([http.stt.name, http.tts.name], ['fallback(azure-speech,pocketsphinx-domain)', 'fallback(elevenlabs,espeak-ng)']);
    const ws = createProviders(config, { onFailure: () => undefined, elevenLabsTransport: 'websocket' });
    assert.equal(ws.tts.name, 'fallback(elevenlabs-ws,espeak-ng)');
  });

  it('refuses an Azure key with neither region nor endpoint', () => {
    assert.throws(() => createProviders({ azureSpeech: { key: 'k', region: undefined, endpoint: undefined }, elevenLabs: null },
      { onFailure: () => undefined }), /AZURE_SPEECH_REGION/);
  });
});

describe('ElevenLabs against the fake', () => {
  let fake: ElevenLabsFake | null = null;
  before(async () => { fake = await startElevenLabsFake(); });
  after(async () => { await fake?.close(); });
  ttsConformance('elevenlabs http (local fake)', () => new ElevenLabsTextToSpeech({ apiKey: 'fake-key', baseUrl: fake!.baseUrl }));
  ttsConformance('elevenlabs-ws (local fake)', () => new ElevenLabsStreamingTextToSpeech({ apiKey: 'fake-key', baseUrl: fake!.baseUrl }));
});

const apiKey = process.env.ELEVENLABS_API_KEY;
const noKey = () => (apiKey ? null : 'ELEVENLABS_API_KEY is not set');
ttsConformance('elevenlabs http (real service)', () => new ElevenLabsTextToSpeech({ apiKey: apiKey!, baseUrl: process.env.ELEVENLABS_BASE_URL }), { skipReason: noKey });
ttsConformance('elevenlabs-ws (real service)', () => new ElevenLabsStreamingTextToSpeech({ apiKey: apiKey!, baseUrl: process.env.ELEVENLABS_BASE_URL }), { skipReason: noKey });
