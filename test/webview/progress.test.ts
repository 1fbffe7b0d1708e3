/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { Progress } from '../../protocol/src/analytics';
import { DIMENSIONS } from '../../protocol/src/domain';
import type { ProgressViewContent } from '../../protocol/src/webview';
import { openView, startHarness, type Harness, type ViewPage } from './harness';

// The shape GET /api/me/progress returns, parsed with the real schema so a contract change breaks these tests.
const DATES = ['2026-11-02T10:00:00.000Z', '2026-11-09T10:00:00.000Z', '2026-11-12T10:00:00.000Z', '2026-11-18T10:00:00.000Z', '2026-11-24T10:00:00.000Z'];
const OVERALL = [2, 2.25, 2.5, 3, 3.25];
const point = (i: number, score: number) => ({ sessionId: `s-${i}`, at: DATES[i]!, score });
const progress = Progress.parse({
  interviews: 5,
  overall: OVERALL.map((score, i) => point(i, score)),
  dimensions: DIMENSIONS.map((dimension, d) => {
    const scores = [1, 2, 2, 3, 4].map((s) => Math.min(4, s + (d % 2)));
    return { dimension, points: scores.map((s, i) => point(i, s)), average: scores.reduce((a, b) => a + b, 0) / scores.length };
  }),
  topics: [
    { topic: 'graphs', interviews: 1, average: 1.75 },
    { topic: 'dynamic-programming', interviews: 2, average: 2.1 },
    { topic: 'trees', interviews: 1, average: 2.5 },
    { topic: 'two-pointers', interviews: 1, average: 3 },
    { topic: 'arrays-hashing', interviews: 3, average: 3.1 },
    { topic: 'strings', interviews: 1, average: 3.5 },
  ],
});
const loaded = (p: Progress = progress): ProgressViewContent => ({ status: 'loaded', progress: p, loadedAt: '2026-11-25T12:00:00.000Z' });

describe('webview: progress view and charts', function () {
  this.timeout(60_000);
  let harness: Harness;
  let view: ViewPage | undefined;

  before(async () => { harness = await startHarness(); });
  after(async () => { await harness?.close(); });
  afterEach(async () => {
    if (view) assert.deepEqual(await view.problems(), [], 'console errors or CSP violations');
    await view?.close();
    view = undefined;
  });

  async function show(content: ProgressViewContent, theme?: 'dark' | 'high-contrast'): Promise<ViewPage> {
    view = await openView(harness, 'progress', { theme });
    await view.send({ type: 'progress/show', content });
    return view;
  }

  it('says ready as the progress view and shows a spinner until the host answers', async () => {
    view = await openView(harness, 'progress');
    assert.deepEqual(await view.posted(), [{ type: 'ready', view: 'progress' }]);
    assert.match(await view.page.locator('.progress__message').textContent() ?? '', /Loading your progress/);
    assert.equal(await view.page.locator('main.progress').getAttribute('aria-busy'), 'true');
  });

  it('renders counts, the overall trajectory, a trend per dimension and the five weakest topics', async () => {
    const { page } = await show(loaded());
    const stat = (key: string) => page.locator(`.progress__stat[data-stat="${key}"] dd`).textContent();
    assert.equal(await stat('interviews'), '5');
    assert.equal(await stat('average'), '2.6 / 4');
    assert.equal(await stat('latest'), '3.3 / 4');
    assert.equal(await stat('change'), '+1.3');
    assert.equal(await stat('topics'), '6');

    const overall = page.getByRole('img', { name: 'Overall score per interview' });
    assert.equal(await overall.count(), 1);
    assert.equal(await overall.locator('circle.chart__point').count(), 5);
    const ys = await overall.locator('circle.chart__point').evaluateAll((els) => els.map((el) => Number(el.getAttribute('cy'))));
    assert.deepEqual([...ys].sort((a, b) => b - a), ys, 'rising scores are drawn higher (smaller y) left to right');
    assert.equal((await overall.locator('polyline').getAttribute('points'))?.split(' ').length, 5);

    assert.deepEqual(await page.locator('.progress__dimension-name').evaluateAll((els) => els.map((el) => el.firstChild?.textContent)),
      ['Problem solving', 'Coding', 'Communication', 'Verification']);
    assert.equal(await page.locator('.progress__dimension svg[role="img"]').count(), 4);
    assert.equal(await page.locator('.progress__dimension[data-dimension="coding"] .progress__dimension-average').textContent(), 'avg 3.2');

    const bars = page.getByRole('img', { name: 'Average overall score by topic, weakest first' });
    assert.deepEqual(await bars.locator('.chart__bar-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-label'))),
      ['Graphs', 'Dynamic programming', 'Trees', 'Two pointers', 'Arrays & hashing']);
    const widths = await bars.locator('rect.chart__bar').evaluateAll((els) => els.map((el) => Number(el.getAttribute('width'))));
    assert.ok(widths.every((w, i) => i === 0 || w >= widths[i - 1]!), `bars grow with the average: ${widths.join(', ')}`);
    assert.equal(await page.locator('.progress__updated').textContent() !== '', true);
  });

  it('describes every chart for assistive technology and offers the numbers as a table', async () => {
    const { page } = await show(loaded());
    const charts = page.locator('svg.chart__svg');
    assert.equal(await charts.count(), 6); // overall, four dimensions, topics
    const described = await charts.evaluateAll((svgs) => svgs.map((svg) => {
      const title = document.getElementById(svg.getAttribute('aria-labelledby') ?? '');
      const desc = document.getElementById(svg.getAttribute('aria-describedby') ?? '');
      return { role: svg.getAttribute('role'), title: title?.tagName, titleText: title?.textContent, desc: desc?.tagName, descText: desc?.textContent };
    }));
    for (const chart of described) {
      assert.equal(chart.role, 'img');
      assert.equal(chart.title, 'title');
      assert.equal(chart.desc, 'desc');
      assert.ok(chart.titleText && chart.descText, JSON.stringify(chart));
    }
    assert.match(described[0]!.descText!, /^Overall rose from 2\.0 to 3\.3 over 5 interviews/);
    assert.match(described.at(-1)!.descText!, /^Weakest first: Graphs 1\.8, Dynamic programming 2\.1/);
    // each point names itself
    assert.match(await page.locator('.chart--line').first().locator('circle title').last().textContent() ?? '', /^Overall, .+: 3\.3$/);

    const table = page.locator('.chart__data').first();
    await table.locator('summary').click();
    assert.equal(await table.locator('caption').textContent(), 'Overall score per interview');
    assert.deepEqual(await table.locator('thead th').allTextContents(), ['Interview', 'Overall']);
    assert.deepEqual(await table.locator('tbody td').allTextContents(), ['2.0', '2.3', '2.5', '3.0', '3.3']);
    assert.equal(await page.getByRole('row').first().isVisible(), true);
  });

  it('draws a single interview as a point without a line, and keeps out-of-range values inside the plot', async () => {
    const one = Progress.parse({
      interviews: 1, overall: [point(0, 4.6)],
      dimensions: DIMENSIONS.map((dimension) => ({ dimension, points: [point(0, 0.5)], average: 0.5 })),
      topics: [{ topic: 'graphs', interviews: 1, average: 4.6 }],
    });
    const { page } = await show(loaded(one));
    const overall = page.getByRole('img', { name: 'Overall score per interview' });
    assert.equal(await overall.locator('polyline').count(), 0);
    assert.equal(await overall.locator('circle').count(), 1);
    const box = await overall.evaluate((svg) => {
      const circle = svg.querySelector('circle')!;
      const [, , , height] = svg.getAttribute('viewBox')!.split(' ').map(Number);
      return { cy: Number(circle.getAttribute('cy')), height: height! };
    });
    assert.ok(box.cy >= 0 && box.cy <= box.height, `point at y=${box.cy} is outside 0–${box.height}`);
    assert.equal(await page.locator('.progress__stat[data-stat="change"] dd').textContent(), '–');
    assert.match(await overall.locator('desc').textContent() ?? '', /in the one scored interview/);
  });

  it('shows an empty state when no interview has been scored', async () => {
    const { page } = await show(loaded(Progress.parse({
      interviews: 0, overall: [], dimensions: DIMENSIONS.map((dimension) => ({ dimension, points: [], average: null })), topics: [],
    })));
    assert.equal(await page.locator('.progress__empty .progress__message').textContent(), 'No scored interviews yet.');
    assert.equal(await page.locator('svg').count(), 0);
  });

  it('shows signed-out and error states; the refresh button asks the host to reload', async () => {
    const { page } = await show({ status: 'signed-out' });
    assert.match(await page.locator('.progress__message').textContent() ?? '', /Sign in to Mocktalk/);
    assert.equal(await page.locator('.progress__refresh').isVisible(), false);

    await view!.send({ type: 'progress/show', content: { status: 'error', message: 'Cannot reach the Mocktalk server at http://127.0.0.1:9.' } });
    assert.equal(await page.getByRole('alert').textContent(), 'Cannot reach the Mocktalk server at http://127.0.0.1:9.');
    await page.locator('.progress__refresh').click();
    assert.deepEqual((await view!.posted()).at(-1), { type: 'progress/refresh' });
  });

  it('keeps the figures on screen while a refresh loads, and redraws from saved state after a reload', async () => {
    const { page } = await show(loaded());
    await view!.send({ type: 'progress/show', content: { status: 'loading' } });
    assert.equal(await page.locator('.progress__section').count(), 3);
    assert.equal(await page.locator('main.progress').getAttribute('aria-busy'), 'true');
    const saved = await view!.state();
    assert.deepEqual(saved, { view: 'progress', content: loaded() }, 'loading is not saved over the figures');
    await view!.close();

    view = await openView(harness, 'progress', { state: saved });
    assert.equal(await view.page.locator('.progress__stat[data-stat="interviews"] dd').textContent(), '5');
  });

  it('takes its colours from the theme: the chart accent in dark, contrast borders and outlined bars in high contrast', async () => {
    // No named helpers inside evaluate(): tsx would wrap them in a __name() the page does not have.
    const colours = async (page: ViewPage['page']) => page.evaluate((selectors) => {
      const [line, grid, tick, bar] = selectors.map((selector) => getComputedStyle(document.querySelector(selector)!));
      return {
        line: line!.stroke, grid: grid!.stroke, gridOpacity: grid!.opacity, tick: tick!.fill, bar: bar!.fill, barStroke: bar!.stroke,
        background: getComputedStyle(document.body).backgroundColor,
      };
    }, ['.chart__line', '.chart__gridline', '.chart__tick', '.chart__bar']);
    const dark = await colours((await show(loaded())).page);
    assert.equal(dark.line, 'rgb(55, 148, 255)'); // --vscode-charts-blue
    assert.equal(dark.bar, 'rgb(55, 148, 255)');
    assert.equal(dark.background, 'rgb(24, 24, 24)'); // the side bar, not the editor
    await view!.close();

    const hc = await colours((await show(loaded(), 'high-contrast')).page);
    assert.equal(hc.line, 'rgb(243, 133, 24)'); // --vscode-contrastActiveBorder
    assert.equal(hc.grid, 'rgb(111, 195, 223)'); // --vscode-contrastBorder
    assert.equal(hc.gridOpacity, '1');
    assert.equal(hc.tick, 'rgb(255, 255, 255)'); // --vscode-foreground
    assert.equal(hc.bar, 'rgb(0, 0, 0)');
    assert.equal(hc.barStroke, 'rgb(111, 195, 223)');
  });
});
