import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { UnitOfWork } from '../unitOfWork.js';

/** What runs a query: a pool (autocommit) or one transaction's client. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** Options of the pools Firstline opens on `DATABASE_URL`. */
export interface PoolOptions {
  connectionString: string;
  /** Most connections this pool opens (default 10). */
  max?: number;
  /** Shown in `pg_stat_activity` (default `firstline`). */
  applicationName?: string;
}

/**
 * A connection pool on `DATABASE_URL`. A connection that fails — idle in the pool, or checked out and held
 * between queries (a turn's lock, a transaction's work) — is reported through `onError`, never left as an
 * unhandled 'error' event that would end the process; a query running on it fails on its own.
 */
export function createPool(options: PoolOptions, onError: (err: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'firstline',
    keepAlive: true,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', onError);
  // pg-pool listens for errors only while a client is idle in the pool.
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

/** The SQLSTATE of a PostgreSQL error, if it is one. */
export function sqlState(err: unknown): string | undefined {
  return err instanceof pg.DatabaseError ? err.code : undefined;
}

/** serialization_failure, deadlock_detected, unique_violation (two first inserts of one id). */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

/** A PostgreSQL transaction in progress: its client, its notifications, and what to do once it has committed. */
export class PgTransaction {
  private readonly committedHooks: Array<() => void> = [];
  private readonly notifications: Array<[channel: string, payload: string]> = [];

  constructor(readonly client: pg.PoolClient) {}

  /** NOTIFY `channel` with `payload` when the transaction commits (sent with the COMMIT, in one round trip). */
  notify(channel: string, payload: string): void {
    this.notifications.push([channel, payload]);
  }

  /** The COMMIT, preceded by the transaction's notifications (one simple-protocol query). */
  commitStatement(): string {
    if (this.notifications.length === 0) return 'COMMIT';
    const notify = this.notifications.map(
      ([c, p]) => `pg_notify(${pg.escapeLiteral(c)}, ${pg.escapeLiteral(p)})`,
    );
    return `SELECT ${notify.join(', ')}; COMMIT`;
  }

  /** Run `hook` after COMMIT succeeded (views are updated only with committed data). */
  afterCommit(hook: () => void): void {
    this.committedHooks.push(hook);
  }

  /** Run the hooks once, in order. */
  committed(): void {
    for (const hook of this.committedHooks.splice(0)) hook();
  }
}

/**
 * Transactions on PostgreSQL: `work` runs with one pooled connection inside BEGIN … COMMIT, and every
 * store write made inside it (repositories, documents, bus messages) uses that connection, so they commit
 * together; views see the changes only after COMMIT. A transaction that lost a deadlock, a serialisation
 * conflict or a first-insert race is rolled back and run again (up to `attempts` times).
 */
export class PgUnitOfWork implements UnitOfWork {
  private readonly scope = new AsyncLocalStorage<PgTransaction>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly attempts = 5,
  ) {}

  /** The transaction the caller runs in, if any. */
  current(): PgTransaction | undefined {
    return this.scope.getStore();
  }

  /** The current transaction's client, or the pool (autocommit). */
  db(): Queryable {
    return this.scope.getStore()?.client ?? this.pool;
  }

  async transaction<R>(work: () => Promise<R>): Promise<R> {
    if (this.scope.getStore()) return work();
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.pool.connect();
      const tx = new PgTransaction(client);
      let result: R;
      try {
        await client.query('BEGIN');
        result = await this.scope.run(tx, work);
        await client.query(tx.commitStatement());
      } catch (err) {
        let broken: Error | undefined;
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError as Error;
        });
        // A connection whose rollback failed is not given back to the pool for reuse.
        client.release(broken);
        if (attempt < this.attempts && RETRYABLE.has(sqlState(err) ?? '')) {
          await pause(attempt);
          continue;
        }
        throw err;
      }
      client.release();
      tx.committed();
      return result;
    }
  }
}

/** A short random pause before retrying, so two transactions that collided do not collide again. */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
}

/** `cases` → `cases`, `incidentNotices` → `incident_notices`: the table of a collection. */
export function tableOf(collection: string): string {
  const table = collection.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(table)) throw new Error(`PostgreSQL: no table name for "${collection}"`);
  return table;
}

/**
 * JSON text PostgreSQL's `jsonb` accepts for any value our records hold: `jsonb` refuses the NUL character
 * and lone UTF-16 surrogates, which JSON.stringify writes as `\u0000` / `\udXXX` escapes — those become
 * U+FFFD (the replacement character) so a record that lowdb would store is never refused here.
 */
export function jsonbText(value: unknown): string {
  const text = JSON.stringify(value);
  // JSON.stringify escapes only NUL-like controls and *lone* surrogates (pairs are written as they are).
  return text.includes('\\u')
    ? text.replace(/(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi, '$1\\ufffd')
    : text;
}
