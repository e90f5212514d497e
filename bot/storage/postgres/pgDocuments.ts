import { randomBytes } from 'node:crypto';
import type { KeyedDocuments, StoredDocument } from '../keyedDocuments.js';
import { jsonbText, type PgUnitOfWork } from './database.js';

interface DocumentRow<T> {
  etag: string;
  data: T;
  written_at: Date;
}

/**
 * {@link KeyedDocuments} in the `documents` table (one row per collection and key). Updates lock the row
 * (`SELECT … FOR UPDATE`), so read-decide-write cycles on one key never interleave across instances; a
 * write inside a store transaction commits with it.
 */
export class PgDocuments<T> implements KeyedDocuments<T> {
  constructor(
    readonly collection: string,
    private readonly unitOfWork: PgUnitOfWork,
  ) {}

  async get(key: string): Promise<StoredDocument<T> | null> {
    const { rows } = await this.unitOfWork
      .db()
      .query<DocumentRow<T>>(
        'SELECT etag, data, written_at FROM documents WHERE collection = $1 AND key = $2',
        [this.collection, key],
      );
    const row = rows[0];
    return row ? document(key, row) : null;
  }

  update(
    key: string,
    decide: (current: StoredDocument<T> | null) => T | undefined,
  ): Promise<StoredDocument<T> | null> {
    return this.write(key, decide);
  }

  replace(key: string, produce: () => T | undefined): Promise<StoredDocument<T> | null> {
    return this.write(key, () => produce());
  }

  private write(
    key: string,
    decide: (current: StoredDocument<T> | null) => T | undefined,
  ): Promise<StoredDocument<T> | null> {
    const uow = this.unitOfWork;
    return uow.transaction(async () => {
      const db = uow.db();
      const { rows } = await db.query<DocumentRow<T>>(
        'SELECT etag, data, written_at FROM documents WHERE collection = $1 AND key = $2 FOR UPDATE',
        [this.collection, key],
      );
      const row = rows[0];
      const next = decide(row ? document(key, row) : null);
      if (next === undefined) {
        if (row)
          await db.query('DELETE FROM documents WHERE collection = $1 AND key = $2', [this.collection, key]);
        return null;
      }
      const etag = randomBytes(9).toString('base64url');
      // A first insert racing another one fails (unique violation) and the transaction runs again.
      const { rows: written } = await db.query<{ written_at: Date }>(
        row
          ? `UPDATE documents SET etag = $3, data = $4::jsonb, written_at = now()
             WHERE collection = $1 AND key = $2 RETURNING written_at`
          : `INSERT INTO documents (collection, key, etag, data) VALUES ($1, $2, $3, $4::jsonb) RETURNING written_at`,
        [this.collection, key, etag, jsonbText(next)],
      );
      return { key, etag, updatedAt: (written[0]?.written_at ?? new Date()).toISOString(), data: next };
    });
  }
}

function document<T>(key: string, row: DocumentRow<T>): StoredDocument<T> {
  return { key, etag: row.etag, updatedAt: row.written_at.toISOString(), data: row.data };
}
