// Toggle Mute (the status bar's click during a voice interview). The microphone lives in the interview panel's
// capture strategy, which another part of the extension owns: it plugs its toggle in with `use()`.
import * as vscode from 'vscode';
import type { MicStatus } from '../../../protocol/src/webviewAudio';

export type MuteToggle = () => void;

export const NO_VOICE_MESSAGE = 'This interview has no voice, so there is no microphone to mute.';

export class MuteControl implements vscode.Disposable {
  private provider: MuteToggle | null = null;

  /** Routes Toggle Mute to `provider` until the returned disposable is disposed (e.g. when the interview ends). */
  use(provider: MuteToggle): vscode.Disposable {
    this.provider = provider;
    return new vscode.Disposable(() => { if (this.provider === provider) this.provider = null; });
  }

  get hasProvider(): boolean {
    return this.provider !== null;
  }

  toggle(): void {
    if (this.provider) this.provider();
    else void vscode.window.showInformationMessage(NO_VOICE_MESSAGE);
  }

  dispose(): void {
    this.provider = null;
  }
}

/** The part of the interview manager the mic wiring needs (the status bar's input is `setMic`). */
export interface InterviewMic {
  readonly onMicStatus: vscode.Event<MicStatus | null>;
  toggleMute(): boolean;
}

/**
 * While an interview has a microphone, the status bar shows its state and Toggle Mute mutes it; with none (text
 * interview, or no interview) the status bar shows no mic and Toggle Mute says why it cannot.
 */
export function followInterviewMic(manager: InterviewMic, statusBar: { setMic(status: MicStatus | null): void }, mute: MuteControl): vscode.Disposable {
  let routed: vscode.Disposable | null = null;
  const subscription = manager.onMicStatus((status) => {
    statusBar.setMic(status);
    if (status && !routed) routed = mute.use(() => { manager.toggleMute(); });
    if (!status && routed) { routed.dispose(); routed = null; }
  });
  return new vscode.Disposable(() => { subscription.dispose(); routed?.dispose(); });
}
