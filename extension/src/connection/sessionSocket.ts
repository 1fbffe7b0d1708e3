// The one owner of the /ws connection: hello, start/resume, reconnect with backoff, replay de-duplication,
// answer resends. No vscode import, so node tests drive it against a real backend.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { CreateSessionRequest } from '../../../protocol/src/api';
import { decodeInterviewerAudio, encodeCandidateAudio, type InterviewerAudioFrame } from '../../../protocol/src/audio';
import { assertNever, type EvaluationView } from '../../../protocol/src/domain';
import { LIMITS, PROTOCOL_VERSION } from '../../../protocol/src/limits';
import {
  CLOSE_CODES, ServerMessage, type ClientMessage, type ClientMessageOf, type ServerMessageOf,
} from '../../../protocol/src/session';
import type { ConnectionStatus } from '../../../protocol/src/webview';
import type { PcmFrame } from '../capture/captureStrategy';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff';
import { Listeners } from './listeners';

export type SessionTarget =
  | { kind: 'start'; request: Partial<CreateSessionRequest> & Pick<CreateSessionRequest, 'language'> }
  | { kind: 'resume'; sessionId: string; lastSeq: number };

export interface SessionSocketOptions {
  serverUrl: string;
  token: string;
  /** Asked before each hello for a current token (a long interview outlives a bearer token); falls back to `token`. */
  freshToken?: () => Promise<string | undefined>;
  target: SessionTarget;
  backoff?: BackoffOptions;
  /** A connection that answers no ping for this long is dropped and redialled. */
  heartbeatMs?: number;
  log?: (line: string) => void;
}

export interface StatusChange { status: ConnectionStatus; detail: string | null }
/** The server refused us for good (bad token, protocol version): reconnecting would not help. */
export interface FatalError { code: string; message: string }

type CodeMessage = ClientMessageOf<'code/open'> | ClientMessageOf<'code/change'>;

export class SessionSocket {
  /** Every server message, with replayed turns the client already has removed. */
  readonly onMessage = new Listeners<ServerMessage>();
  readonly onStatus = new Listeners<StatusChange>();
  /** After each session/didJoin: the moment to (re)send the code buffer. */
  readonly onJoin = new Listeners<ServerMessageOf<'session/didJoin'>>();
  readonly onFatal = new Listeners<FatalError>();
  /** Interviewer speech (voice sessions): binary frames from the server, decoded. */
  readonly onAudio = new Listeners<InterviewerAudioFrame>();

  private ws: WebSocket | null = null;
  private joined = false;
  private stopped = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private sessionIdValue: string | null;
  private readonly seenSeqs = new Set<number>();
  /** Turns at or below this seq were delivered before this socket existed (a resume). */
  private readonly seqFloor: number;
  private lastSeqValue: number;
  /** Answers sent but not yet echoed back as a stored turn, in submission order. */
  private readonly unacked = new Map<string, string>();
  private endWaiters: { requestId: string; resolve(e: EvaluationView): void; reject(err: Error): void }[] = [];
  private statusValue: StatusChange = { status: 'connecting', detail: null };
  private joinRequestId: string | null = null;

  constructor(private readonly options: SessionSocketOptions) {
    const { target } = options;
    this.sessionIdValue = target.kind === 'resume' ? target.sessionId : null;
    this.seqFloor = target.kind === 'resume' ? target.lastSeq : 0;
    this.lastSeqValue = this.seqFloor;
  }

  get sessionId(): string | null { return this.sessionIdValue; }
  get lastSeq(): number { return this.lastSeqValue; }
  get status(): StatusChange { return this.statusValue; }
  /** True between session/didJoin and the connection's end: code and answers go out at once. */
  get isJoined(): boolean { return this.joined; }
  get pendingAnswers(): number { return this.unacked.size; }

  connect(): void {
    if (this.stopped || this.ws) return;
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting', this.attempt ? `attempt ${this.attempt}` : null);
    const url = this.options.serverUrl.replace(/^http/, 'ws').replace(/\/+$/, '') + '/ws';
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, { handshakeTimeout: 10_000, maxPayload: LIMITS.maxFrameBytes * 4 });
    } catch (err) {
      // A malformed URL throws synchronously; no retry fixes that.
      return this.fail({ code: 'bad_url', message: `Cannot open ${url}: ${err instanceof Error ? err.message : String(err)}` });
    }
    this.ws = ws;
    ws.on('open', () => {
      void this.helloToken().then((token) => {
        if (this.ws === ws) this.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token });
      });
      this.startHeartbeat(ws);
    });
    ws.on('message', (data, isBinary) => { if (isBinary) this.receiveAudio(data); else this.receive(data.toString()); });
    ws.on('pong', () => { alive.set(ws, true); });
    ws.on('error', (err) => this.log(`socket error: ${err.message}`));
    ws.on('close', (code, reason) => this.closed(ws, code, reason.toString()));
  }

  /** Queues an answer; it is (re)sent until the server echoes it back as a stored turn. Returns its id. */
  submitAnswer(text: string): string {
    const clientMessageId = randomUUID();
    this.unacked.set(clientMessageId, text);
    if (this.joined) this.send({ type: 'answer/submit', clientMessageId, text });
    return clientMessageId;
  }

  /** Sends a code message if joined; false means the caller must resync after the next join. */
  sendCode(message: CodeMessage): boolean {
    if (!this.joined) return false;
    return this.send(message);
  }

  /** Asks the server for a test run (it answers with tests/runRequested); the requestId, or null when not joined. */
  requestTests(): string | null {
    if (!this.joined) return null;
    const requestId = randomUUID();
    return this.send({ type: 'tests/run', requestId }) ? requestId : null;
  }

  /** Reports a run's results; false when not joined (the caller resends after the next join). */
  reportTests(message: ClientMessageOf<'tests/didRun'>): boolean {
    if (!this.joined) return false;
    return this.send(message);
  }

  /**
   * Streams one microphone frame (voice sessions). Audio is live: when not joined it is dropped, never queued for
   * a resend. Returns whether it went out.
   */
  sendAudio(frame: PcmFrame): boolean {
    if (!this.joined || this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(encodeCandidateAudio(frame));
    return true;
  }

  /** Reports the real playback state of an interviewer turn; dropped when not joined (it only matters live). */
  sendPlayback(message: ClientMessageOf<'audio/playback'>): boolean {
    if (!this.joined) return false;
    return this.send(message);
  }

  /** Asks the server to end and score the session; resolves with the evaluation. */
  end(timeoutMs = 60_000): Promise<EvaluationView> {
    if (!this.joined) return Promise.reject(new Error('Not connected to the Mocktalk server; try again once the connection is back.'));
    const requestId = randomUUID();
    return new Promise<EvaluationView>((resolve, reject) => {
      const timer = setTimeout(() => settle(new Error('The server did not finish the evaluation in time.')), timeoutMs);
      const settle = (result: EvaluationView | Error) => {
        clearTimeout(timer);
        this.endWaiters = this.endWaiters.filter((w) => w !== waiter);
        if (result instanceof Error) reject(result); else resolve(result);
      };
      const waiter = { requestId, resolve: settle, reject: settle };
      this.endWaiters.push(waiter);
      this.send({ type: 'session/end', requestId });
    });
  }

  /** Closes for good: no reconnect, pending end() calls fail. */
  dispose(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.clearTimers();
    for (const waiter of this.endWaiters) waiter.reject(new Error('The connection was closed.'));
    this.ws?.close(1000, 'client done');
    this.ws = null;
    this.joined = false;
    this.setStatus('offline', null);
    this.onMessage.clear();
    this.onStatus.clear();
    this.onJoin.clear();
    this.onFatal.clear();
    this.onAudio.clear();
  }

  private async helloToken(): Promise<string> {
    return (await this.options.freshToken?.().catch(() => undefined)) ?? this.options.token;
  }

  private send(message: ClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  private receive(raw: string): void {
    let json: unknown;
    try { json = JSON.parse(raw); } catch { return this.log('ignoring a frame that is not JSON'); }
    const parsed = ServerMessage.safeParse(json);
    if (!parsed.success) return this.log(`ignoring an unknown server message: ${raw.slice(0, 200)}`);
    const message = parsed.data;
    switch (message.type) {
      case 'welcome': return this.joinSession();
      case 'session/didJoin': return this.didJoin(message);
      case 'turn/didComplete': {
        const { seq, clientMessageId } = message.turn;
        if (clientMessageId) this.unacked.delete(clientMessageId);
        if (seq <= this.seqFloor || this.seenSeqs.has(seq)) return; // a replay of a turn we already have
        this.seenSeqs.add(seq);
        this.lastSeqValue = Math.max(this.lastSeqValue, seq);
        return this.onMessage.emit(message);
      }
      case 'session/didEnd':
        for (const waiter of [...this.endWaiters]) waiter.resolve(message.evaluation);
        return this.onMessage.emit(message);
      case 'error': {
        const waiter = message.requestId ? this.endWaiters.find((w) => w.requestId === message.requestId) : undefined;
        waiter?.reject(new Error(message.message));
        this.onMessage.emit(message);
        // A refused start/resume (unknown problem, deleted session) would be refused again on every reconnect.
        const joinRefused = message.requestId !== null && message.requestId === this.joinRequestId;
        if (message.fatal || joinRefused) this.fail({ code: message.code, message: message.message });
        return;
      }
      case 'turn/didStart': case 'turn/delta': case 'session/didChangeState': case 'code/resyncRequested':
      case 'tests/runRequested': case 'audio/clear': case 'transcript/partial': case 'voice/didChangeState':
      case 'voice/didChangeSource':
        return this.onMessage.emit(message);
      case 'companion/didJoin':
        return; // sent to companion pages only
      default: return assertNever(message, 'server message');
    }
  }

  private receiveAudio(data: WebSocket.RawData): void {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const frame = decodeInterviewerAudio(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!frame.ok) return this.log(`ignoring a bad audio frame from the server: ${frame.reason}`);
    this.onAudio.emit({ seq: frame.seq, sentTs: frame.sentTs, turnId: frame.turnId, samples: frame.samples });
  }

  private joinSession(): void {
    const requestId = randomUUID();
    this.joinRequestId = requestId;
    if (this.sessionIdValue) {
      this.send({ type: 'session/resume', requestId, sessionId: this.sessionIdValue, lastSeq: this.lastSeqValue });
    } else if (this.options.target.kind === 'start') {
      const { request } = this.options.target;
      this.send({ type: 'session/start', requestId, ...request, language: request.language ?? 'javascript', mode: request.mode ?? 'text', adaptive: request.adaptive ?? false });
    }
  }

  private didJoin(message: ServerMessageOf<'session/didJoin'>): void {
    this.sessionIdValue = message.session.id;
    this.joined = true;
    this.attempt = 0;
    this.setStatus('connected', null);
    this.onMessage.emit(message);
    this.onJoin.emit(message);
    // The server stores each clientMessageId once, so resending an answer it already has is harmless.
    for (const [clientMessageId, text] of this.unacked) this.send({ type: 'answer/submit', clientMessageId, text });
  }

  private closed(ws: WebSocket, code: number, reason: string): void {
    if (this.ws !== ws) return; // an older socket we already gave up on
    this.ws = null;
    this.joined = false;
    this.clearTimers();
    if (this.stopped) return;
    this.log(`connection closed (${code}${reason ? ` ${reason}` : ''})`);
    if (code === CLOSE_CODES.unauthenticated || code === CLOSE_CODES.protocolVersion) {
      return this.fail({ code: code === CLOSE_CODES.unauthenticated ? 'auth_failed' : 'protocol_version', message: reason || 'The server closed the connection.' });
    }
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    this.setStatus('reconnecting', `retrying in ${Math.max(1, Math.round(delay / 1000))} s (attempt ${this.attempt})`);
    this.reconnectTimer = setTimeout(() => { this.reconnectTimer = null; this.connect(); }, delay);
  }

  private fail(error: FatalError): void {
    if (this.stopped) return;
    this.onFatal.emit(error);
    this.dispose();
  }

  private startHeartbeat(ws: WebSocket): void {
    const every = this.options.heartbeatMs ?? 20_000;
    alive.set(ws, true);
    this.heartbeat = setInterval(() => {
      // No pong since the last ping: the network path is gone even if TCP has not noticed yet.
      if (!alive.get(ws)) return ws.terminate();
      alive.set(ws, false);
      ws.ping();
    }, every);
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.reconnectTimer = null;
    this.heartbeat = null;
  }

  private setStatus(status: ConnectionStatus, detail: string | null): void {
    if (this.statusValue.status === status && this.statusValue.detail === detail) return;
    this.statusValue = { status, detail };
    this.onStatus.emit(this.statusValue);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

const alive = new WeakMap<WebSocket, boolean>();
