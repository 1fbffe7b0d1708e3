// End to end: the PACKAGED extension in a real VS Code (code-server + Chromium) against a real backend,
// driven only through the UI a candidate uses: command palette, quick picks, input boxes, the panel, the editor.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { RunningServer } from '../../backend/src/server';
import { RestClient } from '../../extension/src/api/restClient';
import { startTestServer } from '../support/backend';
import { registerUser } from '../support/client';
import { findWebviewFrame, runCommand, startCodeServer, type CodeServerHost } from '../host/codeServer';
import {
  PLAIN_TYPING_SETTINGS, packagedVsix, answerDialog, transcript, until, waitForNotification, completeSignIn, startInterviewFromPalette,
} from './workbench';

const root = path.resolve(__dirname, '../..');
const results = path.join(root, 'test-results');
const PASSWORD = 'correct horse battery';
const PROBLEM = { slug: 'pair-sum-indices', title: 'Pair Sum Indices' };
const SOLUTION = [
  'function pairSumIndices(nums, target) {',
  '  const seen = new Map();',
  '  for (let j = 0; j < nums.length; j++) {',
  '    const want = target - nums[j];',
  '    if (seen.has(want)) return [seen.get(want), j];',
  '    seen.set(nums[j], j);',
  '  }',
  '  return [];',
  '}',
  '',
].join('\n');

describe('end to end: a text interview through the packaged extension', function () {
  this.timeout(180_000);
  let backend: RunningServer;
  let host: CodeServerHost;
  let page: Page;
  let panel: Frame;
  let rest: RestClient;
  let email: string;
  const t0 = Date.now();
  const lap = (what: string) => console.log(`      [e2e ${((Date.now() - t0) / 1000).toFixed(1)}s] ${what}`);

  before(async function () {
    this.timeout(240_000);
    // `npm run package` runs vscode:prepublish (the production build) and then vsce.
    const vsix = await packagedVsix(root);
    lap('packaged mocktalk.vsix');
    backend = await startTestServer();
    const account = await registerUser(backend.url, 'e2e');
    email = account.user.email;
    rest = new RestClient({ baseUrl: backend.url, token: account.token });
    host = await startCodeServer({ vsix, settings: { 'mocktalk.server.url': backend.url, 'mocktalk.interview.mode': 'text', ...PLAIN_TYPING_SETTINGS } });
    page = host.page;
    await host.openWorkbench();
    lap(`workbench open (backend ${backend.url})`);
  });

  after(async function () {
    this.timeout(60_000);
    if (this.currentTest?.state === 'failed' && page) await host.screenshot(path.join(results, 'e2e-failure.png')).catch(() => undefined);
    await host?.dispose();
    await backend?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await host.screenshot(path.join(results, 'e2e-failure.png')).catch(() => undefined);
  });

  it('signs in through the Sign In command: VS Code\'s consent dialog, then the quick pick and input boxes', async () => {
    await runCommand(page, 'Mocktalk: Sign In');
    // Sign In goes through vscode.authentication, which asks first (the Mocktalk authentication provider).
    await answerDialog(page, /wants to sign in using Mocktalk/, 'Allow');
    await completeSignIn(page, { email, password: PASSWORD, displayName: 'e2e' });
    lap('signed in; the account is in the Accounts menu');
  });

  it('starts an interview through the quick picks and shows the interviewer\'s introduction in the panel', async () => {
    panel = await startInterviewFromPalette(page, PROBLEM.title);
    const [intro] = await transcript(panel);
    assert.equal(intro?.speaker, 'interviewer');
    assert.ok(intro.text.length > 20, `a thin introduction: "${intro.text}"`);
    // the solution file is open beside the panel, holding the starter code
    await page.locator('.tab', { hasText: `${PROBLEM.slug}.js` }).first().waitFor({ timeout: 20_000 });
    lap('interview started; introduction shown');
  });

  it('sends an answer typed in the panel and gets a reply', async () => {
    const answer = 'Can the array hold negative numbers, and is there always exactly one pair?';
    const box = panel.locator('vscode-textarea.answer-box__input textarea');
    await box.click();
    await box.fill(answer);
    await panel.locator('vscode-button.answer-box__send').click();
    await until('the answer and a reply in the transcript', async () => {
      const turns = await transcript(panel);
      const mine = turns.findIndex((t) => t.speaker === 'candidate' && t.text === answer);
      return mine >= 0 && turns.slice(mine + 1).some((t) => t.speaker === 'interviewer');
    }, 30_000);
    lap('answer sent, reply received');
  });

  it('survives a window reload: the serializer restores the panel and the session resumes', async () => {
    const before = await transcript(panel);
    // VS Code's own reload: the workbench saves its editors (the solution file, the panel's serializer state)
    // before it unloads. A bare page reload can unload before that save lands, and then nothing is restored.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    panel = await findWebviewFrame(page, async (f) => (await f.locator('li.turn[data-seq]').count()) >= before.length, 60_000);
    // End is enabled only while connected to a live session
    await until('the session to be live again', async () => !(await panel.locator('vscode-button.header__end')
      .evaluate((b) => b.hasAttribute('disabled') || (b as unknown as { disabled?: boolean }).disabled === true)), 30_000);
    assert.deepEqual((await transcript(panel)).map((t) => t.text), before.map((t) => t.text));
    lap('reloaded; panel restored and reconnected');
  });

  it('types code into the solution file; the server holds it and the interviewer quotes a line of it', async () => {
    const editor = page.locator('.editor-instance .monaco-editor', { has: page.locator('.view-lines') }).first();
    await page.locator('.tab', { hasText: `${PROBLEM.slug}.js` }).first().click();
    await editor.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(SOLUTION, { delay: 5 });
    const sessionId = (await rest.sessions())[0]!.id;
    await until('the server to hold exactly the typed code', async () => {
      const snapshots = (await rest.session(sessionId)).codeSnapshots;
      return [...snapshots].sort((a, b) => b.seq - a.seq)[0]?.text === SOLUTION;
    }, 30_000);

    const starter = new Set((await rest.problem(PROBLEM.slug)).starterCode.javascript.split('\n').map((l) => l.trim()));
    const typedLines = SOLUTION.split('\n').map((l) => l.trim()).filter((l) => l.length > 8 && !starter.has(l));
    const quoted = await until('the interviewer to quote a line of the typed code', async () => {
      const said = (await transcript(panel)).filter((t) => t.speaker === 'interviewer').map((t) => t.text);
      return typedLines.find((line) => said.some((text) => text.includes(line)));
    }, 45_000);
    lap(`interviewer quoted "${quoted}"`);
  });

  it('ends the interview from the panel and shows the band and overall score', async () => {
    await panel.locator('vscode-button.header__end').click();
    const band = panel.locator('.score-card__band');
    await band.waitFor({ timeout: 60_000 });
    const shownBand = (await band.innerText()).trim();
    const shownOverall = (await panel.locator('.score-card__overall-value').innerText()).trim();
    await panel.locator('.score-card').scrollIntoViewIfNeeded();
    await host.screenshot(path.join(results, 'e2e-interview.png'));

    const summary = (await rest.sessions()).find((s) => s.problem.slug === PROBLEM.slug);
    assert.equal(summary?.state, 'ended');
    assert.ok(summary.band && summary.overall !== null);
    assert.equal(shownOverall, summary.overall.toFixed(1));
    assert.ok(shownBand.length > 0);
    await waitForNotification(page, /Interview ended \(Pair Sum Indices\)/);
    lap(`ended: ${shownBand} ${shownOverall} / 4`);
  });

  it('lists the session with its score in the Interviews view', async () => {
    const summary = (await rest.sessions()).find((s) => s.problem.slug === PROBLEM.slug)!;
    await page.locator('.activitybar .action-item a[aria-label^="Mocktalk"]').first().click();
    const row = page.locator('.monaco-list-row', { hasText: PROBLEM.title }).first();
    await row.waitFor({ timeout: 20_000 });
    const text = await until('the row to show the score', async () => {
      const t = await row.innerText();
      return t.includes(summary.overall!.toFixed(1)) ? t : undefined;
    }, 20_000);
    assert.match(text, /Hire|No hire|Strong/);
    await host.screenshot(path.join(results, 'e2e-tree.png'));
    lap(`tree row: ${text.replace(/\s+/g, ' ')}`);
  });
});
