// Small SVG charts: a score trend (line) and per-topic averages (bars), each with a data-table fallback.
//
// Why hand-drawn SVG instead of a charting library: the webview's CSP allows no inline styles or eval, which rules
// out canvas libraries that inject <style> or compile templates; SVG elements take their colours from CSS classes, so
// every VS Code theme (high contrast included) applies through the same --vscode-* variables as the rest of the UI;
// the two chart shapes we need are ~200 lines, against 50–200 KB for a library; and SVG is in the accessibility tree:
// each chart is role="img" named by its <title> and described by its <desc>, every point carries its own <title>,
// and the same numbers are in a real <table> (inside <details>) for screen readers and for copying.
import { h, uniqueId } from './dom';
import './chart.css';

const SVG_NS = 'http://www.w3.org/2000/svg';

type SvgAttrs = Record<string, string | number>;

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: SvgAttrs = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(child);
  return el;
}

export interface ChartPoint {
  /** Shown under the axis and in the table, e.g. a short date. */
  label: string;
  value: number;
}

export interface ValueScale {
  min: number;
  max: number;
  /** Grid lines and axis labels at these values. */
  ticks: readonly number[];
  format(value: number): string;
}

/** The rubric's 1–4 scale, shared by every score chart. */
export const SCORE_SCALE: ValueScale = { min: 1, max: 4, ticks: [1, 2, 3, 4], format: (v) => v.toFixed(1) };

export interface LineChartOptions {
  title: string;
  /** One sentence a screen reader reads after the title: what the trend is. */
  description: string;
  /** What is measured, e.g. "Coding": names each point and the table's value column. */
  name: string;
  points: readonly ChartPoint[];
  scale?: ValueScale;
  /** Column heading of the table's first column. */
  pointHeading?: string;
  /** A compact chart (sparkline height) for small multiples. */
  compact?: boolean;
}

const WIDTH = 320;
const PAD = { left: 28, right: 8, top: 8, bottom: 18 };

export function createLineChart(options: LineChartOptions): HTMLElement {
  const scale = options.scale ?? SCORE_SCALE;
  const height = options.compact ? 72 : 140;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = height - PAD.top - PAD.bottom;
  const { name, points } = options;
  const count = points.length;
  const x = (i: number) => PAD.left + (count <= 1 ? plotWidth / 2 : (i / (count - 1)) * plotWidth);
  const y = (v: number) => PAD.top + (1 - (clamp(v, scale.min, scale.max) - scale.min) / (scale.max - scale.min)) * plotHeight;

  const titleId = uniqueId('chart-title');
  const descId = uniqueId('chart-desc');
  const svg = s('svg', {
    class: 'chart__svg', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': titleId, 'aria-describedby': descId,
  }, s('title', { id: titleId }, options.title), s('desc', { id: descId }, options.description));

  const grid = s('g', { class: 'chart__grid', 'aria-hidden': 'true' });
  for (const tick of scale.ticks) {
    grid.append(s('line', { class: 'chart__gridline', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(tick), y2: y(tick) }));
    // A compact chart labels only the ends of its scale: four labels in 50 px would touch.
    if (options.compact && tick !== scale.min && tick !== scale.max) continue;
    grid.append(s('text', { class: 'chart__tick', x: PAD.left - 6, y: y(tick), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, scale.format(tick)));
  }
  const first = points[0];
  const last = points.at(-1);
  if (first && last && count > 1) {
    grid.append(
      s('text', { class: 'chart__tick', x: x(0), y: height - 4, 'text-anchor': 'start' }, first.label),
      s('text', { class: 'chart__tick', x: x(count - 1), y: height - 4, 'text-anchor': 'end' }, last.label));
  }
  svg.append(grid);

  const series = s('g', { class: 'chart__series' });
  // A single point has no line; its marker alone shows it.
  if (count > 1) {
    series.append(s('polyline', {
      class: 'chart__line', points: points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' '),
    }));
  }
  points.forEach((point, i) => {
    series.append(s('circle', { class: 'chart__point', cx: x(i).toFixed(1), cy: y(point.value).toFixed(1), r: options.compact ? 2.5 : 3 },
      s('title', {}, `${name}, ${point.label}: ${scale.format(point.value)}`)));
  });
  svg.append(series);

  return h('figure', { class: `chart chart--line${options.compact ? ' chart--compact' : ''}` },
    svg,
    dataTable(options.title, options.pointHeading ?? 'Interview', [name],
      points.map((point) => [point.label, scale.format(point.value)])));
}

export interface Bar {
  label: string;
  value: number;
  /** Extra text after the value, e.g. "3 interviews". */
  detail?: string;
}

export interface BarChartOptions {
  title: string;
  description: string;
  bars: readonly Bar[];
  scale?: ValueScale;
  labelHeading?: string;
}

const BAR_HEIGHT = 16;
const BAR_GAP = 8;
const LABEL_WIDTH = 120;

/** Horizontal bars in the given order (the caller sorts: weakest first). */
export function createBarChart(options: BarChartOptions): HTMLElement {
  const scale = options.scale ?? SCORE_SCALE;
  const height = options.bars.length * (BAR_HEIGHT + BAR_GAP) + BAR_GAP;
  const barSpace = WIDTH - LABEL_WIDTH - 36;
  const width = (v: number) => Math.max(2, ((clamp(v, scale.min, scale.max) - scale.min) / (scale.max - scale.min)) * barSpace);
  const titleId = uniqueId('chart-title');
  const descId = uniqueId('chart-desc');
  const svg = s('svg', {
    class: 'chart__svg', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': titleId, 'aria-describedby': descId,
  }, s('title', { id: titleId }, options.title), s('desc', { id: descId }, options.description));
  options.bars.forEach((bar, i) => {
    const top = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP);
    const middle = top + BAR_HEIGHT / 2;
    svg.append(s('g', { class: 'chart__bar-row', 'data-label': bar.label },
      s('text', { class: 'chart__label', x: LABEL_WIDTH - 6, y: middle, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, truncate(bar.label, 18)),
      s('rect', { class: 'chart__bar', x: LABEL_WIDTH, y: top, width: width(bar.value).toFixed(1), height: BAR_HEIGHT, rx: 2 },
        s('title', {}, `${bar.label}: ${scale.format(bar.value)}${bar.detail ? ` (${bar.detail})` : ''}`)),
      s('text', { class: 'chart__value', x: LABEL_WIDTH + width(bar.value) + 4, y: middle, 'dominant-baseline': 'middle' }, scale.format(bar.value))));
  });
  const hasDetail = options.bars.some((bar) => bar.detail);
  return h('figure', { class: 'chart chart--bars' },
    svg,
    dataTable(options.title, options.labelHeading ?? 'Item', hasDetail ? ['Average', 'Detail'] : ['Average'],
      options.bars.map((bar) => [bar.label, scale.format(bar.value), ...(hasDetail ? [bar.detail ?? ''] : [])])));
}

function dataTable(caption: string, firstHeading: string, headings: readonly string[], rows: readonly string[][]): HTMLElement {
  return h('details', { class: 'chart__data' },
    h('summary', {}, 'Show as table'),
    h('table', { class: 'chart__table' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...[firstHeading, ...headings].map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, ...rows.map(([first, ...rest]) =>
        h('tr', {}, h('th', { scope: 'row' }, first ?? ''), ...rest.map((cell) => h('td', {}, cell)))))));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
