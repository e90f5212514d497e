import { DeliveryModes, type BotState, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { isETagConflict } from './storage/errors.js';
import { KeyedMutex } from './storage/keyedMutex.js';
import type { TurnLocks } from './storage/stores.js';
import type { TurnStateGuard } from './turn/stateGuard.js';

/** Handles a failed turn (the bot's onTurnError). */
export type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;

/** Options of a {@link ConversationLock} beyond its error handler. */
export interface ConversationLockOptions {
  /** Serialises a conversation's turns across instances (default: none — one process per data directory). */
  turnLocks?: TurnLocks;
  /** The bot states a turn caches; reloaded before a turn that lost an ETag conflict runs again. */
  states?: readonly BotState[];
  /** Makes each turn attempt's state writes conditional on what it read (see {@link TurnStateGuard}). */
  stateGuard?: Pick<TurnStateGuard, 'run'>;
  /** How many times a turn that lost an ETag conflict runs again (default 2). */
  retries?: number;
  logger?: Pick<Logger, 'warn'>;
}

/**
 * Runs the turns of one conversation one after another (other conversations stay parallel), so
 * two messages sent at once never race on conversation state: the second turn reads what the
 * first one saved instead of failing on an ETag conflict. On several instances the conversation's
 * cluster-wide turn lock is taken too (inside the in-process one, so an instance holds at most one
 * connection per conversation). A turn that still loses an ETag conflict (state written outside the
 * lock, a lock lost with its connection: see {@link TurnStateGuard}) is run again on freshly loaded
 * state — when nothing of it
 * has left the process yet (its replies were buffered, `expectReplies`, or none was sent); otherwise
 * the error handler tells the user. A failed turn is handled inside the lock too — the adapter's own
 * onTurnError would run after the lock is released, and its state reset could then race the next
 * queued turn of the same conversation.
 */
export class ConversationLock implements Middleware {
  private readonly mutex = new KeyedMutex();
  private readonly turnLocks: TurnLocks | undefined;
  private readonly states: readonly BotState[];
  private readonly retries: number;

  /** `onError`: handles a failed turn while the conversation is still locked (else errors propagate). */
  constructor(
    private readonly onError?: TurnErrorHandler,
    private readonly options: ConversationLockOptions = {},
  ) {
    this.turnLocks = options.turnLocks;
    this.states = options.states ?? [];
    this.retries = options.retries ?? 2;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { channelId, conversation } = context.activity;
    // A proactive send (a relay between an agent's and a customer's conversation) reads no conversation state;
    // locking it would deadlock two turns relaying to each other's conversation at the same moment.
    if (isProactive(context)) {
      await next();
      return;
    }
    const key = `${channelId}/${conversation?.id ?? ''}`;
    const turn = async () => {
      try {
        await this.runRetryingConflicts(context, next);
      } catch (error) {
        if (!this.onError) throw error;
        await this.onError(context, error instanceof Error ? error : new Error(String(error)));
      }
    };
    await this.mutex.run(key, () => (this.turnLocks ? this.turnLocks.run(key, turn) : turn()));
  }

  private async runRetryingConflicts(context: TurnContext, next: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const buffered = context.bufferedReplyActivities.length;
      const respondedBefore = context.responded;
      try {
        await (this.options.stateGuard ? this.options.stateGuard.run(context, next) : next());
        return;
      } catch (error) {
        const buffering = context.activity.deliveryMode === DeliveryModes.ExpectReplies;
        const nothingLeft = buffering || (!respondedBefore && !context.responded);
        if (!isETagConflict(error) || attempt >= this.retries || !nothingLeft) throw error;
        // The failed attempt's replies never left: they are dropped, and the turn starts again on stored state.
        context.bufferedReplyActivities.splice(buffered);
        for (const state of this.states) await state.load(context, true);
        this.options.logger?.warn(
          { conversationId: context.activity.conversation?.id, attempt: attempt + 1 },
          'turn lost an ETag conflict; running it again on the stored state',
        );
      }
    }
  }
}

/** The turn of `continueConversationAsync` (a proactive message), not a message from a channel. */
function isProactive(context: TurnContext): boolean {
  const { type, name } = context.activity;
  return type === 'event' && name === 'ContinueConversation';
}
