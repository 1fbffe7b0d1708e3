// Liveness, readiness and Prometheus metrics.
import { AppError } from '../errors';
import { ROUTES } from '../openapi/routeSpecs';
import type { RouteKit } from './mount';

export function healthRoutes({ route, deps }: RouteKit): void {
  route(ROUTES.healthz, (ctx) => {
    ctx.body = { status: 'ok' };
  });

  route(ROUTES.readyz, async (ctx, { em }) => {
    try {
      await em.getConnection().execute('select 1');
    } catch (err) {
      deps.log.warn({ err }, 'readiness check failed');
      throw new AppError(503, 'internal', 'The database is not reachable');
    }
    ctx.body = { status: 'ready' };
  });

  route(ROUTES.metrics, async (ctx) => {
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });
}
