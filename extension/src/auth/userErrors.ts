// Turns any failure into a message a user can act on (never a stack trace); the details go to the log.
import * as vscode from 'vscode';
import { assertNever } from '../../../protocol/src/domain';
import { ApiError } from '../api/restClient';
import { COMMANDS, SETTINGS } from '../config';
import { NotSignedInError, SignInExpiredError, type AuthStore } from './authStore';

const SIGN_IN = 'Sign In';
const OPEN_SETTINGS = 'Open Settings';

export interface ErrorReporter {
  /**
   * Shows `err` as "Could not <action>: …" with a fitting button; a 401 also signs the user out.
   * Resolves once logged and acted on, without waiting for the user to dismiss the message
   * (a command run by a script must not hang on a notification).
   */
  report(err: unknown, action: string): Promise<void>;
}

export function createErrorReporter(auth: AuthStore, log: vscode.LogOutputChannel): ErrorReporter {
  const onChoice = async (choice: string | undefined) => {
    if (choice === SIGN_IN) await vscode.commands.executeCommand(COMMANDS.signIn);
    if (choice === OPEN_SETTINGS) {
      await vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS.section}.${SETTINGS.serverUrl}`);
    }
  };
  return {
    async report(err, action) {
      log.error(`Could not ${action}:`, err instanceof Error ? err.stack ?? err.message : String(err));
      // An ended sign-in was already announced once, by promptSignInAgain.
      if (err instanceof SignInExpiredError) return;
      const { message, buttons } = describeError(err, action);
      if (err instanceof ApiError && err.kind === 'unauthorized') await auth.clear();
      void vscode.window.showErrorMessage(message, ...buttons).then(onChoice);
    },
  };
}

/** When the sign-in ends on its own (the refresh token was refused), says so once and offers to sign in again. */
export function promptSignInAgain(auth: AuthStore, log: vscode.LogOutputChannel): vscode.Disposable {
  return auth.onDidExpire(async () => {
    log.warn('The sign-in expired or was revoked (refresh refused); asking to sign in again.');
    const choice = await vscode.window.showWarningMessage(new SignInExpiredError().message, SIGN_IN);
    if (choice === SIGN_IN) await vscode.commands.executeCommand(COMMANDS.signIn);
  });
}

export function describeError(err: unknown, action: string): { message: string; buttons: string[] } {
  if (err instanceof NotSignedInError) return { message: `Sign in to Mocktalk to ${action}.`, buttons: [SIGN_IN] };
  if (err instanceof SignInExpiredError) return { message: err.message, buttons: [SIGN_IN] };
  if (!(err instanceof ApiError)) {
    const detail = err instanceof Error ? err.message : String(err);
    return { message: `Could not ${action}: ${detail}`, buttons: [] };
  }
  const settingHint = `Check the "${SETTINGS.section}.${SETTINGS.serverUrl}" setting.`;
  switch (err.kind) {
    case 'unreachable': return { message: `${err.message} ${settingHint}`, buttons: [OPEN_SETTINGS] };
    case 'bad-url': case 'not-mocktalk': return { message: `${err.message} ${settingHint}`, buttons: [OPEN_SETTINGS] };
    case 'unauthorized': return { message: 'Your Mocktalk sign-in has expired or was revoked. Sign in again.', buttons: [SIGN_IN] };
    case 'server': return { message: `Could not ${action}: ${err.message}`, buttons: [] };
    case 'invalid-response': return { message: err.message, buttons: [] };
    default: return assertNever(err.kind, 'API error kind');
  }
}
