import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';

/**
 * Header carrying the per-process secret with which the in-process Direct Line forwarder proves it is the
 * caller of `POST /api/directline/internal/messages`. The value is generated at start-up, never configured
 * and never logged.
 */
export const INTERNAL_SECRET_HEADER = 'x-firstline-internal-secret';

/** Path of the internal route through which Direct Line delivers activities to the bot. */
export const INTERNAL_MESSAGES_PATH = '/api/directline/internal/messages';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Whether the request's TCP peer is this machine. */
export function fromLoopback(req: Request): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? '');
}

/** Whether the request carries the expected internal secret (constant-time comparison). */
export function carriesInternalSecret(req: Request, secret: string): boolean {
  const presented = req.headers[INTERNAL_SECRET_HEADER];
  if (typeof presented !== 'string' || presented === '' || secret === '') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(secret));
}

/** Whether `serviceUrl` points at `base` (same scheme, host and port; a trailing path is ignored). */
export function sameOrigin(serviceUrl: string | undefined, base: string): boolean {
  if (!serviceUrl || !base) return false;
  try {
    return new URL(serviceUrl).origin === new URL(base).origin;
  } catch {
    return false;
  }
}
