// Open Report and Delete Interview: both take a session id, a tree node, or nothing (then ask).
import * as vscode from 'vscode';
import { z } from 'zod';
import type { AuthStore } from '../auth/authStore';
import type { ErrorReporter } from '../auth/userErrors';
import { resultLabel } from '../labels';
import { ReportPanel } from '../panels/reportPanel';
import type { InterviewNode } from '../views/interviewsTree';

/** The one report panel; reused so reports do not pile up as tabs. */
export class ReportPanels implements vscode.Disposable {
  private panel: ReportPanel | null = null;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  get current(): ReportPanel | null { return this.panel; }

  open(): ReportPanel {
    return this.panel ?? this.adopt(ReportPanel.create(this.extensionUri, this.log));
  }

  /** The serializer's hook: the webview redraws the report from its own saved state. */
  revive(webviewPanel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.adopt(ReportPanel.revive(webviewPanel, this.extensionUri, this.log));
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private adopt(panel: ReportPanel): ReportPanel {
    this.panel = panel;
    panel.onDidDispose(() => { if (this.panel === panel) this.panel = null; });
    return panel;
  }
}

export interface ReportDeps {
  auth: AuthStore;
  errors: ErrorReporter;
  reports: ReportPanels;
  refreshTree(): void;
}

const SessionArg = z.union([
  z.string().min(1).transform((sessionId) => ({ sessionId, confirm: true })),
  z.object({ sessionId: z.string().min(1), confirm: z.boolean().default(true) }),
  z.object({ kind: z.literal('session'), session: z.object({ id: z.string() }) })
    .transform((node) => ({ sessionId: node.session.id, confirm: true })),
]);

export async function openReport(deps: ReportDeps, arg?: string | InterviewNode | { sessionId: string }): Promise<boolean> {
  try {
    const client = await deps.auth.client();
    const sessionId = SessionArg.safeParse(arg).data?.sessionId ?? await pickSession(deps.auth, 'Open the report of…');
    if (!sessionId) return false;
    const detail = await client.session(sessionId);
    deps.reports.open().show(detail);
    return true;
  } catch (err) {
    await deps.errors.report(err, 'open the report');
    return false;
  }
}

export async function deleteInterview(deps: ReportDeps, arg?: string | InterviewNode | { sessionId: string; confirm?: boolean }): Promise<boolean> {
  try {
    const client = await deps.auth.client();
    const parsed = SessionArg.safeParse(arg).data;
    const sessionId = parsed?.sessionId ?? await pickSession(deps.auth, 'Delete the interview…');
    if (!sessionId) return false;
    if (parsed?.confirm !== false) {
      const remove = 'Delete';
      const choice = await vscode.window.showWarningMessage(
        'Delete this interview, its transcript, code and evaluation? This cannot be undone.', { modal: true }, remove);
      if (choice !== remove) return false;
    }
    await client.deleteSession(sessionId);
    deps.refreshTree();
    return true;
  } catch (err) {
    await deps.errors.report(err, 'delete the interview');
    return false;
  }
}

async function pickSession(auth: AuthStore, placeHolder: string): Promise<string | undefined> {
  const sessions = await (await auth.client()).sessions();
  if (sessions.length === 0) {
    void vscode.window.showInformationMessage('You have no Mocktalk interviews yet.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(sessions.map((s) => ({
    label: s.problem.title,
    description: s.band && s.overall !== null ? resultLabel(s.band, s.overall) : s.state === 'active' ? 'in progress' : '',
    detail: new Date(s.startedAt).toLocaleString(),
    id: s.id,
  })), { placeHolder, title: 'Mocktalk' });
  return picked?.id;
}
