import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';

/** Whether the request carries HTTP Basic credentials equal to the expected ones (constant-time). */
export function basicAuthMatches(req: Request, expected: { user: string; password: string }): boolean {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], 'base64').toString('utf8');
  return digestEqual(given, `${expected.user}:${expected.password}`);
}

function digestEqual(a: string, b: string): boolean {
  // Hashing first gives equal-length inputs, so timingSafeEqual never leaks the length.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
