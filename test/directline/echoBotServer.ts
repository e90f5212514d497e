import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import pino from 'pino';
import restify from 'restify';
import {
  registerDirectLine,
  type DirectLineOptions,
  type DirectLineService,
} from '../../bot/directline/directLine.js';
import { EmbeddedDirectLineStore } from '../../bot/directline/embeddedStore.js';
import type { DirectLineStore } from '../../bot/directline/store.js';
import { registerWebPages } from '../../bot/web/pages.js';

/** A running echo bot behind the local Direct Line, for tests. */
export interface EchoBotServer {
  baseUrl: string;
  /** Every activity the bot received, in order. */
  received: Partial<Activity>[];
  /** Last conversation reference per conversation id, for proactive sends. */
  references: Map<string, Partial<ConversationReference>>;
  adapter: CloudAdapter;
  directLine: DirectLineService;
  store: DirectLineStore;
  /** `METHOD path` of every HTTP request served, in order (not the WebSocket upgrades). */
  requests: string[];
  /** Every request once its response was sent: status, method and path. */
  answered: string[];
  close(): Promise<void>;
}

/** What a test may choose about the echo bot's Direct Line. */
export type EchoBotOptions = Partial<
  Pick<
    DirectLineOptions,
    | 'secret'
    | 'localMode'
    | 'tokenTtlSeconds'
    | 'now'
    | 'allowedOrigins'
    | 'keepAliveMs'
    | 'tokenKey'
    | 'page'
  >
> & {
  /** A store shared with another server (restarts, instances); default a fresh embedded one in a temp dir. */
  store?: DirectLineStore;
  /** Port to listen on (a restart on the same address); default ephemeral. */
  port?: number;
};

/**
 * Boots restify on 127.0.0.1:0 with the Direct Line routes, the web pages and a tiny echo bot: it welcomes new
 * members, answers each message with an Adaptive Card 1.5, then echoes the text with two suggested actions.
 */
export async function startEchoBotServer(overrides: EchoBotOptions = {}): Promise<EchoBotServer> {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const server = restify.createServer({ name: 'echo-test' });
  const requests: string[] = [];
  const answered: string[] = [];
  server.pre((req, res, next) => {
    const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    requests.push(route);
    res.once('finish', () => answered.push(`${res.statusCode} ${route}`));
    if (route.endsWith('tokens/refresh')) setTimeout(next, 400);
    else next();
  });
  server.use(restify.plugins.bodyParser());
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const received: Partial<Activity>[] = [];
  const references = new Map<string, Partial<ConversationReference>>();

  const bot = new ActivityHandler();
  bot.onTurn(async (context, next) => {
    received.push(context.activity);
    references.set(context.activity.conversation.id, TurnContext.getConversationReference(context.activity));
    await next();
  });
  bot.onMembersAdded(async (context, next) => {
    for (const member of context.activity.membersAdded ?? []) {
      if (member.id !== context.activity.recipient.id) await context.sendActivity(`Welcome ${member.id}`);
    }
    await next();
  });
  bot.onMessage(async (context, next) => {
    const text = context.activity.text ?? JSON.stringify(context.activity.value ?? null);
    await context.sendActivity({ type: 'typing' });
    await context.sendActivity(
      MessageFactory.attachment(
        CardFactory.adaptiveCard({
          type: 'AdaptiveCard',
          version: '1.5',
          body: [{ type: 'TextBlock', text: `Card for ${context.activity.from.id}`, wrap: true }],
          actions: [{ type: 'Action.Submit', title: 'Submit', data: { choice: 'card' } }],
        }),
      ),
    );
    // Last, because Web Chat shows suggested actions only on the latest activity.
    await context.sendActivity(MessageFactory.suggestedActions(['Option A', 'Option B'], `Echo: ${text}`));
    await next();
  });

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  let port = 0;
  const origin = () => `http://127.0.0.1:${port}`;
  const dir = overrides.store ? undefined : await mkdtemp(path.join(tmpdir(), 'firstline-echo-dl-'));
  const store =
    overrides.store ?? new EmbeddedDirectLineStore({ dir: dir ?? '', fsync: false, now: overrides.now });
  const directLine = registerDirectLine(server, {
    botEndpoint: () => `${origin()}/api/messages`,
    serviceUrl: origin,
    store,
    tokenKey: overrides.tokenKey ?? randomBytes(32),
    localMode: overrides.localMode ?? true,
    secret: overrides.secret,
    tokenTtlSeconds: overrides.tokenTtlSeconds,
    now: overrides.now,
    ...(overrides.allowedOrigins ? { allowedOrigins: overrides.allowedOrigins } : {}),
    ...(overrides.keepAliveMs ? { keepAliveMs: overrides.keepAliveMs } : {}),
    ...(overrides.page ? { page: overrides.page } : {}),
    logger,
  });
  registerWebPages(server, { localMode: overrides.localMode ?? true, logger });

  await new Promise<void>((resolve) => server.listen(overrides.port ?? 0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
  return {
    baseUrl: origin(),
    received,
    references,
    adapter,
    directLine,
    store,
    requests,
    answered,
    close: async () => {
      await directLine.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
