// The real Azure Speech SDK against the local fake (never a mocked SDK), and against the service when a key is set.
import assert from 'node:assert/strict';
import { chunkPcm, FRAME_MS, msForSamples } from '../../../backend/src/pipeline/audio';
import { BoundedQueue } from '../../../backend/src/pipeline/queue';
import { AzureSpeechError, AzureSpeechToText } from '../../../backend/src/providers/azure/azureStt';
import { createProviders } from '../../../backend/src/providers/createProviders';
import { FallbackSpeechToText } from '../../../backend/src/providers/fallback';
import type { ProviderFailure, SpeechToText, SttSession, TranscriptEvent } from '../../../backend/src/providers/types';
import { type AzureFakeScript, type AzureSpeechFake, startAzureSpeechFake } from '../../fakes/azureSpeechFake';
import { fliteSpeech, hasBinary } from './support/speech';
import { eventsWithin, sttConformance } from './support/sttConformance';

const SENTENCE = 'I would use a hash map to store the indices.';
const PHRASES = ['twoSum', 'hash map', ' indices ', 'twoSum', ''];
const OPTIONS = { sampleRate: 16_000, language: 'en-US', phrases: PHRASES };
const RECOGNIZE: AzureFakeScript = { utterances: [{ text: SENTENCE, afterAudioMs: 1500 }], partialEveryMs: 200 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let speech: Int16Array = new Int16Array(0);
const clip = { audio: () => (speech.length ? speech : (speech = fliteSpeech(SENTENCE))), words: ['hash', 'map'], phrases: PHRASES };

async function withFake(script: AzureFakeScript, run: (fake: AzureSpeechFake) => Promise<void>): Promise<void> {
  const fake = await startAzureSpeechFake(script);
  try { await run(fake); } finally { await fake.close(); }
}

/** Writes 20 ms frames in real time, as a microphone would; returns when each ms of audio went in. */
async function speakInRealTime(session: SttSession, audio: Int16Array): Promise<(audioMs: number) => number> {
  const started = Date.now();
  const writtenAt: number[] = [];
  let at = 0;
  for (const frame of chunkPcm(audio)) {
    session.write(frame);
    writtenAt.push(Date.now());
    at += FRAME_MS;
    await sleep(Math.max(0, started + at - Date.now()));
  }
  return (audioMs) => writtenAt[Math.min(writtenAt.length - 1, Math.ceil(audioMs / FRAME_MS) - 1)];
}

/** The tiny second link of a chain: one final on end(), saying how much audio it was given. */
class BackupStt implements SpeechToText {
  readonly name = 'backup';
  readonly capabilities = { streaming: true, interimResults: false };
  start(): SttSession {
    const out = new BoundedQueue<TranscriptEvent>({ capacity: 8 });
    let samples = 0;
    return {
      write: (pcm) => { samples += pcm.length; },
      end: () => { void out.push({ kind: 'final', text: `backup heard ${Math.round(msForSamples(samples))} ms` }); out.close(); },
      close: () => out.close(),
      events: out,
    };
  }
}

describe('AzureSpeechToText (real SDK against the local fake)', function () {
  this.timeout(30_000);
  before(function () {
    if (!hasBinary('flite')) throw new Error('needs Debian flite (scripts/test-tools.sh installs it)');
    clip.audio();
  });

  it('streams growing partials while audio arrives, then the final with its offsets', async () => withFake(RECOGNIZE, async (fake) => {
    const session = new AzureSpeechToText({ key: 'fake-key', endpoint: fake.endpoint }).start(OPTIONS);
    const t0 = Date.now();
    const timed: { at: number; event: TranscriptEvent }[] = [];
    const done = (async () => { for await (const event of session.events) timed.push({ at: Date.now(), event }); })();
    const writtenAt = await speakInRealTime(session, speech);
    session.end();
    await done;
    const partials = timed.filter((t) => t.event.kind === 'partial');
    const finals = timed.filter((t) => t.event.kind === 'final');
    assert.deepEqual(finals.map((t) => t.event.text), [SENTENCE]);
    assert.ok(partials.length >= 3, `${partials.length} partials`);
    assert.ok(partials.every((p) => p.at <= finals[0].at), 'partials come before the final');
    const spoken = SENTENCE.toLowerCase().replace(/\./g, '');
    for (const p of partials) assert.ok(spoken.startsWith(p.event.text), `"${p.event.text}" is a prefix of the sentence`);
    assert.equal(finals[0].event.startMs, 0);
    assert.ok(Math.abs((finals[0].event.endMs ?? 0) - 1500) <= 2 * FRAME_MS, `final ends at ${finals[0].event.endMs} ms`);
    // The fake answers after 200 ms of audio (first partial) and 1500 ms (final): the rest is SDK + transport.
    const firstPartialMs = partials[0].at - writtenAt(200);
    const finalMs = finals[0].at - writtenAt(1500);
    console.log(`      [azure fake] first partial ${partials[0].at - t0} ms after start (${firstPartialMs} ms after its 200 ms of audio went in), `
      + `final ${finalMs} ms after its audio went in; ${partials.length} partials`);
    assert.ok(firstPartialMs < 500 && finalMs < 500, `${firstPartialMs} / ${finalMs} ms`);
  }));

  it('sends the key, the language and the session phrases as a phrase list (speech.context)', async () => withFake(RECOGNIZE, async (fake) => {
    const session = new AzureSpeechToText({ key: 'fake-key', endpoint: fake.endpoint }).start(OPTIONS);
    const events = eventsWithin(session, 10_000);
    for (const frame of chunkPcm(speech)) session.write(frame);
    session.end();
    await events;
    const [connection] = fake.connections;
    assert.equal(connection.headers['ocp-apim-subscription-key'], 'fake-key');
    assert.match(connection.url, /language=en-US/);
    assert.deepEqual(fake.phrasesOf(connection), ['twoSum', 'hash map', 'indices']);
    assert.ok(connection.endOfAudio, 'end() ended the audio stream');
    assert.ok(Math.abs(connection.audioMs - msForSamples(speech.length)) < 1, `${connection.audioMs} ms of audio arrived`);
  }));

  it('a dropped connection with no audio to follow ends the events (ConnectionLost) within the reconnect grace', async () => withFake(
    { ...RECOGNIZE, failure: { afterAudioMs: 400, kind: 'close' } },
    async (fake) => {
      const session = new AzureSpeechToText({ key: 'fake-key', endpoint: fake.endpoint, reconnectGraceMs: 300 }).start(OPTIONS);
      const events = eventsWithin(session, 10_000);
      for (const frame of chunkPcm(speech)) session.write(frame);
      await assert.rejects(events, (error: unknown) => error instanceof AzureSpeechError && error.code === 'ConnectionLost');
    },
  ));

  it('a service error ends the events with an AzureSpeechError (ServiceError)', async () => withFake(
    { ...RECOGNIZE, failure: { afterAudioMs: 400, kind: 'error' } },
    async (fake) => {
      const session = new AzureSpeechToText({ key: 'fake-key', endpoint: fake.endpoint }).start(OPTIONS);
      const events = eventsWithin(session, 10_000);
      for (const frame of chunkPcm(speech)) session.write(frame);
      await assert.rejects(events, (error: unknown) => error instanceof AzureSpeechError && error.code === 'ServiceError');
    },
  ));

  it('a refused key ends the events with an error', async () => withFake({ ...RECOGNIZE, rejectStatus: 401 }, async (fake) => {
    const session = new AzureSpeechToText({ key: 'wrong', endpoint: fake.endpoint }).start(OPTIONS);
    const events = eventsWithin(session, 10_000);
    session.write(speech.subarray(0, 3200));
    await assert.rejects(events, AzureSpeechError);
  }));

  it('close() releases the socket at once', async () => withFake(RECOGNIZE, async (fake) => {
    const session = new AzureSpeechToText({ key: 'fake-key', endpoint: fake.endpoint }).start(OPTIONS);
    for (const frame of chunkPcm(speech.subarray(0, 16_000))) session.write(frame);
    while (fake.connections[0]?.audioMs !== 1000) await sleep(5);
    session.close();
    await sleep(200);
    assert.ok(fake.connections.every((c) => c.closed), 'socket closed');
  }));

  it('a failure mid-utterance hands the session to the next provider, which gets the whole utterance', async () => withFake(
    { ...RECOGNIZE, failure: { afterAudioMs: 800, kind: 'close' } },
    async (fake) => {
      const failures: { at: number; failure: ProviderFailure }[] = [];
      const stt = new FallbackSpeechToText([new AzureSpeechToText({ key: 'fake-key', endpoint: fake.endpoint }), new BackupStt()], {
        stallMs: 2000, endMs: 3000, speechDb: -45, replayMs: 15_000, onFailure: (failure) => failures.push({ at: Date.now(), failure }),
      });
      const session = stt.start(OPTIONS);
      const events = eventsWithin(session, 10_000);
      const writtenAt = await speakInRealTime(session, speech);
      session.end();
      const got = await events;
      assert.deepEqual(failures.map(({ failure: f }) => [f.kind, f.provider, f.reason, f.next]), [['stt', 'azure-speech', 'error', 'backup']]);
      assert.deepEqual(got.filter((e) => e.kind === 'final').map((e) => e.text), [`backup heard ${Math.round(msForSamples(speech.length))} ms`]);
      const takeoverMs = failures[0].at - writtenAt(800);
      const { code, message } = failures[0].failure.error as AzureSpeechError;
      console.log(message);
      console.log(`      [azure fake] dropped at 800 ms of audio: the fallback took over ${takeoverMs} ms later (${code}, after ${fake.connections.length - 1} SDK reconnects)`);
      assert.ok(takeoverMs < 1500, `${takeoverMs} ms`);
    },
  ));

  it('a service that goes silent is replaced once the stall deadline passes', async () => withFake(
    { ...RECOGNIZE, failure: { afterAudioMs: 300, kind: 'silent' } },
    async (fake) => {
      const failures: ProviderFailure[] = [];
      const stt = new FallbackSpeechToText([new AzureSpeechToText({ key: 'fake-key', endpoint: fake.endpoint }), new BackupStt()], {
        stallMs: 400, endMs: 800, speechDb: -45, replayMs: 15_000, onFailure: (f) => failures.push(f),
      });
      const session = stt.start(OPTIONS);
      const events = eventsWithin(session, 10_000);
      for (const frame of chunkPcm(speech)) session.write(frame);
      session.end();
      assert.equal((await events).filter((e) => e.kind === 'final').length, 1);
      assert.deepEqual(failures.map((f) => [f.provider, f.reason]), [['azure-speech', 'stall']]);
      const abandonedAt = Date.now();
      while (!fake.connections.every((c) => c.closed) && Date.now() - abandonedAt < 2000) await sleep(10);
      console.log(`      [azure fake] silent service: socket closed ${Date.now() - abandonedAt} ms after the chain gave up on it`);
      assert.ok(fake.connections.every((c) => c.closed), 'the abandoned session\'s socket was closed');
    },
  ));

  it('createProviders with Azure down: the local pocketsphinx engine transcribes the utterance', async function () {
    if (!hasBinary('pocketsphinx_continuous')) this.skip();
    await withFake({ ...RECOGNIZE, failure: { afterAudioMs: 500, kind: 'close' } }, async (fake) => {
      const failures: ProviderFailure[] = [];
      const { stt } = createProviders({ azureSpeech: { key: 'fake-key', region: undefined, endpoint: fake.endpoint }, elevenLabs: null },
        { onFailure: (f) => failures.push(f) });
      assert.equal(stt.name, 'fallback(azure-speech,pocketsphinx-domain)');
      const session = stt.start(OPTIONS);
      const events = eventsWithin(session, 20_000);
      for (const frame of chunkPcm(speech)) session.write(frame);
      session.end();
      const text = (await events).map((e) => e.text).join(' ');
      assert.match(text, /hash map/);
      assert.deepEqual(failures.map((f) => [f.provider, f.next]), [['azure-speech', 'pocketsphinx-domain']]);
    });
  });
});

describe('AzureSpeechToText against the fake', () => {
  let fake: AzureSpeechFake | null = null;
  before(async () => { fake = await startAzureSpeechFake(RECOGNIZE); });
  after(async () => { await fake?.close(); });
  sttConformance('azure-speech (local fake)', () => new AzureSpeechToText({ key: 'fake-key', endpoint: fake!.endpoint }), clip);
});

const { AZURE_SPEECH_KEY: key, AZURE_SPEECH_REGION: region, AZURE_SPEECH_ENDPOINT: endpoint } = process.env;
sttConformance('azure-speech (real service)', () => new AzureSpeechToText({ key: key!, region, endpoint }), clip, {
  skipReason: () => (!key ? 'AZURE_SPEECH_KEY is not set' : !region && !endpoint ? 'AZURE_SPEECH_REGION or AZURE_SPEECH_ENDPOINT is not set' : null),
});
