/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { sessionDetail } from './fixtures';
import { openView, startHarness, type Harness, type ViewPage } from './harness';

describe('webview: report view', function () {
  this.timeout(60_000);
  let harness: Harness;
  let view: ViewPage | undefined;

  before(async () => { harness = await startHarness(); });
  after(async () => { await harness?.close(); });
  afterEach(async () => {
    await view?.close();
    view = undefined;
  });

  async function openReport(): Promise<ViewPage> {
    view = await openView(harness, 'report');
    await view.send({ type: 'report/show', session: sessionDetail });
    return view;
  }

  it('renders title, band, dimension scores, the transcript and the final code with line numbers', async () => {
    const { page } = await openReport();
    assert.equal(await page.locator('.report__title').textContent(), 'Two Sum');
    assert.equal(await page.locator('.score-card__band').textContent(), 'Hire');
    assert.deepEqual(await page.locator('.dimension__name').allTextContents(),
      ['Problem solving', 'Coding', 'Communication', 'Verification']);
    assert.equal(await page.locator('.dimension .evidence__item').count(), 4);
    assert.equal(await page.locator('.transcript .turn').count(), 4);

    const lines = page.locator('.code-view__line');
    assert.equal(await lines.count(), 7);
    assert.equal(await lines.nth(3).getAttribute('data-line'), '4');
    assert.match(await lines.nth(3).textContent() ?? '', /seen\.has\(target - n\)/);
    // The gutter number is CSS content, so copying the listing copies only code.
    assert.doesNotMatch(await page.locator('.code-view').innerText(), /^\s*1\s*function/);
  });

  it('posts code/revealLine with the evidence line when a code evidence link is clicked', async () => {
    const { page } = await openReport();
    const link = page.locator('.evidence__link[data-kind="code"]');
    assert.equal(await link.textContent(), 'Line 4');
    await link.click();
    assert.deepEqual((await view!.posted()).at(-1), { type: 'code/revealLine', line: 4 });
    assert.equal(await page.locator('.code-view__line--highlighted').getAttribute('data-line'), '4');
  });

  it('highlights the referenced turn when a turn evidence link is clicked', async () => {
    const { page } = await openReport();
    assert.equal(await page.locator('.turn--highlighted').count(), 0);
    await page.locator('.dimension[data-dimension="communication"] .evidence__link').click();
    const highlighted = page.locator('.turn--highlighted');
    assert.equal(await highlighted.getAttribute('data-seq'), '2');
    assert.equal(await highlighted.evaluate((el) => el === document.activeElement), true);
    await page.locator('.dimension[data-dimension="problem-solving"] .evidence__link').click();
    assert.deepEqual(await highlighted.evaluateAll((els) => els.map((el) => el.getAttribute('data-seq'))), ['4']);
  });

  it('re-renders a reloaded report from saved state before the host resends it', async () => {
    view = await openView(harness, 'report', { state: { view: 'report', session: sessionDetail } });
    assert.equal(await view.page.locator('.report__title').textContent(), 'Two Sum');
    assert.deepEqual((await view.posted()).map((m) => m.type), ['ready']);
  });
});
