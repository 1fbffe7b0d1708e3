// The live interview panel: header (problem, stage, timer, End), problem statement, tests, transcript, answer box, evaluation.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { z } from 'zod';
import {
  EvaluationView, TurnView, assertNever, type Evidence, type SessionState, type Stage,
} from '../../../protocol/src/domain';
import { SessionInfo, type VoiceState } from '../../../protocol/src/session';
import { TestsDidCompleteMessage, type ConnectionStatus, type MicCommand } from '../../../protocol/src/webview';
import type { HostAudioPlayMessage, MicStatus } from '../../../protocol/src/webviewAudio';
import type { HostBridge } from '../hostBridge';
import { AnswerBox, type AnswerBoxAvailability } from '../ui/answerBox';
import { ConnectionBanner } from '../ui/connectionBanner';
import { createDimensionScores } from '../ui/dimensionScores';
import { h, scrollBehavior } from '../ui/dom';
import { ErrorToasts, type ErrorNotice } from '../ui/errorToast';
import { DIFFICULTY_LABELS } from '../ui/labels';
import { createProblemStatement } from '../ui/problemStatement';
import { createScoreCard } from '../ui/scoreCard';
import { StageIndicator } from '../ui/stageIndicator';
import { TestResults, type CompletedTestRun } from '../ui/testResults';
import { Timer } from '../ui/timer';
import { Transcript } from '../ui/transcript';
import { VoicePanel, type VoiceCapture, type VoicePanelOptions } from '../ui/voicePanel';

/** What VS Code keeps for a hidden or reloaded panel; parsed on restore because it may come from an older build. */
export const InterviewViewState = z.object({
  view: z.literal('interview'),
  session: SessionInfo.nullable(),
  turns: z.array(TurnView),
  draft: z.string(),
  evaluation: EvaluationView.nullable(),
  /** Optional: states saved before test runs existed have none. */
  testRun: TestsDidCompleteMessage.omit({ type: true }).nullable().default(null),
});
export type InterviewViewState = z.infer<typeof InterviewViewState>;

export class InterviewView {
  private session: SessionInfo | null = null;
  private evaluation: EvaluationView | null = null;
  private connection: ConnectionStatus = 'connecting';
  /** Set once End is clicked so a re-render cannot re-enable it; cleared by a snapshot or an error. */
  private endRequested = false;

  private readonly title = h('h1', { class: 'header__title' }, 'Mock interview');
  private readonly difficulty = h('vscode-badge', { class: 'header__difficulty' });
  private readonly stages = new StageIndicator();
  private readonly timer = new Timer();
  private readonly endButton = h('vscode-button', { class: 'header__end', secondary: true }, 'End interview');
  private readonly banner = new ConnectionBanner();
  private readonly toasts = new ErrorToasts();
  private readonly problemSlot = h('div', { class: 'interview__problem' });
  private readonly evaluationSlot = h('section', { class: 'interview__evaluation', 'aria-label': 'Evaluation' });
  private readonly main = h('main', { class: 'app__main' });
  private readonly transcript = new Transcript({
    scrollContainer: this.main,
    emptyText: 'The interviewer will start the conversation shortly.',
  });
  private readonly answerBox: AnswerBox;
  private readonly voice: VoicePanel;
  private readonly tests = new TestResults({ onRun: () => this.bridge.post({ type: 'tests/run' }) });

  constructor(root: HTMLElement, private readonly bridge: HostBridge, voiceOptions: VoicePanelOptions = {}) {
    this.voice = new VoicePanel(bridge, voiceOptions);
    this.answerBox = new AnswerBox({
      onSubmit: (text) => this.bridge.post({ type: 'answer/submit', text }),
      onDraftChange: () => this.save(),
    });
    this.endButton.addEventListener('click', () => {
      if (this.endButton.disabled) return;
      this.endRequested = true;
      this.bridge.post({ type: 'session/end' });
      this.render();
    });
    this.evaluationSlot.hidden = true;
    this.difficulty.hidden = true;

    this.main.append(
      this.problemSlot,
      this.tests.element,
      h('section', { class: 'interview__transcript', 'aria-label': 'Transcript' },
        h('h2', { class: 'section-title' }, 'Conversation'), this.transcript.element),
      this.evaluationSlot);
    root.classList.add('app', 'app--interview');
    root.replaceChildren(
      h('header', { class: 'app__header' },
        h('div', { class: 'header__row' },
          h('div', { class: 'header__heading' }, this.title, this.difficulty),
          h('div', { class: 'header__actions' }, this.timer.element, this.endButton)),
        this.stages.element),
      this.banner.element,
      this.toasts.element,
      this.main,
      h('footer', { class: 'app__footer' }, this.voice.element, this.answerBox.element));
    this.render();
  }

  /** Redraws from saved view state so a reloaded panel shows its transcript before the host answers. */
  restore(saved: unknown): boolean {
    const parsed = InterviewViewState.safeParse(saved);
    if (!parsed.success) return false;
    const { session, turns, draft, evaluation, testRun } = parsed.data;
    this.setSession(session);
    this.tests.reset(testRun);
    this.transcript.setTurns(turns);
    this.answerBox.setDraft(draft);
    this.evaluation = evaluation;
    this.render();
    return true;
  }

  showSnapshot(session: SessionInfo | null, turns: readonly TurnView[], connection: ConnectionStatus): void {
    // The snapshot carries no evaluation: keep ours only if it belongs to the same session.
    const sameSession = session !== null && session.id === this.session?.id;
    if (!sameSession) this.evaluation = null;
    // The host follows a snapshot of a live voice session with voice/configure (a no-op for the mic already running).
    if (!sameSession || session.state !== 'active') this.voice.reset();
    // The host follows a snapshot with the latest run and any run in progress.
    this.tests.reset(sameSession ? this.tests.latest : null);
    this.setSession(session);
    this.transcript.setTurns(turns);
    this.endRequested = false;
    this.connection = connection;
    this.banner.set(connection);
    this.render();
    this.save();
  }

  joinSession(session: SessionInfo): void {
    if (session.id !== this.session?.id) {
      this.evaluation = null;
      this.tests.reset(null);
      this.voice.reset();
    }
    this.setSession(session);
    this.render();
    this.save();
  }

  startTurn(turnId: string, stage: Stage): void {
    this.transcript.startTurn(turnId, 'interviewer', stage);
    this.changeState(this.session?.state ?? 'active', stage);
  }

  appendDelta(turnId: string, text: string): void {
    this.transcript.appendDelta(turnId, text);
  }

  completeTurn(turn: TurnView, replayed: boolean): void {
    if (turn.speaker === 'interviewer' && !replayed) this.voice.turnComplete(turn.id);
    if (this.transcript.completeTurn(turn, replayed)) this.save();
  }

  changeState(state: SessionState, stage: Stage): void {
    if (this.session) {
      // session/didEnd carries no end time; "now" freezes the timer until a snapshot brings the server's.
      const endedAt = state === 'ended' ? this.session.endedAt ?? new Date().toISOString() : this.session.endedAt;
      this.session = { ...this.session, state, stage, endedAt };
    }
    this.render();
    this.save();
  }

  startTestRun(): void {
    this.tests.start();
  }

  completeTestRun(run: CompletedTestRun): void {
    // The host repeats the latest run after every snapshot: only a new one pulls the results into view.
    const isNew = run.runId !== this.tests.latest?.runId;
    this.tests.complete(run);
    if (isNew) this.tests.element.scrollIntoView({ block: 'nearest', behavior: scrollBehavior() });
    this.save();
  }

  end(evaluation: EvaluationView): void {
    this.evaluation = evaluation;
    this.voice.stop();
    this.tests.reset(this.tests.latest); // a run cut short by the end never completes
    this.changeState('ended', this.session?.stage ?? 'wrap-up');
    this.evaluationSlot.scrollIntoView({ block: 'start', behavior: scrollBehavior() });
  }

  configureVoice(capture: VoiceCapture, description: string): void {
    if (this.session?.state === 'ended') return;
    this.voice.configure(capture, description);
  }

  hostMicStatus(status: MicStatus): void {
    this.voice.hostMicStatus(status);
  }

  togglePushToTalk(): void {
    this.voice.togglePushToTalk();
  }

  micCommand(command: MicCommand): void {
    this.voice.micCommand(command);
  }

  playAudio(message: HostAudioPlayMessage): void {
    this.voice.play(message);
  }

  clearAudio(turnId: string): void {
    this.voice.clear(turnId);
  }

  showCaption(text: string): void {
    this.voice.showCaption(text);
  }

  setVoiceState(state: VoiceState): void {
    this.voice.setVoiceState(state);
  }

  setConnection(status: ConnectionStatus, detail: string | null): void {
    this.connection = status;
    this.banner.set(status, detail);
    if (status !== 'connected') this.tests.cancelRequest();
    this.render();
  }

  showError(error: ErrorNotice): void {
    this.endRequested = false; // the end request may be what failed; let the candidate retry
    this.toasts.show(error);
    this.tests.cancelRequest(); // possibly the refusal of our tests/run; the host still refuses a second run in flight
    this.render();
  }

  private setSession(session: SessionInfo | null): void {
    const problemChanged = session?.problem.id !== this.session?.problem.id;
    this.session = session;
    if (problemChanged) {
      this.problemSlot.replaceChildren(...(session ? [createProblemStatement(session.problem, session.state === 'active')] : []));
    }
  }

  private render(): void {
    const { session } = this;
    this.title.textContent = session ? session.problem.title : 'Mock interview';
    this.difficulty.hidden = !session;
    if (session) {
      this.difficulty.textContent = DIFFICULTY_LABELS[session.problem.difficulty];
      this.difficulty.dataset.difficulty = session.problem.difficulty;
      this.timer.set(session.startedAt, session.endedAt);
    } else {
      this.timer.stop();
    }
    const ended = session?.state === 'ended';
    this.stages.setStage(session?.stage ?? null, ended);
    this.endButton.disabled = !session || ended || this.endRequested || this.connection !== 'connected';
    const answers = this.availability();
    this.answerBox.setAvailability(answers);
    // Tests can run exactly when an answer could be sent: the session is live and connected.
    this.tests.setAvailability(answers.kind === 'ready' ? answers : { kind: 'unavailable', reason: answers.reason });
    this.renderEvaluation();
  }

  private renderEvaluation(): void {
    const { evaluation } = this;
    this.evaluationSlot.hidden = !evaluation;
    if (!evaluation || this.evaluationSlot.dataset.createdAt === evaluation.createdAt) return;
    this.evaluationSlot.dataset.createdAt = evaluation.createdAt;
    this.evaluationSlot.replaceChildren(
      h('h2', { class: 'section-title' }, 'Evaluation'),
      createScoreCard(evaluation, 'h3'),
      createDimensionScores(evaluation.scores, { onEvidence: (e) => this.followEvidence(e), headingLevel: 'h4' }));
  }

  private followEvidence(evidence: Evidence): void {
    if (evidence.kind === 'turn' && evidence.ref !== null) this.transcript.highlight(evidence.ref);
    else if (evidence.kind === 'code' && evidence.line !== null) this.bridge.post({ type: 'code/revealLine', line: evidence.line });
  }

  private availability(): AnswerBoxAvailability {
    if (this.session?.state === 'ended') return { kind: 'closed', reason: 'The interview has ended.' };
    switch (this.connection) {
      case 'connected':
        return this.session ? { kind: 'ready' } : { kind: 'waiting', reason: 'Waiting for the interview to start…' };
      case 'connecting': return { kind: 'waiting', reason: 'Connecting…' };
      case 'reconnecting': return { kind: 'waiting', reason: 'Reconnecting. Your draft is kept.' };
      case 'offline': return { kind: 'waiting', reason: 'Offline. Your draft is kept.' };
      default: return assertNever(this.connection, 'connection status');
    }
  }

  private save(): void {
    const state: InterviewViewState = {
      view: 'interview',
      session: this.session,
      turns: this.transcript.turns(),
      draft: this.answerBox.draft,
      evaluation: this.evaluation,
      testRun: this.tests.latest,
    };
    this.bridge.setState(state);
  }
}
