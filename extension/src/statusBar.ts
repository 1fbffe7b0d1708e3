// Status-bar item during an interview: stage, elapsed time and, when not connected, the connection state.
import * as vscode from 'vscode';
import { assertNever } from '../../protocol/src/domain';
import { COMMANDS } from './config';
import type { Interview } from './interview/interview';
import type { InterviewManager } from './interview/interviewManager';
import { STAGE_LABELS, formatElapsed, resultLabel } from './labels';

export class InterviewStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mocktalk.interview', vscode.StatusBarAlignment.Left, 100);
  private interview: Interview | null = null;
  private subscription: vscode.Disposable | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(manager: InterviewManager) {
    this.item.name = 'Mocktalk Interview';
    this.item.command = COMMANDS.showInterview;
    this.disposables.push(manager.onDidChangeInterview((interview) => this.bind(interview)));
    this.bind(manager.current);
  }

  dispose(): void {
    this.bind(null);
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private bind(interview: Interview | null): void {
    this.subscription?.dispose();
    this.interview = interview;
    this.subscription = interview?.onDidChange(() => this.render()) ?? null;
    this.render();
  }

  private render(): void {
    const interview = this.interview;
    const running = interview !== null && !interview.isEnded;
    // Tick only while the clock is visible and moving.
    if (running && !this.ticker) this.ticker = setInterval(() => this.render(), 1000);
    if (!running && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
    if (!interview) return this.item.hide();
    const { session, connection, evaluation } = interview;
    if (evaluation) {
      this.item.text = `$(pass) Mocktalk: ${resultLabel(evaluation.band, evaluation.overall)}`;
      this.item.tooltip = 'Interview ended. Click to show the evaluation.';
      this.item.backgroundColor = undefined;
      return this.item.show();
    }
    const stage = session ? STAGE_LABELS[session.stage] : 'Starting';
    const elapsed = session ? ` ${formatElapsed(Date.now() - Date.parse(session.startedAt))}` : '';
    let icon: string;
    let state: string;
    switch (connection.status) {
      case 'connected': icon = '$(comment-discussion)'; state = ''; break;
      case 'connecting': icon = '$(loading~spin)'; state = ' · connecting'; break;
      case 'reconnecting': icon = '$(sync~spin)'; state = ' · reconnecting'; break;
      case 'offline': icon = '$(debug-disconnect)'; state = ' · offline'; break;
      default: return assertNever(connection.status, 'connection status');
    }
    this.item.text = `${icon} ${stage}${elapsed}${state}`;
    this.item.tooltip = [
      session ? `Mocktalk interview: ${session.problem.title}` : 'Mocktalk interview',
      `Stage: ${stage}`,
      `Connection: ${connection.status}${connection.detail ? ` (${connection.detail})` : ''}`,
      'Click to show the interview panel.',
    ].join('\n');
    this.item.backgroundColor = connection.status === 'offline' || connection.status === 'reconnecting'
      ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}
