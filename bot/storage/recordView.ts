import type { ChangeListener, CollectionIndexes, IndexKeys, Identified, SortedIndex } from './collection.js';

/** Reads a stored record synchronously (lowdb: the document store's cache, else its file); undefined = none. */
export type RecordLoader<T> = (id: string) => T | undefined;

/**
 * The in-memory view of one collection that every repository reads from: the records by id, the
 * secondary indexes (ids by key) and the sorted indexes (records in order, ranked by binary
 * search). Whichever store keeps the records, reads cost the same and never wait.
 *
 * With a `load`er, only the records the collection's `resident` policy (or an ordered index) selects stay in
 * memory; of the others the view keeps the id and its index keys, and reads the record through `load` when asked
 * (a fresh copy each time) — memory follows the work in progress, not the history.
 */
export class RecordView<T extends Identified, I extends string = string> {
  /** Records kept in memory. */
  private readonly records = new Map<string, T>();
  /** Ids of the records read through {@link load} (never in {@link records} at the same time). */
  private readonly stored = new Set<string>();
  private readonly secondary = new Map<I, { keysOf: IndexKeys<T>; ids: Map<string, Set<string>> }>();
  private readonly ordered = new Map<I, SortedIndex<T> & { items: T[] }>();
  private readonly listeners = new Set<ChangeListener<T>>();
  private readonly resident: ((record: T) => boolean) | undefined;

  constructor(
    readonly name: string,
    indexes: CollectionIndexes<T, I>,
    private readonly reportListenerError: (err: unknown) => void = () => undefined,
    private readonly load?: RecordLoader<T>,
  ) {
    for (const [indexName, keysOf] of Object.entries(indexes.indexes ?? {}) as Array<[I, IndexKeys<T>]>) {
      this.secondary.set(indexName, { keysOf, ids: new Map() });
    }
    for (const [indexName, sorted] of Object.entries(indexes.sorted ?? {}) as Array<[I, SortedIndex<T>]>) {
      this.ordered.set(indexName, { ...sorted, items: [] });
    }
    this.resident = indexes.resident;
  }

  get(id: string): T | undefined {
    return this.records.get(id) ?? (this.stored.has(id) ? this.read(id) : undefined);
  }

  /** How many records are kept in memory (the others are read on demand): for tests and the soak. */
  get residentCount(): number {
    return this.records.size;
  }

  ids(): string[] {
    return [...this.records.keys(), ...this.stored];
  }

  list(filter?: (record: T) => boolean): T[] {
    // No intermediate copy of the whole collection: callers scan large collections on hot paths.
    const out: T[] = [];
    for (const record of this.records.values()) if (!filter || filter(record)) out.push(record);
    for (const id of this.stored) {
      const record = this.read(id);
      if (!filter || filter(record)) out.push(record);
    }
    return out;
  }

  findBy(indexName: I, key: string): T[] {
    const secondary = this.secondary.get(indexName);
    if (!secondary) throw new Error(`Repository ${this.name}: no index "${indexName}"`);
    const out: T[] = [];
    for (const id of secondary.ids.get(key) ?? []) {
      const record = this.get(id);
      if (record) out.push(record);
    }
    return out;
  }

  leading(indexName: I, accept: (record: T) => boolean, limit = Number.POSITIVE_INFINITY): T[] {
    const out: T[] = [];
    for (const record of this.orderedIndex(indexName).items) {
      if (out.length >= limit || !accept(record)) break;
      out.push(record);
    }
    return out;
  }

  rank(indexName: I, id: string): number | undefined {
    const sorted = this.orderedIndex(indexName);
    const record = this.records.get(id);
    if (!record || !sorted.where(record)) return undefined;
    return placeOf(sorted.items, record, sorted.order);
  }

  get size(): number {
    return this.records.size + this.stored.size;
  }

  /**
   * Replace (or remove, with undefined) a record in the view and every index; returns what it replaced.
   * `previous` is what the view holds now for `id`: a caller whose store already has `next` (or rolls a write
   * back) passes it, since reading it through the loader then would give the wrong one.
   */
  set(id: string, next: T | undefined, previous: T | undefined = this.get(id)): T | undefined {
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
    this.records.delete(id);
    this.stored.delete(id);
    if (next && this.keeps(next)) this.records.set(id, next);
    else if (next) this.stored.add(id);
    return previous;
  }

  /** Subscribe to changes (see {@link Repository.onChange}). */
  onChange(listener: ChangeListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tell the listeners about a change now applied; a failing listener never affects the others. */
  emit(id: string, next: T | undefined, previous: T | undefined): void {
    // Removing what was not there changed nothing.
    if (next === undefined && previous === undefined) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(id, next, previous);
      } catch (err) {
        this.reportListenerError(err);
      }
    }
  }

  /** Whether `record` stays in memory: no loader, the collection's policy, or one of the ordered indexes. */
  private keeps(record: T): boolean {
    if (!this.load || !this.resident || this.resident(record)) return true;
    for (const sorted of this.ordered.values()) if (sorted.where(record)) return true;
    return false;
  }

  /** A record the view indexes but does not keep: read from the store, which must have it. */
  private read(id: string): T {
    const record = this.load?.(id);
    if (record === undefined)
      throw new Error(`Repository ${this.name}: record "${id}" is indexed but its store no longer has it`);
    return record;
  }

  private orderedIndex(indexName: I): SortedIndex<T> & { items: T[] } {
    const sorted = this.ordered.get(indexName);
    if (!sorted) throw new Error(`Repository ${this.name}: no sorted index "${indexName}"`);
    return sorted;
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
