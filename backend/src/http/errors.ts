// Errors that map to an HTTP status and a protocol error code; anything else is a 500 "internal".
import type { ZodError } from 'zod';
import type { ErrorCode } from '../../../protocol/src/errors';

export class AppError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'You may not do that') => new AppError(403, 'forbidden', message);
export const unauthenticated = (message = 'Sign in first: send Authorization: Bearer <token>') =>
  new AppError(401, 'unauthenticated', message);
export const conflict = (message: string) => new AppError(409, 'conflict', message);

export function validationError(where: string, error: ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new AppError(400, 'validation_failed', `Invalid ${where}: ${summary}`, issues);
}
