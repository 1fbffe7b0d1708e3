// The report of a finished (or running) interview. One panel, reused; the webview keeps the report in its own
// state, so a revived panel redraws without the host. The webview has no network: the host fetches the
// replay's audio with the user's token and posts it in.
import * as vscode from 'vscode';
import { z } from 'zod';
import { SessionReplay } from '../../../protocol/src/api';
import { assertNever, SessionDetail } from '../../../protocol/src/domain';
import { PANELS } from '../config';
import { revealSolutionLine } from '../editor/solutionFiles';
import { onValidMessage, renderPanel } from './webviewSetup';

/** What the report needs from the rest of the extension. */
export interface ReportHost {
  /** The WAV at a replay audio path, fetched with the signed-in user's token. */
  turnAudio(path: string): Promise<Uint8Array>;
  /** Save a report as Markdown (asks where); no session: ask which. */
  exportReport(sessionId: string | null): Thenable<unknown>;
}

/** The part of the report webview's saved state the host needs after a reload: audio paths and the session id. */
const SavedReport = z.object({ session: SessionDetail, replay: SessionReplay.nullable().default(null) });

export class ReportPanel implements vscode.Disposable {
  private ready = false;
  private isDisposed = false;
  private session: SessionDetail | null = null;
  private replay: SessionReplay | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  static create(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, host: ReportHost): ReportPanel {
    const panel = vscode.window.createWebviewPanel(PANELS.report, 'Mocktalk Report', vscode.ViewColumn.Active);
    return new ReportPanel(panel, extensionUri, log, host);
  }

  /** `state` is what the webview saved; the host takes the session and replay back from it (parsed: it crossed a boundary). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, log: vscode.LogOutputChannel, host: ReportHost, state?: unknown): ReportPanel {
    const revived = new ReportPanel(panel, extensionUri, log, host);
    const saved = SavedReport.safeParse(state);
    if (saved.success) {
      revived.session = saved.data.session;
      revived.replay = saved.data.replay;
    }
    return revived;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel, private readonly host: ReportHost,
  ) {
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
          case 'report/loadAudio':
            return void this.postAudio(message.turnId);
          case 'report/export':
            return void this.host.exportReport(this.session?.id ?? null);
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

  get sessionId(): string | null { return this.session?.id ?? null; }

  show(session: SessionDetail, replay: SessionReplay | null): void {
    this.session = session;
    this.replay = replay;
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
    void this.panel.webview.postMessage({ type: 'report/show', session: this.session, replay: this.replay });
  }

  /** Always answers, with null when there is no such audio or it cannot be fetched: the replay goes on silent. */
  private async postAudio(turnId: string): Promise<void> {
    const path = this.replay?.turns.find((t) => t.id === turnId)?.audio?.path ?? null;
    let wavBase64: string | null = null;
    if (path) {
      try {
        wavBase64 = Buffer.from(await this.host.turnAudio(path)).toString('base64');
      } catch (err) {
        this.log.warn(`loading the audio of turn ${turnId} failed: ${(err as Error).message}`);
      }
    }
    if (!this.isDisposed) void this.panel.webview.postMessage({ type: 'report/didLoadAudio', turnId, wavBase64 });
  }
}
