import assert from 'node:assert/strict';
import { chunkPcm, concatPcm, msForSamples, resample } from '../../../backend/src/pipeline/audio';
import { SegmentingSpeechToText } from '../../../backend/src/providers/segmentingStt';
import type { BatchSpeechToText } from '../../../backend/src/providers/types';
import { collect, noise, speechLike } from '../pipeline/fixtures/signals';

/** "Transcribes" an utterance as its length, after a short delay; records the signals it was given. */
class LengthBatch implements BatchSpeechToText {
  readonly name = 'length';
  readonly signals: AbortSignal[] = [];
  constructor(private readonly fail = false) {}
  async transcribe(pcm: Int16Array, { signal }: { signal: AbortSignal }): Promise<string> {
    this.signals.push(signal);
    await new Promise((r) => setTimeout(r, 5));
    if (this.fail) throw new Error('batch engine failed');
    return `${Math.round(msForSamples(pcm.length))} ms`;
  }
}

const TWO_UTTERANCES = concatPcm([noise(500, 30, 1), speechLike(800), noise(600, 30, 2), speechLike(1000), noise(800, 30, 3)]);
const OPTIONS = { sampleRate: 16_000, language: 'en-US' };

function feed(stt: SegmentingSpeechToText, audio: Int16Array, sampleRate = 16_000) {
  const session = stt.start({ ...OPTIONS, sampleRate });
  for (const piece of chunkPcm(audio, 1234)) session.write(piece); // sizes unrelated to VAD frames
  session.end();
  return collect(session.events);
}

describe('SegmentingSpeechToText (batch engine behind a VAD)', () => {
  it('cuts speech into utterances and transcribes each, with its position, in order', async () => {
    const events = await feed(new SegmentingSpeechToText(new LengthBatch()), TWO_UTTERANCES);
    assert.equal(events.length, 2);
    assert.ok(events.every((e) => e.kind === 'final'));
    const [a, b] = events;
    // Each segment: 200 ms of pre-roll, the speech, and the 300 ms hangover.
    assert.ok(Math.abs(a.startMs! - 300) <= 60 && Math.abs(a.endMs! - 1600) <= 80, JSON.stringify(a));
    assert.ok(Math.abs(b.startMs! - 1700) <= 60 && Math.abs(b.endMs! - 3200) <= 80, JSON.stringify(b));
    assert.equal(a.text, `${a.endMs! - a.startMs!} ms`);
  });

  it('resamples other capture rates to 16 kHz first', async () => {
    const events = await feed(new SegmentingSpeechToText(new LengthBatch()), resample(TWO_UTTERANCES, 16_000, 44_100), 44_100);
    assert.equal(events.length, 2);
  });

  it('cuts an endless utterance at maxSegmentMs', async () => {
    const events = await feed(new SegmentingSpeechToText(new LengthBatch(), { maxSegmentMs: 1000 }),
      concatPcm([noise(300, 30), speechLike(3500), noise(600, 30)]));
    assert.ok(events.length >= 3, JSON.stringify(events));
    assert.ok(events.slice(0, -1).every((e) => e.endMs! - e.startMs! <= 1020));
  });

  it('fails the session when the engine fails', async () => {
    await assert.rejects(feed(new SegmentingSpeechToText(new LengthBatch(true)), TWO_UTTERANCES), /batch engine failed/);
  });

  it('close aborts a transcription in flight', async () => {
    const batch = new LengthBatch();
    const session = new SegmentingSpeechToText(batch).start(OPTIONS);
    session.write(concatPcm([noise(300, 30), speechLike(600), noise(500, 30)]));
    session.close();
    assert.deepEqual(await collect(session.events), []);
    await new Promise((r) => setTimeout(r, 20));
    assert.ok(batch.signals.every((s) => s.aborted));
  });
});
