import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { BotForwarder } from './botForwarder.js';
import { DirectLineClientApi } from './clientApi.js';
import { ConnectorApi } from './connectorApi.js';
import { ConversationStore } from './conversationStore.js';
import { TokenService } from './tokenService.js';

/** Options of {@link registerDirectLine}. */
export interface DirectLineOptions {
  /**
   * The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/directline/internal/messages`; read lazily,
   * after `listen`.
   */
  botEndpoint: () => string;
  /** Connector base the bot replies to, e.g. `http://127.0.0.1:3978`. */
  serviceUrl: () => string;
  /** `DIRECT_LINE_SECRET`: required by `tokens/generate` when set; without it, generate works in local mode only. */
  secret?: string;
  /** No `MicrosoftAppId`: enables the demo token route `POST /api/webchat/token`. */
  localMode: boolean;
  /** Token lifetime; default 3600. */
  tokenTtlSeconds?: number;
  logger: Logger;
  /** Bot identity put in `recipient`; default `{ id: 'firstline', name: 'Firstline' }`. */
  bot?: { id: string; name: string };
  /** Per-conversation activity cap; default 500. */
  maxActivitiesPerConversation?: number;
  /** Conversations kept at once; default 5000 (least recently active evicted). */
  maxConversations?: number;
  /** Idle conversations are dropped after this; default twice the token lifetime. */
  conversationIdleSeconds?: number;
  /** How long one bot turn may take; default 30 000 ms. */
  botTimeoutMs?: number;
  /** `Authorization` header for calls to the bot, if it authenticates its channel (not needed in local mode). */
  botAuthorization?: () => Promise<string | undefined>;
  /** Extra headers for calls to the bot (e.g. the internal route's per-process secret); never logged. */
  botHeaders?: () => Record<string, string>;
  /** Clock in ms (tests). */
  now?: () => number;
}

/** Handle on the running Direct Line service. */
export interface DirectLineService {
  /** Stops the idle sweep timer. */
  close(): void;
  /**
   * Issues a token for a user in a new conversation, for trusted server-side callers (e.g. the agent page behind
   * its own credentials) that must not go through the public secret-protected route.
   */
  issueToken(user: { id: string; name?: string; locale?: string }): {
    conversationId: string;
    token: string;
    expires_in: number;
  };
}

/**
 * Mounts a local Direct Line 3.0 (client API for Web Chat + connector API for the bot's replies) on `server`.
 * @returns The service handle; call `close()` on shutdown.
 */
export function registerDirectLine(server: Server, options: DirectLineOptions): DirectLineService {
  const logger = options.logger.child({ component: 'directline' });
  const now = options.now ?? Date.now;
  const ttl = options.tokenTtlSeconds ?? 3600;
  const bot = options.bot ?? { id: 'firstline', name: 'Firstline' };
  const maxBodyBytes = 256 * 1024;
  const idleMs = (options.conversationIdleSeconds ?? ttl * 2) * 1000;
  const store = new ConversationStore(
    {
      maxActivitiesPerConversation: options.maxActivitiesPerConversation ?? 500,
      maxConversations: options.maxConversations ?? 5000,
      idleMilliseconds: idleMs,
    },
    now,
  );
  const tokens = new TokenService(ttl, now);
  const forwarder = new BotForwarder({
    botEndpoint: options.botEndpoint,
    botAuthorization: options.botAuthorization,
    botHeaders: options.botHeaders,
    timeoutMs: options.botTimeoutMs ?? 30_000,
  });
  new DirectLineClientApi(
    {
      serviceUrl: options.serviceUrl,
      secret: options.secret || undefined,
      localMode: options.localMode,
      bot,
      maxBodyBytes,
    },
    store,
    tokens,
    forwarder,
    logger,
  ).register(server);
  new ConnectorApi({ bot, maxBodyBytes }, store, logger).register(server);

  const sweeper = setInterval(
    () => {
      const dropped = store.sweep();
      if (dropped > 0) logger.debug({ dropped, kept: store.size }, 'Expired idle Direct Line conversations');
    },
    Math.min(60_000, idleMs),
  );
  sweeper.unref();
  logger.info(
    { localMode: options.localMode, secret: Boolean(options.secret) },
    'Direct Line endpoint ready',
  );

  return {
    close: () => clearInterval(sweeper),
    issueToken: (user) => {
      const conversationId = randomUUID();
      const { token, expiresIn } = tokens.issue({
        conversationId,
        userId: user.id,
        userName: user.name,
        locale: user.locale,
      });
      return { conversationId, token, expires_in: expiresIn };
    },
  };
}
