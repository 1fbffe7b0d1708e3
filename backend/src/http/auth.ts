// Bearer-token authentication for REST routes: who is calling, and may they do admin work.
import type { Context, Next } from 'koa';
import type { AuthService } from '../auth/authService';
import type { User } from '../db/entities';
import type { MikroORM } from '@mikro-orm/postgresql';
import { forbidden, unauthenticated } from './errors';

const BEARER = /^Bearer\s+(\S+)$/i;

interface AuthState {
  user?: User;
  token?: string;
}

/** The bearer token of the request, or null when there is no well-formed Authorization header. */
export function bearerToken(ctx: Context): string | null {
  return BEARER.exec(ctx.get('authorization'))?.[1] ?? null;
}

/** Resolves the bearer token to a User (in ctx.state.user) or answers 401. */
export function authenticate(deps: { auth: AuthService; orm: MikroORM }) {
  return async function requireUser(ctx: Context, next: Next) {
    const token = bearerToken(ctx);
    if (!token) throw unauthenticated();
    // orm.em resolves to the request's fork created by ormContext.
    const user = await deps.auth.authenticate(deps.orm.em, token);
    if (!user) throw unauthenticated('Your sign-in token is invalid or has expired; sign in again');
    const state = ctx.state as AuthState;
    state.user = user;
    state.token = token;
    return next();
  };
}

/** Lets only admins through; mount after `authenticate`. */
export function requireAdmin() {
  return function adminsOnly(ctx: Context, next: Next) {
    if (currentUser(ctx).role !== 'admin') throw forbidden('Only administrators may manage the question bank');
    return next();
  };
}

/** The authenticated caller; throws 401 on a route that forgot `authenticate`. */
export function currentUser(ctx: Context): User {
  const { user } = ctx.state as AuthState;
  if (!user) throw unauthenticated();
  return user;
}

/** The token the caller authenticated with (for logout). */
export function currentToken(ctx: Context): string {
  const { token } = ctx.state as AuthState;
  if (!token) throw unauthenticated();
  return token;
}
