import assert from 'node:assert/strict';
import { chunkPcm, concatPcm, dbfs, msForSamples, samplesForMs } from '../../../backend/src/pipeline/audio';
import { spokenWords } from '../../../backend/src/providers/local/domainLanguageModel';
import { INTERVIEW_CORPUS } from '../../../backend/src/providers/local/interviewCorpus';
import { PocketsphinxStt } from '../../../backend/src/providers/local/pocketsphinxStt';
import type { SttSession, TranscriptEvent } from '../../../backend/src/providers/types';
import { collect } from '../pipeline/fixtures/signals';
import { fliteSpeech, hasBinary } from './support/speech';
import { wordErrorRate } from './support/wer';

/**
 * Candidate sentences for a Two Sum interview; none is in the corpus the domain model is built from.
 * Few, because the generic model decodes slowly (~2 s of CPU per sentence) and the suite must stay quick.
 */
const SENTENCES = [
  'I would use a hash map to store each number and its index.',
  'The time complexity is O of n, and the space is also O of n.',
  'First I sort the array, and then I move two pointers toward the middle.',
  'Let me check the case where the array is empty.',
];
const LATENCY_SENTENCE = 'If we find the target, we return both indices.';
const PHRASES = ['Two Sum', 'twoSum', 'nums', 'target', 'seen', 'complement', 'indices'];
const OPTIONS = { sampleRate: 16_000, language: 'en-US', phrases: PHRASES };

async function transcribe(session: SttSession, audio: Int16Array[]): Promise<TranscriptEvent[]> {
  const events = collect(session.events);
  for (const pcm of audio) session.write(pcm);
  session.end();
  return events;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** End of the last 20 ms frame louder than -45 dBFS: where the speech in a clip really stops. */
function lastLoudMs(pcm: Int16Array): number {
  let end = 0;
  let at = 0;
  for (const frame of chunkPcm(pcm)) { at += frame.length; if (dbfs(frame) > -45) end = at; }
  return msForSamples(end);
}

describe('PocketsphinxStt (Debian pocketsphinx, flite speech)', function () {
  this.timeout(90_000);
  let speech: Int16Array[] = [];
  let latencyClip: Int16Array = new Int16Array(0);

  before(function () {
    if (!hasBinary('pocketsphinx_continuous') || !hasBinary('flite')) {
      throw new Error('needs Debian pocketsphinx, pocketsphinx-en-us and flite (scripts/test-tools.sh installs them)');
    }
    speech = SENTENCES.map((s) => fliteSpeech(s));
    latencyClip = fliteSpeech(LATENCY_SENTENCE);
  });

  it('test sentences are not in the domain corpus (the model must generalise, not recite)', () => {
    const corpus = new Set(INTERVIEW_CORPUS.map((s) => spokenWords(s).join(' ')));
    for (const s of [...SENTENCES, LATENCY_SENTENCE]) assert.equal(corpus.has(spokenWords(s).join(' ')), false, s);
  });

  it('the domain model lowers word error rate and gets the key words', async () => {
    const pause = new Int16Array(samplesForMs(600));
    const audio = speech.flatMap((s) => [s, pause]);
    const reference = SENTENCES.flatMap(spokenWords);
    // Both decoders at once: two cores, and the generic model is the slow one.
    const started = Date.now();
    const [generic, domain] = await Promise.all([
      transcribe(new PocketsphinxStt({ domainModel: false }).start(OPTIONS), audio),
      transcribe(new PocketsphinxStt().start(OPTIONS), audio),
    ]);
    const werGeneric = wordErrorRate(reference, generic.flatMap((e) => spokenWords(e.text)));
    const werDomain = wordErrorRate(reference, domain.flatMap((e) => spokenWords(e.text)));
    console.log(`      [pocketsphinx] WER on ${reference.length} words of flite rms speech: generic model ${(werGeneric * 100).toFixed(1)}%, `
      + `domain model ${(werDomain * 100).toFixed(1)}% (both decoded in ${Date.now() - started} ms)`);
    console.log(`      [pocketsphinx] generic: ${generic.map((e) => e.text).join(' | ')}`);
    console.log(`      [pocketsphinx] domain:  ${domain.map((e) => e.text).join(' | ')}`);
    assert.ok(werDomain < werGeneric, 'the domain model must help');
    assert.ok(werDomain <= 0.25, `domain WER ${werDomain}`);
    const heard = new Set(domain.flatMap((e) => spokenWords(e.text)));
    for (const word of ['hash', 'map', 'complexity', 'pointers', 'array', 'empty']) assert.ok(heard.has(word), `missing "${word}"`);
    for (const e of domain) {
      assert.equal(e.kind, 'final');
      assert.ok(e.startMs !== undefined && e.endMs !== undefined && e.endMs > e.startMs, 'utterances carry their position');
    }
    assert.ok(domain.every((e, i) => i === 0 || e.startMs! >= domain[i - 1].endMs!), 'in order');
  });

  it('streams: a final arrives soon after speech ends, fed in real time', async () => {
    const session = new PocketsphinxStt().start(OPTIONS);
    const clip = latencyClip;
    const audio = concatPcm([clip, new Int16Array(samplesForMs(2500))]);
    const speechEndMs = lastLoudMs(clip);
    let final: { e: TranscriptEvent; at: number } | null = null;
    const events = (async () => { for await (const e of session.events) final ??= { e, at: Date.now() }; })();
    const startedAt = Date.now();
    let sent = 0;
    for (const chunk of chunkPcm(audio, samplesForMs(100))) {
      if (final) break;
      session.write(chunk);
      sent += chunk.length;
      // Keep to real time, so the latency is the engine's, not a backlog's.
      const ahead = msForSamples(sent) - (Date.now() - startedAt);
      if (ahead > 0) await sleep(ahead);
    }
    session.close();
    await events;
    assert.ok(final, 'a final before the stream ended');
    const { e, at } = final as { e: TranscriptEvent; at: number };
    const latency = at - startedAt - speechEndMs;
    console.log(`      [pocketsphinx] final ${Math.round(latency)} ms after the last speech sample: "${e.text}"`);
    assert.ok(latency > 0 && latency < 2500, `latency ${latency}`);
    assert.match(e.text, /target/);
  });

  it('refuses languages it has no model for', () => {
    assert.throws(() => new PocketsphinxStt().start({ ...OPTIONS, language: 'de-DE' }), /English/);
  });

  it('close stops the decoder at once and ends the events', async () => {
    const session = new PocketsphinxStt().start(OPTIONS);
    session.write(speech[0]);
    session.close();
    assert.deepEqual(await collect(session.events), []);
  });
});
