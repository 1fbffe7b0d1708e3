/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeCandidateAudio, encodeCandidateAudio } from '../../protocol/src/audio';
import {
  HostAudioPlayMessage, WebviewMicDidChangeMessage, WebviewAudioFrameMessage, base64ToPcm16, pcm16ToBase64,
} from '../../protocol/src/webviewAudio';
import { dbfs as backendDbfs } from '../../backend/src/pipeline/audio';
import { Resampler, dbfs } from '../../webview/src/audio/dsp';
import { openAudioPage, startAudioHarness, type AudioHarness, type AudioPage } from './audioHarness';
import type { CapturedFrame } from './audioPage';
import {
  SEGMENTS, SOURCE_RATE, align, blockCorrelations, byFrame, concatFrames, referenceAt16k, segmentDbfs, testSignal, toPcm16, writeWav,
} from './audioSignals';
import { RESULTS_DIR } from './harness';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('webview audio: protocol and DSP', () => {
  it('round-trips PCM16 through base64 exactly as Node encodes it, and validates frame sizes', () => {
    const pcm = Int16Array.from({ length: 320 }, (_, i) => Math.round(32767 * Math.sin(i / 7)) - (i % 3));
    const b64 = pcm16ToBase64(pcm);
    assert.equal(b64, Buffer.from(pcm.buffer).toString('base64'));
    assert.deepEqual(base64ToPcm16(b64), pcm);
    assert.ok(WebviewAudioFrameMessage.safeParse({ type: 'audio/frame', seq: 3, captureTs: Date.now(), pcm: b64 }).success);
    const tooShort = pcm16ToBase64(pcm.subarray(0, 100));
    assert.ok(!WebviewAudioFrameMessage.safeParse({ type: 'audio/frame', seq: 3, captureTs: 1, pcm: tooShort }).success);
    assert.ok(!HostAudioPlayMessage.safeParse({ type: 'audio/play', turnId: 't', seq: 0, pcm: 'AAAA' }).success, '3 bytes is not whole samples');
    assert.ok(HostAudioPlayMessage.safeParse({ type: 'audio/play', turnId: 't', seq: 0, pcm: 'AAA=' }).success);
  });

  it('accepts a mic status only when error and state agree', () => {
    const ok = { type: 'mic/didChange', state: 'error', mode: 'open', sending: false, error: { kind: 'no-device', message: 'x' } };
    assert.ok(WebviewMicDidChangeMessage.safeParse(ok).success);
    assert.ok(!WebviewMicDidChangeMessage.safeParse({ ...ok, error: undefined }).success);
    assert.ok(!WebviewMicDidChangeMessage.safeParse({ ...ok, state: 'muted' }).success);
    assert.ok(!WebviewMicDidChangeMessage.safeParse({ type: 'mic/didChange', state: 'muted', mode: 'open', sending: true }).success);
  });

  for (const rate of [44_100, 48_000]) {
    it(`resamples ${rate / 1000} kHz to 16 kHz flat to 5 kHz and removes what would alias`, () => {
      const levelAt = (hz: number): number => {
        const r = new Resampler(rate);
        const out: number[] = [];
        const input = Float32Array.from({ length: rate }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));
        for (let i = 0; i < input.length; i += 128) r.push(input.subarray(i, i + 128), (s) => out.push(s));
        assert.ok(Math.abs(out.length - 16_000) <= 16, `${out.length} samples for one second`);
        return dbfs(Int16Array.from(out.slice(1000, 15000), (s) => Math.round(s * 32767)));
      };
      for (const hz of [300, 1000, 3000, 5000]) assert.ok(Math.abs(levelAt(hz) - -9.03) < 0.2, `${hz} Hz at ${levelAt(hz).toFixed(2)} dBFS`);
      for (const hz of [10_000, 12_000, 15_000]) assert.ok(levelAt(hz) < -70, `${hz} Hz leaks at ${levelAt(hz).toFixed(1)} dBFS`);
    });
  }
});

describe('webview audio: capture, playback and controls in Chromium', function () {
  this.timeout(60_000);
  let harness: AudioHarness;
  let view: AudioPage | undefined;
  let tmp: string;
  const reference = referenceAt16k();

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'mocktalk-audio-'));
    const wav = path.join(tmp, 'mic.wav');
    await writeWav(wav, toPcm16(testSignal()), SOURCE_RATE);
    harness = await startAudioHarness(wav);
    await mkdir(RESULTS_DIR, { recursive: true });
  });
  after(async () => {
    await harness?.close();
    await rm(tmp, { recursive: true, force: true });
  });
  afterEach(async () => {
    await view?.close();
    view = undefined;
  });

  async function captureAll(contextRate: number | null): Promise<CapturedFrame[]> {
    view = await openAudioPage(harness);
    await view.page.evaluate((rate) => window.audioTest.mountMic({ contextRate: rate }), contextRate);
    const status = await view.page.evaluate(() => window.audioTest.startMic());
    assert.deepEqual(status, { state: 'listening', mode: 'open', sending: true });
    assert.equal(await view.page.evaluate(() => window.audioTest.contextRate()), contextRate);
    await sleep((SEGMENTS.tone[1] + 0.5) * 1000);
    return view.page.evaluate(() => window.audioTest.takeFrames());
  }

  for (const rate of [16_000, 44_100, 48_000]) {
    it(`captures 20 ms frames of 320 samples that match the source, with the context at ${rate / 1000} kHz`, async () => {
      const frames = await captureAll(rate);
      assert.ok(frames.length >= 100, `${frames.length} frames`);
      frames.forEach((f, i) => {
        assert.equal(f.samples.length, 320);
        assert.equal(f.seq, i);
        const decoded = decodeCandidateAudio(encodeCandidateAudio({ seq: f.seq, captureTs: f.captureTs, samples: Int16Array.from(f.samples) }));
        assert.ok(decoded.ok);
      });
      const steps = frames.slice(1).map((f, i) => f.captureTs - frames[i]!.captureTs);
      assert.ok(steps.every((ms) => Math.abs(ms - 20) < 0.01), `captureTs steps ${Math.min(...steps)}–${Math.max(...steps)} ms`);
      assert.ok(Math.abs(frames[0]!.captureTs - Date.now()) < 10_000, 'captureTs is epoch milliseconds');

      const captured = concatFrames(frames);
      const { correlation, offset } = align(captured, reference);
      // Per 200 ms block of voice: nearly identical waveforms, allowing blocks spoilt by glitches under load.
      const blocks = blockCorrelations(captured, reference, offset);
      const median = [...blocks].sort((x, y) => x - y)[Math.floor(blocks.length / 2)] ?? 0;
      const report = `block correlations ${blocks.map((r) => r.toFixed(3)).join(' ')} (whole capture ${correlation.toFixed(3)})`;
      assert.ok(median > 0.98 && blocks.filter((r) => r > 0.98).length >= 4, report);
      const tone = segmentDbfs(captured, offset, SEGMENTS.tone);
      assert.ok(Math.abs(tone - backendDbfs(reference.subarray(32_400, 36_400))) < 1, `1 kHz tone at ${tone.toFixed(1)} dBFS`);
      const ultrasonic = segmentDbfs(captured, offset, SEGMENTS.ultrasonic);
      assert.ok(ultrasonic < -50, `12 kHz folds back at ${ultrasonic.toFixed(1)} dBFS`);
      const levels = await view!.page.evaluate(() => window.audioTest.levels());
      assert.ok(Math.max(...levels) > -12 && Math.min(...levels) < -60, 'the level follows the signal');
      assert.deepEqual(await view!.problems(), []);
    });
  }

  it('sends frames in push-to-talk only while the button is held (Space), with seq continuing', async () => {
    view = await openAudioPage(harness);
    const { page } = view;
    await page.evaluate(() => window.audioTest.mountMic({ mode: 'push-to-talk' }));
    await page.evaluate(() => window.audioTest.startMic());
    const hold = page.locator('.mic-controls__hold');
    await sleep(300);
    assert.equal((await page.evaluate(() => window.audioTest.takeFrames())).length, 0, 'nothing before the hold');
    assert.equal(await page.locator('.mic-controls__state').textContent(), 'Hold to talk');

    await hold.focus();
    const pressedAt = Date.now();
    await page.keyboard.down('Space');
    assert.equal(await hold.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('.mic-controls__state').textContent(), 'Talking');
    await sleep(500);
    await page.keyboard.up('Space');
    const heldMs = Date.now() - pressedAt; // an upper bound: it includes the round trips to the page
    assert.equal(await hold.getAttribute('aria-pressed'), 'false');
    const held = await page.evaluate(() => window.audioTest.takeFrames());
    assert.ok(held.length >= 22 && held.length <= heldMs / 20 + 3, `${held.length} frames while held for ≤ ${heldMs} ms`);
    assert.deepEqual(held.map((f) => f.seq), held.map((_, i) => i));

    await sleep(300);
    assert.equal((await page.evaluate(() => window.audioTest.takeFrames())).length, 0, 'nothing after the release');
    // The pointer works too, and seq carries on rather than restarting.
    await hold.hover();
    await page.mouse.down();
    await sleep(200);
    await page.mouse.up();
    const second = await page.evaluate(() => window.audioTest.takeFrames());
    assert.ok(second.length >= 5, `${second.length} frames while the pointer held`);
    assert.equal(second[0]!.seq, held.length);
    const sends = (await page.evaluate(() => window.audioTest.statuses())).map((s) => s.sending);
    assert.deepEqual(sends, [false, true, false, true, false]);

    await page.locator('vscode-radio[value="open"]').click();
    assert.deepEqual((await page.evaluate(() => window.audioTest.statuses())).at(-1), { state: 'listening', mode: 'open', sending: true });
    assert.ok(await hold.isHidden(), 'no hold button in open mic');
    assert.deepEqual(await view.problems(), []);
  });

  it('mutes: no frames, a silent level and aria-pressed on Mute', async () => {
    view = await openAudioPage(harness);
    const { page } = view;
    await page.evaluate(() => window.audioTest.mountMic());
    await page.evaluate(() => window.audioTest.startMic());
    await sleep(300);
    const mute = page.locator('.mic-controls__mute');
    await mute.click();
    assert.equal(await mute.getAttribute('aria-pressed'), 'true');
    await page.evaluate(() => window.audioTest.takeFrames());
    await sleep(300);
    assert.equal((await page.evaluate(() => window.audioTest.takeFrames())).length, 0);
    const levels = await page.evaluate(() => window.audioTest.levels());
    assert.ok(levels.slice(-5).every((l) => l === -100), 'the level is silence while muted');
    assert.equal(await page.locator('.level-meter').getAttribute('aria-valuetext'), 'silent');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'mic-controls-muted.png') });
    await mute.click();
    assert.equal(await mute.getAttribute('aria-pressed'), 'false');
    await sleep(200);
    assert.ok((await page.evaluate(() => window.audioTest.takeFrames())).length > 0, 'frames again after unmuting');
  });

  it('renders the controls while talking and the interviewer speaking, without CSP violations (screenshot)', async () => {
    view = await openAudioPage(harness);
    const { page } = view;
    await page.evaluate(() => window.audioTest.mountMic({ mode: 'push-to-talk' }));
    await page.evaluate(() => window.audioTest.startMic());
    await page.evaluate(() => window.audioTest.mountPlayer());
    await page.evaluate(() => window.audioTest.playTone('turn-3', 100, 320));
    await page.waitForSelector('.speaking-indicator[data-speaking="true"]');
    await page.locator('.mic-controls__hold').focus();
    await page.keyboard.down('Space');
    assert.equal(await page.locator('.mic-controls__state').textContent(), 'Talking');
    // A syllable of the test signal (between them the meter reads "silent").
    await page.waitForSelector('.level-meter[aria-valuetext$=" dB"]');
    await page.locator('main.audio-test').screenshot({ path: path.join(RESULTS_DIR, 'mic-controls.png') });
    await page.keyboard.up('Space');
    assert.deepEqual(await view.problems(), []);
  });

  it('shows a denied microphone as a typed error in the alert region, with Try again', async () => {
    view = await openAudioPage(harness, { microphone: false });
    const { page } = view;
    await page.evaluate(() => window.audioTest.mountMic());
    await page.locator('.mic-controls__start').click();
    await page.waitForSelector('.mic-controls[data-state="error"]');
    const statuses = await page.evaluate(() => window.audioTest.statuses());
    assert.equal(statuses.at(-1)?.error?.kind, 'permission-denied');
    assert.match(statuses.at(-1)?.error?.message ?? '', /NotAllowedError/);
    const alert = page.locator('.mic-controls [role="alert"]');
    assert.match(await alert.textContent() ?? '', /Microphone access was denied/);
    assert.ok(await alert.isVisible());
    assert.equal(await page.locator('.mic-controls__start').textContent(), 'Try again');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'mic-controls-denied.png') });
  });

  it('reports a device lost mid-session (track ended) as device-lost and releases the mic', async () => {
    view = await openAudioPage(harness);
    const { page } = view;
    await page.evaluate(() => window.audioTest.mountMic());
    await page.evaluate(() => window.audioTest.startMic());
    await page.evaluate(() => window.audioTest.loseDevice());
    await page.waitForSelector('.mic-controls[data-state="error"]');
    assert.equal((await page.evaluate(() => window.audioTest.statuses())).at(-1)?.error?.kind, 'device-lost');
    assert.equal(await page.evaluate(() => window.audioTest.contextRate()), null);
    assert.match(await page.locator('.mic-controls [role="alert"]').textContent() ?? '', /disconnected/);
  });

  it('fails with a typed error naming the CSP when script-src does not allow the worklet (a nonce-only CSP, as the webview had before the worklet)', async () => {
    view = await openAudioPage(harness, { csp: 'current' });
    await view.page.evaluate(() => window.audioTest.mountMic());
    const status = await view.page.evaluate(() => window.audioTest.startMic());
    assert.equal(status.error?.kind, 'unsupported');
    assert.match(status.error?.message ?? '', /CSP's script-src/);
    assert.equal(await view.page.evaluate(() => window.audioTest.contextRate()), null, 'nothing is left running');
  });

  it('plays queued chunks back to back on one timeline, announces started/stopped and drives the speaking indicator', async () => {
    view = await openAudioPage(harness);
    const { page } = view;
    assert.equal(await page.evaluate(() => window.audioTest.mountPlayer({ jitterMs: 60 })), 16_000);
    const { queuedAt, scheduled } = await page.evaluate(() => window.audioTest.playTone('turn-1', 50, 320));
    assert.equal(scheduled.length, 50);
    assert.ok(scheduled[0]!.start >= queuedAt + 0.059, 'the first chunk waits for the jitter buffer');
    scheduled.slice(1).forEach((c, i) => assert.ok(Math.abs(c.start - scheduled[i]!.end) < 1e-9, `gap before chunk ${i + 1}`));
    await page.waitForSelector('.speaking-indicator[data-speaking="true"]');
    await page.waitForFunction(() => window.audioTest.playback().length === 2, undefined, { timeout: 5000 });
    const [started, stopped] = await page.evaluate(() => window.audioTest.playback());
    assert.deepEqual([started?.state, stopped?.state, started?.turnId], ['started', 'stopped', 'turn-1']);
    assert.ok(Math.abs(stopped!.ts - started!.ts - 1000) < 30, `played ${stopped!.ts - started!.ts} ms of 1000`);
    assert.equal(await page.locator('.speaking-indicator').getAttribute('data-speaking'), 'false');
    assert.deepEqual(await page.evaluate(() => window.audioTest.speaking()), [true, false]);

    // What reached the output, frame by frame against the schedule: the chunks' samples exactly, none missing or
    // doubled. On a loaded machine Chromium's audio thread can miss a render quantum (absent from the recording) or
    // get a start() late, and every chunk after that runs off the schedule; so the check runs up to the first
    // such glitch and needs at least a quarter of the turn (a dozen chunk boundaries) before it.
    const output = byFrame(await page.evaluate(() => window.audioTest.recording()));
    const first = Math.round(scheduled[0]!.start * 16_000);
    const expectedAt = (i: number): number => Math.round(16_000 * Math.cos((2 * Math.PI * 440 * i) / 16_000)) / 32768;
    let verified = 0;
    while (verified < 16_000 && Math.abs(output[first + verified]! - expectedAt(verified)) < 1e-4) verified++;
    const where = `${output[first + verified]} vs ${expectedAt(verified)}`;
    assert.ok(verified >= 4000, `the output follows the chunks for only ${verified} samples (then ${where})`);
    const silent = (s: number | undefined): boolean => s === 0 || Number.isNaN(s);
    if (verified === 16_000) assert.ok(silent(output[first - 1]) && silent(output[first + 16_000]), 'nothing before or after');
    assert.deepEqual(await view.problems(), []);
  });

  it('clear() silences the output within one render quantum, emits stopped, and drops late chunks of that turn', async () => {
    view = await openAudioPage(harness);
    const { page } = view;
    await page.evaluate(() => window.audioTest.mountPlayer({ jitterMs: 40 }));
    await page.evaluate(() => window.audioTest.playTone('turn-2', 100, 320));
    await page.waitForFunction(() => window.audioTest.playback().length === 1);
    await sleep(300);
    const clearedAt = await page.evaluate(() => window.audioTest.clearPlayer('turn-2'));
    const events = await page.evaluate(() => window.audioTest.playback());
    assert.deepEqual(events.map((e) => e.state), ['started', 'stopped'], 'stopped is emitted by clear() itself');
    assert.equal(await page.evaluate(() => window.audioTest.scheduledCount()), 0);
    await page.evaluate(() => window.audioTest.playTone('turn-2', 5, 320)); // still on the wire when the clear went out
    assert.equal(await page.evaluate(() => window.audioTest.scheduledCount()), 0, 'late chunks of a cleared turn are dropped');
    await sleep(300);
    const output = byFrame(await page.evaluate(() => window.audioTest.recording()));
    let lastSound = -1;
    output.forEach((s, frame) => {
      if (s !== 0 && !Number.isNaN(s)) lastSound = frame;
    });
    assert.ok(lastSound > clearedAt - 2000, 'it was playing up to the clear');
    assert.ok(lastSound < clearedAt + 128, `sound went on ${lastSound - clearedAt} samples after clear() (a quantum is 128)`);
    assert.equal(await page.locator('.speaking-indicator').getAttribute('data-speaking'), 'false');
  });
});
