// Sign In / Sign Out commands. Without arguments they go through VS Code's accounts (vscode.authentication and
// MocktalkAuthProvider, whose createSession runs `signIn` below); with arguments (tests, scripts) no input box is shown.
import * as vscode from 'vscode';
import { z } from 'zod';
import { Email, type TokenResponse, type UserView } from '../../../protocol/src/api';
import { assertNever } from '../../../protocol/src/domain';
import { ApiError } from '../api/restClient';
import type { AuthStore } from './authStore';
import { mocktalkSession, type MocktalkAuthProvider } from './authProvider';
import type { ErrorReporter } from './userErrors';

export type SignInMode = 'login' | 'register';

/** Arguments for scripted sign-in (tests); anything else passed to the command means "ask". */
export const SignInArgs = z.object({
  mode: z.enum(['login', 'register']).optional(),
  email: z.string().min(1),
  password: z.string().min(1),
  displayName: z.string().optional(),
});
export type SignInArgs = z.infer<typeof SignInArgs>;

const MIN_PASSWORD = 8;

/** The Sign In command: scripted credentials sign in directly; otherwise VS Code asks through the provider. */
export async function signInCommand(auth: AuthStore, errors: ErrorReporter, rawArgs?: unknown): Promise<UserView | undefined> {
  if (SignInArgs.safeParse(rawArgs).success) return signIn(auth, errors, rawArgs);
  try {
    if (auth.user) {
      const switchAccount = 'Switch Account';
      const choice = await vscode.window.showInformationMessage(
        `Signed in to Mocktalk as ${auth.user.displayName} (${auth.user.email}).`, switchAccount);
      if (choice !== switchAccount) return auth.user;
      return (await mocktalkSession('switch')) ? auth.user ?? undefined : undefined;
    }
    return (await mocktalkSession('prompt')) ? auth.user ?? undefined : undefined;
  } catch (err) {
    await errors.report(err, 'sign in');
    return undefined;
  }
}

/** The Sign Out command: removes the session through the provider, as the Accounts menu does. */
export async function signOutCommand(provider: MocktalkAuthProvider): Promise<void> {
  const [session] = await provider.getSessions();
  if (!session) {
    void vscode.window.showInformationMessage('You are not signed in to Mocktalk.');
    return;
  }
  await provider.removeSession(session.id);
}

/** Asks for (or takes scripted) credentials and signs in; the provider's createSession runs this. */
export async function signIn(auth: AuthStore, errors: ErrorReporter, rawArgs?: unknown): Promise<UserView | undefined> {
  const args = SignInArgs.safeParse(rawArgs).data;
  const credentials = args ? { mode: args.mode ?? 'login', ...args } : await askCredentials();
  if (!credentials) return undefined;
  const client = auth.anonymousClient();
  let response: TokenResponse;
  try {
    response = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Signing in to Mocktalk at ${client.baseUrl}…` },
      () => credentials.mode === 'login'
        ? client.login({ email: credentials.email, password: credentials.password })
        : client.register({
          email: credentials.email, password: credentials.password,
          displayName: credentials.displayName?.trim() || credentials.email.split('@')[0],
        }));
  } catch (err) {
    // A 401 here means a wrong password, not an expired token: say so, and let the user retry.
    if (err instanceof ApiError && (err.kind === 'unauthorized' || err.code === 'conflict')) {
      const message = err.kind === 'unauthorized' ? 'Wrong email or password.' : 'An account with this email already exists: sign in instead.';
      const retry = args ? undefined : await vscode.window.showErrorMessage(message, 'Try Again');
      if (!args && retry) return signIn(auth, errors);
      if (args) void vscode.window.showErrorMessage(message);
      return undefined;
    }
    await errors.report(err, credentials.mode === 'login' ? 'sign in' : 'create the account');
    return undefined;
  }
  await auth.store(response);
  void vscode.window.showInformationMessage(`Signed in to Mocktalk as ${response.user.displayName} (${response.user.email}).`);
  return response.user;
}

export async function signOut(auth: AuthStore, log: vscode.LogOutputChannel): Promise<void> {
  const token = await auth.token();
  if (!token) {
    void vscode.window.showInformationMessage('You are not signed in to Mocktalk.');
    return;
  }
  try {
    await auth.anonymousClient().withToken(token).logout();
  } catch (err) {
    // The local copy goes regardless: signing out must work while the server is down.
    log.warn('Revoking the token on the server failed:', err instanceof Error ? err.message : String(err));
    if (!(err instanceof ApiError && err.kind === 'unauthorized')) {
      void vscode.window.showWarningMessage('Signed out on this machine; the server could not be reached to revoke the token.');
    }
  }
  await auth.clear();
  void vscode.window.showInformationMessage('Signed out of Mocktalk.');
}

interface Credentials { mode: SignInMode; email: string; password: string; displayName?: string }

async function askCredentials(): Promise<Credentials | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Sign in', description: 'with an existing Mocktalk account', mode: 'login' as const },
      { label: 'Create an account', description: 'new to Mocktalk', mode: 'register' as const },
    ],
    { title: 'Mocktalk: Sign In', placeHolder: 'Sign in or create an account', ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  const { mode } = picked;
  const steps = mode === 'register' ? 3 : 2;
  const title = (step: number) => `${picked.label} (${step}/${steps})`;
  const email = await vscode.window.showInputBox({
    title: title(1), prompt: 'Email address', placeHolder: 'you@example.com', ignoreFocusOut: true,
    validateInput: (v) => (Email.safeParse(v).success ? null : 'Enter an email address'),
  });
  if (!email) return undefined;
  const password = await vscode.window.showInputBox({
    title: title(2), prompt: 'Password', password: true, ignoreFocusOut: true,
    validateInput: (v) => {
      switch (mode) {
        case 'register': return v.length >= MIN_PASSWORD ? null : `At least ${MIN_PASSWORD} characters`;
        case 'login': return v.length > 0 ? null : 'Enter your password';
        default: return assertNever(mode, 'sign-in mode');
      }
    },
  });
  if (!password) return undefined;
  if (mode === 'login') return { mode, email: email.trim(), password };
  const displayName = await vscode.window.showInputBox({
    title: title(3), prompt: 'Your name, as the interviewer will address you', value: email.split('@')[0], ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? null : 'Enter a name'),
  });
  if (!displayName) return undefined;
  return { mode, email: email.trim(), password, displayName: displayName.trim() };
}
