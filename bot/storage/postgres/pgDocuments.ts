import { randomBytes } from 'node:crypto';
import type { KeyedDocuments, StoredDocument } from '../keyedDocuments.js';
import { jsonbText, type PgUnitOfWork } from './database.js';

interface DocumentRow<T> {
  etag: string;
  data: T;
  written_at: Date;
}

/**
 * {@link KeyedDocuments} in the `documents` table (one row per collection and key). An update reads the
 * document, decides, and stores the result only if the row still has the eTag it read (a compare-and-set, two
 * round trips); a row that moved on is read again, and after a few lost races — or inside a store transaction —
 * the row is locked (`SELECT … FOR UPDATE`). Read-decide-write cycles on one key therefore never interleave
 * across instances. A replace writes without reading (the last writer wins, as on lowdb).
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

  async replace(key: string, produce: () => T | undefined): Promise<StoredDocument<T> | null> {
    if (this.unitOfWork.current()) return this.lockedWrite(key, () => produce());
    const next = produce();
    const db = this.unitOfWork.db();
    if (next === undefined) {
      await db.query('DELETE FROM documents WHERE collection = $1 AND key = $2', [this.collection, key]);
      return null;
    }
    const etag = newETag();
    const { rows } = await db.query<{ written_at: Date }>(
      `INSERT INTO documents (collection, key, etag, data) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (collection, key) DO UPDATE SET etag = EXCLUDED.etag, data = EXCLUDED.data, written_at = now()
       RETURNING written_at`,
      [this.collection, key, etag, jsonbText(next)],
    );
    return stored(key, etag, rows[0]?.written_at, next);
  }

  private async write(
    key: string,
    decide: (current: StoredDocument<T> | null) => T | undefined,
  ): Promise<StoredDocument<T> | null> {
    if (!this.unitOfWork.current()) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const done = await this.compareAndSet(key, decide);
        if (done) return done.document;
      }
    }
    return this.unitOfWork.transaction(() => this.lockedWrite(key, decide));
  }

  /** Read, decide, and store only if the row is still the one read; undefined when it moved on. */
  private async compareAndSet(
    key: string,
    decide: (current: StoredDocument<T> | null) => T | undefined,
  ): Promise<{ document: StoredDocument<T> | null } | undefined> {
    const db = this.unitOfWork.db();
    const row = (
      await db.query<DocumentRow<T>>(
        'SELECT etag, data, written_at FROM documents WHERE collection = $1 AND key = $2',
        [this.collection, key],
      )
    ).rows[0];
    const next = decide(row ? document(key, row) : null);
    if (next === undefined) {
      if (!row) return { document: null };
      const { rowCount } = await db.query(
        'DELETE FROM documents WHERE collection = $1 AND key = $2 AND etag = $3',
        [this.collection, key, row.etag],
      );
      return rowCount ? { document: null } : undefined;
    }
    const etag = newETag();
    const { rows } = await db.query<{ written_at: Date }>(
      row
        ? `UPDATE documents SET etag = $3, data = $4::jsonb, written_at = now()
           WHERE collection = $1 AND key = $2 AND etag = $5 RETURNING written_at`
        : `INSERT INTO documents (collection, key, etag, data) VALUES ($1, $2, $3, $4::jsonb)
           ON CONFLICT (collection, key) DO NOTHING RETURNING written_at`,
      row
        ? [this.collection, key, etag, jsonbText(next), row.etag]
        : [this.collection, key, etag, jsonbText(next)],
    );
    return rows[0] ? { document: stored(key, etag, rows[0].written_at, next) } : undefined;
  }

  /** Decide on the locked row, in the caller's transaction or one of its own. */
  private async lockedWrite(
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
      const etag = newETag();
      // A first insert racing another one fails (unique violation) and the transaction runs again.
      const { rows: written } = await db.query<{ written_at: Date }>(
        row
          ? `UPDATE documents SET etag = $3, data = $4::jsonb, written_at = now()
             WHERE collection = $1 AND key = $2 RETURNING written_at`
          : `INSERT INTO documents (collection, key, etag, data) VALUES ($1, $2, $3, $4::jsonb) RETURNING written_at`,
        [this.collection, key, etag, jsonbText(next)],
      );
      return stored(key, etag, written[0]?.written_at, next);
    });
  }
}

function newETag(): string {
  return randomBytes(9).toString('base64url');
}

function stored<T>(key: string, etag: string, writtenAt: Date | undefined, data: T): StoredDocument<T> {
  return { key, etag, updatedAt: (writtenAt ?? new Date()).toISOString(), data };
}

function document<T>(key: string, row: DocumentRow<T>): StoredDocument<T> {
  return { key, etag: row.etag, updatedAt: row.written_at.toISOString(), data: row.data };
}
