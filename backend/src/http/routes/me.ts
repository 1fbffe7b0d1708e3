// The signed-in user.
import { toUserView } from '../../auth/authService';
import { currentUser } from '../auth';
import { ROUTES } from '../openapi/routeSpecs';
import type { RouteKit } from './mount';
import { progressOf } from '../../analytics/progress';

export function meRoutes({ route }: RouteKit): void {
  route(ROUTES.me, (ctx) => {
    ctx.body = toUserView(currentUser(ctx));
  });

  route(ROUTES.progress, async (ctx, { em }) => {
    ctx.body = await progressOf(em, currentUser(ctx).id);
  });
}
