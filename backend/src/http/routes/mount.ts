// Mounts a handler for a route of the route table: access guards first, then path, query and body parsed
// with the very schemas the OpenAPI document shows.
import type { Router, RouterContext } from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { AppDeps } from '../../app';
import { authenticate, requireAdmin } from '../auth';
import { parse } from '../middleware';
import type { Parsed, RouteSpec } from '../openapi/routeSpecs';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The global EntityManager; every call on it resolves to the request's fork made by ormContext. */
  em: EntityManager;
}

export type RouteHandler<P, Q, B> = (ctx: Context, input: RouteInput<P, Q, B>) => Promise<void> | void;

export interface RouteKit {
  deps: AppDeps;
  route<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined>(
    spec: RouteSpec<P, Q, B>,
    handler: RouteHandler<Parsed<P>, Parsed<Q>, Parsed<B>>,
  ): void;
}

function parseOptional<S extends z.ZodType | undefined>(schema: S | undefined, value: unknown, where: string): Parsed<S> {
  // TypeScript cannot narrow the conditional type through the `schema ?` check; both branches match Parsed<S>.
  return (schema ? parse(schema, value, where) : undefined) as Parsed<S>;
}

export function createRouteKit(router: Router, deps: AppDeps): RouteKit {
  const guards: Record<RouteSpec['access'], Middleware[]> = {
    public: [],
    user: [authenticate(deps)],
    admin: [authenticate(deps), requireAdmin()],
  };
  return {
    deps,
    route(spec, handler) {
      const handle = async function handleRoute(ctx: RouterContext) {
        const params = parseOptional(spec.params, ctx.params, 'path parameters');
        const query = parseOptional(spec.query, ctx.query, 'query');
        const body = parseOptional(spec.body, ctx.state.body, 'request body');
        await handler(ctx, { params, query, body, em: deps.orm.em });
      };
      router[spec.method](spec.operationId, spec.path, ...guards[spec.access], handle);
    },
  };
}
