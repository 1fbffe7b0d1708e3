// Who is signed in, per server URL: the token lives in SecretStorage (never in settings), the rest in memory.
import * as vscode from 'vscode';
import { z } from 'zod';
import { TokenResponse, type UserView } from '../../../protocol/src/api';
import { RestClient } from '../api/restClient';
import { CONTEXT_KEYS, STORAGE_KEYS, affectsServerUrl, serverUrl } from '../config';

const StoredCredentials = TokenResponse.extend({ serverUrl: z.string() });
export type StoredCredentials = z.infer<typeof StoredCredentials>;

export class NotSignedInError extends Error {
  override name = 'NotSignedInError';
  constructor() {
    super('Sign in to Mocktalk first.');
  }
}

export class AuthStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<UserView | null>();
  /** Fires with the user after sign-in, with null after sign-out or expiry (also on a server URL change). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private current: StoredCredentials | null = null;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.disposables.push(
      secrets.onDidChange((e) => { if (e.key === this.secretKey()) void this.reload(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (affectsServerUrl(e)) void this.reload(); }),
    );
  }

  get user(): UserView | null {
    return this.current?.user ?? null;
  }

  /** Loads the stored credentials for the configured server; call once at activation. */
  async reload(): Promise<UserView | null> {
    const raw = await this.secrets.get(this.secretKey());
    const parsed = raw ? StoredCredentials.safeParse(safeJson(raw)) : null;
    const valid = parsed?.success && Date.parse(parsed.data.expiresAt) > Date.now() ? parsed.data : null;
    const before = this.current?.token;
    this.current = valid;
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.signedIn, valid !== null);
    if (before !== valid?.token) this.changed.fire(this.user);
    return this.user;
  }

  async store(response: TokenResponse): Promise<void> {
    const credentials: StoredCredentials = { ...response, serverUrl: serverUrl() };
    await this.secrets.store(this.secretKey(), JSON.stringify(credentials));
    await this.reload();
  }

  /** Forgets the token locally (after sign-out, or when the server said it is no longer valid). */
  async clear(): Promise<void> {
    await this.secrets.delete(this.secretKey());
    await this.reload();
  }

  async token(): Promise<string | undefined> {
    if (!this.current) await this.reload();
    return this.current?.token;
  }

  /** A client for anonymous calls (sign-in, register). */
  anonymousClient(): RestClient {
    return new RestClient({ baseUrl: serverUrl() });
  }

  /** A client carrying the token; throws NotSignedInError when there is none. */
  async client(): Promise<RestClient> {
    const token = await this.token();
    if (!token) throw new NotSignedInError();
    return new RestClient({ baseUrl: serverUrl(), token });
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private secretKey(): string {
    return STORAGE_KEYS.tokenPrefix + serverUrl();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
