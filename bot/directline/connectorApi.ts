import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { Conversation, ConversationStore } from './conversationStore.js';
import { HttpError } from './httpError.js';
import { readJsonBody } from './readJsonBody.js';
import { isLoopback } from './requestAuth.js';
import { route } from './route.js';
import { botActivitySchema } from './schemas.js';

/** Settings of the bot-facing half of Direct Line. */
export interface ConnectorApiSettings {
  bot: { id: string; name: string };
  maxBodyBytes: number;
}

/**
 * The Bot Connector API the bot replies through (`/v3/conversations/...` at the `serviceUrl` we hand it). Replies
 * and proactive messages land in the conversation's stream in arrival order. Only loopback callers are served:
 * the bot runs in this process, and nobody else may speak as the bot.
 */
export class ConnectorApi {
  constructor(
    private readonly settings: ConnectorApiSettings,
    private readonly store: ConversationStore,
    private readonly logger: Logger,
  ) {}

  /** Mounts the routes on the server. */
  register(server: Server): void {
    const r = (h: (req: Request, res: Response) => Promise<void>) => route(this.logger, h);
    server.post(
      '/v3/conversations/:conversationId/activities/:activityId',
      r((req, res) => this.send(req, res)),
    );
    server.post(
      '/v3/conversations/:conversationId/activities',
      r((req, res) => this.send(req, res)),
    );
    server.put(
      '/v3/conversations/:conversationId/activities/:activityId',
      r((req, res) => this.update(req, res)),
    );
    server.del(
      '/v3/conversations/:conversationId/activities/:activityId',
      r((req, res) => this.remove(req, res)),
    );
    server.get(
      '/v3/conversations/:conversationId/members',
      r((req, res) => this.members(req, res)),
    );
  }

  private async send(req: Request, res: Response): Promise<void> {
    const conversation = this.conversationOf(req);
    const activity = await this.readActivity(req);
    const replyToId = param(req, 'activityId');
    const stored = this.store.append(conversation, {
      ...activity,
      // A bot-chosen id would let it collide with stream ids; the stream numbers its own.
      id: undefined,
      serviceUrl: undefined,
      channelId: 'directline',
      conversation: { id: conversation.id },
      from: { id: this.settings.bot.id, name: this.settings.bot.name, ...activity.from, role: 'bot' },
      recipient: { id: conversation.userId, name: conversation.userName, role: 'user' },
      replyToId: activity.replyToId ?? replyToId,
      timestamp: typeof activity.timestamp === 'string' ? activity.timestamp : new Date().toISOString(),
    });
    res.send(200, { id: stored.id });
  }

  private async update(req: Request, res: Response): Promise<void> {
    const conversation = this.conversationOf(req);
    const activity = await this.readActivity(req);
    const activityId = param(req, 'activityId') ?? '';
    if (!this.store.has(conversation, activityId)) {
      throw new HttpError(
        404,
        'NotFound',
        `Activity ${activityId} is not in conversation ${conversation.id}`,
      );
    }
    // Web Chat replaces an activity it already shows when one with the same id arrives again.
    this.store.append(conversation, {
      ...activity,
      id: activityId,
      serviceUrl: undefined,
      channelId: 'directline',
      conversation: { id: conversation.id },
      from: { id: this.settings.bot.id, name: this.settings.bot.name, role: 'bot' },
      timestamp: new Date().toISOString(),
    });
    res.send(200, { id: activityId });
  }

  private async remove(req: Request, res: Response): Promise<void> {
    this.conversationOf(req);
    // Direct Line has no way to retract an activity from a client that already polled it; accept and move on.
    res.send(200, {});
  }

  private async members(req: Request, res: Response): Promise<void> {
    const conversation = this.conversationOf(req);
    res.send(200, [
      { id: conversation.userId, name: conversation.userName, role: 'user' },
      { id: this.settings.bot.id, name: this.settings.bot.name, role: 'bot' },
    ]);
  }

  private conversationOf(req: Request): Conversation {
    if (!isLoopback(req))
      throw new HttpError(403, 'Forbidden', 'The connector API accepts only local callers');
    const id = param(req, 'conversationId') ?? '';
    const conversation = this.store.get(id);
    if (!conversation) throw new HttpError(404, 'ConversationNotFound', `Unknown conversation ${id}`);
    return conversation;
  }

  private async readActivity(req: Request) {
    const parsed = botActivitySchema.safeParse(await readJsonBody(req, this.settings.maxBodyBytes));
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
        .join('; ');
      throw new HttpError(400, 'BadArgument', `Invalid activity from the bot: ${detail}`);
    }
    return parsed.data;
  }
}

/** Route parameters as sent; restify decodes them, but a still-encoded id (`a%7C1`) is decoded once more. */
function param(req: Request, name: string): string | undefined {
  const value: unknown = req.params?.[name];
  if (typeof value !== 'string') return undefined;
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
