import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import type { BotForwarder } from './botForwarder.js';
import type { Conversation, ConversationStore, StreamActivity } from './conversationStore.js';
import { HttpError } from './httpError.js';
import { readJsonBody } from './readJsonBody.js';
import { bearerOf } from './requestAuth.js';
import { route } from './route.js';
import { clientActivitySchema, generateTokenBodySchema, localTokenBodySchema } from './schemas.js';
import { secretMatches, type TokenClaims, type TokenService } from './tokenService.js';

/** Settings of the client-facing half of Direct Line. */
export interface ClientApiSettings {
  serviceUrl: () => string;
  secret?: string;
  localMode: boolean;
  bot: { id: string; name: string };
  maxBodyBytes: number;
}

/** The answer Azure gives for a conversation (start, reconnect, token generate). */
interface ConversationAnswer {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

const demoUserPrefix = 'demo-';
/** Event names only the contact centre (never a Direct Line client) may send. */
const reservedEventPrefix = 'handoff.';

/**
 * The Direct Line 3.0 client API Web Chat talks to (`/v3/directline/...`), polling flavour, plus the local-mode
 * token route for the demo pages. Every conversation route checks that the bearer token names that very
 * conversation, and the user identity always comes from the token, never from the posted activity.
 */
export class DirectLineClientApi {
  constructor(
    private readonly settings: ClientApiSettings,
    private readonly store: ConversationStore,
    private readonly tokens: TokenService,
    private readonly forwarder: BotForwarder,
    private readonly logger: Logger,
  ) {}

  /** Mounts the routes on the server. */
  register(server: Server): void {
    const r = (h: (req: Request, res: Response) => Promise<void>) => route(this.logger, h);
    server.post(
      '/v3/directline/tokens/generate',
      r((req, res) => this.generate(req, res)),
    );
    server.post(
      '/v3/directline/tokens/refresh',
      r((req, res) => this.refresh(req, res)),
    );
    server.post(
      '/v3/directline/conversations',
      r((req, res) => this.start(req, res)),
    );
    server.get(
      '/v3/directline/conversations/:id',
      r((req, res) => this.reconnect(req, res)),
    );
    server.post(
      '/v3/directline/conversations/:id/activities',
      r((req, res) => this.post(req, res)),
    );
    server.get(
      '/v3/directline/conversations/:id/activities',
      r((req, res) => this.poll(req, res)),
    );
    server.post(
      '/api/webchat/token',
      r((req, res) => this.localToken(req, res)),
    );
  }

  private async generate(req: Request, res: Response): Promise<void> {
    if (this.settings.secret) {
      if (!secretMatches(this.settings.secret, bearerOf(req))) {
        throw new HttpError(403, 'BadSecret', 'The Direct Line secret is not valid');
      }
    } else if (!this.settings.localMode) {
      throw new HttpError(
        403,
        'NoSecretConfigured',
        'tokens/generate needs DIRECT_LINE_SECRET outside local mode',
      );
    }
    const body = parse(
      generateTokenBodySchema,
      await readJsonBody(req, this.settings.maxBodyBytes),
      'tokens/generate',
    );
    let userId = body?.user?.id;
    if (!this.settings.secret) {
      // Without a secret anyone can call this, so it may only mint the harmless demo identities.
      if (userId !== undefined && !userId.startsWith(demoUserPrefix)) {
        throw new HttpError(
          403,
          'DemoUsersOnly',
          `Without a secret only ${demoUserPrefix}… user ids are allowed`,
        );
      }
      userId ??= `${demoUserPrefix}guest-${randomBytes(4).toString('hex')}`;
    }
    userId ??= `dl_${randomBytes(8).toString('hex')}`;
    res.send(
      200,
      this.answerFor(newConversationId(), { userId, userName: body?.user?.name, locale: body?.locale }),
    );
  }

  private async localToken(req: Request, res: Response): Promise<void> {
    if (!this.settings.localMode) {
      throw new HttpError(403, 'LocalModeOnly', 'The demo token route works only in local mode');
    }
    const body = parse(
      localTokenBodySchema,
      await readJsonBody(req, this.settings.maxBodyBytes),
      'webchat/token',
    );
    const answer = this.answerFor(newConversationId(), {
      userId: body.userId,
      userName: body.name,
      locale: body.locale,
    });
    res.send(200, { ...answer, userId: body.userId });
  }

  private async refresh(req: Request, res: Response): Promise<void> {
    const claims = this.tokens.verify(bearerOf(req));
    res.send(200, this.answerFor(claims.conversationId, claims));
  }

  private async start(req: Request, res: Response): Promise<void> {
    const credential = bearerOf(req);
    let claims: Omit<TokenClaims, 'exp'>;
    if (this.settings.secret && secretMatches(this.settings.secret, credential)) {
      claims = { conversationId: newConversationId(), userId: `dl_${randomBytes(8).toString('hex')}` };
    } else {
      claims = this.tokens.verify(credential);
    }
    const conversation = this.store.getOrCreate(claims.conversationId, claims);
    const firstStart = !conversation.started;
    conversation.started = true;
    if (firstStart) {
      // Not awaited: the client polls for the welcome; a failure is already logged by the queue.
      this.enqueue(conversation, () => this.sendConversationUpdate(conversation)).catch(() => undefined);
    }
    res.send(firstStart ? 201 : 200, this.answerFor(conversation.id, claims));
  }

  private async reconnect(req: Request, res: Response): Promise<void> {
    const claims = this.authorize(req);
    res.send(200, this.answerFor(claims.conversationId, claims));
  }

  private async post(req: Request, res: Response): Promise<void> {
    const claims = this.authorize(req);
    const activity = parse(
      clientActivitySchema,
      await readJsonBody(req, this.settings.maxBodyBytes),
      'activity',
    );
    if (activity.name?.toLowerCase().startsWith(reservedEventPrefix)) {
      // handoff.* events come from the contact centre; a customer must not fake e.g. handoff.status (any type).
      throw new HttpError(
        400,
        'BadArgument',
        `Clients may not post "${reservedEventPrefix}…" events; they are reserved for the contact centre`,
      );
    }
    const conversation = this.store.getOrCreate(claims.conversationId, claims);
    if (activity.type === 'typing') {
      // The user's typing indicator is of no use to this bot; acknowledging it keeps Web Chat quiet.
      res.send(200, { id: `${conversation.id}|typing` });
      return;
    }
    const stored = this.store.append(conversation, {
      ...activity,
      // The token is the identity; whatever `from` the client sent is discarded.
      from: { id: claims.userId, name: claims.userName, role: 'user' },
      channelId: 'directline',
      conversation: { id: conversation.id },
      recipient: { id: this.settings.bot.id, name: this.settings.bot.name, role: 'bot' },
      timestamp: new Date().toISOString(),
      locale: activity.locale ?? claims.locale ?? 'en-US',
    });
    await this.enqueue(conversation, () =>
      this.forwarder.forward({ ...stored, serviceUrl: this.settings.serviceUrl() }),
    );
    res.send(200, { id: stored.id });
  }

  private async poll(req: Request, res: Response): Promise<void> {
    const claims = this.authorize(req);
    const raw = new URL(req.url ?? '/', 'http://localhost').searchParams.get('watermark');
    let watermark: number | undefined;
    if (raw !== null && raw !== '' && raw !== '-') {
      watermark = Number(raw);
      if (!Number.isInteger(watermark) || watermark < -1) {
        throw new HttpError(400, 'BadArgument', 'watermark must be an integer string');
      }
    }
    const conversation = this.store.getOrCreate(claims.conversationId, claims);
    res.send(200, this.store.since(conversation, watermark));
  }

  /** Verifies the bearer token and that it belongs to the conversation in the URL. */
  private authorize(req: Request): TokenClaims {
    const claims = this.tokens.verify(bearerOf(req));
    const id = String(req.params.id ?? '');
    if (claims.conversationId !== id) {
      throw new HttpError(403, 'WrongConversation', 'This token does not grant access to that conversation');
    }
    return claims;
  }

  private answerFor(
    conversationId: string,
    claims: Omit<TokenClaims, 'exp' | 'conversationId'>,
  ): ConversationAnswer {
    const { token, expiresIn } = this.tokens.issue({ ...claims, conversationId });
    const streamBase = this.settings.serviceUrl().replace(/^http/, 'ws');
    return {
      conversationId,
      token,
      expires_in: expiresIn,
      streamUrl: `${streamBase}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream`,
    };
  }

  private sendConversationUpdate(conversation: Conversation): Promise<void> {
    const activity: StreamActivity = {
      type: 'conversationUpdate',
      id: `${conversation.id}|update`,
      channelId: 'directline',
      serviceUrl: this.settings.serviceUrl(),
      conversation: { id: conversation.id },
      from: { id: conversation.userId, name: conversation.userName, role: 'user' },
      recipient: { id: this.settings.bot.id, name: this.settings.bot.name, role: 'bot' },
      membersAdded: [
        { id: conversation.userId, name: conversation.userName },
        { id: this.settings.bot.id, name: this.settings.bot.name },
      ],
      timestamp: new Date().toISOString(),
      locale: conversation.locale ?? 'en-US',
    };
    return this.forwarder.forward(activity);
  }

  /**
   * Runs a bot delivery after the ones already queued for this conversation. The queue itself never rejects
   * (a failed turn must not block the next), but the caller gets this delivery's outcome.
   */
  private enqueue(conversation: Conversation, deliver: () => Promise<void>): Promise<void> {
    const result = conversation.forwarding.then(deliver);
    conversation.forwarding = result.catch((error: unknown) => {
      this.logger.warn({ err: error, conversationId: conversation.id }, 'Delivery to the bot failed');
    });
    return result;
  }
}

function newConversationId(): string {
  return randomBytes(12).toString('base64url');
}

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new HttpError(400, 'BadArgument', `Invalid ${what}: ${detail}`);
  }
  return result.data;
}
