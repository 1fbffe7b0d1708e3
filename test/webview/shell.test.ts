/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createNonce, webviewHtml } from '../../extension/src/panels/webviewHtml';
import { conversation, evaluation, sessionDetail, sessionInfo, snapshot, turn } from './fixtures';
import { openView, RESULTS_DIR, startHarness, type Harness, type ViewPage } from './harness';

describe('webview: page shell', function () {
  this.timeout(60_000);
  let harness: Harness;
  let view: ViewPage | undefined;

  before(async () => {
    harness = await startHarness();
    await mkdir(RESULTS_DIR, { recursive: true });
  });
  after(async () => { await harness?.close(); });
  afterEach(async () => {
    await view?.close();
    view = undefined;
  });

  it('builds a page whose scripts are the nonce\'d bundle and the resource origin (for the AudioWorklet), and the view on <body>', () => {
    const nonce = createNonce();
    const html = webviewHtml({
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce, view: 'report', title: 'Report <Two Sum>',
      scriptUri: 'https://x/main.js', styleUri: 'https://x/main.css',
    });
    // Exactly the nonce and the webview's resource origin: no 'unsafe-inline', no 'unsafe-eval', no other host.
    assert.match(html, new RegExp(`script-src 'nonce-${nonce.replace(/[+/=]/g, '\\$&')}' https://file\\+\\.vscode-resource\\.vscode-cdn\\.net;`));
    assert.doesNotMatch(html, /unsafe-/);
    assert.match(html, /default-src 'none'/);
    assert.match(html, /connect-src 'none'/);
    assert.match(html, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net;/);
    assert.match(html, /<body data-view="report">/);
    assert.match(html, /<title>Report &lt;Two Sum&gt;<\/title>/);
    assert.notEqual(createNonce(), nonce);
  });

  for (const kind of ['interview', 'report'] as const) {
    it(`posts ready as its first message in the ${kind} view`, async () => {
      view = await openView(harness, kind);
      const posted = await view.posted();
      assert.deepEqual(posted[0], { type: 'ready', view: kind });
      assert.equal(posted.length, 1);
    });
  }

  it('ignores invalid host messages and keeps working', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot(conversation.slice(0, 1)));
    for (const bad of ['not json', null, { type: 'nope' }, { type: 'turn/delta', turnId: 7 },
      { type: 'turn/didComplete', turn: { seq: 2 }, replayed: false }]) await view.send(bad);

    assert.equal(view.warnings.filter((w) => w.includes('ignoring invalid host message')).length, 5);
    await view.send({ type: 'turn/didComplete', turn: turn(2, 'candidate', 'Still here'), replayed: false });
    assert.deepEqual(await view.page.locator('.turn').evaluateAll((els) => els.map((el) => el.getAttribute('data-seq'))), ['1', '2']);
    assert.deepEqual(await view.problems(), []);
  });

  it('runs a whole interview and a report without console errors or CSP violations, and saves screenshots', async () => {
    view = await openView(harness, 'interview');
    const startedAt = new Date(Date.now() - 754_000).toISOString();
    await view.send(snapshot(conversation, 'connected', sessionInfo({ startedAt, stage: 'approach' })));
    await view.send({ type: 'turn/didStart', turnId: 'turn-5', speaker: 'interviewer', stage: 'code' });
    await view.send({ type: 'turn/delta', turnId: 'turn-5', text: 'Sounds good. Go ahead and code it up, ' });
    await view.send({ type: 'turn/delta', turnId: 'turn-5', text: 'thinking out loud as you go.' });
    await view.send({ type: 'connection/didChange', status: 'reconnecting', detail: 'retrying in 2 s (attempt 1)' });
    await view.page.locator('vscode-textarea textarea').fill('First I will create a map from value to index.');
    await view.page.screenshot({ path: path.join(RESULTS_DIR, 'interview-view.png') });

    await view.send({ type: 'connection/didChange', status: 'connected', detail: null });
    await view.send({ type: 'turn/didComplete', turn: turn(5, 'interviewer', 'Sounds good. Go ahead and code it up.', 'code'), replayed: false });
    await view.send({ type: 'error', code: 'internal', message: 'provider timeout', requestId: null, fatal: false });
    await view.send({ type: 'session/didEnd', requestId: null, evaluation });
    await view.page.screenshot({ path: path.join(RESULTS_DIR, 'interview-ended.png') });
    assert.deepEqual(await view.problems(), []);
    await view.close();

    view = await openView(harness, 'report');
    await view.send({ type: 'report/show', session: sessionDetail });
    await view.page.locator('.evidence__link[data-kind="code"]').click();
    await view.page.screenshot({ path: path.join(RESULTS_DIR, 'report-view.png'), fullPage: true });
    assert.deepEqual(await view.problems(), []);
  });

  it('stays legible in a high contrast theme', async () => {
    view = await openView(harness, 'report', { theme: 'high-contrast' });
    await view.send({ type: 'report/show', session: sessionDetail });
    const border = await view.page.locator('.turn').first().evaluate((el) => getComputedStyle(el).borderTopStyle);
    assert.equal(border, 'solid');
    await view.page.screenshot({ path: path.join(RESULTS_DIR, 'report-high-contrast.png'), fullPage: true });
    assert.deepEqual(await view.problems(), []);
  });
});
