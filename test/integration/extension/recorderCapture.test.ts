// RecorderCapture through the real spawn path: the stand-in recorder (a node script streaming a flite WAV as raw
// PCM16) is the `mocktalk.voice.recorderCommand` override, exactly as a user's recorder command would be.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { RecorderCapture, type RecorderCaptureOptions } from '../../../extension/src/capture/recorderCapture';
import { findOnPath } from '../../../extension/src/capture/recorderCommand';
import { Collected, fakeRecorder, isAlive, SpeechFiles, waitFor } from './recorderSupport';

const SENTENCE = 'can the array contain negative numbers';

describe('recorder capture (a real recorder process)', function () {
  this.timeout(30_000);
  let speech: SpeechFiles;
  const captures: RecorderCapture[] = [];
  const capture = (options: RecorderCaptureOptions) => {
    const made = new RecorderCapture({ platform: 'linux', ...options });
    captures.push(made);
    return made;
  };

  before(() => { speech = new SpeechFiles(); });
  afterEach(() => captures.splice(0).forEach((c) => c.dispose()));
  after(() => speech.remove());

  it('delivers the recording as exact 20 ms frames: contiguous seq, 20 ms timestamps, the WAV\'s very samples', async () => {
    const { file, pcm } = speech.wav(SENTENCE);
    const mic = capture({ recorderCommand: fakeRecorder('--fast', file) });
    const got = new Collected(mic);
    const started = await mic.start();
    assert.deepEqual(started, { state: 'listening', mode: 'open', sending: true });
    assert.match(mic.description, /^Microphone via node \(mocktalk\.voice\.recorderCommand\)$/);
    // The stand-in ends with the file: for the capture that is a recorder that stopped mid-session.
    const lost = await waitFor('the recorder to end', () => got.statuses.find((s) => s.state === 'error'));
    assert.equal(lost.error!.kind, 'device-lost');
    assert.match(lost.error!.message, /exited with code 0 during the interview/);

    const whole = Math.floor(pcm.length / 320);
    assert.equal(got.frames.length, whole);
    assert.ok(got.frames.every((f) => f.samples.length === 320));
    assert.deepEqual(got.frames.map((f) => f.seq), got.frames.map((_, i) => i));
    const first = got.frames[0]!.captureTs;
    assert.ok(got.frames.every((f, i) => Math.abs(f.captureTs - (first + i * 20)) < 1e-6), 'timestamps 20 ms apart, whatever the pipe chunking');
    assert.deepEqual(got.samples, pcm.subarray(0, whole * 320));
  });

  it('at real-time pace, dates frames by the wall clock without drifting', async () => {
    const { file } = speech.wav(SENTENCE);
    const mic = capture({ recorderCommand: fakeRecorder('--lead-ms', '300', file) });
    const got = new Collected(mic);
    const spawnedAt = Date.now();
    await mic.start();
    await waitFor('the recording to end', () => got.statuses.some((s) => s.state === 'error'));
    const first = got.frames[0]!;
    // The first sample was captured after the spawn, and not later than when its frame arrived.
    assert.ok(first.captureTs >= spawnedAt - 50 && first.captureTs <= first.arrivedAt, `${first.captureTs - spawnedAt} ms after spawn`);
    // Every frame arrives after its 20 ms were captured, and within a few hundred ms of it (no drift).
    const lags = got.frames.map((f) => f.arrivedAt - (f.captureTs + 20));
    assert.ok(Math.min(...lags) > -30 && Math.max(...lags) < 400, `lag ${Math.min(...lags)}…${Math.max(...lags)} ms`);
    assert.ok(got.frames.length > 140, `${got.frames.length} frames of a 2.8 s recording`);
  });

  it('drops frames while muted and while push-to-talk is not held, with the level still measured', async () => {
    const { file } = speech.wav(SENTENCE);
    const mic = capture({ recorderCommand: fakeRecorder('--lead-ms', '200', file, '--then-noise') });
    const got = new Collected(mic);
    mic.setMuted(true);
    assert.equal((await mic.start()).state, 'muted');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(got.frames.length, 0, 'nothing leaves a muted mic');
    assert.ok(got.levels.length > 5 && got.levels.every((l) => l === -100), 'a muted meter shows silence');

    mic.setMode('push-to-talk');
    mic.setMuted(false);
    assert.deepEqual(mic.status, { state: 'listening', mode: 'push-to-talk', sending: false });
    const levelsBefore = got.levels.length;
    await waitFor('speech on the meter', () => got.levels.slice(levelsBefore).some((l) => l > -40), 5_000);
    assert.equal(got.frames.length, 0, 'nothing leaves before push-to-talk is held');

    const heldAt = Date.now();
    mic.setTalking(true);
    await waitFor('frames while held', () => got.frames.length >= 25);
    mic.setTalking(false);
    const sent = got.frames.length;
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(got.frames.length <= sent + 1, 'frames stop on release');
    assert.deepEqual(got.frames.map((f) => f.seq), got.frames.map((_, i) => i), 'seq counts sent frames');
    assert.ok(got.frames[0]!.captureTs >= heldAt - 100, 'the first sent frame was captured around the press, not at the start');
    assert.deepEqual(got.statuses.map((s) => `${s.state}/${s.mode}/${s.sending}`),
      ['muted/open/false', 'muted/push-to-talk/false', 'listening/push-to-talk/false', 'listening/push-to-talk/true', 'listening/push-to-talk/false']);
  });

  it('with no recorder on PATH, says what to install instead of failing obscurely', async () => {
    for (const [platform, guidance] of [['linux', /sudo apt install sox/], ['darwin', /brew install sox/], ['win32', /winget install/]] as const) {
      const mic = capture({ platform, env: { PATH: '' } });
      const status = await mic.start();
      assert.equal(status.state, 'error');
      assert.equal(status.error!.kind, 'unsupported');
      assert.match(status.error!.message, /^No microphone recorder found on this machine/);
      assert.match(status.error!.message, guidance);
      assert.doesNotMatch(status.error!.message, /\bat .*\.ts:\d+/, 'no stack trace');
    }
  });

  it('a recorder refused the microphone → permission-denied; a busy device → device-busy', async () => {
    const denied = capture({ recorderCommand: fakeRecorder('--fail', "rec FAIL formats: can't open input `default': Operation not permitted") });
    const status = await denied.start();
    assert.equal(status.error?.kind, 'permission-denied');
    assert.match(status.error!.message, /exited with code 1 before recording: rec FAIL formats: can't open input `default': Operation not permitted\. Allow your editor/);
    const busy = capture({ recorderCommand: fakeRecorder('--fail', 'arecord: main:828: audio open error: Device or resource busy', '--exit-code', '2') });
    assert.equal((await busy.start()).error?.kind, 'device-busy');
    assert.equal(busy.stderr, 'arecord: main:828: audio open error: Device or resource busy', 'stderr is kept after the exit');
    // Retrying after an error starts the recorder again (and fails the same way).
    assert.equal((await busy.start()).error?.kind, 'device-busy');
  });

  it('a recorder that runs but never writes audio fails start with no-device, and is killed', async () => {
    const mic = capture({ recorderCommand: ['sleep', '30'], startTimeoutMs: 400, env: process.env });
    let pid: number | undefined;
    const starting = mic.start();
    await waitFor('the spawn', () => (pid = mic.pid));
    const status = await starting;
    assert.equal(status.error?.kind, 'no-device');
    assert.match(status.error!.message, /produced no audio within 0 s|produced no audio/);
    await waitFor('sleep to be killed', () => !isAlive(pid!), 3_000);
  });

  it('a recorder killed mid-session → device-lost, and no more frames', async () => {
    const { file } = speech.wav(SENTENCE);
    const mic = capture({ recorderCommand: fakeRecorder(file, '--then-noise') });
    const got = new Collected(mic);
    await mic.start();
    await waitFor('some frames', () => got.frames.length > 10);
    process.kill(mic.pid!, 'SIGKILL');
    const lost = await waitFor('device-lost', () => got.statuses.find((s) => s.state === 'error'));
    assert.equal(lost.error!.kind, 'device-lost');
    assert.match(lost.error!.message, /was stopped by SIGKILL during the interview/);
    assert.equal(mic.status.state, 'error');
    const count = got.frames.length;
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(got.frames.length, count);
  });

  it('dispose kills the recorder and the children of a wrapper script, and is idempotent', async () => {
    const pidFile = speech.path('recorder.pid');
    const child = fakeRecorder('--then-noise', '--survive-epipe', '--pid-file', pidFile).map((a) => `'${a}'`).join(' ');
    // sh stays the parent (the `; :` keeps it from exec'ing), so the recording node is a grandchild of the host.
    const mic = capture({ recorderCommand: ['sh', '-c', `${child}; :`], env: process.env });
    const got = new Collected(mic);
    assert.equal((await mic.start()).state, 'listening');
    const wrapper = mic.pid!;
    const recorder = Number(readFileSync(pidFile, 'utf8'));
    assert.notEqual(recorder, wrapper);
    mic.dispose();
    mic.dispose();
    assert.equal(mic.status.state, 'off');
    assert.equal(got.statuses[got.statuses.length - 1]!.state, 'off');
    await waitFor('the wrapper and its child to exit', () => !isAlive(wrapper) && !isAlive(recorder), 3_000);
    assert.equal((await mic.start()).state, 'off', 'a disposed capture does not start again');
  });
});

describe('recorder capture with the machine\'s own recorder', function () {
  this.timeout(15_000);

  it('finds sox on PATH and reports a machine without a sound card as no-device, with sox\'s words', async function () {
    if (!findOnPath('rec', 'linux', process.env) || existsSync('/dev/snd')) this.skip(); // needs sox and no audio hardware
    const mic = new RecorderCapture({ platform: 'linux' });
    try {
      const status = await mic.start();
      assert.equal(mic.description, 'Microphone via sox (rec)');
      assert.equal(status.error?.kind, 'no-device');
      assert.match(status.error!.message, /^The microphone recorder \(sox \(rec\)\) exited with code \d+ before recording: \S*rec FAIL .*no default audio device/);
    } finally {
      mic.dispose();
    }
  });
});
