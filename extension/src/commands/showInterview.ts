// Show Interview (the status bar's click), and what to do when the server drops the interview for good.
import * as vscode from 'vscode';
import type { AuthStore } from '../auth/authStore';
import { COMMANDS } from '../config';
import type { InterviewManager } from '../interview/interviewManager';

/** Reveals the panel; after a reload without the panel, resumes the interview this workspace was in. */
export async function showInterview(manager: InterviewManager): Promise<void> {
  if (!manager.current && !(await manager.resumePersisted())) {
    const choice = await vscode.window.showInformationMessage('No Mocktalk interview is in progress.', 'Start Interview');
    if (choice) await vscode.commands.executeCommand(COMMANDS.startInterview);
    return;
  }
  manager.showPanel();
}

/** An expired token ends the connection: offer to sign in again and pick the interview up where it was. */
export function offerResumeAfterFatalErrors(manager: InterviewManager, auth: AuthStore): vscode.Disposable {
  return manager.onFatalError(async (error) => {
    if (error.code !== 'auth_failed') {
      void vscode.window.showErrorMessage(`The Mocktalk server closed the interview connection: ${error.message}`);
      return;
    }
    await auth.clear();
    const choice = await vscode.window.showErrorMessage('Your Mocktalk sign-in has expired. Sign in again to resume the interview.', 'Sign In');
    if (choice && (await vscode.commands.executeCommand(COMMANDS.signIn))) await showInterview(manager);
  });
}
