// The live interview panel: relays an Interview's messages to the webview and the candidate's actions back.
import * as vscode from 'vscode';
import { assertNever } from '../../../protocol/src/domain';
import type { HostToWebviewMessage } from '../../../protocol/src/webview';
import { PANELS } from '../config';
import type { Interview } from '../interview/interview';
import { revealLineOf } from '../editor/solutionFiles';
import { onValidMessage, renderPanel } from './webviewSetup';

const TITLE = 'Mocktalk Interview';

export class InterviewPanel implements vscode.Disposable {
  private readonly endRequested = new vscode.EventEmitter<void>();
  private readonly testRunRequested = new vscode.EventEmitter<void>();
  private readonly disposed = new vscode.EventEmitter<void>();
  /** The candidate pressed End in the panel. */
  readonly onDidRequestEnd = this.endRequested.event;
  /** The candidate pressed Run tests in the panel. */
  readonly onDidRequestTestRun = this.testRunRequested.event;
  readonly onDidDispose = this.disposed.event;

  /** The webview said `ready` and has not been torn down since (it is, whenever the panel is hidden). */
  private ready = false;
  private isDisposed = false;
  private interview: Interview | null = null;
  private interviewSubscription: vscode.Disposable | null = null;
  private readonly disposables: vscode.Disposable[] = [this.endRequested, this.testRunRequested];

  static create(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, column: vscode.ViewColumn): InterviewPanel {
    // Kept alive while hidden: a voice interview's mic and the interviewer's voice live in the page.
    const panel = vscode.window.createWebviewPanel(PANELS.interview, TITLE, { viewColumn: column, preserveFocus: true },
      { retainContextWhenHidden: true });
    return new InterviewPanel(panel, extensionUri, log, true);
  }

  /** For the serializer: VS Code recreated the panel after a window reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, log: vscode.LogOutputChannel): InterviewPanel {
    return new InterviewPanel(panel, extensionUri, log, false);
  }

  /** @param retainsContext the page survives being hidden (only known for panels we created). */
  private constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel,
    private readonly retainsContext: boolean) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'mocktalk.svg');
    renderPanel(panel, extensionUri, 'interview');
    this.disposables.push(
      onValidMessage(panel, log, (message) => {
        switch (message.type) {
          case 'ready':
            this.ready = true;
            return this.postSnapshot();
          case 'answer/submit': return this.interview?.submitAnswer(message.text);
          case 'session/end': return this.endRequested.fire();
          case 'code/revealLine': return void this.revealLine(message.line);
          case 'tests/run': return this.testRunRequested.fire();
          case 'audio/frame': case 'audio/playback': case 'mic/didChange': case 'mic/command':
            return this.interview?.voicePanelMessage(message);
          case 'progress/refresh': return; // the Progress view's message; this panel has no such button
          case 'report/loadAudio': case 'report/export': return this.log.warn(`the interview panel sent ${message.type}; ignored`);
          default: return assertNever(message, 'webview message');
        }
      }),
      panel.onDidChangeViewState(() => {
        if (panel.visible || this.retainsContext) return;
        this.ready = false;
        this.interview?.panelDetached(); // the page is torn down when hidden, and a webview mic with it
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Shows this interview in the panel (replacing any previous one). */
  attach(interview: Interview): void {
    this.interviewSubscription?.dispose();
    this.interview = interview;
    this.interviewSubscription = interview.onPanelMessage((m) => this.post(m));
    if (this.ready) this.postSnapshot();
  }

  /** Forwards the push-to-talk key to the panel, whose mic controls own the microphone. */
  togglePushToTalk(): void {
    this.post({ type: 'mic/togglePushToTalk' });
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.interview?.panelDetached();
    this.interviewSubscription?.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
    this.panel.dispose(); // no-op when VS Code already disposed it
    this.disposed.fire();
    this.disposed.dispose();
  }

  /** Everything the view redraws from: the transcript, then the latest test run (the snapshot does not carry it). */
  private postSnapshot(): void {
    const { interview } = this;
    this.post(interview?.snapshot() ?? { type: 'interview/snapshot', session: null, turns: [], connection: 'offline' });
    for (const message of interview?.testRunMessages() ?? []) this.post(message);
    for (const message of interview?.voiceMessages() ?? []) this.post(message);
  }

  private post(message: HostToWebviewMessage): void {
    // Before `ready` nothing listens; the snapshot sent on `ready` carries everything missed.
    if (!this.ready) return;
    void this.panel.webview.postMessage(message).then(undefined, (err: unknown) => {
      this.log.warn('posting to the interview panel failed:', err instanceof Error ? err.message : String(err));
    });
  }

  private async revealLine(line: number): Promise<void> {
    const uri = this.interview?.solutionUri;
    if (!uri) return;
    await revealLineOf(uri, line);
  }
}
