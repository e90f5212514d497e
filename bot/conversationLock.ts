import type { Middleware, TurnContext } from 'botbuilder';
import { KeyedMutex } from './storage/keyedMutex.js';

/**
 * Runs the turns of one conversation one after another (other conversations stay parallel), so
 * two messages sent at once never race on conversation state: the second turn reads what the
 * first one saved instead of failing on an ETag conflict. Conflicts can then only come from
 * another process, and those are reported by the storage, never swallowed.
 */
export class ConversationLock implements Middleware {
  private readonly mutex = new KeyedMutex();

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { channelId, conversation } = context.activity;
    await this.mutex.run(`${channelId}/${conversation?.id ?? ''}`, next);
  }
}
