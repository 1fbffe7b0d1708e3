import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { concatPcm, dbfs, msForSamples } from '../../../backend/src/pipeline/audio';
import { FallbackTextToSpeech } from '../../../backend/src/providers/fallback';
import { EspeakTts } from '../../../backend/src/providers/local/espeakTts';
import type { TextToSpeech } from '../../../backend/src/providers/types';
import { zeroCrossings } from '../pipeline/fixtures/signals';
import { hasBinary } from './support/speech';
import { ttsConformance } from './support/ttsConformance';

/** Names of this process's child processes. */
const children = () => execFileSync('ps', ['--ppid', String(process.pid), '-o', 'comm='], { encoding: 'utf8' }).split('\n').filter(Boolean);

describe('EspeakTts (Debian espeak-ng)', () => {
  before(function () {
    if (!hasBinary('espeak-ng')) throw new Error('needs Debian espeak-ng (scripts/test-tools.sh installs it)');
  });

  it('streams 16 kHz speech of plausible duration for a sentence, first audio quickly', async () => {
    const sentence = 'The time complexity of this solution is linear in the size of the input.'; // 14 words
    const started = Date.now();
    let firstAudioMs = 0;
    const chunks: Int16Array[] = [];
    for await (const pcm of new EspeakTts().synthesize(sentence, { signal: new AbortController().signal })) {
      firstAudioMs ||= Date.now() - started;
      chunks.push(pcm);
    }
    const audio = concatPcm(chunks);
    const seconds = msForSamples(audio.length) / 1000;
    console.log(`      [espeak-ng] first audio after ${firstAudioMs} ms, ${seconds.toFixed(2)} s of speech in ${chunks.length} chunks, done in ${Date.now() - started} ms`);
    // 14 words at 165 words per minute is about 5 s.
    assert.ok(seconds > 3 && seconds < 8, `${seconds} s`);
    assert.ok(chunks.length > 1, 'delivered as it was produced, not in one piece');
    assert.ok(firstAudioMs < 1500, `first audio after ${firstAudioMs} ms`);
    assert.ok(dbfs(audio) > -30);
    // Voiced speech, resampled without aliasing hiss: far fewer zero crossings than noise would have.
    assert.ok(zeroCrossings(audio) / seconds < 4000);
  });

  it('kills espeak-ng when aborted', async () => {
    const turn = new AbortController();
    const text = 'One two three four five six seven eight nine ten. '.repeat(30);
    for await (const _ of new EspeakTts().synthesize(text, { signal: turn.signal })) {
      assert.ok(children().includes('espeak-ng'), 'running while it speaks');
      turn.abort();
    }
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(children().includes('espeak-ng'), false);
  });

  it('reports a missing binary as an error', async () => {
    const tts = new EspeakTts({ binary: 'mocktalk-no-such-espeak' });
    await assert.rejects(async () => { for await (const _ of tts.synthesize('Hi.', { signal: new AbortController().signal })); }, /ENOENT/);
  });
});

ttsConformance('espeak-ng', () => new EspeakTts());

/** A provider that is down, ahead of espeak in a chain: the chain must still conform. */
const down: TextToSpeech = {
  name: 'down',
  capabilities: { streaming: true },
  synthesize: async function* () { yield* []; throw new Error('down'); },
};
ttsConformance('fallback(down, espeak-ng)', () => new FallbackTextToSpeech([down, new EspeakTts()], {
  firstChunkMs: 2000, stallMs: 2000, onFailure: () => undefined,
}));
