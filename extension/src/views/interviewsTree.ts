// The "Interviews" view: the signed-in user's sessions, newest first. Empty when signed out (viewsWelcome fills it).
import * as vscode from 'vscode';
import { assertNever, type Band, type SessionSummary } from '../../../protocol/src/domain';
import { ApiError } from '../api/restClient';
import { SignInExpiredError, type AuthStore } from '../auth/authStore';
import { describeError } from '../auth/userErrors';
import { COMMANDS } from '../config';
import { BAND_LABELS, DIFFICULTY_LABELS, LANGUAGE_LABELS, STAGE_LABELS } from '../labels';

export type InterviewNode =
  | { kind: 'session'; session: SessionSummary }
  | { kind: 'problem'; message: string; detail: string };

export class InterviewsTreeProvider implements vscode.TreeDataProvider<InterviewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<InterviewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly auth: AuthStore, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(auth.onDidChange(() => this.refresh()));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(parent?: InterviewNode): Promise<InterviewNode[]> {
    if (parent || !this.auth.user) return [];
    try {
      const client = await this.auth.client();
      const sessions = await client.sessions();
      return sessions
        .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))
        .map((session) => ({ kind: 'session', session }));
    } catch (err) {
      this.log.warn('loading interviews failed:', err instanceof Error ? err.message : String(err));
      if ((err instanceof ApiError && err.kind === 'unauthorized') || err instanceof SignInExpiredError) {
        await this.auth.clear(); // the welcome view then offers Sign In
        return [];
      }
      return [{ kind: 'problem', message: 'Could not load your interviews', detail: describeError(err, 'load your interviews').message }];
    }
  }

  getTreeItem(node: InterviewNode): vscode.TreeItem {
    switch (node.kind) {
      case 'session': return sessionItem(node.session);
      case 'problem': {
        const item = new vscode.TreeItem(node.message);
        item.description = 'click to retry';
        item.tooltip = node.detail;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.command = { command: COMMANDS.refreshInterviews, title: 'Retry' };
        return item;
      }
      default: return assertNever(node, 'tree node');
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function sessionItem(session: SessionSummary): vscode.TreeItem {
  const item = new vscode.TreeItem(session.problem.title, vscode.TreeItemCollapsibleState.None);
  item.id = session.id;
  const date = formatDate(session.startedAt);
  const result = session.band && session.overall !== null
    ? `${BAND_LABELS[session.band]} · ${session.overall.toFixed(1)}`
    : session.state === 'active' ? 'in progress' : 'not scored';
  item.description = `${result} · ${date}`;
  item.contextValue = `mocktalk.session.${session.state}`;
  item.iconPath = icon(session);
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(session.problem.title)}**\n\n`);
  tooltip.appendMarkdown(`${DIFFICULTY_LABELS[session.problem.difficulty]} · ${LANGUAGE_LABELS[session.language]} · ${session.mode}\n\n`);
  tooltip.appendMarkdown(`Started ${escape(new Date(session.startedAt).toLocaleString())}\n\n`);
  tooltip.appendMarkdown(session.state === 'active'
    ? `In progress (stage: ${STAGE_LABELS[session.stage]})`
    : `Result: ${escape(result)} / 4`);
  item.tooltip = tooltip;
  item.command = { command: COMMANDS.openReport, title: 'Open Report', arguments: [session.id] };
  return item;
}

function icon(session: SessionSummary): vscode.ThemeIcon {
  if (session.state === 'active') return new vscode.ThemeIcon('comment-discussion', new vscode.ThemeColor('charts.blue'));
  if (!session.band) return new vscode.ThemeIcon('circle-outline');
  return bandIcon(session.band);
}

function bandIcon(band: Band): vscode.ThemeIcon {
  switch (band) {
    case 'strong-hire': return new vscode.ThemeIcon('star-full', new vscode.ThemeColor('charts.green'));
    case 'hire': return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'));
    case 'no-hire': return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('charts.orange'));
    case 'strong-no-hire': return new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red'));
    default: return assertNever(band, 'band');
  }
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
