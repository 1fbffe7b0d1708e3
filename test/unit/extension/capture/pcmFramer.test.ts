import { strict as assert } from 'node:assert';
import { FRAME_SAMPLES, levelDbfs, PcmFramer, type TimedSamples } from '../../../../extension/src/capture/pcmFramer';

const bytesOf = (samples: Int16Array) => new Uint8Array(samples.buffer.slice(0));
const ramp = (n: number) => Int16Array.from({ length: n }, (_, i) => ((i * 37) % 65536) - 32768);

describe('recorder PCM framer', () => {
  it('cuts any chunking, odd byte counts included, into the same exact 320-sample frames', () => {
    const source = ramp(FRAME_SAMPLES * 7 + 100);
    const bytes = bytesOf(source);
    for (const sizes of [[bytes.length], [1], [3, 641, 7], [639, 1, 1, 2], [320 * 2 - 1]]) {
      const framer = new PcmFramer();
      const frames: TimedSamples[] = [];
      let at = 0;
      for (let i = 0; at < bytes.length; i++) {
        const size = sizes[i % sizes.length]!;
        frames.push(...framer.push(bytes.subarray(at, at + size), 1_000_000));
        at += size;
      }
      assert.equal(frames.length, 7, `chunks of ${sizes.join(',')}`);
      assert.ok(frames.every((f) => f.samples.length === FRAME_SAMPLES));
      const joined = frames.flatMap((f) => [...f.samples]);
      assert.deepEqual(joined, [...source.subarray(0, FRAME_SAMPLES * 7)]);
      assert.equal(framer.samplesRead, source.length);
    }
  });

  it('dates frames by the sample clock from the first chunk, not by when chunks arrive', () => {
    const framer = new PcmFramer();
    const bytes = bytesOf(ramp(FRAME_SAMPLES * 10));
    // The first 40 ms arrive at t=1040: they started at 1000. Later chunks arrive late and bunched.
    const first = framer.push(bytes.subarray(0, 1280), 1040);
    const rest = framer.push(bytes.subarray(1280), 5000);
    const ts = [...first, ...rest].map((f) => f.captureTs);
    assert.deepEqual(ts, Array.from({ length: 10 }, (_, i) => 1000 + i * 20));
  });

  it('measures level in dBFS', () => {
    assert.equal(levelDbfs(new Int16Array(320)), -100);
    assert.ok(Math.abs(levelDbfs(new Int16Array(320).fill(16384)) - -6.02) < 0.01);
  });
});
