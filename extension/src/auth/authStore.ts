// Who is signed in, per server URL: the token lives in SecretStorage (never in settings), the rest in memory.
// A bearer token is short-lived: it is refreshed silently (before it expires, or when the server refuses it),
// and only when the refresh token is refused too is the user asked to sign in again (onDidExpire).
import * as vscode from 'vscode';
import { z } from 'zod';
import { TokenResponse, type UserView } from '../../../protocol/src/api';
import { ApiError, RestClient } from '../api/restClient';
import { CONTEXT_KEYS, STORAGE_KEYS, affectsServerUrl, serverUrl } from '../config';

const StoredCredentials = TokenResponse.extend({ serverUrl: z.string() });
export type StoredCredentials = z.infer<typeof StoredCredentials>;

export class NotSignedInError extends Error {
  override name = 'NotSignedInError';
  constructor() {
    super('Sign in to Mocktalk first.');
  }
}

/** The sign-in is over: the refresh token was refused (expired, used or revoked). Already shown to the user. */
export class SignInExpiredError extends Error {
  override name = 'SignInExpiredError';
  constructor() {
    super('Your Mocktalk sign-in has expired or was revoked. Sign in again.');
  }
}

/** Refresh a bearer token this long before it expires, so a request never starts with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

const isLive = (iso: string | undefined, marginMs = 0) => iso !== undefined && Date.parse(iso) - marginMs > Date.now();

export class AuthStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<UserView | null>();
  /** Fires with the user after sign-in and after a silent refresh, with null after sign-out or expiry (also on a server URL change). */
  readonly onDidChange = this.changed.event;
  private readonly expired = new vscode.EventEmitter<void>();
  /** Fires when the sign-in ended on its own (refresh refused): the place to ask the user to sign in again. */
  readonly onDidExpire = this.expired.event;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.expired];
  private current: StoredCredentials | null = null;
  private refreshing: Promise<string> | undefined;

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
    // An expired bearer token is still a sign-in while its refresh token lives.
    const valid = parsed?.success && (isLive(parsed.data.expiresAt) || isLive(parsed.data.refreshExpiresAt)) ? parsed.data : null;
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

  /** A bearer token good for at least a minute (refreshed if need be); undefined when not signed in. */
  async token(): Promise<string | undefined> {
    if (!this.current) await this.reload();
    const current = this.current;
    if (!current) return undefined;
    return isLive(current.expiresAt, REFRESH_MARGIN_MS) ? current.token : this.refreshed(current.token);
  }

  /**
   * A new token after the server refused `rejected` (revoked or expired early); single-flight, because a
   * refresh token works once. Throws SignInExpiredError when the sign-in is over, ApiError when unreachable.
   */
  refreshed(rejected: string): Promise<string> {
    if (!this.current) return Promise.reject(new NotSignedInError());
    if (this.current.token !== rejected) return Promise.resolve(this.current.token);
    return this.refreshing ??= this.refresh().finally(() => { this.refreshing = undefined; });
  }

  private async refresh(): Promise<string> {
    const stale = this.current;
    if (!stale?.refreshToken || !isLive(stale.refreshExpiresAt)) return this.expire();
    try {
      const response = await this.anonymousClient().refresh({ refreshToken: stale.refreshToken });
      await this.store(response);
      return response.token;
    } catch (err) {
      if (!(err instanceof ApiError && err.kind === 'unauthorized')) throw err;
      // Another window of this machine may have used the refresh token first and stored its result.
      await this.reload();
      if (this.current && this.current.token !== stale.token) return this.current.token;
      return this.expire();
    }
  }

  private async expire(): Promise<never> {
    await this.clear();
    this.expired.fire();
    throw new SignInExpiredError();
  }

  /** A client for anonymous calls (sign-in, register). */
  anonymousClient(): RestClient {
    return new RestClient({ baseUrl: serverUrl() });
  }

  /** A client carrying the token (refreshed once if the server refuses it); throws NotSignedInError when there is none. */
  async client(): Promise<RestClient> {
    const token = await this.token();
    if (!token) throw new NotSignedInError();
    return new RestClient({ baseUrl: serverUrl(), token, onUnauthorized: (rejected) => this.refreshed(rejected) });
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
