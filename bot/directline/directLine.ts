import type { Logger } from 'pino';
import type { Server } from 'restify';
import { BotForwarder } from './botForwarder.js';
import { DirectLineClientApi } from './clientApi.js';
import { ConnectorApi } from './connectorApi.js';
import { registerDirectLineCors } from './cors.js';
import type { DirectLineStore, PageLimits } from './store.js';
import { StreamHub } from './streamHub.js';
import { TokenService } from './tokenService.js';
import { refuseDirectLineUploads } from './upload.js';

/** Options of {@link registerDirectLine}. */
export interface DirectLineOptions {
  /**
   * The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/directline/internal/messages`; read lazily,
   * after `listen`.
   */
  botEndpoint: () => string;
  /** Connector base the bot replies to, e.g. `http://127.0.0.1:3978`. */
  serviceUrl: () => string;
  /** Where conversations, activities and watermarks live (embedded lowdb or PostgreSQL). */
  store: DirectLineStore;
  /** Key that signs tokens (`DIRECT_LINE_TOKEN_KEY`, or local mode's generated one); the same on every instance. */
  tokenKey: Buffer;
  /** `DIRECT_LINE_SECRET`: required by `tokens/generate` when set; without it, generate works in local mode only. */
  secret?: string;
  /** No `MicrosoftAppId`: enables the demo token route `POST /api/webchat/token`. */
  localMode: boolean;
  /** Token lifetime; default 3600 (accepted: 1800..86400, longer than the official client's refresh cycle). */
  tokenTtlSeconds?: number;
  /** Origins of embedding sites whose browsers may call the client API (CORS); default none. */
  allowedOrigins?: readonly string[];
  logger: Logger;
  /** Bot identity put in `recipient`; default `{ id: 'firstline', name: 'Firstline' }`. */
  bot?: { id: string; name: string };
  /** Size of one poll answer or WebSocket frame; default 128 KiB / 100 activities. */
  page?: PageLimits;
  /** Conversations without a new activity for this long are deleted; default 24 h. */
  conversationIdleSeconds?: number;
  /** How one bot turn may take; default 30 000 ms. */
  botTimeoutMs?: number;
  /** Interval of WebSocket keep-alives; default 20 s. */
  keepAliveMs?: number;
  /** `Authorization` header for calls to the bot, if it authenticates its channel (not needed in local mode). */
  botAuthorization?: () => Promise<string | undefined>;
  /** Extra headers for calls to the bot (e.g. the internal route's per-process secret); never logged. */
  botHeaders?: () => Record<string, string>;
  /** Clock in ms (tests). */
  now?: () => number;
}

/** Handle on the running Direct Line service. */
export interface DirectLineService {
  /** Closes the WebSockets and stops the idle sweep (the store is closed by whoever opened it). */
  close(): Promise<void>;
  /**
   * Issues a token for a user in a new conversation, for trusted server-side callers (e.g. the agent page behind
   * its own credentials) that must not go through the public secret-protected route.
   */
  issueToken(user: { id: string; name?: string; locale?: string }): {
    conversationId: string;
    token: string;
    expires_in: number;
  };
  /** Open WebSockets on this instance. */
  readonly openStreams: number;
}

/**
 * Mounts Direct Line 3.0 (client API and WebSocket streams for Web Chat, connector API for the bot's replies) on
 * `server`, backed by `options.store`.
 * @returns The service handle; call `close()` on shutdown, before the HTTP server closes.
 */
export function registerDirectLine(server: Server, options: DirectLineOptions): DirectLineService {
  const logger = options.logger.child({ component: 'directline' });
  const bot = options.bot ?? { id: 'firstline', name: 'Firstline' };
  const maxBodyBytes = 256 * 1024;
  const page = options.page ?? { maxBytes: 128 * 1024, maxCount: 100 };
  const idleMs = (options.conversationIdleSeconds ?? 24 * 3600) * 1000;
  const tokens = new TokenService(options.tokenTtlSeconds ?? 3600, options.tokenKey, options.now);
  const forwarder = new BotForwarder({
    botEndpoint: options.botEndpoint,
    botAuthorization: options.botAuthorization,
    botHeaders: options.botHeaders,
    timeoutMs: options.botTimeoutMs ?? 30_000,
  });
  registerDirectLineCors(server, options.allowedOrigins ?? []);
  refuseDirectLineUploads(server);
  const client = new DirectLineClientApi(
    {
      serviceUrl: options.serviceUrl,
      secret: options.secret || undefined,
      localMode: options.localMode,
      bot,
      maxBodyBytes,
      page,
    },
    options.store,
    tokens,
    forwarder,
    logger,
  );
  client.register(server);
  new ConnectorApi({ bot, maxBodyBytes }, options.store, logger).register(server);
  const streams = new StreamHub(options.store, tokens, logger, {
    page,
    ...(options.keepAliveMs !== undefined ? { keepAliveMs: options.keepAliveMs } : {}),
  });
  streams.attach(server.server);

  const sweeper = setInterval(
    () => {
      options.store.sweep(idleMs).then(
        (dropped) => {
          if (dropped > 0) logger.debug({ dropped }, 'Deleted idle Direct Line conversations');
        },
        (err: unknown) => logger.warn({ err }, 'Direct Line: idle sweep failed'),
      );
    },
    Math.min(10 * 60_000, idleMs),
  );
  sweeper.unref();
  logger.info(
    {
      localMode: options.localMode,
      secret: Boolean(options.secret),
      origins: options.allowedOrigins?.length ?? 0,
    },
    'Direct Line endpoint ready',
  );

  return {
    close: async () => {
      clearInterval(sweeper);
      await streams.close();
    },
    issueToken: (user) => client.issueNew(user),
    get openStreams() {
      return streams.size;
    },
  };
}
