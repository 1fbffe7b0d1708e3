// End to end, by voice: the PACKAGED extension in a real VS Code (code-server + Chromium whose fake microphone plays
// a WAV flite spoke at run time) against a real backend on local engines, driven only through the UI a candidate
// uses: the Accounts menu, the command palette, the panel, the Interviews tree's context menu, the report's replay
// scrubber and the Progress view. Screenshots of each stage are kept in test-results/.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { RunningServer } from '../../backend/src/server';
import { RestClient } from '../../extension/src/api/restClient';
import { startTestServer, tempDir } from '../support/backend';
import { registerUser } from '../support/client';
import { findWebviewFrame, startCodeServer, type CodeServerHost } from '../host/codeServer';
import { fakeMicWav } from '../host/fakeMic';
import {
  PLAIN_TYPING_SETTINGS, packagedVsix, transcript, until, completeSignIn, startInterviewFromPalette,
} from './workbench';

const root = path.resolve(__dirname, '../..');
const results = path.join(root, 'test-results');
const PASSWORD = 'correct horse battery';
const PROBLEM = { slug: 'pair-sum-indices', title: 'Pair Sum Indices' };

/** Opens the Mocktalk sidebar; clicking its activity bar item while it is open would close it. */
async function showMocktalkSidebar(page: Page): Promise<void> {
  const item = page.locator('.activitybar .action-item', { has: page.locator('a[aria-label^="Mocktalk"]') }).first();
  if (/\bchecked\b/.test((await item.getAttribute('class')) ?? '')) return;
  await item.locator('a').first().click();
}

describe('end to end: a voice interview through the packaged extension', function () {
  this.timeout(180_000);
  let backend: RunningServer;
  let host: CodeServerHost;
  let page: Page;
  let panel: Frame;
  let rest: RestClient;
  let email: string;
  let spoken: string;
  const t0 = Date.now();
  const lap = (what: string) => console.log(`      [e2e voice ${((Date.now() - t0) / 1000).toFixed(1)}s] ${what}`);
  const shot = (name: string) => host.screenshot(path.join(results, name));

  before(async function () {
    this.timeout(300_000);
    const vsix = await packagedVsix(root);
    lap('packaged mocktalk.vsix');
    backend = await startTestServer();
    const account = await registerUser(backend.url, 'e2e-voice');
    email = account.user.email;
    rest = new RestClient({ baseUrl: backend.url, token: account.token });
    // The candidate starts talking a few seconds into the interviewer's introduction (which that cuts short).
    const mic = fakeMicWav(tempDir('mocktalk-e2e-mic-'), undefined, 4000, 4000);
    spoken = mic.text;
    host = await startCodeServer({
      vsix, chromiumArgs: mic.chromiumArgs,
      settings: { 'mocktalk.server.url': backend.url, 'mocktalk.interview.mode': 'voice', ...PLAIN_TYPING_SETTINGS },
    });
    page = host.page;
    await host.openWorkbench();
    lap(`workbench open (backend ${backend.url})`);
  });

  after(async function () {
    this.timeout(60_000);
    await host?.dispose();
    await backend?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot('e2e-voice-failure.png').catch(() => undefined);
  });

  it('signs in from the Accounts menu: "Sign in with Mocktalk", then the quick pick and input boxes', async () => {
    // Opening the Mocktalk view activates the extension, which asks VS Code for a session without prompting.
    await showMocktalkSidebar(page);
    const accounts = page.locator('.activitybar .action-item a[aria-label^="Accounts"], .activitybar .action-item[aria-label^="Accounts"]').first();
    const signInEntry = await until('"Sign in with Mocktalk" in the Accounts menu', async () => {
      await accounts.click();
      const entry = page.locator('.monaco-menu .action-label', { hasText: /Sign in with Mocktalk/ }).first();
      if (await entry.waitFor({ timeout: 2_000 }).then(() => true, () => false)) return entry;
      await page.keyboard.press('Escape');
      return undefined;
    }, 30_000);
    await signInEntry.click();
    await completeSignIn(page, { email, password: PASSWORD, displayName: 'e2e-voice' });
    lap('signed in from the Accounts menu');
  });

  it('runs a voice interview: the fake microphone\'s words become the candidate\'s turn and the interviewer answers', async () => {
    panel = await startInterviewFromPalette(page, PROBLEM.title);
    const words = spoken.split(' ').filter((w) => w.length > 4);
    const answer = await until('the spoken answer in the transcript', async () => {
      const candidate = (await transcript(panel)).find((t) => t.speaker === 'candidate');
      return candidate && words.filter((w) => candidate.text.toLowerCase().includes(w)).length >= 2 ? candidate.text : undefined;
    }, 90_000);
    await until('an interviewer reply after the answer', async () => {
      const turns = await transcript(panel);
      return turns.slice(turns.findIndex((t) => t.speaker === 'candidate') + 1).some((t) => t.speaker === 'interviewer');
    }, 60_000);
    const sessionId = (await rest.sessions())[0]!.id;
    const stored = (await rest.session(sessionId)).turns.find((t) => t.speaker === 'candidate');
    assert.equal(stored?.text, answer, 'the panel shows what the server stored');
    await shot('e2e-voice-interview.png');
    lap(`heard "${answer}"; the interviewer replied`);
  });

  it('ends the interview from the panel and shows its score', async () => {
    await panel.locator('vscode-button.header__end').click();
    await panel.locator('.score-card__band').waitFor({ timeout: 60_000 });
    const summary = (await rest.sessions()).find((s) => s.problem.slug === PROBLEM.slug);
    assert.equal(summary?.state, 'ended');
    lap(`ended: ${summary.band} ${summary.overall}`);
  });

  it('opens its report from the Interviews tree\'s context menu and scrubs the replay timeline', async () => {
    await showMocktalkSidebar(page);
    const row = page.locator('.monaco-list-row', { hasText: PROBLEM.title }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.click({ button: 'right' });
    await page.locator('.monaco-menu .action-label', { hasText: 'Open Report' }).first().click();
    const report = await findWebviewFrame(page, async (f) => (await f.locator('.replay__scrubber').count()) > 0, 60_000);
    const scrubber = report.locator('.replay__scrubber');
    const position = async () => ({
      value: Number(await scrubber.inputValue()),
      time: (await report.locator('.replay__time').innerText()).trim(),
      current: await report.locator('li.turn--current').getAttribute('data-turn-id').catch(() => null),
    });
    await scrubber.focus();
    await page.keyboard.press('Home');
    const start = await until('the replay at the start', async () => { const p = await position(); return p.value === 0 ? p : undefined; }, 10_000);
    await page.keyboard.press('End');
    const end = await until('the replay at the end', async () => { const p = await position(); return p.value > 0 ? p : undefined; }, 10_000);
    assert.notEqual(end.time, start.time, 'the clock did not move');
    assert.notEqual(end.current, start.current, 'the transcript\'s current turn did not follow the scrubber');
    await shot('e2e-voice-report.png');
    lap(`scrubbed ${start.time} → ${end.time}`);
  });

  it('shows the interview in the Progress view', async () => {
    await showMocktalkSidebar(page);
    const header = page.locator('.pane-header', { hasText: /^Progress/ }).first();
    await header.waitFor({ timeout: 20_000 });
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const view = await findWebviewFrame(page, async (f) => (await f.locator('.progress__counts').count()) > 0, 60_000);
    const scored = await until('one scored interview', async () => {
      const text = (await view.locator('[data-stat="interviews"] dd').innerText()).trim();
      return text === '1' ? text : undefined;
    }, 30_000);
    assert.equal(scored, '1');
    await shot('e2e-voice-progress.png');
    lap('Progress view shows the interview');
  });
});
