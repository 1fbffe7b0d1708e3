// The Mocktalk account in VS Code's Accounts menu: an AuthenticationProvider over AuthStore (one store of
// credentials, in SecretStorage). Sign In, Sign Out and the first Start Interview all go through it.
import * as vscode from 'vscode';
import type { UserView } from '../../../protocol/src/api';
import { assertNever } from '../../../protocol/src/domain';
import { serverUrl } from '../config';
import type { AuthStore } from './authStore';

export const AUTH_PROVIDER = { id: 'mocktalk', label: 'Mocktalk' } as const;

export interface AuthFlows {
  /** Asks for credentials and signs in; undefined when the user cancelled or it failed (already reported). */
  signIn(): Promise<UserView | undefined>;
  signOut(): Promise<void>;
}

export class MocktalkAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** The session last announced, to tell VS Code what was added, removed or changed. */
  private announced: vscode.AuthenticationSession | undefined;

  constructor(private readonly auth: AuthStore, private readonly flows: AuthFlows) {
    this.disposables.push(
      auth.onDidChange(() => { void this.announce(); }),
      vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER.id, AUTH_PROVIDER.label, this,
        { supportsMultipleAccounts: false }),
    );
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const session = await this.currentSession();
    return session ? [session] : [];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const user = await this.flows.signIn();
    const session = user && await this.currentSession();
    if (!session) throw new vscode.CancellationError();
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    const session = await this.currentSession();
    if (session?.id === sessionId) await this.flows.signOut();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /** The signed-in account with a live token (refreshed silently); none when signed out or the sign-in is over. */
  private async currentSession(): Promise<vscode.AuthenticationSession | undefined> {
    const token = await this.auth.token().catch(() => undefined);
    const user = this.auth.user;
    if (!token || !user) return undefined;
    // The id names the account on this server, so a refreshed token is the same session, changed.
    return { id: `${serverUrl()}#${user.id}`, accessToken: token, account: { id: user.id, label: user.email }, scopes: [] };
  }

  private async announce(): Promise<void> {
    const before = this.announced;
    const after = await this.currentSession();
    this.announced = after;
    if (before?.id === after?.id) {
      if (before && after && before.accessToken !== after.accessToken) this.changed.fire({ added: [], removed: [], changed: [after] });
      return;
    }
    this.changed.fire({ added: after ? [after] : [], removed: before ? [before] : [], changed: [] });
  }
}

/**
 * The signed-in session through vscode.authentication: with `prompt`, VS Code asks to sign in (its consent
 * dialog, then our createSession) when there is none. Undefined when the user declined.
 */
export async function mocktalkSession(prompt: 'prompt' | 'silent' | 'switch'): Promise<vscode.AuthenticationSession | undefined> {
  try {
    switch (prompt) {
      case 'prompt': return await vscode.authentication.getSession(AUTH_PROVIDER.id, [], { createIfNone: true });
      case 'switch': return await vscode.authentication.getSession(AUTH_PROVIDER.id, [], { forceNewSession: true });
      case 'silent': return await vscode.authentication.getSession(AUTH_PROVIDER.id, [], { silent: true });
      default: return assertNever(prompt, 'session prompt');
    }
  } catch (err) {
    // Declining VS Code's dialog or cancelling our input boxes is not an error worth a message.
    if (err instanceof vscode.CancellationError || (err instanceof Error && /cancel|consent/i.test(err.message))) return undefined;
    throw err;
  }
}

/**
 * While nobody is signed in, asks VS Code for a session without prompting: the Accounts menu then offers "Sign in
 * with Mocktalk to use Mocktalk" (with a badge), which runs createSession — the sign-in flow — when chosen.
 */
export function offerSignInInAccountsMenu(auth: AuthStore, log: vscode.LogOutputChannel, loaded: Promise<unknown>): vscode.Disposable {
  const offer = () => {
    if (auth.user) return;
    vscode.authentication.getSession(AUTH_PROVIDER.id, []).then(undefined,
      (err: unknown) => log.warn('offering sign-in in the Accounts menu failed:', err instanceof Error ? err.message : String(err)));
  };
  void loaded.then(offer, () => offer());
  return auth.onDidChange((user) => { if (!user) offer(); });
}
