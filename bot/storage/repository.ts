import type { z } from 'zod';
import { DocumentStore, type DocumentStoreOptions } from './documentStore.js';
import { DataFileCorruptError } from './errors.js';

/** A stored record: anything with a string id. */
export interface Identified {
  id: string;
}

/** The key(s) a record is found under in a secondary index (undefined = not indexed). */
export type IndexKeys<T> = (record: T) => string | undefined | ReadonlyArray<string | undefined>;

/** Options of a {@link Repository}: storage tuning plus secondary indexes by name. */
export interface RepositoryOptions<T, I extends string = string> extends DocumentStoreOptions {
  indexes?: Record<I, IndexKeys<T>>;
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
  }

  /** Load and validate every record; throws {@link DataFileCorruptError} naming the bad file. */
  async open(): Promise<this> {
    const envs = await this.docs.loadAll();
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
    return result;
  }

  /** Remove a record; resolves when durable. */
  async remove(id: string): Promise<void> {
    this.assertOpen();
    await this.docs.replace(id, () => {
      this.setRecord(id, undefined);
      return undefined;
    });
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
    if (next) this.index.set(id, next);
    else this.index.delete(id);
  }

  private assertOpen(): void {
    if (!this.opened) throw new Error(`Repository ${this.name} used before open()`);
  }
}

function keysList(keys: string | undefined | ReadonlyArray<string | undefined>): string[] {
  if (keys === undefined) return [];
  if (typeof keys === 'string') return [keys];
  return keys.filter((k): k is string => k !== undefined);
}
