// Typed client for the Mocktalk REST API. No vscode import: the same client runs in node tests.
import { z } from 'zod';
import { Progress } from '../../../protocol/src/analytics';
import {
  CompanionLink, LoginRequest, ProblemList, RefreshRequest, RegisterRequest, SessionReplay, TokenResponse, UserView,
  type ProblemQuery,
} from '../../../protocol/src/api';
import { ProblemPublic, SessionDetail, SessionSummary, type ProblemSummary } from '../../../protocol/src/domain';
import { ErrorBody, type ErrorCode } from '../../../protocol/src/errors';

/**
 * Why a call failed, in the terms a user can act on:
 * - `bad-url`: the configured URL is not a URL;
 * - `unreachable`: nothing answers there (refused, DNS, timeout);
 * - `not-mocktalk`: something answers, but not a Mocktalk API (HTML, 404 without our error body);
 * - `unauthorized`: 401 (wrong password on login, else an expired or revoked token);
 * - `server`: a Mocktalk error body with its code;
 * - `invalid-response`: a 2xx body that does not match the protocol (client and server versions differ).
 */
export type ApiErrorKind = 'bad-url' | 'unreachable' | 'not-mocktalk' | 'unauthorized' | 'server' | 'invalid-response';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: ErrorCode | null = null,
  ) {
    super(message);
  }
}

export interface RestClientOptions {
  baseUrl: string;
  token?: string;
  timeoutMs?: number;
  /**
   * Called once when the server refuses `token` (401): resolves to a fresh token to retry the call with,
   * or undefined to give up. This is how a revoked or early-expired token is refreshed silently.
   */
  onUnauthorized?: (rejectedToken: string) => Promise<string | undefined>;
}

const SessionList = z.object({ sessions: z.array(SessionSummary) });
const MeResponse = z.object({ user: UserView });

export class RestClient {
  readonly baseUrl: string;

  constructor(private readonly options: RestClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  withToken(token: string): RestClient {
    return new RestClient({ ...this.options, token });
  }

  register(body: RegisterRequest): Promise<TokenResponse> {
    return this.request('POST', '/api/auth/register', TokenResponse, RegisterRequest.parse(body));
  }

  login(body: LoginRequest): Promise<TokenResponse> {
    return this.request('POST', '/api/auth/login', TokenResponse, LoginRequest.parse(body));
  }

  /** Trades a single-use refresh token for a new pair (never retried: a 401 here means sign in again). */
  refresh(body: RefreshRequest): Promise<TokenResponse> {
    return new RestClient({ ...this.options, token: undefined, onUnauthorized: undefined })
      .request('POST', '/api/auth/refresh', TokenResponse, RefreshRequest.parse(body));
  }

  async logout(): Promise<void> {
    await this.request('POST', '/api/auth/logout', null);
  }

  async me(): Promise<UserView> {
    // Accept both `{user}` and a bare user: the contract names the route, not the envelope.
    const body = await this.request('GET', '/api/me', z.union([MeResponse, UserView]));
    return 'user' in body ? body.user : body;
  }

  async problems(query: ProblemQuery = {}): Promise<ProblemSummary[]> {
    const params = new URLSearchParams();
    if (query.topic) params.set('topic', query.topic);
    if (query.difficulty) params.set('difficulty', query.difficulty);
    const search = params.toString() ? `?${params}` : '';
    return (await this.request('GET', `/api/problems${search}`, ProblemList)).problems;
  }

  problem(slug: string): Promise<ProblemPublic> {
    return this.request('GET', `/api/problems/${encodeURIComponent(slug)}`, ProblemPublic);
  }

  async sessions(): Promise<SessionSummary[]> {
    return (await this.request('GET', '/api/sessions', SessionList)).sessions;
  }

  session(id: string): Promise<SessionDetail> {
    return this.request('GET', `/api/sessions/${encodeURIComponent(id)}`, SessionDetail);
  }

  /** Scores over time and weakest topics of the signed-in user (GET /api/me/progress). */
  progress(): Promise<Progress> {
    return this.request('GET', '/api/me/progress', Progress);
  }

  replay(id: string): Promise<SessionReplay> {
    return this.request('GET', `/api/sessions/${encodeURIComponent(id)}/replay`, SessionReplay);
  }

  /** A turn's recorded WAV, by the path the replay gave; only that route, so a server cannot aim the token elsewhere. */
  async turnAudio(path: string): Promise<Uint8Array> {
    if (!TURN_AUDIO_PATH.test(path)) throw new ApiError('invalid-response', `Unexpected audio path from the server: ${path.slice(0, 120)}`);
    const headers: Record<string, string> = { accept: 'audio/wav' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    try {
      response = await fetch(this.url(path), { headers, signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000) });
    } catch (err) {
      throw new ApiError('unreachable', `Cannot reach the Mocktalk server at ${this.baseUrl} (${networkReason(err)}).`);
    }
    if (!response.ok) throw this.failure(response.status, 'GET', path, parseJson(await response.text().catch(() => '')));
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_AUDIO_BYTES) throw new ApiError('invalid-response', `The audio of that turn is larger than ${MAX_AUDIO_BYTES} bytes.`);
    return bytes;
  }

  async deleteSession(id: string): Promise<void> {
    await this.request('DELETE', `/api/sessions/${encodeURIComponent(id)}`, null);
  }

  /** A one-time link (a few minutes) to the backend's browser microphone page for a live voice session. */
  companionLink(sessionId: string): Promise<CompanionLink> {
    return this.request('POST', `/api/sessions/${encodeURIComponent(sessionId)}/companion`, CompanionLink);
  }

  private async request<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T>;
  private async request(method: string, path: string, schema: null, body?: unknown): Promise<void>;
  private async request<T>(method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T | void> {
    try {
      return await this.requestOnce(method, path, schema, body);
    } catch (err) {
      const { token, onUnauthorized } = this.options;
      if (!(err instanceof ApiError && err.kind === 'unauthorized' && token && onUnauthorized)) throw err;
      const fresh = await onUnauthorized(token);
      if (!fresh || fresh === token) throw err;
      return new RestClient({ ...this.options, token: fresh, onUnauthorized: undefined }).requestOnce(method, path, schema, body);
    }
  }

  private async requestOnce<T>(method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T | void> {
    const url = this.url(path);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new ApiError('unreachable', `Cannot reach the Mocktalk server at ${this.baseUrl} (${networkReason(err)}).`);
    }
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (!response.ok) throw this.failure(response.status, method, path, json);
    if (schema === null) return;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      if (json === undefined) throw this.notMocktalk(response.status, method, path);
      throw new ApiError('invalid-response',
        `The server at ${this.baseUrl} answered ${method} ${path} in an unexpected shape; it may run a different Mocktalk version.`,
        response.status);
    }
    return parsed.data;
  }

  private url(path: string): URL {
    let url: URL;
    try {
      url = new URL(this.baseUrl + path);
    } catch {
      throw new ApiError('bad-url', `"${this.baseUrl}" is not a valid server URL; it should look like http://127.0.0.1:8787.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ApiError('bad-url', `"${this.baseUrl}" is not an http(s) URL; it should look like http://127.0.0.1:8787.`);
    }
    return url;
  }

  private failure(status: number, method: string, path: string, json: unknown): ApiError {
    const body = ErrorBody.safeParse(json);
    if (!body.success) {
      // A 401 without our body is still a 401; anything else without it is some other server.
      if (status === 401) return new ApiError('unauthorized', 'The server refused the credentials.', status);
      return this.notMocktalk(status, method, path);
    }
    const { code, message } = body.data.error;
    return new ApiError(status === 401 ? 'unauthorized' : 'server', message, status, code);
  }

  private notMocktalk(status: number, method: string, path: string): ApiError {
    return new ApiError('not-mocktalk',
      `The server at ${this.baseUrl} does not look like a Mocktalk server (HTTP ${status} for ${method} ${path}).`, status);
  }
}

const TURN_AUDIO_PATH = /^\/api\/sessions\/[0-9a-fA-F-]{36}\/turns\/[0-9a-fA-F-]{36}\/audio$/;
/** Five minutes of 16 kHz PCM16 (what the server records at most) and then some. */
const MAX_AUDIO_BYTES = 12_000_000;

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The useful part of undici's "fetch failed": the errno code of its cause, or a timeout. */
function networkReason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'no answer in time';
  const cause = err instanceof Error ? err.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  switch (code) {
    case 'ECONNREFUSED': return 'connection refused: is the backend running?';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'unknown host';
    case 'ECONNRESET': return 'connection reset';
    case undefined: return err instanceof Error ? err.message : String(err);
    default: return code;
  }
}
