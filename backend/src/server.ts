// Starts and stops one backend instance: database, migrations, seed, HTTP + WebSocket on one server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { MikroORM } from '@mikro-orm/postgresql';
import { initCodeAnalysis } from './analysis/analyze';
import { createApp } from './app';
import { AuthService } from './auth/authService';
import type { Config } from './config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embeddedPostgres';
import { openOrm } from './db/orm';
import type { Interviewer } from './interviewer/interviewer';
import { FallbackInterviewer } from './interviewer/fallbackInterviewer';
import { LocalInterviewer } from './interviewer/local/localInterviewer';
import { OpenAiInterviewer } from './interviewer/openai/openaiInterviewer';
import type { Metrics } from './observability/metrics';
import { createMetrics } from './observability/metrics';
import { problemBank } from './problems/bank';
import { seedProblems } from './problems/seed';
import { SessionStore } from './sessions/sessionStore';
import { TurnAudioArchive } from './replay/turnAudioArchive';
import { createObjectStore } from './storage/createObjectStore';
import type { ObjectStore } from './storage/objectStore';
import { configuredSpeech, type SpeechProviders } from './voice/speech';
import { attachSessionSockets } from './ws/sessionSocketServer';

export interface RunningServer {
  url: string;
  port: number;
  orm: MikroORM;
  /** Graceful: stop accepting, finish writes, close sockets with 1001, close the ORM, stop embedded Postgres. */
  close(): Promise<void>;
}

export interface ServerOptions {
  interviewer?: Interviewer;
  /** Speech engines of voice-mode sessions; by default the configured cloud engines, then the local ones (pocketsphinx, espeak-ng). */
  speech?: SpeechProviders;
  /** Where recorded media goes; the configured store (files under the data dir by default) otherwise. */
  objects?: ObjectStore;
}

export async function startServer(config: Config, log: Logger, options: ServerOptions = {}): Promise<RunningServer> {
  let embedded: EmbeddedDatabase | null = null;
  const databaseUrl = config.databaseUrl ?? (embedded = await startEmbeddedPostgres(config.dataDir, log)).url;
  let orm: MikroORM;
  try {
    orm = await openOrm(databaseUrl, { migrate: true });
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  await initCodeAnalysis(); // tree-sitter grammars, once (~0.1 s); analysis is synchronous afterwards
  const auth = new AuthService(config.tokenTtlDays, config.accessTokenTtlMinutes);
  const sessions = new SessionStore();
  const metrics = createMetrics();
  const seeded = await seedProblems(orm.em.fork(), problemBank);
  log.info(seeded, 'question bank seeded');
  if (config.admin) await auth.ensureAdmin(orm.em.fork(), config.admin.email, config.admin.password);

  const turnAudio = new TurnAudioArchive(options.objects ?? createObjectStore(config), orm);
  const deps = { config, orm, log, metrics, auth, sessions, turnAudio };
  const app = createApp(deps);
  const server = http.createServer(app.callback());
  const sockets = attachSessionSockets(server, {
    ...deps, interviewer: options.interviewer ?? createInterviewer(config, log, metrics), speech: options.speech ?? configuredSpeech(config, log, metrics),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  log.info({ url }, 'mocktalk backend listening');

  let closing: Promise<void> | null = null;
  return {
    url, port, orm,
    close: () => (closing ??= (async () => {
      log.info('shutting down');
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await sockets.close(); // finishes in-flight writes, then closes each socket with 1001
      server.closeIdleConnections();
      await httpClosed;
      await orm.close(true);
      await embedded?.stop();
      log.info('stopped');
    })()),
  };
}

/** OpenAI when a key is configured, with the local engine taking over any turn it fails or stalls; else local. */
function createInterviewer(config: Config, log: Logger, metrics: Metrics): Interviewer {
  const local = new LocalInterviewer();
  if (!config.openai) return local;
  const openai = new OpenAiInterviewer({
    apiKey: config.openai.apiKey, baseUrl: config.openai.baseUrl, model: config.openai.model,
    log: log.child({ component: 'openai-interviewer' }), requestTimeoutMs: 30_000, evaluationTimeoutMs: 60_000, local,
  });
  return new FallbackInterviewer(openai, local, {
    firstTokenDeadlineMs: 2_500, evaluateDeadlineMs: 65_000, log,
    onFallback: ({ operation, reason }) => metrics.interviewerFallbacks.inc({ operation, reason }),
  });
}
