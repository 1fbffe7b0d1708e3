// What every SpeechToText must do, whoever implements it: registered as a mocha suite per provider
// (the local engine, each cloud engine against its fake, and against the real vendor when a key is set).
import assert from 'node:assert/strict';
import { chunkPcm, msForSamples } from '../../../../backend/src/pipeline/audio';
import type { SpeechToText, SttSession, TranscriptEvent } from '../../../../backend/src/providers/types';
import type { ConformanceOptions } from './ttsConformance';

export interface SttClip {
  /** 16 kHz mono speech; made lazily, so a skipped suite synthesizes nothing. */
  audio: () => Int16Array;
  /** Words a correct transcript contains (lower case). */
  words: readonly string[];
  phrases?: string[];
}

/** Longest wait for a session to finish after end() or close(); a hung engine must fail, not hang the run. */
const FINISH_MS = 15_000;

const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter(Boolean);

/** All events of a session, failing if they do not end within `ms`. */
export async function eventsWithin(session: SttSession, ms: number): Promise<TranscriptEvent[]> {
  const out: TranscriptEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  const collecting = (async () => { for await (const e of session.events) out.push(e); })();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`events did not end within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([collecting, timeout]);
    return out;
  } finally {
    clearTimeout(timer);
  }
}

export function sttConformance(label: string, make: () => SpeechToText, clip: SttClip, options: ConformanceOptions = {}): void {
  describe(`SpeechToText conformance: ${label}`, function () {
    this.timeout(FINISH_MS + 10_000);
    let audio: Int16Array = new Int16Array(0);
    before(function () {
      const reason = options.skipReason?.();
      if (reason) { console.log(`      (skipped: ${reason})`); this.skip(); }
      audio = clip.audio();
    });
    const start = (stt: SpeechToText) => stt.start({ sampleRate: 16_000, language: 'en-US', phrases: clip.phrases });

    it('transcribes speech into finals with the spoken words, and ends after end()', async () => {
      const stt = make();
      const session = start(stt);
      const events = eventsWithin(session, FINISH_MS);
      for (const frame of chunkPcm(audio)) session.write(frame);
      session.end();
      const got = await events;
      const finals = got.filter((e) => e.kind === 'final');
      const heard = new Set(finals.flatMap((e) => words(e.text)));
      for (const word of clip.words) assert.ok(heard.has(word), `"${word}" missing from ${JSON.stringify(finals.map((e) => e.text))}`);
      const firstFinal = got.findIndex((e) => e.kind === 'final');
      if (stt.capabilities.interimResults) {
        assert.ok(got.slice(0, firstFinal).some((e) => e.kind === 'partial'), 'declares interim results: a partial comes before the final');
      } else {
        assert.equal(got.some((e) => e.kind === 'partial'), false, 'declares no interim results, yet sent a partial');
      }
      const clipMs = msForSamples(audio.length);
      for (const e of finals) {
        if (e.startMs === undefined || e.endMs === undefined) continue;
        assert.ok(e.startMs >= 0 && e.startMs <= e.endMs && e.endMs <= clipMs + 500, `span ${e.startMs}..${e.endMs} in ${clipMs} ms of audio`);
      }
    });

    it('ends cleanly, with no transcript, when ended without audio', async () => {
      const session = start(make());
      const events = eventsWithin(session, FINISH_MS);
      session.end();
      assert.deepEqual((await events).filter((e) => e.kind === 'final'), []);
    });

    it('close() ends the events promptly and without error, mid-speech', async () => {
      const session = start(make());
      const events = eventsWithin(session, FINISH_MS);
      for (const frame of chunkPcm(audio.subarray(0, audio.length >> 1))) session.write(frame);
      const closedAt = Date.now();
      session.close();
      await events;
      assert.ok(Date.now() - closedAt < 1000, `took ${Date.now() - closedAt} ms to close`);
      session.write(audio.subarray(0, 320)); // writes after close are ignored, not thrown
    });
  });
}
