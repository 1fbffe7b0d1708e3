// What every TextToSpeech must do, whoever implements it: registered as a mocha suite per provider.
import assert from 'node:assert/strict';
import { concatPcm, dbfs, msForSamples } from '../../../../backend/src/pipeline/audio';
import type { TextToSpeech } from '../../../../backend/src/providers/types';

const LONG_TEXT = Array.from({ length: 40 }, (_, i) => `This is sentence number ${i + 1} of a long reply.`).join(' ');

export interface ConformanceOptions {
  /** A reason to skip the suite (e.g. no key for the real vendor), or null to run it. */
  skipReason?: () => string | null;
}

export function ttsConformance(label: string, make: () => TextToSpeech, options: ConformanceOptions = {}): void {
  describe(`TextToSpeech conformance: ${label}`, () => {
    before(function () {
      const reason = options.skipReason?.();
      if (reason) { console.log(`      (skipped: ${reason})`); this.skip(); }
    });

    it('speaks a sentence as audible 16 kHz chunks', async () => {
      const chunks: Int16Array[] = [];
      for await (const pcm of make().synthesize('Walk me through your approach.', { signal: new AbortController().signal })) {
        assert.ok(pcm instanceof Int16Array && pcm.length > 0);
        chunks.push(pcm);
      }
      const audio = concatPcm(chunks);
      assert.ok(msForSamples(audio.length) > 500, `${msForSamples(audio.length)} ms`);
      assert.ok(dbfs(audio) > -40, 'not silence');
    });

    it('yields nothing for blank text or an already aborted turn', async () => {
      const aborted = new AbortController();
      aborted.abort();
      for await (const _ of make().synthesize('Hello there.', { signal: aborted.signal })) assert.fail('audio after abort');
      for await (const _ of make().synthesize('   ', { signal: new AbortController().signal })) assert.fail('audio for nothing');
    });

    it('stops promptly, without error, when the turn is aborted mid-speech', async () => {
      const turn = new AbortController();
      let samples = 0;
      let abortedAt = 0;
      for await (const pcm of make().synthesize(LONG_TEXT, { signal: turn.signal })) {
        samples += pcm.length;
        if (!abortedAt) { abortedAt = Date.now(); turn.abort(); }
      }
      assert.ok(Date.now() - abortedAt < 1000, `took ${Date.now() - abortedAt} ms to stop`);
      assert.ok(msForSamples(samples) < 60_000, 'did not speak the whole reply');
    });
  });
}
