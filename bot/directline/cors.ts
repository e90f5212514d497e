import type { Server } from 'restify';

/** Request headers Web Chat and the official client send across origins. */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'x-ms-bot-agent', 'x-requested-with'];

/**
 * CORS for the Direct Line client API, so a widget embedded on another site (`DIRECT_LINE_ALLOWED_ORIGINS`)
 * can call it from the browser. Allowed origins get the `Access-Control-*` headers and their preflights a 204;
 * any other origin gets no CORS header at all and its preflight a 403, so the browser refuses the call.
 * Runs before routing, so preflights need no route of their own.
 */
export function registerDirectLineCors(server: Server, allowedOrigins: readonly string[]): void {
  const allowed = new Set(allowedOrigins.map(normaliseOrigin));
  server.pre((req, res, next) => {
    if (!(req.url ?? '').startsWith('/v3/directline/')) return next();
    const origin = req.headers.origin;
    const permitted = typeof origin === 'string' && allowed.has(normaliseOrigin(origin));
    res.setHeader('Vary', 'Origin');
    if (permitted) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'x-request-id');
    }
    if (req.method !== 'OPTIONS') return next();
    if (!permitted) {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            code: 'OriginNotAllowed',
            message: 'This origin is not in DIRECT_LINE_ALLOWED_ORIGINS',
          },
        }),
      );
      return next(false);
    }
    const requested = String(req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => ALLOWED_HEADERS.includes(h));
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader(
      'Access-Control-Allow-Headers',
      [...new Set([...ALLOWED_HEADERS, ...requested])].join(', '),
    );
    res.setHeader('Access-Control-Max-Age', '600');
    res.writeHead(204);
    res.end();
    return next(false);
  });
}

/** `https://Example.com:443/` → `https://example.com`. */
export function normaliseOrigin(origin: string): string {
  try {
    return new URL(origin).origin.toLowerCase();
  } catch {
    return origin.trim().toLowerCase();
  }
}
