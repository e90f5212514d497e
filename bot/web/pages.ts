import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Response, Server } from 'restify';
import { resolveWebChatBundle } from './webchatBundle.js';

/** Options of {@link registerWebPages}. */
export interface WebPagesOptions {
  /** Local mode shows the demo-user picker and gets tokens from `POST /api/webchat/token`. */
  localMode: boolean;
  /**
   * Outside local mode: URL on the embedding site that answers `POST` with `{ token }` (it calls
   * `tokens/generate` with the secret, server-side). Without it `/` explains that a site token is needed.
   */
  customerTokenUrl?: string;
  logger: Logger;
}

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.html': 'text/html; charset=utf-8',
};

// Everything comes from this origin; Web Chat needs inline styles (emotion) and blob:/data: images.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Serves the customer widget (`/`), the pages' assets (`/web/…`, the agent console's included) and Web Chat's
 * browser bundle (`/web/webchat.js`) from node_modules — nothing is fetched from another origin. The agent console
 * page itself is served by `registerConsolePage`.
 */
export function registerWebPages(server: Server, options: WebPagesOptions): void {
  const logger = options.logger.child({ component: 'web' });
  const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
  const assets = new Set(readdirSync(publicDir).filter((name) => path.extname(name) in contentTypes));
  const bundle = resolveWebChatBundle();
  const pageConfig = {
    localMode: options.localMode,
    customerTokenUrl: options.customerTokenUrl ?? '',
  };
  const page = (file: string) => renderPage(readFileSync(path.join(publicDir, file), 'utf8'), pageConfig);
  const indexHtml = page('index.html');

  server.get('/', (_req, res, next) => {
    sendHtml(res, indexHtml);
    next();
  });
  server.get('/web/webchat.js', (_req, res, next) => {
    sendFile(res, bundle, contentTypes['.js'] ?? 'text/javascript', logger);
    next();
  });
  server.get('/web/:file', (req, res, next) => {
    const file = String(req.params.file ?? '');
    // Only names listed at startup are served, so no path can walk out of the folder.
    if (!assets.has(file) || file.endsWith('.html')) {
      res.send(404, { error: { code: 'NotFound', message: `No asset ${file}` } });
    } else {
      sendFile(
        res,
        path.join(publicDir, file),
        contentTypes[path.extname(file)] ?? 'application/octet-stream',
        logger,
      );
    }
    next();
  });
}

function renderPage(template: string, config: Record<string, unknown>): string {
  // Handed over as JSON in a non-executable script tag: the CSP forbids inline scripts. `<` is escaped so the
  // JSON can never close the tag.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return template.replace('{{CONFIG}}', json);
}

function securityHeaders(res: Response): void {
  res.header('Content-Security-Policy', contentSecurityPolicy);
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Referrer-Policy', 'no-referrer');
}

function sendHtml(res: Response, html: string): void {
  securityHeaders(res);
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end(html);
}

function sendFile(res: Response, file: string, contentType: string, logger: Logger): void {
  securityHeaders(res);
  res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'public, max-age=300' });
  createReadStream(file)
    .on('error', (error) => {
      logger.error({ err: error, file }, 'Static file could not be read');
      res.end();
    })
    .pipe(res);
}
