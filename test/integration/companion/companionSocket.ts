// A /ws client for the companion tests: records JSON messages (validated), counts binary interviewer audio, and can
// join as the session's connection (hello) or as a companion page (companion/join).
import WebSocket from 'ws';
import { decodeInterviewerAudio } from '../../../protocol/src/audio';
import { PROTOCOL_VERSION } from '../../../protocol/src/limits';
import { ServerMessage, type ClientMessage, type CompanionCredential, type ServerMessageOf } from '../../../protocol/src/session';

export class AudioSocket {
  readonly received: ServerMessage[] = [];
  /** Interviewer audio frames received, by turn id. */
  readonly audioTurns = new Map<string, number>();
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        const frame = decodeInterviewerAudio(new Uint8Array(data as Buffer));
        if (frame.ok) this.audioTurns.set(frame.turnId, (this.audioTurns.get(frame.turnId) ?? 0) + 1);
        return;
      }
      const message = ServerMessage.parse(JSON.parse(data.toString()));
      this.received.push(message);
      this.waiters = this.waiters.filter((w) => (w.match(message) ? (w.resolve(message), false) : true));
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async open(baseUrl: string): Promise<AudioSocket> {
    const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/ws');
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    return new AudioSocket(ws);
  }

  /** The session's own connection: hello, then session/resume. */
  static async session(baseUrl: string, token: string, sessionId: string): Promise<AudioSocket> {
    const socket = await AudioSocket.open(baseUrl);
    socket.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token });
    await socket.next('welcome');
    socket.send({ type: 'session/resume', requestId: 'join', sessionId, lastSeq: 0 });
    await socket.next('session/didJoin');
    return socket;
  }

  /** A companion page: sends companion/join; the caller waits for companion/didJoin or an error. */
  static async companion(baseUrl: string, sessionId: string, credential: CompanionCredential): Promise<AudioSocket> {
    const socket = await AudioSocket.open(baseUrl);
    socket.send({ type: 'companion/join', protocolVersion: PROTOCOL_VERSION, sessionId, credential });
    return socket;
  }

  send(message: ClientMessage | Record<string, unknown>): void { this.ws.send(JSON.stringify(message)); }

  next<T extends ServerMessage['type']>(type: T, predicate: (m: ServerMessageOf<T>) => boolean = () => true, timeoutMs = 10_000): Promise<ServerMessageOf<T>> {
    const match = (m: ServerMessage): m is ServerMessageOf<T> => m.type === type && predicate(m as ServerMessageOf<T>);
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}; got ${this.received.map((m) => m.type).join(', ')}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m as ServerMessageOf<T>); } });
    });
  }

  all<T extends ServerMessage['type']>(type: T): ServerMessageOf<T>[] {
    return this.received.filter((m): m is ServerMessageOf<T> => m.type === type);
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close();
    return this.closed;
  }
}
