// Owns the window's current interview and its panel; persists what a reload needs to resume it.
import * as vscode from 'vscode';
import { z } from 'zod';
import { TurnView, assertNever, type EvaluationView, type Language, type Mode, type ProblemPublic } from '../../../protocol/src/domain';
import type { SessionInfo } from '../../../protocol/src/session';
import type { MicStatus } from '../../../protocol/src/webviewAudio';
import type { AuthStore } from '../auth/authStore';
import { CompanionCapture } from '../capture/companionCapture';
import { createCapture } from '../capture/createCapture';
import { RecorderCapture } from '../capture/recorderCapture';
import { selectCaptureStrategy } from '../capture/strategySelection';
import type { WebviewCapture } from '../capture/webviewCapture';
import {
  COMMANDS, CONTEXT_KEYS, STORAGE_KEYS, captureEnvironment, captureSetting, recorderCommandSetting, serverUrl,
} from '../config';
import type { FatalError } from '../connection/sessionSocket';
import { InterviewPanel } from '../panels/interviewPanel';
import { Interview, type CaptureSession } from './interview';
import type { RunRequestOutcome } from './testRuns';

const PersistedInterview = z.object({
  sessionId: z.string(),
  lastSeq: z.number().int().min(0),
  solutionUri: z.string(),
  serverUrl: z.string(),
});
type PersistedInterview = z.infer<typeof PersistedInterview>;

/** The part of the webview's saved state a revived panel hands us: the turns it already shows. */
const RestoredViewState = z.object({ turns: z.array(TurnView) });

export interface InterviewEnded { sessionId: string; problemTitle: string; evaluation: EvaluationView }

export class InterviewManager implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Interview | null>();
  private readonly endedEmitter = new vscode.EventEmitter<InterviewEnded>();
  private readonly fatalEmitter = new vscode.EventEmitter<FatalError>();
  private readonly micStatusEmitter = new vscode.EventEmitter<MicStatus | null>();
  /** A new interview became current, or the current one went away. */
  readonly onDidChangeInterview = this.changed.event;
  readonly onDidEndInterview = this.endedEmitter.event;
  /** The server refused the connection for good (e.g. the token expired). */
  readonly onFatalError = this.fatalEmitter.event;
  /** The current voice interview's mic changed state; null when no voice interview has a mic any more. */
  readonly onMicStatus = this.micStatusEmitter.event;

  private interview: Interview | null = null;
  private interviewDisposables: vscode.Disposable[] = [];
  private panel: InterviewPanel | null = null;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.endedEmitter, this.fatalEmitter, this.micStatusEmitter];

  constructor(private readonly context: vscode.ExtensionContext, private readonly auth: AuthStore, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(auth.onDidChange((user) => {
      // Signed out: the token is gone, so the connection could not come back after a drop anyway.
      if (!user && this.interview && !this.interview.isEnded) this.setInterview(null);
    }));
  }

  /** The interview of this window, ended or not (an ended one still backs the panel). */
  get current(): Interview | null { return this.interview; }
  get active(): Interview | null { return this.interview && !this.interview.isEnded ? this.interview : null; }

  /** The current voice interview's mic state (null: no voice interview, or not joined yet). */
  get micStatus(): MicStatus | null { return this.active?.voice?.micStatus ?? null; }

  /** Mutes or unmutes the current voice interview's mic; false when there is none. */
  toggleMute(): boolean {
    return this.active?.toggleMute() ?? false;
  }

  /** Starts a new session on the server and shows it; resolves once the server has created it. */
  async start(problem: ProblemPublic, language: Language, solutionUri: vscode.Uri, mode: Mode = 'text'): Promise<SessionInfo> {
    const token = await this.auth.token();
    if (!token) throw new Error('Sign in to Mocktalk first.');
    const interview = new Interview({
      serverUrl: serverUrl(), token, freshToken: () => this.auth.token(), solutionUri,
      target: { kind: 'start', request: { problemSlug: problem.slug, language, mode } },
      selectCapture: (webviewMic, session) => this.selectCapture(webviewMic, session),
    }, this.log);
    this.setInterview(interview);
    this.showPanel(vscode.ViewColumn.Beside);
    interview.connect();
    try {
      return await interview.joined();
    } catch (err) {
      if (this.interview === interview) this.setInterview(null);
      throw err;
    }
  }

  async end(): Promise<EvaluationView> {
    const interview = this.active;
    if (!interview) throw new Error('No interview is in progress.');
    return interview.end();
  }

  /** Run Tests: asks the server for the hidden tests, which then run on this machine; results show in the panel. */
  runTests(): RunRequestOutcome | undefined {
    const interview = this.active;
    if (!interview) {
      void vscode.window.showInformationMessage('No Mocktalk interview is in progress.');
      return undefined;
    }
    const outcome = interview.requestTestRun();
    switch (outcome) {
      case 'requested':
        this.showPanel();
        break;
      case 'busy':
        void vscode.window.showInformationMessage('Mocktalk: the tests are already running.');
        break;
      case 'offline':
        void vscode.window.showWarningMessage('Mocktalk is not connected to the server; run the tests again once the connection is back.');
        break;
      default:
        assertNever(outcome, 'test run request outcome');
    }
    return outcome;
  }

  /** Push-to-talk from the keyboard: the panel owns the mic; false when no interview panel is open. */
  togglePushToTalk(): boolean {
    if (!this.active || !this.panel) return false;
    this.panel.togglePushToTalk();
    return true;
  }

  /** Shows the panel (creating it if needed) with the current interview. */
  showPanel(column: vscode.ViewColumn = vscode.ViewColumn.Beside): void {
    if (!this.panel) this.adoptPanel(InterviewPanel.create(this.context.extensionUri, this.log, column));
    else this.panel.reveal();
  }

  /** The serializer's hook: a reload recreated the panel; resume the interview it showed, if any. */
  async restorePanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    this.panel?.dispose();
    this.adoptPanel(InterviewPanel.revive(webviewPanel, this.context.extensionUri, this.log));
    await this.resumePersisted(state);
  }

  /** Resumes the interview this workspace was in (after a reload); false when there is none to resume. */
  async resumePersisted(viewState?: unknown): Promise<boolean> {
    if (this.active) return true;
    const stored = PersistedInterview.safeParse(this.context.workspaceState.get(STORAGE_KEYS.activeInterview));
    const token = await this.auth.token();
    if (!stored.success || !token || stored.data.serverUrl !== serverUrl()) return false;
    const { sessionId, lastSeq, solutionUri } = stored.data;
    const knownTurns = contiguousTurns(viewState, lastSeq);
    const interview = new Interview({
      serverUrl: serverUrl(), token, freshToken: () => this.auth.token(), solutionUri: vscode.Uri.parse(solutionUri),
      target: { kind: 'resume', sessionId, lastSeq: knownTurns.at(-1)?.seq ?? 0 }, knownTurns,
      selectCapture: (webviewMic, session) => this.selectCapture(webviewMic, session),
    }, this.log);
    this.setInterview(interview);
    interview.connect();
    return true;
  }

  /** `mocktalk.voice.capture` applied to where this window runs; the choice and its reason go to the log. */
  private selectCapture(webviewMic: WebviewCapture, session: CaptureSession) {
    const selection = selectCaptureStrategy(captureSetting(), captureEnvironment());
    this.log.info(`[voice] capture ${selection.kind}: ${selection.reason}`);
    if (selection.warning) void vscode.window.showWarningMessage(`Mocktalk: ${selection.warning}`);
    return createCapture(selection, webviewMic, {
      recorder: () => new RecorderCapture({ recorderCommand: recorderCommandSetting() }),
      companion: () => new CompanionCapture({
        sessionId: session.sessionId,
        createLink: async (id) => (await this.auth.client()).companionLink(id),
        openExternal: async (url) => vscode.env.openExternal(vscode.Uri.parse(url)),
        serverMessages: session.serverMessages,
      }),
    });
  }

  dispose(): void {
    this.setInterview(null);
    this.panel?.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private adoptPanel(panel: InterviewPanel): void {
    this.panel = panel;
    if (this.interview) panel.attach(this.interview);
    panel.onDidRequestEnd(() => void vscode.commands.executeCommand(COMMANDS.endInterview));
    panel.onDidRequestTestRun(() => void vscode.commands.executeCommand(COMMANDS.runTests));
    panel.onDidDispose(() => { if (this.panel === panel) this.panel = null; });
  }

  private setInterview(interview: Interview | null): void {
    vscode.Disposable.from(...this.interviewDisposables).dispose();
    this.interviewDisposables = [];
    this.interview?.dispose();
    this.interview = interview;
    if (interview) {
      this.interviewDisposables.push(
        interview.onDidChange(() => this.persist(interview)),
        interview.onDidEnd((evaluation) => this.ended(interview, evaluation)),
        interview.onMicStatus((status) => this.micStatusEmitter.fire(status)),
        interview.onFatal((error) => {
          this.log.error(`the server closed the interview connection: ${error.code}: ${error.message}`);
          // Drop it but keep the persisted session: after signing in again, Show Interview resumes it.
          if (this.interview === interview) this.setInterview(null);
          this.fatalEmitter.fire(error);
        }),
      );
      this.panel?.attach(interview);
    }
    void this.setActiveContext();
    this.changed.fire(interview);
    this.micStatusEmitter.fire(this.micStatus);
  }

  private ended(interview: Interview, evaluation: EvaluationView): void {
    void this.context.workspaceState.update(STORAGE_KEYS.activeInterview, undefined);
    void this.setActiveContext();
    this.changed.fire(interview);
    this.micStatusEmitter.fire(null);
    const sessionId = interview.sessionId;
    if (sessionId) this.endedEmitter.fire({ sessionId, problemTitle: interview.session?.problem.title ?? 'Interview', evaluation });
  }

  private persist(interview: Interview): void {
    const sessionId = interview.sessionId;
    if (!sessionId || interview.isEnded) return;
    const value: PersistedInterview = {
      sessionId, lastSeq: interview.lastSeq, solutionUri: interview.solutionUri.toString(), serverUrl: serverUrl(),
    };
    const stored = this.context.workspaceState.get<PersistedInterview>(STORAGE_KEYS.activeInterview);
    if (stored?.sessionId === value.sessionId && stored.lastSeq === value.lastSeq) return;
    void this.context.workspaceState.update(STORAGE_KEYS.activeInterview, value);
  }

  private setActiveContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', CONTEXT_KEYS.interviewActive, this.active !== null);
  }
}

/** Turns 1..n the revived webview still shows, without gaps and not beyond what we stored as seen. */
function contiguousTurns(viewState: unknown, lastSeq: number): TurnView[] {
  const parsed = RestoredViewState.safeParse(viewState);
  if (!parsed.success) return [];
  const bySeq = new Map(parsed.data.turns.map((t) => [t.seq, t]));
  const turns: TurnView[] = [];
  for (let seq = 1; seq <= lastSeq && bySeq.has(seq); seq++) turns.push(bySeq.get(seq)!);
  return turns;
}
