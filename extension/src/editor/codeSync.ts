// Streams the solution document to the server: full text on open/resync, then debounced incremental edits.
import * as vscode from 'vscode';
import { assertNever, type Diagnostic, type Position, type Selection } from '../../../protocol/src/domain';
import { LIMITS } from '../../../protocol/src/limits';
import type { SessionSocket } from '../connection/sessionSocket';
import { PendingEdits } from './editFlattening';

/** Long enough to batch a burst of keystrokes, short enough that the interviewer sees code "live". */
const DEBOUNCE_MS = 150;

export class CodeSync implements vscode.Disposable {
  /** The document version the server holds, as far as we know; null means "send the full text next". */
  private serverVersion: number | null = null;
  private readonly pending = new PendingEdits(LIMITS.maxEditsPerChange);
  /** Cursor, selection or diagnostics changed since the last message. */
  private contextDirty = false;
  /** The first join of this window always gets the full text: versions restart when VS Code reloads. */
  private openedOnce = false;
  private warnedTooLarge = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly uri: vscode.Uri, private readonly socket: SessionSocket, private readonly log: vscode.LogOutputChannel) {
    const key = uri.toString();
    const isOurs = (doc: vscode.TextDocument) => doc.uri.toString() === key;
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!isOurs(e.document) || this.serverVersion === null) return;
        this.pending.add(e.contentChanges);
        this.schedule();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (isOurs(e.textEditor.document)) this.markContextDirty();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === key)) this.markContextDirty();
      }),
      // A closed and reopened document starts again at version 1: the server needs the full text.
      vscode.workspace.onDidOpenTextDocument((doc) => { if (isOurs(doc)) this.sendOpen(); }),
      toDisposable(socket.onJoin.on((joined) => this.reconcile(joined.codeVersion))),
      toDisposable(socket.onMessage.on((m) => {
        if (m.type !== 'code/resyncRequested') return;
        this.log.info(`server asked for the full buffer: ${m.reason}`);
        this.sendOpen();
      })),
    );
    if (socket.isJoined) this.sendOpen();
  }

  /** Sends whatever is pending now (End Interview calls this so the last keystrokes are scored). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const doc = this.document();
    if (!doc || this.serverVersion === null) return;
    if (this.pending.overflowed) return this.sendOpen();
    if (this.pending.size === 0 && !this.contextDirty && doc.version === this.serverVersion) return;
    const message = {
      type: 'code/change' as const, fromVersion: this.serverVersion, toVersion: doc.version,
      edits: this.pending.take(), ...this.context(doc),
    };
    this.contextDirty = false;
    this.serverVersion = this.socket.sendCode(message) ? doc.version : null;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private reconcile(serverCodeVersion: number | null): void {
    const doc = this.document();
    if (!this.openedOnce || !doc || serverCodeVersion !== doc.version) return this.sendOpen();
    // Same version as the server: our copy matches and edits made while offline are already in the document.
    this.pending.clear();
    this.serverVersion = serverCodeVersion;
    this.markContextDirty();
  }

  private sendOpen(): void {
    this.pending.clear();
    this.serverVersion = null;
    const doc = this.document();
    if (!doc) return;
    const text = doc.getText();
    if (text.length > LIMITS.maxBufferChars) {
      if (!this.warnedTooLarge) {
        this.warnedTooLarge = true;
        void vscode.window.showWarningMessage(
          `The solution file is larger than ${LIMITS.maxBufferChars.toLocaleString()} characters; the interviewer stops seeing it until it is smaller.`);
      }
      return;
    }
    this.warnedTooLarge = false;
    const sent = this.socket.sendCode({
      type: 'code/open', documentVersion: doc.version, language: doc.languageId, text, ...this.context(doc),
    });
    if (sent) {
      this.serverVersion = doc.version;
      this.openedOnce = true;
      this.contextDirty = false;
    }
  }

  private markContextDirty(): void {
    this.contextDirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return; // a batch is already due; it picks this change up
    this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
  }

  private document(): vscode.TextDocument | undefined {
    const key = this.uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
  }

  private context(doc: vscode.TextDocument): { cursor: Position | null; selection: Selection | null; diagnostics: Diagnostic[] } {
    const editor = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors]
      .find((e) => e?.document.uri.toString() === doc.uri.toString());
    const selection = editor?.selection;
    return {
      cursor: selection ? position(selection.active) : null,
      selection: selection ? { anchor: position(selection.anchor), active: position(selection.active) } : null,
      diagnostics: vscode.languages.getDiagnostics(doc.uri).slice(0, LIMITS.maxDiagnostics).map((d) => ({
        line: d.range.start.line, severity: severity(d.severity), message: d.message.slice(0, 2000),
      })),
    };
  }
}

function position(p: vscode.Position): Position {
  return { line: p.line, character: p.character };
}

function severity(s: vscode.DiagnosticSeverity): Diagnostic['severity'] {
  switch (s) {
    case vscode.DiagnosticSeverity.Error: return 'error';
    case vscode.DiagnosticSeverity.Warning: return 'warning';
    case vscode.DiagnosticSeverity.Information: return 'info';
    case vscode.DiagnosticSeverity.Hint: return 'hint';
    default: return assertNever(s, 'diagnostic severity');
  }
}

function toDisposable(subscription: { dispose(): void }): vscode.Disposable {
  return new vscode.Disposable(() => subscription.dispose());
}
