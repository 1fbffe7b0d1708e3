// Toggle Mute (the status bar's click during a voice interview). The microphone lives in the interview panel's
// capture strategy, which another part of the extension owns: it plugs its toggle in with `use()`.
import * as vscode from 'vscode';

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
