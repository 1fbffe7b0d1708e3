/// <reference lib="dom" />
// The companion page in headless Chromium against a real backend (embedded Postgres, pocketsphinx, espeak-ng): a
// fake microphone plays flite speech made at run time; the page streams it to the session, plays the interviewer's
// reply and reports playback; a used link is refused in words.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CompanionLink } from '../../protocol/src/api';
import { resample } from '../../backend/src/pipeline/audio';
import { http } from '../support/client';
import { AudioSocket } from '../integration/companion/companionSocket';
import { startTcpProxy } from '../integration/extension/tcpProxy';
import { speech, startVoiceRig, storedTurn, type VoiceRig } from '../integration/voice/support';
import { writeWav } from './audioSignals';
import { buildWebview, RESULTS_DIR } from './harness';

const QUESTION = 'can the array contain negative numbers';
const WAV_RATE = 48_000;

declare global {
  interface Window { __cspViolations: string[] }
}

/** Quiet room noise around the clip: the VAD measures its floor first, and the turn ends in the silence after. */
function micRecording(clip: Int16Array): Int16Array {
  const lead = 16_000 * 1.5;
  const tail = 16_000 * 4;
  const out = new Int16Array(lead + clip.length + tail);
  let state = 7;
  for (let i = 0; i < out.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out[i] = ((state >> 8) % 80) - 40;
  }
  out.set(clip, lead);
  return resample(out, 16_000, WAV_RATE);
}

describe('companion page in Chromium against a real backend', function () {
  this.timeout(120_000);
  let rig: VoiceRig;
  let browser: Browser;
  let tmp: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'mocktalk-companion-'));
    const wav = path.join(tmp, 'mic.wav');
    await writeWav(wav, micRecording(speech(QUESTION)), WAV_RATE);
    await buildWebview();
    await mkdir(RESULTS_DIR, { recursive: true });
    rig = await startVoiceRig();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}%noloop`,
        '--autoplay-policy=no-user-gesture-required'],
    });
  });
  afterEach(async () => { await Promise.all(contexts.splice(0).map((c) => c.close())); });
  after(async () => {
    await browser?.close();
    await rig?.server.close();
    await rm(tmp, { recursive: true, force: true });
  });

  async function voiceSession(): Promise<{ id: string; owner: AudioSocket }> {
    const res = await http<{ id: string }>(rig.server.url, 'POST', '/api/sessions', { token: rig.token, body: { problemSlug: 'pair-sum-indices', mode: 'voice' } });
    assert.equal(res.status, 201);
    const owner = await AudioSocket.session(rig.server.url, rig.token, res.body.id);
    await owner.next('turn/didComplete', (m) => m.turn.speaker === 'interviewer', 20_000); // the introduction
    return { id: res.body.id, owner };
  }

  async function companionUrl(sessionId: string, base = rig.server.url): Promise<string> {
    const res = await http(base, 'POST', `/api/sessions/${sessionId}/companion`, { token: rig.token });
    assert.equal(res.status, 201);
    return CompanionLink.parse(res.body).url;
  }

  async function openPage(url: string, microphone = true): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ permissions: microphone ? ['microphone'] : [], colorScheme: 'dark' });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${m.text()} ${m.location().url}`); });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`); });
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));
    });
    await page.goto(url);
    return { page, problems };
  }

  it('streams the spoken question into the session as the candidate’s turn and plays the reply, reporting playback', async () => {
    const { id, owner } = await voiceSession();
    const url = await companionUrl(id);
    const { page, problems } = await openPage(url);
    await page.waitForSelector('main[data-connection="joined"]');
    assert.equal(new URL(page.url()).hash, `#session=${id}`, 'the token is gone from the address bar');
    assert.deepEqual(await owner.next('voice/didChangeSource'), { type: 'voice/didChangeSource', source: 'companion', connected: true });
    assert.match(await page.locator('.companion__problem').innerText(), /\w/);

    await page.locator('.mic-controls__start').click();
    await page.waitForSelector('.mic-controls[data-state="listening"]');
    const answer = await owner.next('turn/didComplete', (m) => m.turn.speaker === 'candidate', 40_000);
    assert.match(answer.turn.text, /\barray\b|\bnegative\b|\bnumbers\b/, `heard "${answer.turn.text}"`);

    const reply = await owner.next('turn/didComplete', (m) => m.turn.speaker === 'interviewer' && m.turn.seq > answer.turn.seq, 30_000);
    assert.match(reply.turn.text, /^You said:/);
    assert.equal(owner.audioTurns.get(reply.turn.id) ?? 0, 0, 'the reply’s audio went to the page, not the session’s connection');
    // The page played the reply: its audio/playback started is what dates "first audio played".
    const deadline = Date.now() + 10_000;
    let played: number | undefined;
    while (played === undefined && Date.now() < deadline) {
      played = (await storedTurn(rig, reply.turn.id)).latency.voice?.firstAudioPlayedMs;
      if (played === undefined) await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(typeof played, 'number', 'the page reported playback of the reply');
    await page.waitForSelector('main[data-floor="listening"]', { timeout: 15_000 });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'companion-joined.png') });
    console.log(`      [companion] heard "${answer.turn.text}"; reply first audio played ${played} ms after end of speech`);

    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'the strict CSP allows the page and its AudioWorklet');
    assert.deepEqual(problems, []);
    await owner.close();
  });

  it('refuses a used link with a readable message on the page', async () => {
    const { id, owner } = await voiceSession();
    const url = await companionUrl(id);
    // As vscode.Uri.toString() would hand it to the browser: the fragment percent-encoded.
    const [base, fragment] = url.split('#');
    const first = await openPage(`${base}#${encodeURIComponent(fragment!)}`);
    await first.page.waitForSelector('main[data-connection="joined"]');
    const second = await openPage(url); // a fresh browser context: no resume secret to fall back on
    await second.page.waitForSelector('main[data-connection="refused"]');
    const alert = await second.page.getByRole('alert').filter({ hasText: /link/ }).innerText();
    assert.match(alert, /already used/);
    assert.ok(await second.page.locator('.mic-controls').isHidden(), 'no microphone controls on a refused page');
    await second.page.screenshot({ path: path.join(RESULTS_DIR, 'companion-link-used.png') });
    await owner.close();
  });

  it('shows a denied microphone in words while staying joined', async () => {
    const { id, owner } = await voiceSession();
    const { page } = await openPage(await companionUrl(id), false);
    await page.waitForSelector('main[data-connection="joined"]');
    await page.locator('.mic-controls__start').click();
    await page.waitForSelector('.mic-controls[data-state="error"]');
    assert.match(await page.locator('.mic-controls [role="alert"]').innerText(), /Microphone access was denied/);
    assert.equal(await page.locator('main').getAttribute('data-connection'), 'joined');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'companion-mic-denied.png') });
    await owner.close();
  });

  it('rejoins with backoff after the network drops and after a reload, with the resume secret (the link token stays used)', async () => {
    const proxy = await startTcpProxy(rig.server.port);
    try {
      const { id, owner } = await voiceSession();
      const { page } = await openPage(await companionUrl(id, proxy.url)); // the link names the proxy's origin
      await page.waitForSelector('main[data-connection="joined"]');
      await owner.next('voice/didChangeSource', (m) => m.connected);
      proxy.cut();
      await page.waitForSelector('main[data-connection="reconnecting"]');
      assert.match(await page.getByRole('status').innerText(), /Connection lost\. Reconnecting in \d+ s/);
      await owner.next('voice/didChangeSource', (m) => !m.connected);
      await page.waitForSelector('main[data-connection="joined"]', { timeout: 15_000 });
      await waitForCount(() => owner.all('voice/didChangeSource').filter((m) => m.connected).length, 2);
      // A reload has no token in the address any more: it rejoins with the secret kept in this tab's sessionStorage.
      await page.reload();
      await page.waitForSelector('main[data-connection="joined"]');
      await waitForCount(() => owner.all('voice/didChangeSource').filter((m) => m.connected).length, 3);
      await owner.close();
    } finally {
      await proxy.close();
    }
  });

  it('says so when the interview ends, and stops the microphone', async () => {
    const { id, owner } = await voiceSession();
    const { page } = await openPage(await companionUrl(id));
    await page.waitForSelector('main[data-connection="joined"]');
    await page.locator('.mic-controls__start').click();
    await page.waitForSelector('.mic-controls[data-state="listening"]');
    owner.send({ type: 'session/end', requestId: 'end' });
    await owner.next('session/didEnd', () => true, 20_000);
    await page.waitForSelector('main[data-connection="ended"]');
    assert.match(await page.getByRole('status').innerText(), /interview has ended/);
    await page.waitForSelector('.mic-controls[data-state="off"]', { state: 'attached' });
    await owner.close();
  });
});

async function waitForCount(count: () => number, atLeast: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (count() < atLeast) {
    if (Date.now() > deadline) throw new Error(`only ${count()} of ${atLeast}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
