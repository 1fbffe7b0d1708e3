// The companion page's /ws connection: joins with the link token (or, once joined, the resume secret), streams the
// microphone as binary frames, and hands the interviewer's audio and voice messages to the page. A lost connection
// rejoins with backoff while the server still accepts the resume secret; a refusal or the interview's end is final.
import { decodeInterviewerAudio, encodeCandidateAudio, type CandidateAudioFrame, type InterviewerAudioFrame } from '../../../protocol/src/audio';
import { assertNever } from '../../../protocol/src/domain';
import type { ErrorCode } from '../../../protocol/src/errors';
import { PROTOCOL_VERSION } from '../../../protocol/src/limits';
import { ServerMessage, type ClientMessage, type CompanionCredential, type ServerMessageOf } from '../../../protocol/src/session';
import { Listeners } from '../audio/events';

export type CompanionState =
  | { kind: 'connecting' }
  | { kind: 'joined'; problemTitle: string }
  | { kind: 'reconnecting'; attempt: number; inMs: number }
  | { kind: 'ended' }
  | { kind: 'refused'; code: ErrorCode; message: string };

/** What the page shows besides audio: the caption, who has the floor, and passing errors. */
export type CompanionEvent =
  | ServerMessageOf<'audio/clear'>
  | ServerMessageOf<'transcript/partial'>
  | ServerMessageOf<'voice/didChangeState'>
  | ServerMessageOf<'error'>;

export interface CompanionConnectionOptions {
  socketUrl: string;
  sessionId: string;
  credential: CompanionCredential;
  /** Called with the resume secret once joined, so a reload can rejoin. */
  onResumeSecret?(secret: string): void;
  createSocket?(url: string): WebSocket;
}

/** Close codes after which rejoining cannot help. */
const FINAL_CLOSE_CODES = new Set([4400, 4401, 4403]);
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10_000;

/** Exponential with equal jitter, as the extension's session socket reconnects. */
export const reconnectDelay = (attempt: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(Math.max(attempt - 1, 0), 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
};

export class CompanionConnection {
  readonly states = new Listeners<CompanionState>();
  readonly events = new Listeners<CompanionEvent>();
  readonly audio = new Listeners<InterviewerAudioFrame>();
  private socket: WebSocket | null = null;
  private credential: CompanionCredential;
  private current: CompanionState = { kind: 'connecting' };
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(private readonly options: CompanionConnectionOptions) {
    this.credential = options.credential;
  }

  get state(): CompanionState { return this.current; }
  get joined(): boolean { return this.current.kind === 'joined'; }

  connect(): void {
    if (this.disposed) return;
    const socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.socketUrl);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    let refusal: CompanionState | null = null;
    socket.addEventListener('open', () => {
      this.send({ type: 'companion/join', protocolVersion: PROTOCOL_VERSION, sessionId: this.options.sessionId, credential: this.credential });
    });
    socket.addEventListener('message', (event: MessageEvent<ArrayBuffer | string>) => {
      if (typeof event.data !== 'string') {
        const frame = decodeInterviewerAudio(new Uint8Array(event.data));
        if (frame.ok) this.audio.emit(frame);
        return;
      }
      const parsed = ServerMessage.safeParse(safeJson(event.data));
      if (!parsed.success) return; // a newer server's message this page does not know
      const final = this.receive(parsed.data);
      if (final) refusal = final;
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.disposed || this.current.kind === 'ended' || this.current.kind === 'refused') return;
      if (refusal) return this.setState(refusal);
      if (FINAL_CLOSE_CODES.has(event.code)) {
        return this.setState({ kind: 'refused', code: 'companion_link_invalid', message: event.reason || 'The server refused this page.' });
      }
      this.scheduleReconnect();
    });
  }

  sendAudio(frame: CandidateAudioFrame): void {
    if (this.joined && this.socket?.readyState === WebSocket.OPEN) this.socket.send(encodeCandidateAudio(frame));
  }

  sendPlayback(turnId: string, state: 'started' | 'stopped', ts: number): void {
    if (this.joined) this.send({ type: 'audio/playback', turnId, state, ts });
  }

  dispose(): void {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'page closed');
    this.socket = null;
    this.states.clear();
    this.events.clear();
    this.audio.clear();
  }

  /** Returns the final state a fatal error announces; the socket's close applies it. */
  private receive(message: ServerMessage): CompanionState | null {
    switch (message.type) {
      case 'companion/didJoin':
        this.attempt = 0;
        this.credential = { kind: 'resume', secret: message.resumeSecret };
        this.options.onResumeSecret?.(message.resumeSecret);
        this.setState({ kind: 'joined', problemTitle: message.problemTitle });
        return null;
      case 'session/didChangeState':
        if (message.state === 'ended') {
          this.setState({ kind: 'ended' });
          this.socket?.close(1000, 'interview ended');
        }
        return null;
      case 'error':
        if (message.fatal) return { kind: 'refused', code: message.code, message: message.message };
        this.events.emit(message);
        return null;
      case 'audio/clear': case 'transcript/partial': case 'voice/didChangeState':
        this.events.emit(message);
        return null;
      case 'welcome': case 'session/didJoin': case 'turn/didStart': case 'turn/delta': case 'turn/didComplete':
      case 'session/didEnd': case 'code/resyncRequested': case 'tests/runRequested': case 'voice/didChangeSource':
        return null; // the session connection's messages; a companion page is not sent them
      default:
        return assertNever(message, 'server message');
    }
  }

  private scheduleReconnect(): void {
    this.attempt += 1;
    const inMs = reconnectDelay(this.attempt);
    this.setState({ kind: 'reconnecting', attempt: this.attempt, inMs });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, inMs);
  }

  private setState(state: CompanionState): void {
    this.current = state;
    this.states.emit(state);
  }

  private send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return null; }
}
