// The REST API: every route comes from the route table in ../openapi/routeSpecs.ts.
import Router from '@koa/router';
import type { AppDeps } from '../../app';
import { adminRoutes } from './admin';
import { authRoutes } from './auth';
import { companionRoutes } from './companion';
import { healthRoutes } from './health';
import { meRoutes } from './me';
import { createRouteKit } from './mount';
import { openApiRoutes } from './openapi';
import { problemRoutes } from './problems';
import { replayRoutes } from './replay';
import { sessionRoutes } from './sessions';

export function buildRouter(deps: AppDeps): Router {
  const router = new Router();
  const kit = createRouteKit(router, deps);
  for (const mount of [healthRoutes, openApiRoutes, authRoutes, meRoutes, problemRoutes, sessionRoutes, companionRoutes, replayRoutes, adminRoutes]) mount(kit);
  return router;
}
