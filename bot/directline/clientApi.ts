import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import { KeyedMutex } from '../storage/keyedMutex.js';
import type { BotForwarder } from './botForwarder.js';
import { HttpError } from './httpError.js';
import { nestsDeeperThan } from './jsonDepth.js';
import { readJsonBody } from './readJsonBody.js';
import { bearerOf } from './requestAuth.js';
import { route } from './route.js';
import { clientActivitySchema, generateTokenBodySchema, localTokenBodySchema } from './schemas.js';
import type { ConversationInfo, DirectLineStore, PageLimits, StreamActivity } from './store.js';
import { streamUrlFor } from './streamUrl.js';
import { secretMatches, type TokenClaims, type TokenService } from './tokenService.js';

/** Settings of the client-facing half of Direct Line. */
export interface ClientApiSettings {
  /** The connector base the bot replies to (this instance, over loopback). */
  serviceUrl: () => string;
  secret?: string;
  localMode: boolean;
  bot: { id: string; name: string };
  maxBodyBytes: number;
  /** Size of one poll answer. */
  page: PageLimits;
}

/** What the token routes answer (as Azure's `tokens/generate` and `tokens/refresh`). */
interface TokenAnswer {
  conversationId: string;
  token: string;
  expires_in: number;
}

/** What starting or reconnecting to a conversation answers: a token and a pre-authorised `streamUrl`. */
interface ConversationAnswer extends TokenAnswer {
  streamUrl: string;
}

type Claims = Omit<TokenClaims, 'exp'>;

const demoUserPrefix = 'demo-';
/** Event names only the contact centre (never a Direct Line client) may send. */
const reservedEventPrefix = 'handoff.';
/** Deeper activities are refused before they are stored: they would break every later read of the stream. */
const MAX_ACTIVITY_DEPTH = 32;

/**
 * The Direct Line 3.0 client API Web Chat talks to (`/v3/directline/...`), plus the local-mode token route for the
 * demo pages. Every conversation route checks that the bearer token names that very conversation (or, where
 * Azure allows it, that it is the secret), and the user identity always comes from the token, never from the
 * posted activity. Conversations and their streams live in the {@link DirectLineStore}, so any instance serves
 * any conversation.
 */
export class DirectLineClientApi {
  /** Delivers one conversation's activities to the bot in the order they were posted (per instance). */
  private readonly delivery = new KeyedMutex();

  constructor(
    private readonly settings: ClientApiSettings,
    private readonly store: DirectLineStore,
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

  /** Issues a conversation token for a user of a new conversation (the agent page's trusted route). */
  issueNew(user: { id: string; name?: string; locale?: string }): TokenAnswer {
    return this.tokenFor({
      conversationId: newConversationId(),
      userId: user.id,
      ...(user.name !== undefined ? { userName: user.name } : {}),
      ...(user.locale !== undefined ? { locale: user.locale } : {}),
    });
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
    res.send(200, this.issueNew({ id: userId, name: body?.user?.name, locale: body?.locale }));
  }

  /**
   * Local mode's token route for the demo widget: a token for the demo user's conversation — the one named in
   * the body when it is that user's (the widget resuming after a reload), else a new one.
   */
  private async localToken(req: Request, res: Response): Promise<void> {
    if (!this.settings.localMode) {
      throw new HttpError(403, 'LocalModeOnly', 'The demo token route works only in local mode');
    }
    const body = parse(
      localTokenBodySchema,
      await readJsonBody(req, this.settings.maxBodyBytes),
      'webchat/token',
    );
    const existing = body.conversationId ? await this.store.conversation(body.conversationId) : undefined;
    if (existing && existing.userId === body.userId) {
      res.send(200, { ...this.tokenFor(claimsOf(existing)), userId: body.userId, resumed: true });
      return;
    }
    const answer = this.issueNew({ id: body.userId, name: body.name, locale: body.locale });
    res.send(200, { ...answer, userId: body.userId, resumed: false });
  }

  private async refresh(req: Request, res: Response): Promise<void> {
    const claims = this.tokens.verify(bearerOf(req));
    res.send(200, this.tokenFor(claims));
  }

  private async start(req: Request, res: Response): Promise<void> {
    const credential = bearerOf(req);
    const claims: Claims =
      this.settings.secret && secretMatches(this.settings.secret, credential)
        ? { conversationId: newConversationId(), userId: `dl_${randomBytes(8).toString('hex')}` }
        : this.tokens.verify(credential);
    const conversation = await this.store.ensureConversation({
      id: claims.conversationId,
      userId: claims.userId,
      ...(claims.userName !== undefined ? { userName: claims.userName } : {}),
      ...(claims.locale !== undefined ? { locale: claims.locale } : {}),
    });
    const firstStart = await this.store.markStarted(conversation.id);
    if (firstStart) {
      // Not awaited: the client receives the welcome on its stream; a failure is logged by the queue.
      this.enqueue(conversation.id, () => this.sendConversationUpdate(conversation)).catch(() => undefined);
    }
    res.send(firstStart ? 201 : 200, this.conversationAnswer(req, claimsOf(conversation), undefined));
  }

  /**
   * `GET /conversations/{id}?watermark=`: a fresh token and `streamUrl` for a conversation the caller may use —
   * with its token, or with the secret (the embedding site resuming a widget's conversation server-side).
   */
  private async reconnect(req: Request, res: Response): Promise<void> {
    const id = String(req.params.id ?? '');
    const credential = bearerOf(req);
    if (!(this.settings.secret && secretMatches(this.settings.secret, credential))) {
      this.authorize(req);
    }
    const conversation = await this.requireConversation(id);
    res.send(200, this.conversationAnswer(req, claimsOf(conversation), watermarkOf(req)));
  }

  private async post(req: Request, res: Response): Promise<void> {
    const claims = this.authorize(req);
    const body = await readJsonBody(req, this.settings.maxBodyBytes);
    if (nestsDeeperThan(body, MAX_ACTIVITY_DEPTH)) {
      throw new HttpError(
        400,
        'BadArgument',
        `Invalid activity: nested deeper than ${MAX_ACTIVITY_DEPTH} levels`,
      );
    }
    const activity = parse(clientActivitySchema, body, 'activity');
    if (activity.name?.toLowerCase().startsWith(reservedEventPrefix)) {
      // handoff.* events come from the contact centre; a customer must not fake e.g. handoff.status (any type).
      throw new HttpError(
        400,
        'BadArgument',
        `Clients may not post "${reservedEventPrefix}…" events; they are reserved for the contact centre`,
      );
    }
    const conversation = await this.requireConversation(claims.conversationId);
    if (activity.type === 'typing') {
      // The user's typing indicator is of no use to this bot; acknowledging it keeps Web Chat quiet.
      res.send(200, { id: `${conversation.id}|typing` });
      return;
    }
    // The id is the stream's to give (a client-chosen one is dropped); Web Chat matches its own echo by
    // channelData.clientActivityID, which stays as sent.
    const { id: _clientId, ...fields } = activity;
    const stored = await this.store.append(conversation.id, {
      ...fields,
      // The token is the identity; whatever `from` the client sent is discarded.
      from: { id: claims.userId, ...(claims.userName ? { name: claims.userName } : {}), role: 'user' },
      channelId: 'directline',
      conversation: { id: conversation.id },
      recipient: { id: this.settings.bot.id, name: this.settings.bot.name, role: 'bot' },
      timestamp: new Date().toISOString(),
      locale: activity.locale ?? claims.locale ?? 'en-US',
    });
    await this.enqueue(conversation.id, () =>
      this.forwarder.forward({ ...stored, serviceUrl: this.settings.serviceUrl() }),
    );
    res.send(200, { id: stored.id });
  }

  private async poll(req: Request, res: Response): Promise<void> {
    const claims = this.authorize(req);
    const watermark = watermarkOf(req);
    await this.requireConversation(claims.conversationId);
    const page = await this.store.read(claims.conversationId, watermark, this.settings.page);
    res.send(200, { activities: page.activities, watermark: String(page.watermark) });
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

  private async requireConversation(id: string): Promise<ConversationInfo> {
    const conversation = await this.store.conversation(id);
    // 404 is what the official client takes as "this conversation has ended".
    if (!conversation)
      throw new HttpError(404, 'ConversationNotFound', `Conversation ${id} is not started or has expired`);
    return conversation;
  }

  private tokenFor(claims: Claims): TokenAnswer {
    const { token, expiresIn } = this.tokens.issue(claims);
    return { conversationId: claims.conversationId, token, expires_in: expiresIn };
  }

  private conversationAnswer(
    req: Request,
    claims: Claims,
    watermark: number | undefined,
  ): ConversationAnswer {
    return {
      ...this.tokenFor(claims),
      streamUrl: streamUrlFor(req, claims.conversationId, this.tokens.issueStream(claims), watermark),
    };
  }

  private sendConversationUpdate(conversation: ConversationInfo): Promise<void> {
    const user = {
      id: conversation.userId,
      ...(conversation.userName ? { name: conversation.userName } : {}),
    };
    const activity: StreamActivity = {
      type: 'conversationUpdate',
      id: `${conversation.id}|update`,
      channelId: 'directline',
      serviceUrl: this.settings.serviceUrl(),
      conversation: { id: conversation.id },
      from: { ...user, role: 'user' },
      recipient: { id: this.settings.bot.id, name: this.settings.bot.name, role: 'bot' },
      membersAdded: [user, { id: this.settings.bot.id, name: this.settings.bot.name }],
      timestamp: new Date().toISOString(),
      locale: conversation.locale ?? 'en-US',
    };
    return this.forwarder.forward(activity);
  }

  /**
   * Runs a bot delivery after the ones already queued for this conversation. A failed turn does not block the
   * next one, and the caller gets this delivery's outcome.
   */
  private enqueue(conversationId: string, deliver: () => Promise<void>): Promise<void> {
    return this.delivery.run(conversationId, deliver).catch((error: unknown) => {
      this.logger.warn({ err: error, conversationId }, 'Delivery to the bot failed');
      throw error;
    });
  }
}

function claimsOf(conversation: ConversationInfo): Claims {
  return {
    conversationId: conversation.id,
    userId: conversation.userId,
    ...(conversation.userName !== undefined ? { userName: conversation.userName } : {}),
    ...(conversation.locale !== undefined ? { locale: conversation.locale } : {}),
  };
}

/** The `watermark` query parameter: undefined when absent or empty (the official client sends `?watermark=`). */
function watermarkOf(req: Request): number | undefined {
  const raw = new URL(req.url ?? '/', 'http://localhost').searchParams.get('watermark');
  if (raw === null || raw === '' || raw === '-' || raw === 'undefined' || raw === 'null') return undefined;
  const watermark = Number(raw);
  if (!Number.isInteger(watermark) || watermark < -1) {
    throw new HttpError(400, 'BadArgument', 'watermark must be an integer string');
  }
  return watermark;
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
