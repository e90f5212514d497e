import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import restify, { type Request, type Response, type Server } from 'restify';
import { badRequest, forbidden, payloadTooLarge, unsupportedMediaType } from './http/httpError.js';
import { inboundActivitySchema, MAX_TEXT_LENGTH, type InboundActivity } from './http/activitySchema.js';
import {
  carriesInternalSecret,
  fromLoopback,
  INTERNAL_MESSAGES_PATH,
  sameOrigin,
} from './http/internalDelivery.js';
import { jsonBodyParser, refuseFormBodies } from './http/jsonBody.js';
import { frameworkLogger } from './logger.js';
import type { ServiceUrlGuard } from './http/serviceUrlGuard.js';
import type { TurnAdapter } from './http/turnAdapter.js';

/** Something that must be loaded before the bot can serve turns (storage, knowledge, NLU). */
export interface ReadinessCheck {
  name: string;
  ready(): boolean;
}

/** Everything the HTTP app needs; built by bot/index.ts (or a test). */
export interface AppDeps {
  logger: Logger;
  adapter: TurnAdapter;
  /** Runs one turn (the bot's `run`). */
  bot: { run(context: TurnContext): Promise<void> };
  maxBodyBytes: number;
  /** Present in local mode: refuses activities whose serviceUrl is not allowed. */
  serviceUrlGuard?: ServiceUrlGuard;
  readiness: ReadinessCheck[];
  /** The internal route through which the in-process Direct Line delivers activities (no channel JWT). */
  internal?: InternalDelivery;
  /** Whether new work is accepted; false while shutting down (see {@link refuseWhileDraining}). */
  accepting?: () => boolean;
  /** Told about every response with a 5xx status (metrics). */
  onServerError?: () => void;
}

/**
 * How `POST /api/directline/internal/messages` is served. Direct Line runs in this process, so its activities
 * need no Bot Framework JWT: the route accepts only loopback callers presenting the per-process `secret`, and
 * only activities whose serviceUrl is our own connector; an anonymous adapter processes them.
 */
export interface InternalDelivery {
  /** An adapter with anonymous auth, sharing the bot's middleware and onTurnError. */
  adapter: TurnAdapter;
  /** Per-process random secret expected in the `x-firstline-internal-secret` header. */
  secret: string;
  /** Our own base URL (the local connector), known after listen. */
  serviceUrl: () => string;
}

/**
 * Build the restify app with the bot's routes (others register on the returned server) but do not listen: bot/index.ts listens, tests listen
 * on an ephemeral port. One error handler formats every error as `{code, message}` and logs it.
 */
export function buildApp(deps: AppDeps): Server {
  const { logger } = deps;
  const options: restify.ServerOptions = { name: 'firstline', handleUncaughtExceptions: false };
  // restify logs through the app's logger (redaction, no bodies or headers), never a pino of its own.
  // restify 11 takes a pino logger here; @types/restify still types `log` as bunyan's Logger.
  Reflect.set(options, 'log', frameworkLogger(logger));
  const server = restify.createServer(options);

  server.pre((req, res, next) => {
    res.setHeader('x-request-id', req.id());
    next();
  });
  // HEAD is GET without the body: Node's response for a HEAD request never sends one, so every GET
  // route (pages, assets, health) answers it — instead of restify's 405.
  server.pre((req, _res, next) => {
    if (req.method === 'HEAD') req.method = 'GET';
    next();
  });
  const accepting = deps.accepting;
  if (accepting) server.pre((req, res, next) => refuseWhileDraining(accepting, req, res, next));
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Bodies: JSON only (size- and depth-limited); form and multipart requests are refused before routing,
  // so nothing is ever written to disk for them. A DELETE or GET without a body is not refused.
  server.pre(refuseFormBodies);
  server.use(jsonBodyParser({ maxBodyBytes: deps.maxBodyBytes }));
  server.on('after', (req: Request, res: Response, _route: unknown, err: unknown) => {
    const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug';
    if (res.statusCode >= 500) deps.onServerError?.();
    logger[level](
      {
        reqId: req.id(),
        method: req.method,
        url: req.path(),
        status: res.statusCode,
        ms: Date.now() - req.time(),
        err: err instanceof Error ? err.message : undefined,
      },
      'request',
    );
  });
  server.on(
    'restifyError',
    (req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
      if ((err.statusCode ?? 500) >= 500) logger.error({ reqId: req.id(), err }, 'request failed');
      callback();
    },
  );

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    const checks = Object.fromEntries(deps.readiness.map((c) => [c.name, c.ready()]));
    const ready = Object.values(checks).every(Boolean);
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', checks });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const activity = validActivity(req);
    if (deps.serviceUrlGuard && !deps.serviceUrlGuard.allows(activity.serviceUrl)) {
      logger.warn({ reqId: req.id(), serviceUrl: activity.serviceUrl }, 'serviceUrl refused (local mode)');
      throw forbidden(
        'serviceUrl is not on the allow-list (SERVICE_URL_ALLOWLIST); in local mode only loopback is allowed',
      );
    }
    await deps.adapter.handle(req, res, (context) => deps.bot.run(context), logger);
  });

  const internal = deps.internal;
  if (internal) {
    server.post(INTERNAL_MESSAGES_PATH, async (req: Request, res: Response) => {
      if (!fromLoopback(req) || !carriesInternalSecret(req, internal.secret)) {
        throw forbidden('This route is internal to Firstline');
      }
      const activity = validActivity(req);
      if (!sameOrigin(activity.serviceUrl, internal.serviceUrl())) {
        throw forbidden('serviceUrl must be this service (the local Direct Line connector)');
      }
      await internal.adapter.handle(req, res, (context) => deps.bot.run(context), logger);
    });
  }

  return server;
}

/** Paths answered while draining: health, and the loopback routes that in-flight turns use to reply. */
const DRAIN_OPEN = /^\/(healthz|readyz|metrics)$/;
const DRAIN_LOOPBACK = new RegExp(`^(${INTERNAL_MESSAGES_PATH}|/v3/conversations/)`);

/**
 * While shutting down, new work is refused with `503 ShuttingDown` and `Connection: close` (a load balancer
 * retries it on another instance), but turns already running finish: their replies to our own Direct Line go
 * through this server's loopback connector routes, which stay open, as do the health routes (`/readyz` says 503).
 */
function refuseWhileDraining(
  accepting: () => boolean,
  req: Request,
  res: Response,
  next: (err?: false) => void,
): void {
  const path = req.path();
  if (accepting() || DRAIN_OPEN.test(path) || (fromLoopback(req) && DRAIN_LOOPBACK.test(path))) {
    next();
    return;
  }
  res.setHeader('Connection', 'close');
  res.setHeader('Retry-After', '1');
  res.send(503, { code: 'ShuttingDown', message: 'This instance is shutting down; send the request again' });
  next(false);
}

/**
 * Checks the body of an inbound activity route: JSON, the activity schema, the text limit.
 * @throws HttpError 415, 400 or 413.
 */
function validActivity(req: Request): InboundActivity {
  if (!req.is('application/json')) {
    throw unsupportedMediaType('Content-Type must be application/json');
  }
  const parsed = inboundActivitySchema.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw badRequest(`Invalid activity: ${where} ${issue?.message ?? 'is invalid'}`);
  }
  const activity = parsed.data;
  if ((activity.text?.length ?? 0) > MAX_TEXT_LENGTH) {
    throw payloadTooLarge(
      `Message text is ${activity.text?.length} characters; the limit is ${MAX_TEXT_LENGTH}`,
    );
  }
  return activity;
}

/** Listen and resolve with the bound port (0 = ephemeral). */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return address.port;
}
