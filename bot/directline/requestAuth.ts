import type { Request } from 'restify';
import { HttpError } from './httpError.js';

/**
 * Extracts the bearer credential from `Authorization`.
 * @throws HttpError 401 when there is none.
 */
export function bearerOf(req: Request): string {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw new HttpError(401, 'MissingToken', 'Authorization: Bearer <token> is required');
  return match[1];
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Whether a request comes from this machine. The connector API is called only by the bot in this process; an
 * outside caller could otherwise inject "bot" messages into any conversation.
 */
export function isLoopback(req: Request): boolean {
  return loopback.has(req.socket.remoteAddress ?? '');
}
