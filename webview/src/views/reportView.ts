// The post-session report: result, per-dimension scores with evidence, a replay of the session on one clock
// (transcript, code at that moment, the interviewer's audio), per-turn latency, and the final code.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { z } from 'zod';
import { SessionReplay, type ReplaySnapshot } from '../../../protocol/src/api';
import { SessionDetail, type CodeSnapshotView, type Evidence } from '../../../protocol/src/domain';
import type { HostBridge } from '../hostBridge';
import { CodeView } from '../ui/codeView';
import { createDimensionScores } from '../ui/dimensionScores';
import { h } from '../ui/dom';
import { DIFFICULTY_LABELS, LANGUAGE_LABELS } from '../ui/labels';
import { createLatencyTable } from '../ui/latencyTable';
import { createProblemStatement } from '../ui/problemStatement';
import { createScoreCard } from '../ui/scoreCard';
import { formatElapsed } from '../ui/timer';
import { Transcript } from '../ui/transcript';
import { ReportReplay } from './reportReplay';

export const ReportViewState = z.object({ view: z.literal('report'), session: SessionDetail, replay: SessionReplay.nullable().default(null) });
export type ReportViewState = z.infer<typeof ReportViewState>;

type CodeShown = Pick<CodeSnapshotView, 'seq' | 'text' | 'language'>;

export class ReportView {
  private readonly main = h('main', { class: 'report' });
  private transcript: Transcript | null = null;
  private replay: ReportReplay | null = null;
  private code: { view: CodeView; snapshotSeq: number } | null = null;
  private codeSlot = h('div', { class: 'report__code' });
  private codeDetail = h('span', { class: 'section-title__detail' });

  constructor(root: HTMLElement, private readonly bridge: HostBridge) {
    root.classList.add('app', 'app--report');
    this.main.append(h('div', { class: 'report__loading', role: 'status' },
      h('vscode-progress-ring', { 'aria-hidden': 'true' }), 'Loading report…'));
    root.replaceChildren(this.main);
  }

  restore(saved: unknown): boolean {
    const parsed = ReportViewState.safeParse(saved);
    if (!parsed.success) return false;
    this.render(parsed.data.session, parsed.data.replay);
    return true;
  }

  show(session: SessionDetail, replay: SessionReplay | null): void {
    this.render(session, replay);
    const state: ReportViewState = { view: 'report', session, replay };
    this.bridge.setState(state);
  }

  provideAudio(turnId: string, wavBase64: string | null): void {
    this.replay?.provideAudio(turnId, wavBase64);
  }

  private render(session: SessionDetail, replay: SessionReplay | null): void {
    this.replay?.dispose();
    this.replay = null;
    this.transcript = new Transcript({ emptyText: 'Nothing was said in this interview.' });
    this.transcript.setTurns(session.turns);
    this.codeSlot = h('div', { class: 'report__code' });
    this.codeDetail = h('span', { class: 'section-title__detail' });
    const { evaluation } = session;
    const exportButton = h('vscode-button', { class: 'report__export', secondary: true, title: 'Save this report as a Markdown file' }, 'Export as Markdown');
    exportButton.addEventListener('click', () => this.bridge.post({ type: 'report/export' }));

    if (replay) {
      this.replay = new ReportReplay(replay, {
        transcript: this.transcript,
        showCode: (snapshot) => this.showCode(snapshot, snapshot ? `Snapshot ${snapshot.seq} · ${formatElapsed(snapshot.atMs)}` : '', true),
        requestAudio: (turnId) => this.bridge.post({ type: 'report/loadAudio', turnId }),
      });
    } else {
      const final = latest(session.codeSnapshots);
      this.showCode(final, final?.language ?? '', false);
    }
    const latencyRows = (replay?.turns ?? []).flatMap((t) => (t.latency ? [{ seq: t.seq, latency: t.latency }] : []));

    const sections: (HTMLElement | null | false)[] = [
      h('header', { class: 'report__header' },
        h('div', { class: 'report__heading' },
          h('h1', { class: 'report__title' }, session.problem.title), exportButton),
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
      this.replay && h('section', { class: 'report__section report__replay', 'aria-label': 'Replay' },
        h('h2', { class: 'section-title' }, 'Replay'), this.replay.element),
      h('div', { class: this.replay ? 'report__panes' : 'report__stack' },
        h('section', { class: 'report__section', 'aria-label': 'Transcript' },
          h('h2', { class: 'section-title' }, 'Transcript'), this.transcript.element),
        h('section', { class: 'report__section', 'aria-label': this.replay ? 'Code at this moment' : 'Final code' },
          h('h2', { class: 'section-title' }, this.replay ? 'Code' : 'Final code', this.codeDetail), this.codeSlot)),
      latencyRows.length > 0 && h('section', { class: 'report__section', 'aria-label': 'Latency' },
        h('h2', { class: 'section-title' }, 'Latency per turn'),
        createLatencyTable(latencyRows, { onTurn: (seq) => this.replay?.seekToTurn(seq) })),
    ];
    this.main.replaceChildren(...sections.filter((s): s is HTMLElement => Boolean(s)));
  }

  /** `replaying`: the pane follows the replay clock rather than showing the final code. */
  private showCode(snapshot: CodeShown | ReplaySnapshot | null, detail: string, replaying: boolean): void {
    this.code = snapshot ? { view: new CodeView(snapshot, replaying ? 'Code at this moment' : 'Final code'), snapshotSeq: snapshot.seq } : null;
    this.codeSlot.dataset.snapshotSeq = snapshot ? String(snapshot.seq) : '';
    this.codeDetail.textContent = detail;
    this.codeSlot.replaceChildren(this.code?.view.element ?? h('p', { class: 'report__note' },
      replaying ? 'No code had been written at this point.' : 'No code was captured in this interview.'));
  }

  private followEvidence(evidence: Evidence): void {
    if (evidence.kind === 'turn' && evidence.ref !== null) {
      this.replay?.seekToTurn(evidence.ref);
      this.transcript?.highlight(evidence.ref);
    } else if (evidence.kind === 'code' && evidence.line !== null) {
      // The replay moves to that snapshot; the editor may still have the solution open, so reveal it there too.
      if (evidence.ref !== null) this.replay?.seekToSnapshot(evidence.ref);
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
