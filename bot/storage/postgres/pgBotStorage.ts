import { randomBytes } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import { ETagConflictError } from '../errors.js';
import type { BotStateStorage } from '../stores.js';
import { jsonbText, type Queryable } from './database.js';

type Item = Record<string, unknown> & { eTag?: string };

/**
 * Bot state (conversation and user state) in the `bot_state` table, with the SDK storages' ETag
 * semantics: a write carrying an `eTag` other than the stored one is refused with an
 * {@link ETagConflictError} (checked and written in one statement, so exact across instances); no `eTag`
 * or `"*"` overwrites; a key not stored yet is written whatever the `eTag`. After a successful write the
 * item's `eTag` is updated in place, so a second save in the same turn does not conflict with itself.
 */
export class PgBotStorage implements BotStateStorage {
  constructor(private readonly db: () => Queryable) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('PgBotStorage.read: keys are required.');
    const out: StoreItems = {};
    if (keys.length === 0) return out;
    const { rows } = await this.db().query<{ key: string; etag: string; data: Record<string, unknown> }>(
      'SELECT key, etag, data FROM bot_state WHERE key = ANY($1)',
      [keys],
    );
    for (const row of rows) out[row.key] = { ...row.data, eTag: row.etag };
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('PgBotStorage.write: changes are required.');
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const newItem = item as Item;
        const { eTag, ...data } = newItem;
        const etag = randomBytes(9).toString('base64url');
        const conditional = eTag !== undefined && eTag !== '' && eTag !== '*';
        const { rowCount } = await this.db().query(
          `INSERT INTO bot_state (key, etag, data) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, data = EXCLUDED.data, written_at = now()
           ${conditional ? 'WHERE bot_state.etag = $4' : ''}`,
          conditional ? [key, etag, jsonbText(data), eTag] : [key, etag, jsonbText(data)],
        );
        if (rowCount === 0) throw new ETagConflictError(key);
        if (typeof newItem === 'object') newItem.eTag = etag;
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db().query('DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }

  /** Rows are never torn: there is no corrupt state file to move aside. */
  async quarantine(): Promise<string | undefined> {
    return undefined;
  }
}
