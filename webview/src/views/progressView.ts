// The Progress sidebar view: counts, the overall trajectory, a trend per rubric dimension and the weakest topics.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { z } from 'zod';
import type { Progress, ProgressPoint } from '../../../protocol/src/analytics';
import { assertNever } from '../../../protocol/src/domain';
import { ProgressViewContent } from '../../../protocol/src/webview';
import type { HostBridge } from '../hostBridge';
import { createBarChart, createLineChart, SCORE_SCALE, type ChartPoint } from '../ui/chart';
import { h } from '../ui/dom';
import { DIMENSION_LABELS, TOPIC_LABELS } from '../ui/labels';
import './progressView.css';

export const ProgressViewState = z.object({ view: z.literal('progress'), content: ProgressViewContent });
export type ProgressViewState = z.infer<typeof ProgressViewState>;

/** How many topics the "weakest topics" chart shows. */
const WEAKEST_TOPICS = 5;

type PointSchema = z.infer<typeof ProgressPoint>;

export class ProgressView {
  private readonly main = h('main', { class: 'progress', 'aria-live': 'polite', 'aria-busy': 'true' });
  private readonly refreshButton = h('vscode-button', { class: 'progress__refresh', secondary: true, title: 'Reload your progress' }, 'Refresh');
  private readonly updated = h('span', { class: 'progress__updated' });

  constructor(root: HTMLElement, private readonly bridge: HostBridge) {
    root.classList.add('app', 'app--progress');
    this.refreshButton.addEventListener('click', () => this.bridge.post({ type: 'progress/refresh' }));
    root.replaceChildren(h('div', { class: 'progress__toolbar' }, this.updated, this.refreshButton), this.main);
    this.render({ status: 'loading' });
  }

  restore(saved: unknown): boolean {
    const parsed = ProgressViewState.safeParse(saved);
    if (!parsed.success) return false;
    this.render(parsed.data.content);
    return true;
  }

  show(content: ProgressViewContent): void {
    this.render(content);
    // "loading" is transient: a reloaded view keeps showing the last figures until the host sends new ones.
    if (content.status !== 'loading') this.bridge.setState({ view: 'progress', content } satisfies ProgressViewState);
  }

  private render(content: ProgressViewContent): void {
    this.main.setAttribute('aria-busy', String(content.status === 'loading'));
    this.main.dataset.status = content.status;
    this.refreshButton.hidden = content.status === 'signed-out';
    this.updated.textContent = content.status === 'loaded'
      ? `Updated ${new Date(content.loadedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}` : '';
    switch (content.status) {
      case 'loading':
        // Keep showing loaded figures while a refresh runs; only an empty view gets the spinner.
        if (this.main.querySelector('.progress__section')) return;
        return this.main.replaceChildren(h('p', { class: 'progress__message', role: 'status' },
          h('vscode-progress-ring', { 'aria-hidden': 'true' }), 'Loading your progress…'));
      case 'signed-out':
        return this.main.replaceChildren(h('p', { class: 'progress__message' }, 'Sign in to Mocktalk to see your progress.'));
      case 'error':
        return this.main.replaceChildren(h('p', { class: 'progress__message progress__message--error', role: 'alert' }, content.message));
      case 'loaded':
        return this.main.replaceChildren(...renderProgress(content.progress));
      default: return assertNever(content, 'progress content');
    }
  }
}

function renderProgress(progress: Progress): HTMLElement[] {
  if (progress.interviews === 0 || progress.overall.length === 0) {
    return [h('div', { class: 'progress__empty' },
      h('p', { class: 'progress__message' }, 'No scored interviews yet.'),
      h('p', { class: 'progress__hint' }, 'Finish an interview and your scores, trends and weakest topics appear here.'))];
  }
  const overall = progress.overall.map(toChartPoint);
  return [
    renderCounts(progress),
    section('Overall', createLineChart({
      title: 'Overall score per interview',
      description: trendSentence('Overall', progress.overall),
      name: 'Overall', points: overall,
    })),
    section('By dimension', h('div', { class: 'progress__dimensions' },
      ...progress.dimensions.map(({ dimension, points, average }) => {
        const name = DIMENSION_LABELS[dimension];
        return h('article', { class: 'progress__dimension', 'data-dimension': dimension },
          h('h3', { class: 'progress__dimension-name' }, name,
            h('span', { class: 'progress__dimension-average' }, average === null ? 'not scored' : `avg ${average.toFixed(1)}`)),
          points.length
            ? createLineChart({ title: `${name} score per interview`, description: trendSentence(name, points), name, points: points.map(toChartPoint), compact: true })
            : h('p', { class: 'progress__hint' }, 'No scores yet.'));
      }))),
    section('Weakest topics', progress.topics.length
      ? createBarChart({
        title: 'Average overall score by topic, weakest first',
        description: `Weakest first: ${progress.topics.slice(0, WEAKEST_TOPICS).map((t) => `${TOPIC_LABELS[t.topic]} ${t.average.toFixed(1)}`).join(', ')}.`,
        labelHeading: 'Topic',
        bars: progress.topics.slice(0, WEAKEST_TOPICS).map((t) => ({
          label: TOPIC_LABELS[t.topic], value: t.average, detail: t.interviews === 1 ? '1 interview' : `${t.interviews} interviews`,
        })),
      })
      : h('p', { class: 'progress__hint' }, 'No topics yet.')),
  ];
}

function renderCounts(progress: Progress): HTMLElement {
  const scores = progress.overall.map((p) => p.score);
  const average = scores.reduce((a, b) => a + b, 0) / scores.length;
  const latest = scores.at(-1) ?? 0;
  const change = scores.length > 1 ? latest - (scores[0] ?? latest) : null;
  const stat = (name: string, value: string, key: string) =>
    h('div', { class: 'progress__stat', 'data-stat': key }, h('dt', {}, name), h('dd', {}, value));
  return h('dl', { class: 'progress__counts', 'aria-label': 'Summary' },
    stat('Scored interviews', String(progress.interviews), 'interviews'),
    stat('Average', `${average.toFixed(1)} / 4`, 'average'),
    stat('Latest', `${latest.toFixed(1)} / 4`, 'latest'),
    stat('Since first', change === null ? '–' : `${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(1)}`, 'change'),
    stat('Topics practised', String(progress.topics.length), 'topics'));
}

function section(title: string, body: HTMLElement): HTMLElement {
  return h('section', { class: 'progress__section', 'aria-label': title }, h('h2', { class: 'section-title' }, title), body);
}

function toChartPoint(point: PointSchema): ChartPoint {
  return { label: shortDate(point.at), value: point.score };
}

function shortDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** "Coding went from 2.0 to 3.0 over 5 interviews (9 Nov – 25 Nov)." */
function trendSentence(name: string, points: readonly PointSchema[]): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return `${name}: no scores yet.`;
  if (points.length === 1) return `${name}: ${SCORE_SCALE.format(first.score)} in the one scored interview (${shortDate(first.at)}).`;
  const verb = last.score > first.score ? 'rose' : last.score < first.score ? 'fell' : 'stayed';
  const range = verb === 'stayed' ? `at ${SCORE_SCALE.format(first.score)}` : `from ${SCORE_SCALE.format(first.score)} to ${SCORE_SCALE.format(last.score)}`;
  return `${name} ${verb} ${range} over ${points.length} interviews (${shortDate(first.at)} – ${shortDate(last.at)}).`;
}
