import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Response, Server } from 'restify';

/** Options of {@link registerConsolePage}. */
export interface ConsolePageOptions {
  /** The console is also a Teams tab: Teams (and Microsoft 365) may frame it. */
  teamsTab: boolean;
  logger: Logger;
}

/** Where Microsoft's hosts frame a Teams tab from (Microsoft's tab requirements). */
const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
];

/**
 * The policy of the console page: everything from this origin, no inline script or style at all (the console
 * builds its DOM with text nodes only), framed only by this origin — and by Teams when it is a Teams tab.
 */
export function consoleContentSecurityPolicy(teamsTab: boolean): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors 'self'${teamsTab ? ` ${TEAMS_FRAME_ANCESTORS.join(' ')}` : ''}`,
  ].join('; ');
}

/**
 * Serves the agent console page at `/agent` (its script and styles are under `/web/`) and the Teams JavaScript
 * client library at `/web/teams.js` from node_modules (the tab needs it for single sign-on). The page itself holds
 * no data: it asks `/api/console/…`, which needs a signed-in agent.
 */
export function registerConsolePage(server: Server, options: ConsolePageOptions): void {
  const html = readFileSync(fileURLToPath(new URL('../web/public/console.html', import.meta.url)), 'utf8');
  const teamsJs = resolveTeamsJs();
  const csp = consoleContentSecurityPolicy(options.teamsTab);
  const headers = (res: Response): void => {
    res.header('Content-Security-Policy', csp);
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
  };
  server.get('/agent', (_req, res, next) => {
    headers(res);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(html);
    next();
  });
  server.get('/web/teams.js', (_req, res, next) => {
    headers(res);
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    });
    createReadStream(teamsJs)
      .on('error', (err) => {
        options.logger.error({ err, file: teamsJs }, 'Teams JS library could not be read');
        res.end();
      })
      .pipe(res);
    next();
  });
}

/** The Teams JavaScript client library's browser bundle in node_modules. */
function resolveTeamsJs(): string {
  const entry = createRequire(import.meta.url).resolve('@microsoft/teams-js');
  let dir = path.dirname(entry);
  while (dir !== path.dirname(dir)) {
    const bundle = path.join(dir, 'dist', 'umd', 'MicrosoftTeams.min.js');
    if (existsSync(bundle)) return bundle;
    dir = path.dirname(dir);
  }
  throw new Error('@microsoft/teams-js: dist/umd/MicrosoftTeams.min.js not found');
}
