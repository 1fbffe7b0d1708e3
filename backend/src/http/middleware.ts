// Cross-cutting middleware: error mapping, request logging and metrics, JSON bodies, ORM request context.
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { RequestContext, type MikroORM } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { Metrics } from '../observability/metrics';
import { AppError, validationError } from './errors';

export function errorHandler(log: Logger) {
  return async function handleErrors(ctx: Context, next: Next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError(404, 'not_found', `No route for ${ctx.method} ${ctx.path}`);
      // router.allowedMethods answers a known path with the wrong method by status + Allow header only.
      if ((ctx.status === 405 || ctx.status === 501) && ctx.body == null) {
        throw new AppError(ctx.status, 'not_found', `${ctx.method} is not supported on ${ctx.path}; allowed: ${ctx.response.get('Allow') || 'none'}`);
      }
    } catch (err) {
      if (err instanceof AppError) {
        ctx.status = err.status;
        ctx.body = { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
        return;
      }
      log.error({ err, path: ctx.path }, 'unhandled request error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' } };
    }
  };
}

export function requestLogger(log: Logger, metrics: Metrics) {
  return async function logRequests(ctx: Context, next: Next) {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      metrics.httpDuration.observe({ method: ctx.method, route, status: String(ctx.status) }, ms / 1000);
      log.debug({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms) }, 'request');
    }
  };
}

/** Reads a JSON body up to `limitBytes`; invalid JSON is a 400, an oversized body a 413. */
export function jsonBody(limitBytes: number) {
  return async function parseJson(ctx: Context, next: Next) {
    if (!['POST', 'PUT', 'PATCH'].includes(ctx.method)) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limitBytes) throw new AppError(413, 'payload_too_large', `Request body over ${limitBytes} bytes`);
      chunks.push(chunk);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    if (raw.trim() === '') {
      ctx.state.body = undefined;
    } else {
      if (!ctx.is('application/json')) throw new AppError(415 as number, 'validation_failed', 'Send the body as application/json');
      try {
        ctx.state.body = JSON.parse(raw);
      } catch {
        throw new AppError(400, 'bad_json', 'Request body is not valid JSON');
      }
    }
    return next();
  };
}

/** One ORM unit of work per request. */
export function ormContext(orm: MikroORM) {
  return function forkEntityManager(_ctx: Context, next: Next) {
    return RequestContext.create(orm.em, next);
  };
}

export function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}
