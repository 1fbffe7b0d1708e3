// The /ws endpoint on the shared http.Server, and the registry of sessions live on this instance.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AppDeps } from '../app';
import { LIMITS } from '../../../protocol/src/limits';
import type { Interviewer } from '../interviewer/interviewer';
import { LiveSession, type LiveSessionDeps } from '../sessions/liveSession';
import type { SpeechProviders } from '../voice/speech';
import { SessionConnection } from './connection';

/** Live sessions of this instance by id, shared by the connections that join them. */
export class LiveSessionRegistry {
  private readonly live = new Map<string, Promise<LiveSession>>();
  private readonly users = new Map<string, number>();

  constructor(private readonly deps: LiveSessionDeps) {}

  async acquire(sessionId: string): Promise<LiveSession> {
    let entry = this.live.get(sessionId);
    if (!entry) {
      entry = LiveSession.load(this.deps, sessionId);
      this.live.set(sessionId, entry);
      entry.catch(() => this.live.delete(sessionId));
    }
    const session = await entry;
    this.users.set(sessionId, (this.users.get(sessionId) ?? 0) + 1);
    return session;
  }

  /** The last connection to leave flushes pending writes; the session is then unloaded (Postgres has it all). */
  async release(session: LiveSession): Promise<void> {
    const count = (this.users.get(session.id) ?? 1) - 1;
    if (count > 0) { this.users.set(session.id, count); return; }
    this.users.delete(session.id);
    await session.drain();
    if (!this.users.has(session.id)) {
      this.live.delete(session.id);
      session.dispose();
    }
  }
}

export interface SocketDeps extends AppDeps {
  interviewer: Interviewer;
  registry: LiveSessionRegistry;
  /** Speech engines of voice-mode sessions. */
  speech: SpeechProviders;
}

export function attachSessionSockets(server: http.Server, deps: AppDeps & { interviewer: Interviewer; speech: SpeechProviders }) {
  const registry = new LiveSessionRegistry({
    orm: deps.orm, log: deps.log, metrics: deps.metrics, sessions: deps.sessions, interviewer: deps.interviewer,
    snapshotDebounceMs: deps.config.snapshotDebounceMs, idleNudgeMs: deps.config.idleNudgeMs,
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxFrameBytes });
  const connections = new Set<SessionConnection>();
  let accepting = true;

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/ws' || !accepting) {
      socket.end(`HTTP/1.1 ${accepting ? '404 Not Found' : '503 Service Unavailable'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new SessionConnection(ws, { ...deps, registry });
      connections.add(connection);
      deps.metrics.wsConnections.inc();
      ws.once('close', () => { connections.delete(connection); deps.metrics.wsConnections.dec(); });
    });
  });

  return {
    async close(): Promise<void> {
      accepting = false;
      await Promise.all([...connections].map((c) => c.shutdown()));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
