import type { Storage, StoreItems } from 'botbuilder';
import { DocumentStore, type DocumentStoreOptions } from './documentStore.js';
import { ETagConflictError } from './errors.js';

type Item = Record<string, unknown>;

/**
 * Bot state storage (conversation and user state) on lowdb files, one file per state key, with
 * the SDK storages' ETag semantics: a write carrying an old `eTag` is refused with an
 * {@link ETagConflictError}; no `eTag` or `"*"` overwrites. After a successful write the item's
 * `eTag` is updated in place so a second save in the same turn does not conflict with itself.
 */
export class LowdbStorage implements Storage {
  private readonly docs: DocumentStore<Item>;

  constructor(dir: string, options: DocumentStoreOptions = {}) {
    this.docs = new DocumentStore<Item>(dir, options);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('LowdbStorage.read: keys are required.');
    const out: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const env = await this.docs.get(key);
        if (env) out[key] = { ...env.data, eTag: env.etag };
      }),
    );
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('LowdbStorage.write: changes are required.');
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const newItem = item as Item & { eTag?: string };
        const { eTag, ...data } = newItem;
        const saved = await this.docs.put(key, data, (current) => {
          if (current && eTag && eTag !== '*' && eTag !== current.etag) throw new ETagConflictError(key);
        });
        if (saved && typeof newItem === 'object') newItem.eTag = saved.etag;
      }),
    );
  }

  /** Move a corrupt state file aside so the conversation can start again (see DocumentStore.quarantine). */
  quarantine(file: string): Promise<string | undefined> {
    return this.docs.quarantine(file);
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.docs.update(key, () => undefined)));
  }
}
