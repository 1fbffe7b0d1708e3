// POST /api/sessions/:id/companion: a one-time link to the companion page (served by ../../companion/companionPage).
import { AppError, conflict } from '../errors';
import { currentUser } from '../auth';
import { CompanionLinks } from '../../companion/companionLinks';
import { companionPageUrl } from '../../companion/companionPage';
import { ROUTES } from '../openapi/routeSpecs';
import type { RouteKit } from './mount';

export function companionRoutes({ route, deps }: RouteKit): void {
  const links = new CompanionLinks();
  route(ROUTES.createCompanionLink, async (ctx, { params, em }) => {
    const session = await deps.sessions.getOwned(em, currentUser(ctx), params.id);
    if (session.state === 'ended') throw new AppError(409, 'session_ended', 'This interview has ended; it needs no microphone');
    if (session.mode !== 'voice') throw conflict('This is a text interview; start a voice interview to use the microphone page');
    const { token, expiresAt } = await links.issue(em, session);
    ctx.status = 201;
    ctx.body = { url: companionPageUrl(`${ctx.protocol}://${ctx.host}`, session.id, token), expiresAt: expiresAt.toISOString() };
  });
}
