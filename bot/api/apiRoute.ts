import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import type { z } from 'zod';
import type { BearerAuth, Principal } from './bearerAuth.js';

/** An error the operations API answers with its own status and code instead of a 500. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The query string as a flat record; a parameter given twice is refused (it would be ambiguous). */
export function queryOf(req: Request): Record<string, string> {
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const out: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1)
      throw new ApiError(400, 'BadRequest', `query parameter "${key}" given more than once`);
    out[key] = values[0] ?? '';
  }
  return out;
}

/** `value` parsed with `schema`, or a 400 naming the first bad field (`what` says what was parsed). */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw new ApiError(
    400,
    'BadRequest',
    `invalid ${what}${field ? ` ${field}` : ''}: ${issue?.message ?? 'invalid'}`,
  );
}

/** A route handler behind bearer credentials. */
export type GuardedHandler = (req: Request, res: Response, who: Principal) => void | Promise<void>;

/**
 * Wrap a handler of the operations API: bearer credentials (the admin token or an agent's own token) or 401
 * with `WWW-Authenticate: Bearer`; an {@link ApiError} becomes its status, anything else a logged 500. Tokens
 * are never logged.
 */
export function guardedRoute(auth: BearerAuth, logger: Logger, handler: GuardedHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const who = auth.authenticate(req.headers.authorization);
      if (!who) {
        res.header('WWW-Authenticate', 'Bearer realm="firstline-operations"');
        throw new ApiError(401, 'Unauthorized', 'valid bearer credentials are required');
      }
      await handler(req, res, who);
      logger.debug({ method: req.method, path: req.path?.(), principal: who.kind }, 'operations API request');
    } catch (err) {
      if (err instanceof ApiError) {
        res.json(err.status, { error: { code: err.code, message: err.message } });
      } else {
        logger.error({ err, method: req.method, path: req.path?.() }, 'operations API request failed');
        res.json(500, { error: { code: 'InternalError', message: 'internal error' } });
      }
    }
  };
}
