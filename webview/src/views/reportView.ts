// The post-session report: result, per-dimension scores with evidence, the full transcript and the final code.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { z } from 'zod';
import { SessionDetail, type CodeSnapshotView, type Evidence } from '../../../protocol/src/domain';
import type { HostBridge } from '../hostBridge';
import { CodeView } from '../ui/codeView';
import { createDimensionScores } from '../ui/dimensionScores';
import { h } from '../ui/dom';
import { DIFFICULTY_LABELS, LANGUAGE_LABELS } from '../ui/labels';
import { createProblemStatement } from '../ui/problemStatement';
import { createScoreCard } from '../ui/scoreCard';
import { formatElapsed } from '../ui/timer';
import { Transcript } from '../ui/transcript';

export const ReportViewState = z.object({ view: z.literal('report'), session: SessionDetail });
export type ReportViewState = z.infer<typeof ReportViewState>;

export class ReportView {
  private readonly main = h('main', { class: 'report' });
  private transcript: Transcript | null = null;
  private code: { view: CodeView; snapshotSeq: number } | null = null;

  constructor(root: HTMLElement, private readonly bridge: HostBridge) {
    root.classList.add('app', 'app--report');
    this.main.append(h('div', { class: 'report__loading', role: 'status' },
      h('vscode-progress-ring', { 'aria-hidden': 'true' }), 'Loading report…'));
    root.replaceChildren(this.main);
  }

  restore(saved: unknown): boolean {
    const parsed = ReportViewState.safeParse(saved);
    if (!parsed.success) return false;
    this.render(parsed.data.session);
    return true;
  }

  show(session: SessionDetail): void {
    this.render(session);
    const state: ReportViewState = { view: 'report', session };
    this.bridge.setState(state);
  }

  private render(session: SessionDetail): void {
    const finalSnapshot = latest(session.codeSnapshots);
    this.transcript = new Transcript({ emptyText: 'Nothing was said in this interview.' });
    this.transcript.setTurns(session.turns);
    this.code = finalSnapshot ? { view: new CodeView(finalSnapshot), snapshotSeq: finalSnapshot.seq } : null;
    const { evaluation } = session;

    this.main.replaceChildren(
      h('header', { class: 'report__header' },
        h('h1', { class: 'report__title' }, session.problem.title),
        h('p', { class: 'report__meta' },
          h('vscode-badge', { class: 'report__difficulty', 'data-difficulty': session.problem.difficulty },
            DIFFICULTY_LABELS[session.problem.difficulty]),
          ...metaItems(session).map((item) => h('span', { class: 'report__meta-item' }, item)))),
      evaluation
        ? h('section', { class: 'report__section', 'aria-label': 'Evaluation' },
          createScoreCard(evaluation, 'h2'),
          createDimensionScores(evaluation.scores, { onEvidence: (e) => this.followEvidence(e) }))
        : h('p', { class: 'report__note' }, 'This interview has not been evaluated yet.'),
      createProblemStatement(session.problem, false),
      h('section', { class: 'report__section', 'aria-label': 'Transcript' },
        h('h2', { class: 'section-title' }, 'Transcript'), this.transcript.element),
      h('section', { class: 'report__section', 'aria-label': 'Final code' },
        h('h2', { class: 'section-title' }, 'Final code',
          finalSnapshot && h('span', { class: 'section-title__detail' }, finalSnapshot.language)),
        this.code?.view.element ?? h('p', { class: 'report__note' }, 'No code was captured in this interview.')));
  }

  private followEvidence(evidence: Evidence): void {
    if (evidence.kind === 'turn' && evidence.ref !== null) {
      this.transcript?.highlight(evidence.ref);
    } else if (evidence.kind === 'code' && evidence.line !== null) {
      // The editor may still have the solution open; the listing here shows it either way when it is the final snapshot.
      if (this.code && evidence.ref === this.code.snapshotSeq) this.code.view.highlightLine(evidence.line - 1);
      this.bridge.post({ type: 'code/revealLine', line: evidence.line });
    }
  }
}

function latest(snapshots: readonly CodeSnapshotView[]): CodeSnapshotView | null {
  return snapshots.reduce<CodeSnapshotView | null>((best, s) => (!best || s.seq > best.seq ? s : best), null);
}

function metaItems(session: SessionDetail): string[] {
  const started = new Date(session.startedAt);
  const items = [
    started.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    LANGUAGE_LABELS[session.language],
    session.mode === 'voice' ? 'Voice' : 'Text',
  ];
  if (session.endedAt) items.push(`Duration ${formatElapsed(Date.parse(session.endedAt) - started.getTime())}`);
  return items;
}
