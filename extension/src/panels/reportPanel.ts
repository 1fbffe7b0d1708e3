// The report of a finished (or running) interview. One panel, reused; the webview keeps the report in its own
// state, so a revived panel redraws without the host.
import * as vscode from 'vscode';
import { assertNever, type SessionDetail } from '../../../protocol/src/domain';
import { PANELS } from '../config';
import { revealSolutionLine } from '../editor/solutionFiles';
import { onValidMessage, renderPanel } from './webviewSetup';

export class ReportPanel implements vscode.Disposable {
  private ready = false;
  private isDisposed = false;
  private session: SessionDetail | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  static create(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): ReportPanel {
    const panel = vscode.window.createWebviewPanel(PANELS.report, 'Mocktalk Report', vscode.ViewColumn.Active);
    return new ReportPanel(panel, extensionUri, log);
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, log: vscode.LogOutputChannel): ReportPanel {
    return new ReportPanel(panel, extensionUri, log);
  }

  private constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'mocktalk.svg');
    renderPanel(panel, extensionUri, 'report');
    this.disposables.push(
      onValidMessage(panel, log, (message) => {
        switch (message.type) {
          case 'ready':
            this.ready = true;
            return this.postSession();
          case 'code/revealLine':
            return void revealSolutionLine(this.session, message.line);
          case 'answer/submit': case 'session/end': case 'tests/run': case 'progress/refresh':
          case 'audio/frame': case 'audio/playback': case 'mic/didChange': case 'mic/command':
            return this.log.warn(`the report panel sent ${message.type}; ignored`);
          default: return assertNever(message, 'webview message');
        }
      }),
      panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  show(session: SessionDetail): void {
    this.session = session;
    this.panel.title = `Report: ${session.problem.title}`;
    this.panel.reveal(undefined, false);
    this.postSession();
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    vscode.Disposable.from(...this.disposables).dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }

  private postSession(): void {
    if (!this.ready || !this.session) return;
    void this.panel.webview.postMessage({ type: 'report/show', session: this.session });
  }
}
