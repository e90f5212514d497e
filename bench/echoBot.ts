import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';

/** A running bare echo bot. */
export interface EchoBot {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The benchmark's baseline: the same HTTP and Bot Framework stack as Firstline (restify 11, the
 * body parser, `CloudAdapter` with anonymous `ConfigurationBotFrameworkAuthentication`) and an
 * `ActivityHandler` that echoes the text back — no state, no NLU, no storage.
 */
export async function startEchoBot(): Promise<EchoBot> {
  const server = restify.createServer({ name: 'echo-bench', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, mapFiles: false }));
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
    await next();
  });
  bot.onMembersAdded(async (context, next) => {
    await context.sendActivity('Hello!');
    await next();
  });
  return serveBot(server, adapter, bot);
}

/** Route `POST /api/messages` of a baseline bot's server to `bot`, listen on a free loopback port. */
export async function serveBot(
  server: Server,
  adapter: CloudAdapter,
  bot: ActivityHandler,
): Promise<EchoBot> {
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
