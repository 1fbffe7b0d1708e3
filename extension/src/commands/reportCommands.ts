// Open Report, Export Report and Delete Interview: each takes a session id, a tree node, or nothing (then ask).
import * as vscode from 'vscode';
import { z } from 'zod';
import type { SessionReplay } from '../../../protocol/src/api';
import type { AuthStore } from '../auth/authStore';
import type { ErrorReporter } from '../auth/userErrors';
import { resultLabel } from '../labels';
import { ReportPanel, type ReportHost } from '../panels/reportPanel';
import { reportMarkdown } from '../report/markdown';
import type { InterviewNode } from '../views/interviewsTree';

/** The one report panel; reused so reports do not pile up as tabs. */
export class ReportPanels implements vscode.Disposable {
  private panel: ReportPanel | null = null;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel, private readonly host: ReportHost) {}

  get current(): ReportPanel | null { return this.panel; }

  open(): ReportPanel {
    return this.panel ?? this.adopt(ReportPanel.create(this.extensionUri, this.log, this.host));
  }

  /** The serializer's hook: the webview redraws the report from its own saved state. */
  revive(webviewPanel: vscode.WebviewPanel, state?: unknown): void {
    this.panel?.dispose();
    this.adopt(ReportPanel.revive(webviewPanel, this.extensionUri, this.log, this.host, state));
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
  log: vscode.LogOutputChannel;
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
    const [detail, replay] = await Promise.all([client.session(sessionId), loadReplay(deps, sessionId)]);
    deps.reports.open().show(detail, replay);
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

/** The replay, or null (the report still shows without it): an older server, or a fetch that failed. */
async function loadReplay(deps: ReportDeps, sessionId: string): Promise<SessionReplay | null> {
  try {
    return await (await deps.auth.client()).replay(sessionId);
  } catch (err) {
    deps.log.warn(`the replay of ${sessionId} could not be loaded: ${(err as Error).message}`);
    return null;
  }
}

const ExportArg = z.union([
  /** `target`: a file path to write without asking (tests, scripts). First: SessionArg would strip it. */
  z.object({ sessionId: z.string().min(1), target: z.string().min(1) }),
  SessionArg.transform((s) => ({ sessionId: s.sessionId, target: undefined })),
]);

/** Writes the report as Markdown to a file the user picks; returns the file, or null when cancelled or failed. */
export async function exportReport(deps: ReportDeps, arg?: unknown): Promise<vscode.Uri | null> {
  try {
    const client = await deps.auth.client();
    const parsed = ExportArg.safeParse(arg).data;
    const sessionId = parsed?.sessionId ?? await pickSession(deps.auth, 'Export the report of…');
    if (!sessionId) return null;
    const [detail, replay] = await Promise.all([client.session(sessionId), loadReplay(deps, sessionId)]);
    const target = parsed?.target ? vscode.Uri.file(parsed.target) : await vscode.window.showSaveDialog({
      title: 'Export Mocktalk report',
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()),
        `mocktalk-${detail.problem.slug}-${detail.startedAt.slice(0, 10)}.md`),
      filters: { Markdown: ['md'] },
    });
    if (!target) return null;
    await vscode.workspace.fs.writeFile(target, Buffer.from(reportMarkdown(detail, replay), 'utf8'));
    if (!parsed?.target) {
      void vscode.window.showInformationMessage(`Saved the report to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((choice) => {
        if (choice === 'Open') void vscode.window.showTextDocument(target);
      });
    }
    return target;
  } catch (err) {
    await deps.errors.report(err, 'export the report');
    return null;
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
