import type { ChangeListener, CollectionIndexes, IndexKeys, Identified, SortedIndex } from './collection.js';

/**
 * The in-memory view of one collection that every repository reads from: the records by id, the
 * secondary indexes (records by key) and the sorted indexes (records in order, ranked by binary
 * search). Whichever store keeps the records, reads cost the same and never wait.
 */
export class RecordView<T extends Identified, I extends string = string> {
  private readonly records = new Map<string, T>();
  private readonly secondary = new Map<I, { keysOf: IndexKeys<T>; ids: Map<string, Set<string>> }>();
  private readonly ordered = new Map<I, SortedIndex<T> & { items: T[] }>();
  private readonly listeners = new Set<ChangeListener<T>>();

  constructor(
    readonly name: string,
    indexes: CollectionIndexes<T, I>,
    private readonly reportListenerError: (err: unknown) => void = () => undefined,
  ) {
    for (const [indexName, keysOf] of Object.entries(indexes.indexes ?? {}) as Array<[I, IndexKeys<T>]>) {
      this.secondary.set(indexName, { keysOf, ids: new Map() });
    }
    for (const [indexName, sorted] of Object.entries(indexes.sorted ?? {}) as Array<[I, SortedIndex<T>]>) {
      this.ordered.set(indexName, { ...sorted, items: [] });
    }
  }

  get(id: string): T | undefined {
    return this.records.get(id);
  }

  list(filter?: (record: T) => boolean): T[] {
    if (!filter) return [...this.records.values()];
    // No intermediate copy of the whole collection: callers scan large collections on hot paths.
    const out: T[] = [];
    for (const record of this.records.values()) if (filter(record)) out.push(record);
    return out;
  }

  findBy(indexName: I, key: string): T[] {
    const secondary = this.secondary.get(indexName);
    if (!secondary) throw new Error(`Repository ${this.name}: no index "${indexName}"`);
    const out: T[] = [];
    for (const id of secondary.ids.get(key) ?? []) {
      const record = this.records.get(id);
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
    return this.records.size;
  }

  /** Replace (or remove, with undefined) a record in the view and every index; returns what it replaced. */
  set(id: string, next: T | undefined): T | undefined {
    const previous = this.records.get(id);
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
    if (next) this.records.set(id, next);
    else this.records.delete(id);
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
