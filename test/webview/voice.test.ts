/// <reference lib="dom" />
// The interview view in a voice session, in headless Chromium with its real bundle and CSP: the panel's own mic (a
// fake device) streams audio/frame, a host-side mic is driven through mic/command, the interviewer's audio plays and
// its playback is reported once per turn, captions and voice state show, and a failed mic leaves typing working.
import assert from 'node:assert/strict';
import { WebviewToHostMessage } from '../../protocol/src/webview';
import { WebviewAudioFrameMessage, pcm16ToBase64 } from '../../protocol/src/webviewAudio';
import { sessionInfo, snapshot } from './fixtures';
import { openView, startHarness, type Harness, type ViewPage } from './harness';

const TURN = '7d4f4a52-6a4e-4a55-9a3b-0c2f1e9d8b11';
const voiceSession = sessionInfo({ mode: 'voice' });

/** `count` 20 ms chunks of a 440 Hz tone as audio/play messages. */
function toneChunks(turnId: string, count: number): unknown[] {
  return Array.from({ length: count }, (_, c) => {
    const samples = Int16Array.from({ length: 320 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * (c * 320 + i)) / 16_000)));
    return { type: 'audio/play', turnId, seq: c, pcm: pcm16ToBase64(samples) };
  });
}

async function waitForPosted(view: ViewPage, what: string, match: (m: WebviewToHostMessage) => boolean, timeoutMs = 10_000): Promise<WebviewToHostMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const posted = await view.posted();
    if (posted.some(match)) return posted;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; posted: ${[...new Set(posted.map((m) => m.type))].join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webview: voice in the interview view', function () {
  this.timeout(60_000);
  let harness: Harness;
  let view: ViewPage | undefined;

  before(async () => {
    // Chromium's default fake device (a beep) behind an auto-accepted prompt; audio may start without a click.
    harness = await startHarness({ chromiumArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'] });
  });
  after(async () => { await harness?.close(); });
  afterEach(async () => {
    await view?.close();
    view = undefined;
  });

  it('shows no voice controls in a text session', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot([], 'connected', sessionInfo()));
    assert.equal(await view.page.locator('.voice').isHidden(), true);
  });

  it('opens the panel mic when the host says capture is here, and posts its state and valid 20 ms audio frames', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot([], 'connected', voiceSession));
    await view.send({ type: 'voice/configure', capture: 'webview', description: 'Microphone in the interview panel' });
    await view.page.locator('.voice').waitFor({ state: 'visible' });
    const posted = await waitForPosted(view, '20 frames', (m) => m.type === 'audio/frame' && m.seq >= 20);
    const statuses = posted.filter((m) => m.type === 'mic/didChange');
    assert.ok(statuses.some((s) => s.type === 'mic/didChange' && s.state === 'listening' && s.sending), JSON.stringify(statuses));
    const frames = posted.filter((m) => m.type === 'audio/frame');
    for (const frame of frames) WebviewAudioFrameMessage.parse(frame); // the host's schema: base64 of 160–960 samples
    assert.deepEqual(frames.slice(0, 20).map((f) => f.type === 'audio/frame' && f.seq), [...Array(20).keys()]);
    assert.equal(await view.page.locator('.mic-controls__state').textContent(), 'Listening');
    assert.deepEqual(await view.problems(), []);

    // The host's toggle (status bar) reaches this mic; frames stop while muted.
    await view.send({ type: 'mic/command', command: { kind: 'setMuted', muted: true } });
    await waitForPosted(view, 'muted', (m) => m.type === 'mic/didChange' && m.state === 'muted');
    const before = (await view.posted()).filter((m) => m.type === 'audio/frame').length;
    await view.page.waitForTimeout(300);
    assert.equal((await view.posted()).filter((m) => m.type === 'audio/frame').length, before);
  });

  it('drives a host-side mic through mic/command and shows the state the host reports', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot([], 'connected', voiceSession));
    await view.send({ type: 'voice/configure', capture: 'host', description: 'Microphone via sox (rec)' });
    await view.send({ type: 'mic/status', status: { state: 'off', mode: 'open', sending: false } });
    assert.equal(await view.page.locator('.voice__capture').textContent(), 'Microphone via sox (rec)');
    await view.page.locator('.mic-controls__start').click();
    await waitForPosted(view, 'a start command', (m) => m.type === 'mic/command' && m.command.kind === 'start');
    await view.send({ type: 'mic/status', status: { state: 'listening', mode: 'open', sending: true } });
    assert.equal(await view.page.locator('.mic-controls__state').textContent(), 'Listening');
    await view.page.locator('.mic-controls__mute').click();
    await waitForPosted(view, 'a mute command', (m) => m.type === 'mic/command' && m.command.kind === 'setMuted' && m.command.muted);
    const posted = await view.posted();
    assert.ok(!posted.some((m) => m.type === 'audio/frame' || m.type === 'mic/didChange'), 'the panel opened a mic of its own');
  });

  it('plays interviewer audio, reports started and stopped once per turn (not at gaps), and shows captions and voice state', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot([], 'connected', voiceSession));
    await view.send({ type: 'voice/configure', capture: 'host', description: 'test' });
    await view.send({ type: 'voice/didChangeState', state: 'speaking' });
    assert.equal(await view.page.locator('.voice__state').textContent(), 'The interviewer is speaking');
    await view.send({ type: 'turn/didStart', turnId: TURN, speaker: 'interviewer', stage: 'intro' });
    for (const chunk of toneChunks(TURN, 10)) await view.send(chunk);
    await waitForPosted(view, 'playback started', (m) => m.type === 'audio/playback' && m.state === 'started');
    await view.page.locator('.speaking-indicator[data-speaking="true"]').first().waitFor();
    // The turn runs dry (synthesis lagging) and resumes: still one turn playing, no stop reported.
    await view.page.waitForTimeout(400);
    for (const chunk of toneChunks(TURN, 10).map((c, i) => ({ ...(c as object), seq: 10 + i }))) await view.send(chunk);
    await view.send({ type: 'turn/didComplete', turn: { id: TURN, seq: 1, speaker: 'interviewer', text: 'Hello.', stage: 'intro',
      startedAt: new Date().toISOString(), endedAt: new Date().toISOString(), interrupted: false, clientMessageId: null }, replayed: false });
    const posted = await waitForPosted(view, 'playback stopped', (m) => m.type === 'audio/playback' && m.state === 'stopped');
    const reports = posted.filter((m) => m.type === 'audio/playback');
    assert.deepEqual(reports.map((r) => r.type === 'audio/playback' && [r.turnId, r.state]), [[TURN, 'started'], [TURN, 'stopped']]);
    const [started, stopped] = reports.map((r) => (r.type === 'audio/playback' ? r.ts : 0));
    // All 20 chunks (400 ms of sound) played between the two reports; a stop reported at the gap would come after 200.
    assert.ok(stopped! - started! >= 400, `20 chunks of 20 ms and a gap played in ${stopped! - started!} ms`);

    await view.send({ type: 'transcript/partial', text: 'so I would use a hash map' });
    assert.equal(await view.page.locator('.voice__caption').textContent(), 'so I would use a hash map');
    await view.send({ type: 'transcript/partial', text: '' });
    assert.equal(await view.page.locator('.voice__caption').isHidden(), true);
    assert.deepEqual(await view.problems(), []);
  });

  it('stops at once on audio/clear and reports the stop', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot([], 'connected', voiceSession));
    await view.send({ type: 'voice/configure', capture: 'host', description: 'test' });
    for (const chunk of toneChunks(TURN, 100)) await view.send(chunk); // 2 s
    await waitForPosted(view, 'playback started', (m) => m.type === 'audio/playback' && m.state === 'started');
    const clearedAt = Date.now();
    await view.send({ type: 'audio/clear', turnId: TURN });
    const posted = await waitForPosted(view, 'playback stopped', (m) => m.type === 'audio/playback' && m.state === 'stopped', 1000);
    const stop = posted.find((m) => m.type === 'audio/playback' && m.state === 'stopped');
    assert.ok(stop?.type === 'audio/playback' && stop.ts < clearedAt + 500, 'stopped when cleared, not when the 2 s would have ended');
    assert.equal(await view.page.locator('.speaking-indicator[data-speaking="true"]').count(), 0);
    // Late audio of the cleared turn is dropped: nothing starts again.
    for (const chunk of toneChunks(TURN, 5)) await view.send(chunk);
    await view.page.waitForTimeout(300);
    assert.equal((await view.posted()).filter((m) => m.type === 'audio/playback').length, 2);
  });

  it('a mic that fails leaves the interview going by typing, and says so', async () => {
    const denied = await startHarness(); // no fake device: headless Chromium has no microphone to give
    try {
      view = await openView(denied, 'interview');
      await view.send(snapshot([], 'connected', voiceSession));
      await view.send({ type: 'voice/configure', capture: 'webview', description: 'Microphone in the interview panel' });
      const posted = await waitForPosted(view, 'a mic error', (m) => m.type === 'mic/didChange' && m.state === 'error');
      const error = posted.find((m) => m.type === 'mic/didChange' && m.state === 'error');
      assert.ok(error?.type === 'mic/didChange' && error.error, 'the error names its kind');
      await view.page.locator('.voice__typing-note').waitFor({ state: 'visible' });
      assert.match((await view.page.locator('.mic-controls__error-text').textContent()) ?? '', /\S/);
      await view.page.locator('vscode-textarea textarea').click();
      await view.page.keyboard.type('I would use a hash map');
      await view.page.keyboard.press('Control+Enter');
      await waitForPosted(view, 'the typed answer', (m) => m.type === 'answer/submit' && m.text === 'I would use a hash map');
      await view.close();
      view = undefined;
    } finally {
      await denied.close();
    }
  });
});
