// The caller's interview sessions. Another user's session is always a 404, never a 403.
import { currentUser } from '../auth';
import { toSessionSummary } from '../../sessions/views';
import { ROUTES } from '../openapi/routeSpecs';
import type { RouteKit } from './mount';

export function sessionRoutes({ route, deps }: RouteKit): void {
  route(ROUTES.createSession, async (ctx, { body, em }) => {
    const session = await deps.sessions.create(em, currentUser(ctx), body);
    ctx.status = 201;
    ctx.body = toSessionSummary(session, null);
  });

  route(ROUTES.listSessions, async (ctx, { query, em }) => {
    ctx.body = { sessions: await deps.sessions.list(em, currentUser(ctx), query) };
  });

  route(ROUTES.getSession, async (ctx, { params, em }) => {
    const session = await deps.sessions.getOwned(em, currentUser(ctx), params.id);
    ctx.body = await deps.sessions.detail(em, session);
  });

  route(ROUTES.deleteSession, async (ctx, { params, em }) => {
    const session = await deps.sessions.getOwned(em, currentUser(ctx), params.id);
    await deps.turnAudio.removeSession(em, session.id); // the objects first: a failure leaves the session to retry
    await deps.sessions.remove(em, session);
    ctx.status = 204;
  });
}
