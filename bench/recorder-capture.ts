// Benchmark: the extension host's recorder capture path (extension/src/capture/). Prints the cost of cutting a
// recorder's byte stream into 20 ms frames (60 s of audio in irregular, odd-sized chunks), and, through the real
// spawn path with the stand-in recorder (test/fixtures/fakeRecorder.mjs at real-time pace, a flite sentence after
// quiet noise): time from start() to the first frame, and each frame's lag from the end of its 20 ms of capture to
// its onFrame (what the recorder's pipe and the host add before the socket). Run: npm run bench:recorder [-- seconds]
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PcmFramer } from '../extension/src/capture/pcmFramer';
import { RecorderCapture } from '../extension/src/capture/recorderCapture';
import { fakeRecorder, SpeechFiles } from '../test/integration/extension/recorderSupport';

const [seconds = 10] = process.argv.slice(2).map(Number);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const stats = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { p50: +percentile(s, 50).toFixed(2), p95: +percentile(s, 95).toFixed(2), max: +s[s.length - 1]!.toFixed(2) };
};

function framerCost(): { usPerFrame: number; frames: number } {
  const bytes = new Uint8Array(16_000 * 2 * 60);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131) & 0xff;
  let best = Infinity;
  let frames = 0;
  for (let round = 0; round < 5; round++) {
    const framer = new PcmFramer();
    let at = 0;
    let size = 7;
    frames = 0;
    const started = performance.now();
    while (at < bytes.length) {
      size = (size * 48271) % 2147483647;
      const take = 101 + (size % 4000);
      frames += framer.push(bytes.subarray(at, at + take), 0).length;
      at += take;
    }
    best = Math.min(best, performance.now() - started);
  }
  return { usPerFrame: +((best * 1000) / frames).toFixed(2), frames };
}

async function liveRun(speech: SpeechFiles): Promise<{ firstFrameMs: number; lag: ReturnType<typeof stats>; frames: number }> {
  const { file } = speech.wav('can the array contain negative numbers');
  const mic = new RecorderCapture({ recorderCommand: fakeRecorder('--lead-ms', '300', file, '--then-noise') });
  const lags: number[] = [];
  let firstAt = 0;
  mic.onFrame.on((frame) => {
    const now = Date.now();
    firstAt ||= now;
    lags.push(now - (frame.captureTs + 20));
  });
  const started = Date.now();
  const status = await mic.start();
  if (status.state !== 'listening') throw new Error(`the recorder did not start: ${JSON.stringify(status)}`);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  mic.dispose();
  return { firstFrameMs: firstAt - started, lag: stats(lags), frames: lags.length };
}

async function main(): Promise<void> {
  console.log(`load average before the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const framer = framerCost();
  console.log(`framing: ${framer.usPerFrame} µs per 20 ms frame (${framer.frames} frames from 60 s of audio in 101–4,100-byte chunks)`);
  const speech = new SpeechFiles();
  try {
    const live = await liveRun(speech);
    console.log(`stand-in recorder, ${seconds} s at real time: start() → first frame ${live.firstFrameMs} ms (includes spawning node); `
      + `end of capture → onFrame p50 ${live.lag.p50} ms, p95 ${live.lag.p95} ms, max ${live.lag.max} ms over ${live.frames} frames`);
    console.log(JSON.stringify({ framing_us_per_frame: framer.usPerFrame, first_frame_ms: live.firstFrameMs, frame_lag_ms: live.lag, frames: live.frames, load_average: loadavg()[0] }));
  } finally {
    speech.remove();
  }
}

void main();
