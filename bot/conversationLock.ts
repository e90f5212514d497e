import type { Middleware, TurnContext } from 'botbuilder';
import { KeyedMutex } from './storage/keyedMutex.js';

/** Handles a failed turn (the bot's onTurnError). */
export type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;

/**
 * Runs the turns of one conversation one after another (other conversations stay parallel), so
 * two messages sent at once never race on conversation state: the second turn reads what the
 * first one saved instead of failing on an ETag conflict. A failed turn is handled inside the
 * lock too — the adapter's own onTurnError would run after the lock is released, and its state
 * reset could then race the next queued turn of the same conversation.
 */
export class ConversationLock implements Middleware {
  private readonly mutex = new KeyedMutex();

  /** `onError`: handles a failed turn while the conversation is still locked (else errors propagate). */
  constructor(private readonly onError?: TurnErrorHandler) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { channelId, conversation } = context.activity;
    // A proactive send (a relay between an agent's and a customer's conversation) reads no conversation state;
    // locking it would deadlock two turns relaying to each other's conversation at the same moment.
    if (isProactive(context)) {
      await next();
      return;
    }
    await this.mutex.run(`${channelId}/${conversation?.id ?? ''}`, async () => {
      try {
        await next();
      } catch (error) {
        if (!this.onError) throw error;
        await this.onError(context, error instanceof Error ? error : new Error(String(error)));
      }
    });
  }
}

/** The turn of `continueConversationAsync` (a proactive message), not a message from a channel. */
function isProactive(context: TurnContext): boolean {
  const { type, name } = context.activity;
  return type === 'event' && name === 'ContinueConversation';
}
