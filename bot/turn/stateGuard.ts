import { AsyncLocalStorage } from 'node:async_hooks';
import type { StoreItems } from 'botbuilder';
import type { BotStateStorage } from '../storage/stores.js';

/**
 * Makes a turn's bot-state writes conditional on what that turn read. botbuilder's `BotState.saveChanges`
 * always writes with `eTag: "*"` (last writer wins), so two turns of one conversation that ran at once
 * would silently lose one's changes. Inside {@link run} (one turn attempt), the eTag each key was read with
 * is remembered and a `"*"` write of that key is sent with it instead: a turn whose state changed under it
 * — its cross-instance lock was lost with its connection, or another writer got in — fails with an ETag
 * conflict, and the conversation lock runs it again on the stored state. Writes outside a turn, and of keys
 * the turn did not read, are passed through as they are.
 */
export class TurnStateGuard {
  private readonly scope = new AsyncLocalStorage<Map<string, string>>();

  /** Run one turn attempt with its own record of what it read. */
  run<R>(work: () => Promise<R>): Promise<R> {
    return this.scope.run(new Map(), work);
  }

  /** `inner`, with the turn's writes made conditional. */
  storage(inner: BotStateStorage): BotStateStorage {
    const scope = this.scope;
    return {
      async read(keys) {
        const items = await inner.read(keys);
        const read = scope.getStore();
        if (read)
          for (const [key, item] of Object.entries(items)) {
            const eTag = (item as { eTag?: unknown }).eTag;
            if (typeof eTag === 'string') read.set(key, eTag);
          }
        return items;
      },
      async write(changes) {
        const read = scope.getStore();
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
      async delete(keys) {
        await inner.delete(keys);
        for (const key of keys) scope.getStore()?.delete(key);
      },
      quarantine: (file) => inner.quarantine(file),
    };
  }
}
