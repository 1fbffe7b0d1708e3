// Status-bar item during an interview: stage, elapsed time (ticking), the microphone in a voice interview and,
// when not connected, the connection state. In a voice interview a click toggles mute; otherwise it shows the panel.
import * as vscode from 'vscode';
import { assertNever } from '../../protocol/src/domain';
import type { MicStatus } from '../../protocol/src/webviewAudio';
import { COMMANDS } from './config';
import type { Interview } from './interview/interview';
import type { InterviewManager } from './interview/interviewManager';
import { STAGE_LABELS, formatElapsed, resultLabel } from './labels';

export class InterviewStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mocktalk.interview', vscode.StatusBarAlignment.Left, 100);
  private interview: Interview | null = null;
  private subscription: vscode.Disposable | null = null;
  private ticker: NodeJS.Timeout | null = null;
  /** Null: no microphone in this interview (text mode, or voice not started). */
  private mic: MicStatus | null = null;
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

  /** The microphone of the current interview, from whoever owns the capture; null when it has none. */
  setMic(status: MicStatus | null): void {
    this.mic = status;
    this.render();
  }

  /** What the item shows, for the in-host tests (a StatusBarItem cannot be read back from the workbench). */
  get view(): { visible: boolean; text: string; tooltip: string; command: string | undefined } {
    const { tooltip, command } = this.item;
    return {
      visible: this.visible, text: this.item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '',
      command: typeof command === 'string' ? command : command?.command,
    };
  }

  private visible = false;

  private bind(interview: Interview | null): void {
    this.subscription?.dispose();
    if (interview !== this.interview) this.mic = null;
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
    if (!interview) return this.hide();
    const { session, connection, evaluation } = interview;
    if (evaluation) {
      this.item.text = `$(pass) Mocktalk: ${resultLabel(evaluation.band, evaluation.overall)}`;
      this.item.tooltip = 'Interview ended. Click to show the evaluation.';
      this.item.command = COMMANDS.showInterview;
      this.item.backgroundColor = undefined;
      return this.show();
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
    const mic = this.mic ? micView(this.mic) : null;
    this.item.text = `${icon} ${stage}${elapsed}${mic ? ` ${mic.text}` : ''}${state}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = { enabledCommands: [COMMANDS.showInterview, COMMANDS.toggleMute] };
    tooltip.appendMarkdown([
      session ? `Mocktalk interview: ${session.problem.title}` : 'Mocktalk interview',
      `Stage: ${stage}`,
      ...(mic ? [`Microphone: ${mic.description}`] : []),
      `Connection: ${connection.status}${connection.detail ? ` (${connection.detail})` : ''}`,
    ].map(escapeMarkdown).join('  \n'));
    tooltip.appendMarkdown(mic
      ? `\n\nClick to ${this.mic?.state === 'muted' ? 'unmute' : 'mute'} · [Show the interview](command:${COMMANDS.showInterview})`
      : '\n\nClick to show the interview panel.');
    this.item.tooltip = tooltip;
    this.item.command = mic ? COMMANDS.toggleMute : COMMANDS.showInterview;
    this.item.accessibilityInformation = { label: `Mocktalk interview, ${stage}${elapsed}${mic ? `, microphone ${mic.description}` : ''}${state}` };
    this.item.backgroundColor = this.mic?.state === 'error'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : connection.status === 'offline' || connection.status === 'reconnecting'
        ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.show();
  }

  private show(): void {
    this.visible = true;
    this.item.show();
  }

  private hide(): void {
    this.visible = false;
    this.item.hide();
  }
}

/** The codicon and words for each microphone state. */
export function micView(status: MicStatus): { text: string; description: string } {
  switch (status.state) {
    case 'off': return { text: '$(mic) off', description: 'off' };
    case 'listening': return { text: '$(mic-filled)', description: status.mode === 'push-to-talk' ? (status.sending ? 'listening (push-to-talk held)' : 'push-to-talk') : 'listening' };
    case 'muted': return { text: '$(mute) muted', description: 'muted' };
    case 'error': return { text: '$(warning) mic', description: `error: ${status.error?.message ?? 'unavailable'}` };
    default: return assertNever(status.state, 'mic state');
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
