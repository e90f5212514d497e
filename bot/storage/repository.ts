import type { z } from 'zod';
import { DocumentStore, type DocumentStoreOptions } from './documentStore.js';
import type { VerifiedDataDir } from './dataDir.js';
import { DataFileCorruptError } from './errors.js';

/** A stored record: anything with a string id. */
export interface Identified {
  id: string;
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

/** A watcher of a repository's changes (see {@link Repository.onChange}). */
export type ChangeListener<T> = (id: string, next: T | undefined, previous: T | undefined) => void;

/** Options of a {@link Repository}: storage tuning plus secondary indexes by name. */
export interface RepositoryOptions<T, I extends string = string> extends DocumentStoreOptions {
  indexes?: Partial<Record<I, IndexKeys<T>>>;
  /** Ordered indexes: read in order ({@link Repository.sorted}) or ranked ({@link Repository.rank}). */
  sorted?: Partial<Record<I, SortedIndex<T>>>;
}

/**
 * A typed collection of records (cases, organisations, schedules, …), one durable lowdb file per
 * record, all validated with a zod schema. Records are indexed in memory at {@link open} so
 * queries never touch disk; a write costs one small file whatever the collection's size.
 */
export class Repository<T extends Identified, I extends string = string> {
  private readonly docs: DocumentStore<T>;
  private readonly index = new Map<string, T>();
  private readonly secondary = new Map<I, { keysOf: IndexKeys<T>; ids: Map<string, Set<string>> }>();
  private readonly ordered = new Map<I, SortedIndex<T> & { items: T[] }>();
  private readonly listeners = new Set<ChangeListener<T>>();
  private opened = false;

  constructor(
    readonly name: string,
    dir: string,
    private readonly schema: z.ZodType<T>,
    options: RepositoryOptions<T, I> = {},
  ) {
    this.docs = new DocumentStore<T>(dir, options);
    for (const [indexName, keysOf] of Object.entries(options.indexes ?? {}) as Array<[I, IndexKeys<T>]>) {
      this.secondary.set(indexName, { keysOf, ids: new Map() });
    }
    for (const [indexName, sorted] of Object.entries(options.sorted ?? {}) as Array<[I, SortedIndex<T>]>) {
      this.ordered.set(indexName, { ...sorted, items: [] });
    }
  }

  /**
   * Load and validate every record; throws {@link DataFileCorruptError} naming the bad file. With
   * `verified` (start-up's check of the data directory) files already read are not read again.
   */
  async open(verified?: Pick<VerifiedDataDir, 'take'>): Promise<this> {
    const envs = await this.docs.loadAll(verified);
    for (const env of envs) {
      const parsed = this.schema.safeParse(env.data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new DataFileCorruptError(
          this.docs.fileFor(env.key),
          `invalid ${this.name} record (${issue?.path.join('.') || '$'}: ${issue?.message ?? 'invalid'})`,
        );
      }
      this.setRecord(parsed.data.id, parsed.data);
    }
    this.opened = true;
    return this;
  }

  /** The record with this id, or undefined. */
  get(id: string): T | undefined {
    this.assertOpen();
    return this.index.get(id);
  }

  /** All records (optionally filtered), in no particular order. */
  list(filter?: (record: T) => boolean): T[] {
    this.assertOpen();
    if (!filter) return [...this.index.values()];
    // No intermediate copy of the whole collection: callers scan large collections on hot paths.
    const out: T[] = [];
    for (const record of this.index.values()) if (filter(record)) out.push(record);
    return out;
  }

  /**
   * Records whose index `indexName` has `key` — without scanning the collection, so hot paths
   * (every turn) cost the same with 1 000 or 100 000 records.
   */
  findBy(indexName: I, key: string): T[] {
    this.assertOpen();
    const secondary = this.secondary.get(indexName);
    if (!secondary) throw new Error(`Repository ${this.name}: no index "${indexName}"`);
    const out: T[] = [];
    for (const id of secondary.ids.get(key) ?? []) {
      const record = this.index.get(id);
      if (record) out.push(record);
    }
    return out;
  }

  /** The records of the sorted index `indexName`, in its order (a copy). */
  sorted(indexName: I): T[] {
    return this.leading(indexName, () => true);
  }

  /**
   * The first records of the sorted index `indexName`, in its order, for as long as `accept` holds and at most
   * `limit` of them: a job that needs only the head of an ordered index (the oldest, the first due) reads that
   * head, never the whole collection.
   */
  leading(indexName: I, accept: (record: T) => boolean, limit = Number.POSITIVE_INFINITY): T[] {
    const out: T[] = [];
    for (const record of this.orderedIndex(indexName).items) {
      if (out.length >= limit || !accept(record)) break;
      out.push(record);
    }
    return out;
  }

  /**
   * 0-based place of record `id` in the sorted index `indexName`, or undefined when the index does
   * not hold it — a binary search, whatever the number of records.
   */
  rank(indexName: I, id: string): number | undefined {
    const sorted = this.orderedIndex(indexName);
    const record = this.index.get(id);
    if (!record || !sorted.where(record)) return undefined;
    return placeOf(sorted.items, record, sorted.order);
  }

  get size(): number {
    return this.index.size;
  }

  /** Insert or replace a record; resolves when durable. */
  async put(record: T): Promise<T> {
    return this.update(record.id, () => record);
  }

  /**
   * Read-modify-write one record atomically (per id, in this process). `change` receives the
   * current record (or undefined) — the indexed object itself: it must not mutate it but return the
   * next record (a copy) — and may throw to abort. The result is validated and stored as a fresh copy.
   */
  async update(id: string, change: (current: T | undefined) => T): Promise<T> {
    this.assertOpen();
    let result: T | undefined;
    let before: T | undefined;
    // The index holds every record, current under the per-record lock: no need to read the document.
    const write = this.docs.replace(id, () => {
      // Taken inside the per-record lock, so a rollback restores what this update replaced.
      before = this.index.get(id);
      const next = this.schema.parse(change(before));
      if (next.id !== id)
        throw new Error(`Repository ${this.name}: update of "${id}" returned id "${next.id}"`);
      this.setRecord(id, next);
      result = next;
      return next;
    });
    await write.catch((err: unknown) => {
      this.setRecord(id, before);
      throw err;
    });
    if (result === undefined) throw new Error(`Repository ${this.name}: update of "${id}" produced nothing`);
    this.notify(id, result, before);
    return result;
  }

  /** Remove a record; resolves when durable. */
  async remove(id: string): Promise<void> {
    this.assertOpen();
    let before: T | undefined;
    await this.docs.replace(id, () => {
      before = this.index.get(id);
      this.setRecord(id, undefined);
      return undefined;
    });
    if (before !== undefined) this.notify(id, undefined, before);
  }

  /**
   * Call `listener` after each change of a record is applied (and durable): `next` undefined = removed,
   * `previous` undefined = created. Listeners run synchronously and must not throw (an exception is
   * swallowed so that a watcher can never fail a write). Returns the unsubscribe function.
   */
  onChange(listener: (id: string, next: T | undefined, previous: T | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private notify(id: string, next: T | undefined, previous: T | undefined): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(id, next, previous);
      } catch {
        // A watcher's failure is the watcher's: the write has happened and must be reported as done.
      }
    }
  }

  /** Replace (or remove) a record in the primary and every secondary index. */
  private setRecord(id: string, next: T | undefined): void {
    const previous = this.index.get(id);
    for (const { keysOf, ids } of this.secondary.values()) {
      if (previous) {
        for (const key of keysList(keysOf(previous))) {
          const set = ids.get(key);
          set?.delete(id);
          if (set?.size === 0) ids.delete(key);
        }
      }
      if (next) {
        for (const key of keysList(keysOf(next))) {
          let set = ids.get(key);
          if (!set) ids.set(key, (set = new Set()));
          set.add(id);
        }
      }
    }
    for (const sorted of this.ordered.values()) {
      if (previous && sorted.where(previous))
        sorted.items.splice(placeOf(sorted.items, previous, sorted.order), 1);
      if (next && sorted.where(next))
        sorted.items.splice(lowerBound(sorted.items, next, sorted.order), 0, next);
    }
    if (next) this.index.set(id, next);
    else this.index.delete(id);
  }

  private orderedIndex(indexName: I): SortedIndex<T> & { items: T[] } {
    this.assertOpen();
    const sorted = this.ordered.get(indexName);
    if (!sorted) throw new Error(`Repository ${this.name}: no sorted index "${indexName}"`);
    return sorted;
  }

  private assertOpen(): void {
    if (!this.opened) throw new Error(`Repository ${this.name} used before open()`);
  }
}

/** First position whose item does not sort before `record`. */
function lowerBound<T>(items: readonly T[], record: T, order: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order(items[mid] as T, record) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where `record` (the very object the index holds) sits; a linear search only if it is not found there. */
function placeOf<T>(items: readonly T[], record: T, order: (a: T, b: T) => number): number {
  const at = lowerBound(items, record, order);
  if (items[at] === record) return at;
  const found = items.indexOf(record);
  if (found < 0) throw new Error('Repository: sorted index out of step with its records');
  return found;
}

function keysList(keys: string | undefined | ReadonlyArray<string | undefined>): string[] {
  if (keys === undefined) return [];
  if (typeof keys === 'string') return [keys];
  return keys.filter((k): k is string => k !== undefined);
}
