// The latest run of the hidden tests: a Run tests button, the counts, and a row per case with its verdict,
// the first failing case opened. Runs happen on the candidate's machine; the host reports start and finish.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import type { CaseResult, TestRunResult, Verdict } from '../../../protocol/src/testRun';
import { h, uniqueId, type Child } from './dom';
import { VERDICT_LABELS } from './labels';
import './testResults.css';

export interface CompletedTestRun { runId: string; ranOnVersion: number; result: TestRunResult }

/** Whether Run tests can be pressed now, and why not. */
export type RunAvailability = { kind: 'ready' } | { kind: 'unavailable'; reason: string };

export interface TestResultsOptions {
  onRun(): void;
}

/** requested: the button was pressed and the host has not said the run started yet. */
type Phase = 'idle' | 'requested' | 'running';

/** tests/didStart follows a request within a server round trip; silence this long means it went nowhere. */
const REQUEST_TIMEOUT_MS = 15_000;

const VERDICT_ICONS: Record<Verdict, string> = {
  pass: '✓', fail: '✗', timeout: '⏱', 'memory-limit': '⚠', 'output-limit': '⚠', error: '⚠',
};

export class TestResults {
  readonly element: HTMLElement;
  private readonly runButton: HTMLElementTagNameMap['vscode-button'];
  private readonly hint: HTMLElement;
  private readonly spinner: HTMLElementTagNameMap['vscode-progress-ring'];
  private readonly statusText: HTMLElement;
  private readonly body: HTMLElement;
  private phase: Phase = 'idle';
  private requests = 0;
  private run: CompletedTestRun | null = null;
  private availability: RunAvailability = { kind: 'unavailable', reason: 'Waiting for the interview to start…' };

  constructor(private readonly options: TestResultsOptions) {
    const headingId = uniqueId('tests-heading');
    const hintId = uniqueId('tests-hint');
    this.runButton = h('vscode-button', { class: 'test-results__run', 'aria-describedby': hintId }, 'Run tests');
    this.hint = h('span', { class: 'test-results__hint', id: hintId });
    this.spinner = h('vscode-progress-ring', { class: 'test-results__spinner', 'aria-hidden': 'true' });
    this.statusText = h('span', { class: 'test-results__status-text' });
    this.body = h('div', { class: 'test-results__body' });
    this.element = h('section', { class: 'test-results', 'aria-labelledby': headingId },
      h('div', { class: 'test-results__header' },
        h('h2', { class: 'section-title test-results__title', id: headingId }, 'Tests'),
        h('div', { class: 'test-results__actions' }, this.hint, this.runButton)),
      // role="status": the outcome of a run is read out politely, without moving focus.
      h('p', { class: 'test-results__status', role: 'status' }, this.spinner, this.statusText),
      this.body);
    this.runButton.addEventListener('click', () => this.requestRun());
    this.render();
  }

  /** The run shown, for the view's saved state. */
  get latest(): CompletedTestRun | null { return this.run; }

  setAvailability(availability: RunAvailability): void {
    this.availability = availability;
    this.render();
  }

  /** A run started on the candidate's machine (asked for here, by the command, or by the interviewer). */
  start(): void {
    this.phase = 'running';
    this.render();
  }

  complete(run: CompletedTestRun): void {
    this.phase = 'idle';
    this.run = run;
    this.renderBody();
    this.render();
  }

  /** Shows a stored run (or none) with nothing in flight: a restored panel, another session. */
  reset(run: CompletedTestRun | null): void {
    this.phase = 'idle';
    this.run = run;
    this.renderBody();
    this.render();
  }

  /** The request went nowhere (error, lost connection); a run the host already started is not affected. */
  cancelRequest(): void {
    if (this.phase !== 'requested') return;
    this.phase = 'idle';
    this.render();
  }

  private requestRun(): void {
    if (this.runButton.disabled) return;
    this.phase = 'requested';
    const request = ++this.requests;
    setTimeout(() => { if (request === this.requests) this.cancelRequest(); }, REQUEST_TIMEOUT_MS);
    this.options.onRun();
    this.render();
  }

  private render(): void {
    const busy = this.phase !== 'idle';
    this.element.setAttribute('aria-busy', String(busy));
    this.element.classList.toggle('test-results--busy', busy);
    this.runButton.disabled = busy || this.availability.kind !== 'ready';
    this.hint.textContent = this.availability.kind === 'ready' ? '' : this.availability.reason;
    this.hint.hidden = this.availability.kind === 'ready' || busy;
    this.spinner.hidden = !busy;
    this.statusText.replaceChildren(...this.statusContent());
  }

  private statusContent(): (Node | string)[] {
    if (this.phase === 'requested') return ['Starting the tests…'];
    if (this.phase === 'running') return ['Running the hidden tests on your machine…'];
    const result = this.run?.result;
    if (!result) return [];
    if (result.missing !== undefined && result.cases.length === 0) return ['The tests could not run.'];
    const total = result.passed + result.failed;
    return [
      h('span', { class: 'test-results__count', 'data-kind': 'passed' }, `${result.passed} passed`), ', ',
      h('span', { class: 'test-results__count', 'data-kind': 'failed' }, `${result.failed} failed`),
      ` of ${total} test${total === 1 ? '' : 's'}`,
      ...(result.toolchain ? [h('span', { class: 'test-results__toolchain' }, ` · ${result.toolchain.name} ${result.toolchain.version}`)] : []),
    ];
  }

  private renderBody(): void {
    const result = this.run?.result;
    if (!result) {
      this.body.replaceChildren(h('p', { class: 'test-results__empty' },
        'Run the hidden tests against your current code. They run on your machine, and the interviewer sees the results.'));
    } else if (result.missing !== undefined && result.cases.length === 0) {
      this.body.replaceChildren(h('div', { class: 'test-results__notice', 'data-kind': 'missing' },
        h('p', { class: 'test-results__notice-title' }, 'The tests could not run on your machine'),
        h('p', {}, ...richText(result.missing))));
    } else if (result.cases.length === 0) {
      this.body.replaceChildren(h('p', { class: 'test-results__empty' }, 'The run reported no test cases.'));
    } else {
      const firstFailure = result.cases.find((c) => c.verdict !== 'pass');
      this.body.replaceChildren(h('ol', { class: 'test-cases', 'aria-label': 'Test cases' },
        ...result.cases.map((c) => renderCase(c, c === firstFailure))));
    }
  }
}

function renderCase(result: CaseResult, open: boolean): HTMLLIElement {
  const details = h('details', { class: 'test-case__details' },
    h('summary', { class: 'test-case__summary' },
      verdictBadge(result.verdict),
      h('span', { class: 'test-case__name' }, `Case ${result.index + 1}`),
      h('code', { class: 'test-case__input', 'aria-hidden': 'true' }, result.input),
      h('span', { class: 'test-case__duration' }, `${Math.round(result.durationMs)} ms`)),
    h('dl', { class: 'test-case__fields' },
      ...field('Input', result.input),
      ...field('Expected', result.expected),
      ...(result.actual !== undefined ? field('Actual', result.actual) : []),
      ...(result.error !== undefined ? field('Error', result.error) : []),
      ...(result.output ? field('Printed', result.output) : [])));
  details.open = open;
  return h('li', { class: 'test-case', 'data-verdict': result.verdict, 'data-index': result.index }, details);
}

function verdictBadge(verdict: Verdict): HTMLElement {
  return h('span', { class: 'test-verdict', 'data-verdict': verdict },
    h('span', { class: 'test-verdict__icon', 'aria-hidden': 'true' }, VERDICT_ICONS[verdict]),
    VERDICT_LABELS[verdict]);
}

function field(name: string, value: string): HTMLElement[] {
  return [h('dt', { class: 'test-case__field-name' }, name), h('dd', { class: 'test-case__field-value' }, h('pre', {}, value))];
}

/** The runner's messages mark commands with backticks; everything else stays literal text. */
function richText(text: string): Child[] {
  return text.split('`').map((part, index) => (index % 2 === 1 ? h('code', {}, part) : part));
}
