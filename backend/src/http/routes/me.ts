// The signed-in user.
import { toUserView } from '../../auth/authService';
import { currentUser } from '../auth';
import { ROUTES } from '../openapi/routeSpecs';
import type { RouteKit } from './mount';

export function meRoutes({ route }: RouteKit): void {
  route(ROUTES.me, (ctx) => {
    ctx.body = toUserView(currentUser(ctx));
  });
}
