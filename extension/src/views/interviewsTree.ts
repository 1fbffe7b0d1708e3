// The "Interviews" view: the signed-in user's sessions grouped by week, newest first, each with its score badge.
// When there is nothing to list (signed out, no interviews, server unreachable) the tree is empty and a
// context key picks the matching viewsWelcome message.
import * as vscode from 'vscode';
import { assertNever, type Band, type SessionSummary } from '../../../protocol/src/domain';
import { ApiError } from '../api/restClient';
import { SignInExpiredError, type AuthStore } from '../auth/authStore';
import { COMMANDS, CONTEXT_KEYS } from '../config';
import type { InterviewManager } from '../interview/interviewManager';
import { BAND_LABELS, DIFFICULTY_LABELS, LANGUAGE_LABELS, STAGE_LABELS } from '../labels';
import { groupByWeek } from './weekGroups';

export type InterviewNode =
  | { kind: 'week'; key: string; label: string; sessions: SessionSummary[] }
  | { kind: 'session'; session: SessionSummary };

/** What the view shows; every state but `loaded` is a welcome message (package.json `viewsWelcome`). */
export type InterviewsLoadState = 'signed-out' | 'loaded' | 'empty' | 'unreachable' | 'failed';

export interface InterviewsTreeOptions {
  /** The moment "This week" is computed from; tests pin it. */
  now?: () => Date;
  /** Undefined: the host's locale and zone (the user's regional settings). */
  locale?: string;
  timeZone?: string;
}

export class InterviewsTreeProvider implements vscode.TreeDataProvider<InterviewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<InterviewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<InterviewsLoadState>();
  /** Fires after every load of the list, with what the view now shows. */
  readonly onDidLoad = this.loaded.event;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.loaded];
  private loadState: InterviewsLoadState = 'signed-out';

  constructor(private readonly auth: AuthStore, private readonly log: vscode.LogOutputChannel, private readonly options: InterviewsTreeOptions = {}) {
    this.disposables.push(auth.onDidChange(() => this.refresh()));
  }

  get state(): InterviewsLoadState {
    return this.loadState;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(parent?: InterviewNode): Promise<InterviewNode[]> {
    if (parent) return parent.kind === 'week' ? parent.sessions.map((session) => ({ kind: 'session', session })) : [];
    const sessions = await this.load();
    const weeks = groupByWeek(sessions, {
      now: this.options.now?.() ?? new Date(), locale: this.options.locale, timeZone: this.options.timeZone,
    });
    return weeks.map((week) => ({ kind: 'week', key: week.key, label: week.label, sessions: week.items }));
  }

  getTreeItem(node: InterviewNode): vscode.TreeItem {
    switch (node.kind) {
      case 'week': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `week:${node.key}`;
        item.description = node.sessions.length === 1 ? '1 interview' : `${node.sessions.length} interviews`;
        item.tooltip = `${item.description}, week starting ${node.key}`;
        item.contextValue = 'mocktalk.week';
        return item;
      }
      case 'session': return sessionItem(node.session);
      default: return assertNever(node, 'tree node');
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async load(): Promise<SessionSummary[]> {
    let sessions: SessionSummary[] = [];
    let state: InterviewsLoadState;
    if (!this.auth.user) {
      state = 'signed-out';
    } else {
      try {
        sessions = await (await this.auth.client()).sessions();
        state = sessions.length ? 'loaded' : 'empty';
      } catch (err) {
        this.log.warn('loading interviews failed:', err instanceof Error ? err.message : String(err));
        if ((err instanceof ApiError && err.kind === 'unauthorized') || err instanceof SignInExpiredError) {
          await this.auth.clear(); // the signed-out welcome then offers Sign In
          state = 'signed-out';
        } else {
          state = err instanceof ApiError && (err.kind === 'unreachable' || err.kind === 'bad-url' || err.kind === 'not-mocktalk')
            ? 'unreachable' : 'failed';
        }
      }
    }
    this.loadState = state;
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.interviewsState, state);
    this.loaded.fire(state);
    return sessions;
  }
}

/** "3.3 · Hire" for a scored interview, "In progress · Code" for a running one. */
export function scoreBadge(session: SessionSummary): string {
  if (session.state === 'active') return `In progress · ${STAGE_LABELS[session.stage]}`;
  if (session.band && session.overall !== null) return `${session.overall.toFixed(1)} · ${BAND_LABELS[session.band]}`;
  return 'Not scored';
}

function sessionItem(session: SessionSummary): vscode.TreeItem {
  const item = new vscode.TreeItem(session.problem.title, vscode.TreeItemCollapsibleState.None);
  item.id = session.id;
  const badge = scoreBadge(session);
  item.description = `${badge} · ${formatDay(session.startedAt)}`;
  item.contextValue = `mocktalk.session.${session.state}`;
  item.iconPath = icon(session);
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(session.problem.title)}**\n\n`);
  tooltip.appendMarkdown(`${DIFFICULTY_LABELS[session.problem.difficulty]} · ${LANGUAGE_LABELS[session.language]} · ${session.mode}\n\n`);
  tooltip.appendMarkdown(`Started ${escape(new Date(session.startedAt).toLocaleString())}\n\n`);
  tooltip.appendMarkdown(session.state === 'active'
    ? `In progress (stage: ${STAGE_LABELS[session.stage]})`
    : session.band && session.overall !== null
      ? `$(${bandIconId(session.band)}) ${BAND_LABELS[session.band]} · ${session.overall.toFixed(1)} / 4 overall`
      : 'Not scored');
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: `${session.problem.title}, ${badge}, ${new Date(session.startedAt).toLocaleString()}` };
  item.command = { command: COMMANDS.openReport, title: 'Open Report', arguments: [session.id] };
  return item;
}

function icon(session: SessionSummary): vscode.ThemeIcon {
  if (session.state === 'active') return new vscode.ThemeIcon('comment-discussion', new vscode.ThemeColor('charts.blue'));
  if (!session.band) return new vscode.ThemeIcon('circle-outline');
  return new vscode.ThemeIcon(bandIconId(session.band), new vscode.ThemeColor(bandColor(session.band)));
}

function bandIconId(band: Band): string {
  switch (band) {
    case 'strong-hire': return 'star-full';
    case 'hire': return 'pass-filled';
    case 'no-hire': return 'circle-slash';
    case 'strong-no-hire': return 'error';
    default: return assertNever(band, 'band');
  }
}

function bandColor(band: Band): string {
  switch (band) {
    case 'strong-hire': case 'hire': return 'charts.green';
    case 'no-hire': return 'charts.orange';
    case 'strong-no-hire': return 'charts.red';
    default: return assertNever(band, 'band');
  }
}

/** "Tue 14:05": the week is the group, so the day and time are enough. */
function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** Relists once a newly started (or resumed) interview has its session id, so it shows "In progress" at once. */
export function refreshWhenSessionJoins(manager: InterviewManager, refresh: () => void): vscode.Disposable {
  let watching: vscode.Disposable | null = null;
  const stopWatching = () => { watching?.dispose(); watching = null; };
  const subscription = manager.onDidChangeInterview((interview) => {
    stopWatching();
    if (!interview || interview.isEnded) return; // endings refresh through announceEndings
    if (interview.sessionId) return refresh();
    watching = interview.onDidChange(() => {
      if (!interview.sessionId) return;
      stopWatching();
      refresh();
    });
  });
  return new vscode.Disposable(() => { stopWatching(); subscription.dispose(); });
}
