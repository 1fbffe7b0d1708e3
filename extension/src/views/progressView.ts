// The "Progress" webview view in the Mocktalk container: GET /api/me/progress drawn by the shared webview bundle.
// Same strict CSP shell and `ready` handshake as the panels; the host loads, the webview only renders.
import * as vscode from 'vscode';
import { assertNever } from '../../../protocol/src/domain';
import type { ProgressViewContent } from '../../../protocol/src/webview';
import { ApiError } from '../api/restClient';
import type { AuthStore } from '../auth/authStore';
import { describeError } from '../auth/userErrors';
import { onValidMessage, renderPanel } from '../panels/webviewSetup';

export class ProgressViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | null = null;
  private viewDisposables: vscode.Disposable[] = [];
  /** The webview said `ready` and has not been torn down since (it is whenever the view is hidden). */
  private ready = false;
  private current: ProgressViewContent = { status: 'loading' };
  /** Bumped per load so a slow answer never overwrites a newer one. */
  private generation = 0;
  private readonly posted = new vscode.EventEmitter<ProgressViewContent>();
  /** Fires with every content posted to a ready webview (the in-host tests watch it). */
  readonly onDidPost = this.posted.event;
  private readonly disposables: vscode.Disposable[] = [this.posted];

  constructor(private readonly extensionUri: vscode.Uri, private readonly auth: AuthStore, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(auth.onDidChange(() => void this.refresh()));
  }

  get content(): ProgressViewContent {
    return this.current;
  }

  get isReady(): boolean {
    return this.ready;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.releaseView();
    this.view = view;
    renderPanel(view, this.extensionUri, 'progress');
    this.viewDisposables.push(
      onValidMessage(view, this.log, (message) => {
        switch (message.type) {
          case 'ready':
            this.ready = true;
            this.post();
            return void this.refresh();
          case 'progress/refresh': return void this.refresh();
          case 'answer/submit': case 'session/end': case 'tests/run': case 'code/revealLine':
          case 'audio/frame': case 'audio/playback': case 'mic/didChange': case 'mic/command':
          case 'report/loadAudio': case 'report/export':
            return this.log.warn(`the progress view sent ${message.type}; ignored`);
          default: return assertNever(message, 'webview message');
        }
      }),
      view.onDidChangeVisibility(() => { if (!view.visible) this.ready = false; }),
      view.onDidDispose(() => { if (this.view === view) this.releaseView(); }),
    );
  }

  /** Reloads the figures when the view is showing (an interview ended, sign-in/out, the refresh button). */
  async refresh(): Promise<ProgressViewContent> {
    if (!this.view) return this.current; // loaded on `ready` when the view is next shown
    const generation = ++this.generation;
    const content = await this.load();
    if (generation === this.generation) {
      this.current = content;
      this.post();
    }
    return content;
  }

  dispose(): void {
    this.releaseView();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async load(): Promise<ProgressViewContent> {
    if (!this.auth.user) return { status: 'signed-out' };
    if (this.current.status !== 'loaded') {
      this.current = { status: 'loading' };
      this.post();
    }
    try {
      const progress = await (await this.auth.client()).progress();
      return { status: 'loaded', progress, loadedAt: new Date().toISOString() };
    } catch (err) {
      this.log.warn('loading progress failed:', err instanceof Error ? err.message : String(err));
      if (err instanceof ApiError && err.kind === 'unauthorized') {
        await this.auth.clear();
        return { status: 'signed-out' };
      }
      return { status: 'error', message: describeError(err, 'load your progress').message };
    }
  }

  private post(): void {
    if (!this.ready || !this.view) return;
    const content = this.current;
    void this.view.webview.postMessage({ type: 'progress/show', content }).then(
      (delivered) => { if (delivered) this.posted.fire(content); },
      (err: unknown) => this.log.warn('posting to the progress view failed:', err instanceof Error ? err.message : String(err)));
  }

  private releaseView(): void {
    vscode.Disposable.from(...this.viewDisposables).dispose();
    this.viewDisposables = [];
    this.view = null;
    this.ready = false;
  }
}
