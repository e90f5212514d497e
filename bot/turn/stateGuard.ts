import type { StoreItems, TurnContext } from 'botbuilder';
import type { BotStateStorage } from '../storage/stores.js';

/**
 * Bot-state storage whose calls may name the turn they belong to ({@link TurnStateGuard}); a plain storage
 * (which ignores the context) fits too.
 */
export interface TurnAwareStorage extends BotStateStorage {
  read(keys: string[], context?: TurnContext): Promise<StoreItems>;
  write(changes: StoreItems, context?: TurnContext): Promise<void>;
  delete(keys: string[], context?: TurnContext): Promise<void>;
}

/**
 * Makes a turn's bot-state writes conditional on what that turn read. botbuilder's `BotState.saveChanges`
 * always writes with `eTag: "*"` (last writer wins), so two turns of one conversation that ran at once
 * would silently lose one's changes. Inside {@link run} (one turn attempt), the eTag each key was read with
 * is remembered on the turn's context and a `"*"` write of that key is sent with it instead: a turn whose
 * state changed under it — its cross-instance lock was lost with its connection, or another writer got in —
 * fails with an ETag conflict, and the conversation lock runs it again on the stored state. Writes outside a
 * turn attempt, and of keys the turn did not read, are passed through as they are.
 *
 * The record travels on the TurnContext (the bot states pass it with every call) rather than in an
 * AsyncLocalStorage: an enabled AsyncLocalStorage hooks every promise the process creates.
 */
export class TurnStateGuard {
  private readonly slot = Symbol('turnStateGuard');

  /** Run one turn attempt with its own record of what it read. */
  async run<R>(context: TurnContext, work: () => Promise<R>): Promise<R> {
    context.turnState.set(this.slot, new Map<string, string>());
    try {
      return await work();
    } finally {
      context.turnState.delete(this.slot);
    }
  }

  /** `inner`, with the writes of a turn attempt (the calls that name its context) made conditional. */
  storage(inner: BotStateStorage): TurnAwareStorage {
    const readsOf = (context: TurnContext | undefined) =>
      context?.turnState.get(this.slot) as Map<string, string> | undefined;
    return {
      async read(keys, context) {
        const items = await inner.read(keys);
        const read = readsOf(context);
        if (read)
          for (const [key, item] of Object.entries(items)) {
            const eTag = (item as { eTag?: unknown }).eTag;
            if (typeof eTag === 'string') read.set(key, eTag);
          }
        return items;
      },
      async write(changes, context) {
        const read = readsOf(context);
        if (!read) return inner.write(changes);
        const guarded: StoreItems = {};
        for (const [key, item] of Object.entries(changes)) {
          const eTag = (item as { eTag?: unknown } | undefined)?.eTag;
          const known = read.get(key);
          guarded[key] = (eTag === '*' || eTag === undefined) && known ? { ...item, eTag: known } : item;
        }
        await inner.write(guarded);
        for (const [key, item] of Object.entries(guarded)) {
          const written = (item as { eTag?: unknown }).eTag;
          if (typeof written !== 'string') continue;
          // A second save in the same turn builds on this one; the caller's item learns its new eTag too.
          read.set(key, written);
          const original = changes[key] as { eTag?: string } | undefined;
          if (original && typeof original === 'object') original.eTag = written;
        }
      },
      async delete(keys, context) {
        await inner.delete(keys);
        const read = readsOf(context);
        for (const key of keys) read?.delete(key);
      },
      quarantine: (file) => inner.quarantine(file),
    };
  }
}
