import type { z } from 'zod';
import { recordToWrite, type CollectionSpec, type Identified } from '../collection.js';
import { ViewedRepository } from '../viewedRepository.js';
import { jsonbText, tableOf, type PgTransaction, type PgUnitOfWork, type Queryable } from './database.js';
import { notification } from './pgBus.js';

/** The bus channel on which repositories announce committed changes: `{c: collection, id, v: version}`. */
export const CHANGES_CHANNEL = 'store.changes';

/** A change announcement on {@link CHANGES_CHANNEL}. */
export interface ChangeMessage {
  c: string;
  id: string;
  v: number;
}

/** A row of a collection table does not validate against the collection's schema. */
export class InvalidRowError extends Error {
  constructor(
    readonly table: string,
    readonly id: string,
    readonly reason: string,
  ) {
    super(`PostgreSQL table ${table}, row "${id}": invalid record (${reason})`);
    this.name = 'InvalidRowError';
  }
}

/** What a {@link PgRepository} needs from its store. */
export interface PgRepositoryContext {
  unitOfWork: PgUnitOfWork;
  /** This process, as change announcements name it. */
  owner: string;
  /** Reports a failing change listener, or a row another instance wrote that does not validate. */
  reportError: (err: unknown, message: string) => void;
  /** Parse every written record with the schema too (default true; see {@link recordToWrite}). */
  validateWrites?: boolean;
}

interface Row {
  id: string;
  version: string;
  data: unknown;
}

/**
 * The PostgreSQL {@link Repository}. Each instance keeps a read view of the collection in memory — loaded
 * at {@link open}, kept current by change announcements on the cluster bus — so reads are synchronous and
 * a turn's look-ups cost what they cost on lowdb. Every write is a transaction that locks the record's row
 * (`SELECT … FOR UPDATE`) and hands `change` the database's row, not the view's: a compare-and-set (two
 * agents picking one case, two instances claiming one follow-up) is exact across instances. The new
 * version comes from one database-wide sequence; the change is announced inside the transaction (delivered
 * on commit), and every instance fetches the row when the announced version is newer than its view's.
 */
export class PgRepository<T extends Identified, I extends string = string> extends ViewedRepository<T, I> {
  private readonly table: string;
  private readonly schema: z.ZodType<T>;
  /** The version of each id in the view (a removed id keeps its removal's version). */
  private readonly versions = new Map<string, number>();
  /** Announcements received before the view was loaded: applied right after. */
  private early: ChangeMessage[] = [];

  constructor(
    spec: CollectionSpec<T, I>,
    private readonly context: PgRepositoryContext,
  ) {
    super(spec.name, spec, (err) =>
      context.reportError(err, `Repository ${spec.name}: a change listener failed`),
    );
    this.table = tableOf(spec.name);
    this.schema = spec.schema;
  }

  /** The record to write for `proposed` (see {@link recordToWrite}). */
  private checked(id: string, proposed: T): T {
    return recordToWrite(
      this.name,
      id,
      proposed,
      (this.context.validateWrites ?? true) ? this.schema : undefined,
    );
  }

  /** Load every row into the view (validated: a bad row stops start-up naming its table and id). */
  async open(): Promise<this> {
    const { rows } = await this.db()
      .query<Row>(`SELECT id, version, data FROM ${this.table}`)
      .catch((err: unknown) => {
        throw new Error(
          `PostgreSQL: cannot read table ${this.table} of collection ${this.name} (${(err as Error).message})`,
          { cause: err },
        );
      });
    for (const row of rows) this.place(row.id, this.parse(row), Number(row.version));
    this.opened = true;
    const early = this.early;
    this.early = [];
    for (const message of early) this.announced(message);
    return this;
  }

  async update(id: string, change: (current: T | undefined) => T): Promise<T> {
    this.assertOpen();
    const uow = this.context.unitOfWork;
    if (!uow.current()) {
      const done = await this.compareAndSet(id, change);
      if (done.ok) return done.record;
    }
    return uow.transaction(() => this.lockedUpdate(id, change));
  }

  /**
   * The fast path of a write outside a transaction: `change` decides on the view's record, and one statement
   * stores the result only if the row still has the view's version (an insert, only if the id is still free) —
   * and announces it in the same statement. A row that moved on, or a refusal (`change` threw: it may have
   * decided on a stale view), goes the locked way. A `change` that keeps the record writes nothing.
   */
  private async compareAndSet(
    id: string,
    change: (current: T | undefined) => T,
  ): Promise<{ ok: true; record: T } | { ok: false }> {
    const known = this.versions.get(id);
    const viewed = this.view.get(id);
    if (known !== undefined && viewed === undefined) return { ok: false };
    let proposed: T;
    try {
      proposed = change(viewed);
    } catch {
      return { ok: false };
    }
    if (viewed !== undefined && proposed === viewed) return { ok: true, record: viewed };
    const next = this.checked(id, proposed);
    const [channel, prefix] = this.announcement(id);
    const write =
      viewed === undefined
        ? `INSERT INTO ${this.table} (id, data, version) VALUES ($1, $2::jsonb, nextval('firstline_version'))
           ON CONFLICT (id) DO NOTHING RETURNING version`
        : `UPDATE ${this.table} SET data = $2::jsonb, version = nextval('firstline_version'), written_at = now()
           WHERE id = $1 AND version = $5 RETURNING version`;
    const { rows } = await this.context.unitOfWork
      .db()
      .query<{ version: string }>(
        `WITH w AS (${write}) SELECT version, pg_notify($3, $4 || version || '}}') FROM w`,
        viewed === undefined
          ? [id, jsonbText(next), channel, prefix]
          : [id, jsonbText(next), channel, prefix, known ?? -1],
      );
    const row = rows[0];
    if (!row) return { ok: false };
    this.apply(id, next, Number(row.version));
    return { ok: true, record: next };
  }

  /**
   * A write under the row's lock (`SELECT … FOR UPDATE`), inside the caller's transaction or one of its own:
   * `change` gets the database's row. Its data is sent only when the view holds another version — at the same
   * version the view's record is the database's row.
   */
  private async lockedUpdate(id: string, change: (current: T | undefined) => T): Promise<T> {
    const tx = this.context.unitOfWork.current();
    if (!tx) throw new Error(`Repository ${this.name}: update outside a transaction`);
    const known = this.versions.get(id);
    const viewed = this.view.get(id);
    const { rows } = await tx.client.query<Row>(
      `SELECT id, version, CASE WHEN version = $2 THEN NULL ELSE data END AS data
       FROM ${this.table} WHERE id = $1 FOR UPDATE`,
      [id, known ?? -1],
    );
    const row = rows[0];
    const current = row ? ((row.data ?? viewed) as T) : undefined;
    const proposed = change(current);
    if (row && proposed === current) {
      // Nothing to write; the view may still learn the row's newer version.
      tx.afterCommit(() => this.apply(id, current, Number(row.version)));
      return current as T;
    }
    const next = this.checked(id, proposed);
    const written = await tx.client.query<{ version: string }>(
      row
        ? `UPDATE ${this.table} SET data = $2::jsonb, version = nextval('firstline_version'), written_at = now()
           WHERE id = $1 RETURNING version`
        : `INSERT INTO ${this.table} (id, data, version) VALUES ($1, $2::jsonb, nextval('firstline_version'))
           RETURNING version`,
      [id, jsonbText(next)],
    );
    const version = Number(written.rows[0]?.version);
    this.announce(tx, id, version);
    tx.afterCommit(() => this.apply(id, next, version));
    return next;
  }

  remove(id: string): Promise<void> {
    this.assertOpen();
    const uow = this.context.unitOfWork;
    return uow.transaction(async () => {
      const tx = uow.current();
      if (!tx) throw new Error(`Repository ${this.name}: remove outside a transaction`);
      const { rows } = await tx.client.query<{ version: string }>(
        `WITH gone AS (DELETE FROM ${this.table} WHERE id = $1) SELECT nextval('firstline_version') AS version`,
        [id],
      );
      const version = Number(rows[0]?.version);
      this.announce(tx, id, version);
      tx.afterCommit(() => this.apply(id, undefined, version));
    });
  }

  async fresh(id: string): Promise<T | undefined> {
    this.assertOpen();
    await this.refetch(id, this.context.unitOfWork.db());
    return this.view.get(id);
  }

  /**
   * A change announced on the bus (by any instance, this one included): fetch the row when the announced
   * version is newer than the view's, and apply what the database holds.
   */
  announced(message: ChangeMessage, local = false): void {
    if (!this.opened) {
      this.early.push(message);
      return;
    }
    if (message.v <= (this.versions.get(message.id) ?? 0)) return;
    // This process's own change is applied when its COMMIT returns, which may come after the notification:
    // look again a little later, and fetch only if it still is not there (the COMMIT's answer was lost).
    if (local) {
      setTimeout(() => this.announced(message), 50).unref();
      return;
    }
    this.refetch(message.id, this.context.unitOfWork.db(), message.v).catch((err: unknown) =>
      this.context.reportError(
        err,
        `Repository ${this.name}: could not fetch announced change of "${message.id}"`,
      ),
    );
  }

  /**
   * Bring the whole view up to date (after the bus lost its connection and may have missed announcements):
   * rows with a newer version are fetched, ids no longer stored are removed.
   */
  async resync(): Promise<void> {
    if (!this.opened) return;
    const db = this.context.unitOfWork.db();
    const { rows: seq } = await db.query<{ last: string }>(
      'SELECT last_value AS last FROM firstline_version',
    );
    const { rows } = await db.query<{ id: string; version: string }>(`SELECT id, version FROM ${this.table}`);
    const stored = new Map(rows.map((r) => [r.id, Number(r.version)]));
    for (const record of this.view.list()) {
      if (!stored.has(record.id)) this.apply(record.id, undefined, Number(seq[0]?.last ?? 0));
    }
    const stale = [...stored].filter(([id, v]) => v > (this.versions.get(id) ?? 0)).map(([id]) => id);
    for (let i = 0; i < stale.length; i += 500) {
      const { rows: fetched } = await db.query<Row>(
        `SELECT id, version, data FROM ${this.table} WHERE id = ANY($1)`,
        [stale.slice(i, i + 500)],
      );
      for (const row of fetched) this.applyRow(row);
    }
  }

  /** Read one row and apply it; a missing row removes the id (at the announced version, if any). */
  private async refetch(id: string, db: Queryable, announced?: number): Promise<void> {
    const { rows } = await db.query<Row>(`SELECT id, version, data FROM ${this.table} WHERE id = $1`, [id]);
    const row = rows[0];
    if (row) this.applyRow(row);
    else if (this.view.get(id) !== undefined)
      this.apply(id, undefined, announced ?? (this.versions.get(id) ?? 0) + 0.5);
  }

  private applyRow(row: Row): void {
    try {
      this.apply(row.id, this.parse(row), Number(row.version));
    } catch (err) {
      this.context.reportError(err, `Repository ${this.name}: ignored an invalid row`);
    }
  }

  /** Apply a committed state of `id` when it is newer than the view's, and tell the listeners. */
  private apply(id: string, next: T | undefined, version: number): void {
    if (version <= (this.versions.get(id) ?? 0)) return;
    const previous = this.place(id, next, version);
    if (previous !== undefined || next !== undefined) this.view.emit(id, next, previous);
  }

  private place(id: string, next: T | undefined, version: number): T | undefined {
    this.versions.set(id, version);
    return this.view.set(id, next);
  }

  /**
   * The channel and the start of the payload announcing a change of `id`: the version is known only in the
   * database, which completes the payload (`… || version || '}}'`).
   */
  private announcement(id: string): [string, string] {
    const [channel, payload] = notification(CHANGES_CHANNEL, { c: this.name, id, v: 0 }, this.context.owner);
    return [channel, payload.slice(0, -'0}}'.length)];
  }

  /** Announce the change to every instance when the transaction commits (with its COMMIT). */
  private announce(tx: PgTransaction, id: string, version: number): void {
    const message: ChangeMessage = { c: this.name, id, v: version };
    tx.notify(...notification(CHANGES_CHANNEL, message, this.context.owner));
  }

  private parse(row: Row): T {
    const parsed = this.schema.safeParse(row.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidRowError(
        this.table,
        row.id,
        `${issue?.path.join('.') || '$'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    if (parsed.data.id !== row.id)
      throw new InvalidRowError(this.table, row.id, `holds id "${parsed.data.id}"`);
    return parsed.data;
  }

  private db(): Queryable {
    return this.context.unitOfWork.db();
  }
}
