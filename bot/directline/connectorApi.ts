import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { HttpError } from './httpError.js';
import { readJsonBody } from './readJsonBody.js';
import { isLoopback } from './requestAuth.js';
import { route } from './route.js';
import { botActivitySchema, type BotActivity } from './schemas.js';
import type { ConversationInfo, DirectLineStore } from './store.js';

/** Settings of the bot-facing half of Direct Line. */
export interface ConnectorApiSettings {
  bot: { id: string; name: string };
  maxBodyBytes: number;
}

/**
 * The Bot Connector API the bot replies through (`/v3/conversations/...` at the `serviceUrl` we hand it). Replies
 * and proactive messages land in the conversation's stream in arrival order; `typing` is pushed to the open
 * WebSockets only (as Azure's Direct Line does), never stored. Only loopback callers are served: the bot runs in
 * this process, and nobody else may speak as the bot.
 */
export class ConnectorApi {
  constructor(
    private readonly settings: ConnectorApiSettings,
    private readonly store: DirectLineStore,
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
    const conversation = await this.conversationOf(req);
    const activity = await this.readActivity(req);
    const replyToId = activity.replyToId ?? param(req, 'activityId');
    const draft = {
      ...this.asStreamed(activity, conversation),
      recipient: { id: conversation.userId, name: conversation.userName, role: 'user' },
      ...(replyToId !== undefined ? { replyToId } : {}),
      timestamp: typeof activity.timestamp === 'string' ? activity.timestamp : new Date().toISOString(),
    };
    if (draft.type === 'typing') {
      const id = `${conversation.id}|typing-${randomBytes(4).toString('hex')}`;
      await this.store.signal({
        kind: 'ephemeral',
        conversationId: conversation.id,
        activity: { ...draft, id },
      });
      res.send(200, { id });
      return;
    }
    const stored = await this.store.append(conversation.id, draft);
    res.send(200, { id: stored.id });
  }

  private async update(req: Request, res: Response): Promise<void> {
    const conversation = await this.conversationOf(req);
    const activity = await this.readActivity(req);
    const activityId = param(req, 'activityId') ?? '';
    if (!(await this.store.holds(conversation.id, activityId))) {
      throw new HttpError(
        404,
        'NotFound',
        `Activity ${activityId} is not in conversation ${conversation.id}`,
      );
    }
    // Web Chat replaces an activity it already shows when one with the same id arrives again.
    await this.store.append(
      conversation.id,
      { ...this.asStreamed(activity, conversation), timestamp: new Date().toISOString() },
      activityId,
    );
    res.send(200, { id: activityId });
  }

  /**
   * The bot's activity as the stream carries it: no bot-chosen id (it could collide with stream ids) and no
   * serviceUrl (ours, not the client's business); relayed agent messages keep their own `from` (id `agent:…`,
   * the agent's name), and the role is always bot.
   */
  private asStreamed(activity: BotActivity, conversation: ConversationInfo) {
    const {
      id: _id,
      serviceUrl: _serviceUrl,
      ...fields
    } = activity as BotActivity & { serviceUrl?: unknown };
    return {
      ...fields,
      type: activity.type,
      channelId: 'directline',
      conversation: { id: conversation.id },
      from: { id: this.settings.bot.id, name: this.settings.bot.name, ...activity.from, role: 'bot' },
    };
  }

  private async remove(req: Request, res: Response): Promise<void> {
    await this.conversationOf(req);
    // Direct Line has no way to retract an activity from a client that already received it; accept and move on.
    res.send(200, {});
  }

  private async members(req: Request, res: Response): Promise<void> {
    const conversation = await this.conversationOf(req);
    res.send(200, [
      { id: conversation.userId, name: conversation.userName, role: 'user' },
      { id: this.settings.bot.id, name: this.settings.bot.name, role: 'bot' },
    ]);
  }

  private async conversationOf(req: Request): Promise<ConversationInfo> {
    if (!isLoopback(req))
      throw new HttpError(403, 'Forbidden', 'The connector API accepts only local callers');
    const id = param(req, 'conversationId') ?? '';
    const conversation = await this.store.conversation(id);
    if (!conversation) throw new HttpError(404, 'ConversationNotFound', `Unknown conversation ${id}`);
    return conversation;
  }

  private async readActivity(req: Request): Promise<BotActivity> {
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
