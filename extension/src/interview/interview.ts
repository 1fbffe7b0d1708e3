// One running interview in this window: its connection, its code sync and the transcript the panel redraws from.
import * as vscode from 'vscode';
import { assertNever, type EvaluationView, type TurnView } from '../../../protocol/src/domain';
import type { ServerMessage, SessionInfo } from '../../../protocol/src/session';
import type { HostToWebviewMessage } from '../../../protocol/src/webview';
import type { MicStatus } from '../../../protocol/src/webviewAudio';
import type { CaptureStrategy } from '../capture/captureStrategy';
import { WebviewCapture } from '../capture/webviewCapture';
import {
  SessionSocket, type FatalError, type SessionTarget, type StatusChange,
} from '../connection/sessionSocket';
import { SETTINGS, runnerOptions } from '../config';
import { CodeSync } from '../editor/codeSync';
import { TestRuns, type MissingToolchain, type RunRequestOutcome } from './testRuns';
import { VoiceChannel, type VoicePanelMessage } from './voiceChannel';

export interface InterviewParams {
  serverUrl: string;
  token: string;
  /** A current token for each reconnect (refreshed silently by AuthStore). */
  freshToken?: () => Promise<string | undefined>;
  target: SessionTarget;
  solutionUri: vscode.Uri;
  /** Turns the window already knows (a restored panel's state); the server replays only later ones. */
  knownTurns?: TurnView[];
  /**
   * Picks the microphone of a voice session; given the panel's own (webview) capture, it returns that or another
   * strategy (recorder process, companion page). Default: the panel's.
   */
  selectCapture?: (webviewMic: WebviewCapture, session: CaptureSession) => CaptureStrategy;
}

/** What a capture that talks to the backend itself (the companion page) needs of the joined session. */
export interface CaptureSession {
  sessionId: string;
  serverMessages: SessionSocket['onMessage'];
}

export class Interview implements vscode.Disposable {
  private readonly relayed = new vscode.EventEmitter<HostToWebviewMessage>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly ended = new vscode.EventEmitter<EvaluationView>();
  private readonly fatal = new vscode.EventEmitter<FatalError>();
  private readonly micStatus = new vscode.EventEmitter<MicStatus>();
  /** Server messages and connection changes for the panel, with replays the window already has removed. */
  readonly onPanelMessage = this.relayed.event;
  /** Session, stage, turns or connection changed (status bar, persisted lastSeq). */
  readonly onDidChange = this.changed.event;
  readonly onDidEnd = this.ended.event;
  readonly onFatal = this.fatal.event;
  /** The microphone of a voice session changed state (wherever it is captured). */
  readonly onMicStatus = this.micStatus.event;

  readonly solutionUri: vscode.Uri;
  private readonly socket: SessionSocket;
  private readonly codeSync: CodeSync;
  private readonly testRuns: TestRuns;
  private sessionValue: SessionInfo | null = null;
  private readonly turnsBySeq = new Map<number, TurnView>();
  private evaluationValue: EvaluationView | null = null;
  private connectionValue: StatusChange = { status: 'connecting', detail: null };
  private readonly joinWaiters: ((session: SessionInfo) => void)[] = [];
  private readonly selectCapture: NonNullable<InterviewParams['selectCapture']>;
  private voiceChannel: VoiceChannel | null = null;
  /** Mic errors already told to the candidate, so a retry that fails the same way does not nag. */
  private readonly toldMicErrors = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.relayed, this.changed, this.ended, this.fatal, this.micStatus];

  constructor(params: InterviewParams, private readonly log: vscode.LogOutputChannel) {
    this.solutionUri = params.solutionUri;
    this.selectCapture = params.selectCapture ?? ((webviewMic) => webviewMic);
    for (const turn of params.knownTurns ?? []) this.turnsBySeq.set(turn.seq, turn);
    this.socket = new SessionSocket({
      serverUrl: params.serverUrl, token: params.token, freshToken: params.freshToken, target: params.target,
      log: (line) => log.info(`[socket] ${line}`),
    });
    this.socket.onMessage.on((m) => this.receive(m));
    this.socket.onStatus.on((change) => {
      // Once ended, the closing socket is no news: the panel keeps showing the result, not "offline".
      if (this.isEnded) return;
      this.connectionValue = change;
      this.relayed.fire({ type: 'connection/didChange', ...change });
      this.changed.fire();
    });
    this.socket.onFatal.on((error) => this.fatal.fire(error));
    this.codeSync = new CodeSync(params.solutionUri, this.socket, log);
    this.testRuns = new TestRuns({
      socket: this.socket,
      flushCode: () => this.codeSync.flush(),
      readSolution: async () => {
        // Opens it again if the candidate closed the tab: the run needs the text, and CodeSync resends it on open.
        const document = await vscode.workspace.openTextDocument(this.solutionUri);
        return { text: document.getText(), version: document.version };
      },
      runnerOptions,
      log: (line) => log.info(`[tests] ${line}`),
    });
    this.testRuns.onDidStart.on(({ runId }) => this.relayed.fire({ type: 'tests/didStart', runId }));
    this.testRuns.onDidComplete.on((run) => this.relayed.fire({ type: 'tests/didComplete', ...run }));
    this.testRuns.onMissingToolchain.on((missing) => void showMissingToolchain(missing));
    this.disposables.push(this.codeSync, { dispose: () => this.testRuns.dispose() });
  }

  get session(): SessionInfo | null { return this.sessionValue; }
  get sessionId(): string | null { return this.socket.sessionId; }
  get lastSeq(): number { return this.socket.lastSeq; }
  get connection(): StatusChange { return this.connectionValue; }
  get evaluation(): EvaluationView | null { return this.evaluationValue; }
  get isEnded(): boolean { return this.sessionValue?.state === 'ended' || this.evaluationValue !== null; }
  get turns(): TurnView[] { return [...this.turnsBySeq.values()].sort((a, b) => a.seq - b.seq); }
  /** The voice half of a voice session (null in text sessions and before the server said which this is). */
  get voice(): VoiceChannel | null { return this.voiceChannel; }

  connect(): void {
    this.socket.connect();
  }

  /** Resolves when the server has created or resumed the session. */
  joined(timeoutMs = 30_000): Promise<SessionInfo> {
    if (this.sessionValue) return Promise.resolve(this.sessionValue);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The server did not start the interview in time.')), timeoutMs);
      const subscription = this.fatal.event((e) => { clearTimeout(timer); reject(new Error(e.message)); });
      this.joinWaiters.push((session) => { clearTimeout(timer); subscription.dispose(); resolve(session); });
    });
  }

  snapshot(): Extract<HostToWebviewMessage, { type: 'interview/snapshot' }> {
    return { type: 'interview/snapshot', session: this.sessionValue, turns: this.turns, connection: this.connectionValue.status };
  }

  /** What the panel needs to show the latest test run, and one in progress, after it (re)opens. */
  testRunMessages(): HostToWebviewMessage[] {
    const { latest, running } = this.testRuns;
    return [
      ...(latest ? [{ type: 'tests/didComplete' as const, ...latest }] : []),
      ...(running ? [{ type: 'tests/didStart' as const, runId: running }] : []),
    ];
  }

  /** Asks the server to run the hidden tests; they run here when it sends them (see TestRuns). */
  requestTestRun(): RunRequestOutcome {
    return this.testRuns.request();
  }

  /** Voice configuration and host-side mic state, for a panel that just (re)loaded. */
  voiceMessages(): HostToWebviewMessage[] {
    return this.voiceChannel?.panelMessages() ?? [];
  }

  /** Audio, playback and mic messages from the panel. */
  voicePanelMessage(message: VoicePanelMessage): void {
    this.voiceChannel?.panelMessage(message);
  }

  /** The panel's page went away (hidden or closed), taking a webview mic with it. */
  panelDetached(): void {
    this.voiceChannel?.panelDetached();
  }

  /** Mutes or unmutes the mic of a voice session; false when there is none. */
  toggleMute(): boolean {
    if (!this.voiceChannel) return false;
    this.voiceChannel.toggleMute();
    return true;
  }

  submitAnswer(text: string): void {
    this.socket.submitAnswer(text);
  }

  /** Sends the last keystrokes, then asks the server to end and score the session. */
  async end(): Promise<EvaluationView> {
    if (this.evaluationValue) return this.evaluationValue;
    this.codeSync.flush();
    return this.socket.end();
  }

  dispose(): void {
    this.stopVoice();
    this.socket.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'session/didJoin':
        this.sessionValue = message.session;
        for (const resolve of this.joinWaiters.splice(0)) resolve(message.session);
        break;
      case 'turn/didComplete':
        this.turnsBySeq.set(message.turn.seq, message.turn);
        break;
      case 'session/didChangeState':
        if (this.sessionValue) this.sessionValue = { ...this.sessionValue, state: message.state, stage: message.stage };
        break;
      case 'turn/didStart':
        if (this.sessionValue) this.sessionValue = { ...this.sessionValue, stage: message.stage };
        break;
      case 'session/didEnd':
        this.evaluationValue = message.evaluation;
        if (this.sessionValue) {
          this.sessionValue = { ...this.sessionValue, state: 'ended', endedAt: this.sessionValue.endedAt ?? new Date().toISOString() };
        }
        break;
      case 'error':
        if (message.message) this.log.warn(`server error ${message.code}: ${message.message}`);
        break;
      case 'welcome':
        return; // the socket's business, nothing to show
      case 'tests/runRequested':
        return; // TestRuns runs it and tells the panel through tests/didStart and tests/didComplete
      case 'turn/delta': case 'code/resyncRequested':
        break;
      case 'audio/clear':
        return this.voiceChannel?.serverMessage(message);
      case 'transcript/partial':
        this.relayed.fire(message);
        return; // a caption, not a change worth persisting
      case 'voice/didChangeState':
        break;
      case 'voice/didChangeSource': case 'companion/didJoin':
        return; // the capture strategy (companionCapture) reports the audio source; companion/didJoin goes to the page only
      default:
        assertNever(message, 'server message');
    }
    this.relayed.fire(message);
    if (message.type !== 'turn/delta') this.changed.fire();
    // After the panel has the session: its voice controls belong to it.
    if (message.type === 'session/didJoin' && message.session.mode === 'voice' && message.session.state === 'active') this.startVoice();
    if (message.type === 'session/didEnd') {
      // Nothing more to score or say: stop syncing and hang up (the socket would otherwise reconnect forever).
      this.testRuns.dispose();
      this.codeSync.dispose();
      this.stopVoice();
      this.socket.dispose();
      this.ended.fire(message.evaluation);
    }
  }

  private startVoice(): void {
    if (this.voiceChannel) return; // a reconnect: the mic kept running, frames resume once joined
    const webviewMic = new WebviewCapture((command) => {
      this.relayed.fire({ type: 'mic/command', command });
      return true;
    });
    const capture = this.selectCapture(webviewMic, { sessionId: this.socket.sessionId!, serverMessages: this.socket.onMessage });
    const channel = new VoiceChannel(this.socket, webviewMic, capture);
    this.voiceChannel = channel;
    channel.onPanelMessage.on((m) => this.relayed.fire(m));
    channel.onMicStatus.on((status) => {
      this.micStatus.fire(status);
      if (status.error) void this.tellMicFailed(status.error.kind, status.error.message);
    });
    this.log.info(`[voice] capture: ${capture.description}`);
    for (const m of channel.panelMessages()) this.relayed.fire(m);
    channel.start();
  }

  private stopVoice(): void {
    this.voiceChannel?.dispose();
    this.voiceChannel = null;
  }

  /** Nothing is lost when the mic fails: the answer box works in voice sessions, and the candidate is told so. */
  private async tellMicFailed(kind: string, detail: string): Promise<void> {
    this.log.warn(`[voice] microphone unavailable (${kind}): ${detail}`);
    if (this.toldMicErrors.has(kind)) return;
    this.toldMicErrors.add(kind);
    await vscode.window.showWarningMessage(
      `Mocktalk could not use your microphone (${kind.replace(/-/g, ' ')}). The interview goes on: type your answers in the panel; the interviewer still speaks and shows its words.`);
  }
}

/** Told once per missing interpreter: the run's report already tells the interviewer, this tells the candidate. */
async function showMissingToolchain({ language, message }: MissingToolchain): Promise<void> {
  const setPath = 'Set Python Path';
  const choice = await vscode.window.showWarningMessage(
    `Mocktalk could not run your tests on this machine. ${message}`, ...(language === 'python' ? [setPath] : []));
  if (choice === setPath) await vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS.section}.${SETTINGS.pythonPath}`);
}
