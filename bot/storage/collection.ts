import type { z } from 'zod';

/** A stored record: anything with a string id. */
export interface Identified {
  id: string;
}

/**
 * The record a repository writes for an update of `id`: `proposed` as the caller's code built it, checked
 * against `schema` only when given. Records are validated where they enter — the HTTP and file edges, and
 * every load at start-up — while a write of a record our own typed code produced skips re-parsing the whole
 * record (a zod pass over a ~3.5 KB case on every turn that touches one). `DATA_VALIDATE_WRITES=true` (the
 * test servers) parses every write as well, so a bug that would write an invalid record fails the tests
 * instead of the next start-up.
 */
export function recordToWrite<T extends Identified>(
  collection: string,
  id: string,
  proposed: T,
  schema: z.ZodType<T> | undefined,
): T {
  const next = schema ? schema.parse(proposed) : proposed;
  if (next.id !== id) throw new Error(`Repository ${collection}: update of "${id}" returned id "${next.id}"`);
  return next;
}

/** The key(s) a record is found under in a secondary index (undefined = not indexed). */
export type IndexKeys<T> = (record: T) => string | undefined | ReadonlyArray<string | undefined>;

/**
 * An index kept in order: the records `where` selects, sorted by `order`, which must be a total
 * order (ties broken by id) so every record has exactly one place.
 */
export interface SortedIndex<T> {
  where: (record: T) => boolean;
  order: (a: T, b: T) => number;
}

/**
 * Secondary indexes of a collection, by name: keyed ones and ordered ones — and which records the view keeps
 * in memory.
 */
export interface CollectionIndexes<T, I extends string = string> {
  indexes?: Partial<Record<I, IndexKeys<T>>>;
  /** Ordered indexes: read in order ({@link Repository.sorted}) or ranked ({@link Repository.rank}). */
  sorted?: Partial<Record<I, SortedIndex<T>>>;
  /**
   * The records the view keeps in memory (default: every record). A store that can read a record synchronously
   * (lowdb: its file, through the document store's byte-bounded cache) keeps only the ids and index keys of the
   * others, so a collection that grows with history (closed cases, one contact per conversation) does not grow
   * memory with it; those records are read on demand. Records in an ordered index are always kept. Stores that
   * cannot read synchronously (PostgreSQL) keep every record.
   */
  resident?: (record: T) => boolean;
}

/**
 * What a collection is, whatever store keeps it: its name (the lowdb sub-directory of
 * `DATA_DIR/records`, and — in snake_case — the PostgreSQL table), the schema every record is
 * validated with, and the indexes the in-memory view keeps.
 */
export interface CollectionSpec<T extends Identified, I extends string = string> extends CollectionIndexes<
  T,
  I
> {
  name: string;
  schema: z.ZodType<T>;
}

/** Called after a change is applied to a repository's view (by this process or another instance). */
export type ChangeListener<T> = (id: string, next: T | undefined, previous: T | undefined) => void;

/**
 * A typed collection of records (cases, organisations, schedules, …) — the only storage API the rest
 * of the code knows. Reads are synchronous, from an in-memory view kept current by the store (so a
 * turn's look-ups cost the same with 1 000 or 100 000 records); writes are asynchronous and resolve
 * once durable. Implemented on lowdb files ({@link LowdbRepository}) and on PostgreSQL
 * (`PgRepository`), which run the same test suites.
 */
export interface Repository<T extends Identified, I extends string = string> {
  readonly name: string;
  /** The record with this id, or undefined. */
  get(id: string): T | undefined;
  /** Every record's id, in no particular order (reads no record). */
  ids(): string[];
  /** All records (optionally filtered), in no particular order. */
  list(filter?: (record: T) => boolean): T[];
  /** Records whose index `indexName` has `key`, without scanning the collection. */
  findBy(indexName: I, key: string): T[];
  /** The records of the sorted index `indexName`, in its order (a copy). */
  sorted(indexName: I): T[];
  /**
   * The first records of the sorted index `indexName`, in its order, for as long as `accept` holds and at
   * most `limit` of them.
   */
  leading(indexName: I, accept: (record: T) => boolean, limit?: number): T[];
  /** 0-based place of record `id` in the sorted index `indexName`, or undefined when it does not hold it. */
  rank(indexName: I, id: string): number | undefined;
  /** How many records there are. */
  readonly size: number;
  /** Insert or replace a record; resolves when durable. */
  put(record: T): Promise<T>;
  /**
   * Read-modify-write one record atomically: `change` receives the current record (or undefined) — the
   * store's current value, which it must not mutate — and returns the next record (a copy), or throws to
   * abort. Returning `current` itself writes nothing. The result is validated and stored. Concurrent updates
   * of one record never interleave, across instances too: PostgreSQL stores a result only if the row is still
   * the one `change` saw, else runs `change` again on the locked row — so `change` must be a pure decision,
   * which may run more than once.
   */
  update(id: string, change: (current: T | undefined) => T): Promise<T>;
  /** Remove a record; resolves when durable. */
  remove(id: string): Promise<void>;
  /**
   * The record as the store holds it right now (read-through, for decisions that must be current across
   * instances); the view is brought up to date with it. On lowdb, the view is the store: same as {@link get}.
   */
  fresh(id: string): Promise<T | undefined>;
  /**
   * `listener` is called after every change applied to the view — made by this process, or (PostgreSQL) by
   * another instance. Returns the function that unsubscribes it.
   */
  onChange(listener: ChangeListener<T>): () => void;
}
