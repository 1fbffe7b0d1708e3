// Accounts: register, log in, refresh the sign-in, log out.
import { currentToken } from '../auth';
import { ROUTES } from '../openapi/routeSpecs';
import type { RouteKit } from './mount';

export function authRoutes({ route, deps }: RouteKit): void {
  route(ROUTES.register, async (ctx, { body, em }) => {
    ctx.status = 201;
    ctx.body = await deps.auth.register(em, body);
  });

  route(ROUTES.login, async (ctx, { body, em }) => {
    ctx.body = await deps.auth.login(em, body);
  });

  route(ROUTES.refresh, async (ctx, { body, em }) => {
    ctx.body = await deps.auth.refresh(em, body);
  });

  route(ROUTES.logout, async (ctx, { em }) => {
    await deps.auth.revoke(em, currentToken(ctx));
    ctx.status = 204;
  });
}
