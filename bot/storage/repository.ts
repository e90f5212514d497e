import type { z } from 'zod';
import { DocumentStore, type DocumentStoreOptions } from './documentStore.js';
import { DataFileCorruptError } from './errors.js';

/** A stored record: anything with a string id. */
export interface Identified {
  id: string;
}

/**
 * A typed collection of records (cases, organisations, schedules, …), one durable lowdb file per
 * record, all validated with a zod schema. Records are indexed in memory at {@link open} so
 * queries never touch disk; a write costs one small file whatever the collection's size.
 */
export class Repository<T extends Identified> {
  private readonly docs: DocumentStore<T>;
  private readonly index = new Map<string, T>();
  private opened = false;

  constructor(
    readonly name: string,
    dir: string,
    private readonly schema: z.ZodType<T>,
    options: DocumentStoreOptions = {},
  ) {
    this.docs = new DocumentStore<T>(dir, options);
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
      this.index.set(parsed.data.id, parsed.data);
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

  get size(): number {
    return this.index.size;
  }

  /** Insert or replace a record; resolves when durable. */
  async put(record: T): Promise<T> {
    return this.update(record.id, () => record);
  }

  /**
   * Read-modify-write one record atomically (per id, in this process). `change` receives the
   * current record (or undefined) and returns the next one; it may throw to abort.
   */
  async update(id: string, change: (current: T | undefined) => T): Promise<T> {
    this.assertOpen();
    let result: T | undefined;
    const before = this.index.get(id);
    const write = this.docs.update(id, (current) => {
      const next = this.schema.parse(change(current?.data));
      if (next.id !== id)
        throw new Error(`Repository ${this.name}: update of "${id}" returned id "${next.id}"`);
      this.index.set(id, next);
      result = next;
      return next;
    });
    await write.catch((err: unknown) => {
      if (before) this.index.set(id, before);
      else this.index.delete(id);
      throw err;
    });
    if (result === undefined) throw new Error(`Repository ${this.name}: update of "${id}" produced nothing`);
    return result;
  }

  /** Remove a record; resolves when durable. */
  async remove(id: string): Promise<void> {
    this.assertOpen();
    await this.docs.update(id, () => {
      this.index.delete(id);
      return undefined;
    });
  }

  private assertOpen(): void {
    if (!this.opened) throw new Error(`Repository ${this.name} used before open()`);
  }
}
