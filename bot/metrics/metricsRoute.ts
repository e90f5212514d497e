import type { Request, Response, Server } from 'restify';
import { bearerToken, secretEquals } from '../api/bearerAuth.js';
import type { FirstlineMetrics } from './metrics.js';

/** Options of {@link registerMetricsRoute}. */
export interface MetricsRouteOptions {
  metrics: FirstlineMetrics;
  /** Tokens a scraper may present as `Authorization: Bearer …` (METRICS_TOKEN, ADMIN_TOKEN); empty ones are ignored. */
  tokens: ReadonlyArray<string | undefined>;
}

/**
 * `GET /metrics` in the Prometheus text format, for a scraper presenting `METRICS_TOKEN` (or `ADMIN_TOKEN`) as a
 * bearer token: 401 without a valid one, 404 when no token is configured (the figures are never public).
 */
export function registerMetricsRoute(server: Server, options: MetricsRouteOptions): void {
  const tokens = options.tokens.filter((t): t is string => typeof t === 'string' && t.length > 0);
  server.get('/metrics', async (req: Request, res: Response) => {
    if (tokens.length === 0) {
      res.send(404, { code: 'NotFound', message: 'metrics are off: set METRICS_TOKEN (or ADMIN_TOKEN)' });
      return;
    }
    const token = bearerToken(req.headers.authorization);
    if (!token || !tokens.some((t) => secretEquals(token, t))) {
      res.header('WWW-Authenticate', 'Bearer realm="metrics"');
      res.send(401, { code: 'Unauthorized', message: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
      return;
    }
    const { contentType, body } = await options.metrics.exposition();
    res.setHeader('content-type', contentType);
    res.writeHead(200);
    res.end(body);
  });
}
