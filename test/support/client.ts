// HTTP and WebSocket clients for tests: real sockets on loopback, typed with the protocol.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { decodeInterviewerAudio } from '../../protocol/src/audio';
import { PROTOCOL_VERSION } from '../../protocol/src/limits';
import { ServerMessage, type ClientMessage, type ServerMessageOf } from '../../protocol/src/session';
import type { TokenResponse } from '../../protocol/src/api';

export interface HttpResult<T = unknown> { status: number; body: T }

export async function http<T = any>(base: string, method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) { body = options.raw; headers['content-type'] ??= 'application/json'; }
  else if (options.body !== undefined) { body = JSON.stringify(options.body); headers['content-type'] = 'application/json'; }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep text */ }
  return { status: res.status, body: parsed as T };
}

export async function registerUser(base: string, name = 'cand'): Promise<TokenResponse> {
  const email = `${name}-${randomUUID().slice(0, 8)}@example.test`;
  const res = await http<TokenResponse>(base, 'POST', '/api/auth/register', { body: { email, password: 'correct horse battery', displayName: name } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A /ws client that records every server message and can wait for one matching a predicate. Binary frames are the
 * interviewer's audio in voice sessions: counted per turn.
 */
export class TestSocket {
  readonly received: ServerMessage[] = [];
  /** Interviewer audio frames received, by turn id. */
  readonly audioTurns = new Map<string, number>();
  private waiters: { predicate: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        const frame = decodeInterviewerAudio(new Uint8Array(data as Buffer));
        if (frame.ok) this.audioTurns.set(frame.turnId, (this.audioTurns.get(frame.turnId) ?? 0) + 1);
        return;
      }
      const message = ServerMessage.parse(JSON.parse(data.toString()));
      this.received.push(message);
      this.waiters = this.waiters.filter((w) => (w.predicate(message) ? (w.resolve(message), false) : true));
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async open(baseHttpUrl: string): Promise<TestSocket> {
    const ws = new WebSocket(baseHttpUrl.replace(/^http/, 'ws') + '/ws');
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    return new TestSocket(ws);
  }

  static async authenticated(baseHttpUrl: string, token: string): Promise<TestSocket> {
    const socket = await TestSocket.open(baseHttpUrl);
    socket.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token });
    await socket.next('welcome');
    return socket;
  }

  send(message: ClientMessage | Record<string, unknown>): void { this.ws.send(JSON.stringify(message)); }
  sendRaw(data: string | Buffer, binary = false): void { this.ws.send(data, { binary }); }

  /** The first message (already received or future) of a type that satisfies the predicate. */
  next<T extends ServerMessage['type']>(type: T, predicate: (m: ServerMessageOf<T>) => boolean = () => true, timeoutMs = 10_000): Promise<ServerMessageOf<T>> {
    const match = (m: ServerMessage): m is ServerMessageOf<T> => m.type === type && predicate(m as ServerMessageOf<T>);
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}; got ${this.received.map((m) => m.type).join(', ')}`)), timeoutMs);
      this.waiters.push({ predicate: match, resolve: (m) => { clearTimeout(timer); resolve(m as ServerMessageOf<T>); } });
    });
  }

  /** Messages of a type received so far. */
  all<T extends ServerMessage['type']>(type: T): ServerMessageOf<T>[] {
    return this.received.filter((m): m is ServerMessageOf<T> => m.type === type);
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close();
    return this.closed;
  }
  terminate(): Promise<{ code: number; reason: string }> { this.ws.terminate(); return this.closed; }
}
