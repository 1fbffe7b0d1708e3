/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { TestRunResult, type CaseResult } from '../../protocol/src/testRun';
import type { HostToWebviewMessage } from '../../protocol/src/webview';
import { conversation, snapshot } from './fixtures';
import { openView, RESULTS_DIR, startHarness, type Harness, type ViewPage } from './harness';

const RUN_ID = '0b8e6a1c-3f0d-4c55-9d8e-6a2f1b7c9e41';

function testCase(index: number, args: string, expected: string, extra: Partial<CaseResult> = {}): CaseResult {
  return { index, verdict: 'pass', input: args, expected, actual: expected, durationMs: 40 + index, ...extra };
}

/** Pair Sum Indices with an off-by-one: five cases pass, one answers wrongly, one crashes. */
const failingRun = TestRunResult.parse({
  toolchain: { name: 'node', version: '20.19.4' },
  passed: 5,
  failed: 2,
  cases: [
    testCase(0, '[[2,7,11,15],9]', '[0,1]'),
    testCase(1, '[[3,3],6]', '[0,1]'),
    testCase(2, '[[3,2,4],6]', '[1,2]', { verdict: 'fail', actual: '[0,0]' }),
    testCase(3, '[[-4,10,-2,5],-6]', '[0,2]'),
    testCase(4, '[[0,5,0],0]', '[0,2]', {
      verdict: 'error', actual: undefined, error: "TypeError: Cannot read properties of undefined (reading 'length')\n    at pairSumIndices (solution.cjs:3:20)",
      output: 'checking 0\n',
    }),
    testCase(5, '[[1000000000,3,-999999999,8],1]', '[0,2]'),
    testCase(6, '[[5,1,9,4,2,8],17]', '[2,5]'),
  ],
});

const missingPython = TestRunResult.parse({
  toolchain: null, cases: [], passed: 0, failed: 0,
  missing: 'Python 3.8+ is needed to run Python solutions, but `python3` could not be used (spawn python3 ENOENT). '
    + 'Install Python 3 from https://www.python.org/downloads/ or your package manager, and make sure it is on PATH or configure its path.',
});

const completed = (result: TestRunResult): HostToWebviewMessage => ({ type: 'tests/didComplete', runId: RUN_ID, ranOnVersion: 12, result });

describe('webview: test results', function () {
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

  const text = (selector: string) => view!.page.locator(selector).innerText();
  const runButtonDisabled = () => view!.page.locator('vscode-button.test-results__run')
    .evaluate((b: HTMLElement & { disabled: boolean }) => b.disabled);

  it('shows a run with failures: the counts, every case with its verdict, the first failing case opened', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot(conversation.slice(0, 2)));
    await view.send({ type: 'tests/didStart', runId: RUN_ID });
    await view.send(completed(failingRun));

    assert.equal(await view.page.locator('.test-results__count[data-kind="passed"]').textContent(), '5 passed');
    assert.equal(await view.page.locator('.test-results__count[data-kind="failed"]').textContent(), '2 failed');
    assert.match(await text('.test-results__status'), /5 passed, 2 failed of 7 tests · node 20\.19\.4/);
    const verdicts = await view.page.locator('.test-case').evaluateAll((els) => els.map((el) => el.getAttribute('data-verdict')));
    assert.deepEqual(verdicts, ['pass', 'pass', 'fail', 'pass', 'error', 'pass', 'pass']);
    const badges = await view.page.locator('.test-case .test-verdict').allTextContents();
    assert.deepEqual([badges[0], badges[2], badges[4]], ['✓Passed', '✗Wrong answer', '⚠Error']);

    const open = view.page.locator('.test-case__details[open]');
    assert.equal(await open.count(), 1, 'only the first failing case is expanded');
    assert.equal(await open.locator('xpath=..').getAttribute('data-index'), '2');
    const fields = await open.locator('.test-case__fields').innerText();
    assert.match(fields, /Input\s+\[\[3,2,4\],6\]\s+Expected\s+\[1,2\]\s+Actual\s+\[0,0\]/);

    // the crashed case shows its error and what it printed once opened
    await view.page.locator('.test-case[data-index="4"] summary').click();
    assert.match(await text('.test-case[data-index="4"] .test-case__fields'), /Error\s+TypeError: Cannot read properties[\s\S]*Printed\s+checking 0/);
    assert.equal(await view.page.locator('.test-results').getAttribute('aria-busy'), 'false');
    assert.equal(await view.page.locator('.test-results__status').getAttribute('role'), 'status');

    await view.page.locator('.test-case[data-index="4"] summary').click(); // back to the state a candidate first sees
    await view.page.locator('.test-results').screenshot({ path: path.join(RESULTS_DIR, 'test-results.png') });
    await view.page.screenshot({ path: path.join(RESULTS_DIR, 'test-results-panel.png') });
    assert.deepEqual(await view.problems(), []);
  });

  it('the Run tests button posts tests/run once and shows the run in flight until it completes', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot(conversation.slice(0, 1)));
    assert.match(await text('.test-results__empty'), /Run the hidden tests/);
    assert.equal(await runButtonDisabled(), false);

    await view.page.locator('vscode-button.test-results__run').click();
    assert.deepEqual((await view.posted()).at(-1), { type: 'tests/run' });
    assert.equal(await runButtonDisabled(), true);
    assert.equal(await text('.test-results__status'), 'Starting the tests…');
    await view.page.locator('vscode-button.test-results__run').click({ force: true });
    assert.equal((await view.posted()).filter((m) => m.type === 'tests/run').length, 1, 'a second click sent another request');

    await view.send({ type: 'tests/didStart', runId: RUN_ID });
    assert.equal(await text('.test-results__status'), 'Running the hidden tests on your machine…');
    assert.equal(await view.page.locator('.test-results').getAttribute('aria-busy'), 'true');
    assert.equal(await view.page.locator('.test-results__spinner').isVisible(), true);

    await view.send(completed(failingRun));
    assert.equal(await runButtonDisabled(), false);
    assert.equal(await view.page.locator('.test-results__spinner').isVisible(), false);
    // a later run keeps the previous results on screen, marked as outdated, until its own arrive
    await view.send({ type: 'tests/didStart', runId: 'second-run' });
    assert.equal(await view.page.locator('.test-case').count(), 7);
    assert.match(await view.page.locator('.test-results').getAttribute('class') ?? '', /test-results--busy/);
  });

  it('cannot run tests while offline or once the interview has ended, and says why', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot([], 'offline'));
    assert.equal(await runButtonDisabled(), true);
    assert.match(await text('.test-results__hint'), /Offline/);
    await view.send({ type: 'connection/didChange', status: 'connected', detail: null });
    assert.equal(await runButtonDisabled(), false);
    await view.send({ type: 'session/didChangeState', state: 'ended', stage: 'wrap-up' });
    assert.equal(await runButtonDisabled(), true);
    assert.match(await text('.test-results__hint'), /ended/);
  });

  it('a missing toolchain shows what to install instead of an empty list', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot());
    await view.send({ type: 'tests/didStart', runId: RUN_ID });
    await view.send(completed(missingPython));
    assert.equal(await text('.test-results__status'), 'The tests could not run.');
    assert.equal(await view.page.locator('.test-results__notice-title').innerText(), 'The tests could not run on your machine');
    assert.match(await text('.test-results__notice'), /Install Python 3 from https:\/\/www\.python\.org\/downloads\//);
    assert.equal(await view.page.locator('.test-results__notice code').innerText(), 'python3');
    assert.equal(await view.page.locator('.test-case').count(), 0);
    await view.page.locator('.test-results').screenshot({ path: path.join(RESULTS_DIR, 'test-results-missing.png') });
    assert.deepEqual(await view.problems(), []);
  });

  it('keeps the latest run in the saved state, so a reloaded panel shows it again', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot(conversation.slice(0, 1)));
    await view.send(completed(failingRun));
    const saved = await view.state();
    await view.close();

    view = await openView(harness, 'interview', { state: saved, theme: 'high-contrast' });
    assert.equal(await view.page.locator('.test-case').count(), 7);
    assert.equal(await view.page.locator('.test-results__count[data-kind="failed"]').textContent(), '2 failed');
    assert.deepEqual(await view.problems(), []);
  });
});
