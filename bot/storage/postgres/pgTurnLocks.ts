import pg from 'pg';
import type { TurnLocks } from '../stores.js';

/**
 * Turns of one conversation never run at the same time on two instances: a turn holds
 * `pg_advisory_xact_lock(hashtextextended('turn:' || key, 0))` in a transaction of its own on a dedicated
 * pool, released when the turn ends (COMMIT) or its connection is lost. The pool is separate from the
 * store's so that turns waiting for a lock never take the connections their own writes need.
 */
export class PgTurnLocks implements TurnLocks {
  constructor(
    private readonly pool: pg.Pool,
    /** Longest wait for a conversation held by another instance before the turn fails (ms). */
    private readonly waitMs = 60_000,
  ) {}

  async run<R>(conversationKey: string, work: () => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    try {
      // One round trip: BEGIN, the wait limit and the lock (a simple-protocol query with an escaped literal).
      await client.query(
        `BEGIN; SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.waitMs))}; ` +
          `SELECT pg_advisory_xact_lock(hashtextextended(${pg.escapeLiteral(`turn:${conversationKey}`)}, 0))`,
      );
    } catch (err) {
      client.release(true);
      throw new Error(
        `turn lock of conversation "${conversationKey}" not obtained: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    try {
      return await work();
    } finally {
      // A failed COMMIT means the connection is gone, and with it the lock: the client is dropped.
      await client.query('COMMIT').then(
        () => client.release(),
        (err: unknown) => client.release(err as Error),
      );
    }
  }
}
