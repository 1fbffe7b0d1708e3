// Builds the Koa application without listening, so tests drive it in-process.
import Koa from 'koa';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AuthService } from './auth/authService';
import { companionPage } from './companion/companionPage';
import type { Config } from './config';
import { errorHandler, jsonBody, ormContext, requestLogger } from './http/middleware';
import { buildRouter } from './http/routes';
import type { Metrics } from './observability/metrics';
import type { SessionStore } from './sessions/sessionStore';
import type { TurnAudioArchive } from './replay/turnAudioArchive';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  log: Logger;
  metrics: Metrics;
  auth: AuthService;
  sessions: SessionStore;
  /** Recorded interviewer audio per turn (object store + rows). */
  turnAudio: TurnAudioArchive;
}

const MAX_JSON_BODY_BYTES = 1_048_576;

export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: false });
  app.silent = true; // errors are logged by errorHandler
  app.use(errorHandler(deps.log));
  app.use(requestLogger(deps.log, deps.metrics));
  app.use(jsonBody(MAX_JSON_BODY_BYTES));
  app.use(ormContext(deps.orm));
  app.use(companionPage());
  const router = buildRouter(deps);
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: false }));
  return app;
}
