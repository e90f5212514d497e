import type { z } from 'zod';
import { recordToWrite, type CollectionIndexes, type CollectionSpec, type Identified } from './collection.js';
import { DocumentStore, type DocumentStoreOptions } from './documentStore.js';
import type { VerifiedDataDir } from './dataDir.js';
import { DataFileCorruptError } from './errors.js';
import type { LowdbTransaction, LowdbUnitOfWork } from './lowdbUnitOfWork.js';
import { ViewedRepository } from './viewedRepository.js';

export type {
  ChangeListener,
  CollectionSpec,
  IndexKeys,
  Identified,
  Repository,
  SortedIndex,
} from './collection.js';

/** Options of a {@link LowdbRepository}: storage tuning plus secondary indexes by name. */
export interface RepositoryOptions<T, I extends string = string>
  extends DocumentStoreOptions, CollectionIndexes<T, I> {
  /** The store's transactions (writes inside one are staged and journalled as one group). */
  unitOfWork?: LowdbUnitOfWork;
  /** Where a failing change listener is reported (default: ignored). */
  reportListenerError?: (err: unknown) => void;
  /** Parse every written record with the schema too (default true; see {@link recordToWrite}). */
  validateWrites?: boolean;
}

/** Returned by a change that kept the current record: nothing is written. */
const UNCHANGED = Symbol('unchanged');

/**
 * The lowdb {@link Repository}: one durable lowdb file per record, all validated with a zod schema.
 * Records are indexed in memory at {@link open} so queries never touch disk; a write costs one small
 * file (one journal line) whatever the collection's size.
 */
export class LowdbRepository<T extends Identified, I extends string = string> extends ViewedRepository<T, I> {
  private readonly docs: DocumentStore<T>;
  private readonly unitOfWork: LowdbUnitOfWork | undefined;
  private readonly validateWrites: boolean;

  constructor(
    name: string,
    dir: string,
    private readonly schema: z.ZodType<T>,
    options: RepositoryOptions<T, I> = {},
  ) {
    super(name, options, options.reportListenerError, true);
    this.docs = new DocumentStore<T>(dir, options);
    this.unitOfWork = options.unitOfWork;
    this.validateWrites = options.validateWrites ?? true;
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
      this.view.set(parsed.data.id, parsed.data, undefined);
    }
    this.opened = true;
    return this;
  }

  /** What the document store's cache holds (the records the view does not keep are read through it). */
  get cacheUsage(): { documents: number; bytes: number } {
    return this.docs.cacheUsage;
  }

  /** A record the view does not keep in memory: from the document store's cache, else its file. */
  protected override loadRecord(id: string): T | undefined {
    return this.docs.readShared(id);
  }

  /**
   * Read-modify-write one record atomically (per id, in this process). `change` receives the
   * current record (or undefined) — the indexed object itself: it must not mutate it but return the
   * next record (a copy) — and may throw to abort. The result is validated and stored as a fresh copy.
   */
  async update(id: string, change: (current: T | undefined) => T): Promise<T> {
    this.assertOpen();
    const tx = this.unitOfWork?.current();
    if (tx) return this.stageUpdate(tx, id, change);
    let result: T | undefined;
    let before: T | undefined;
    // The view is current under the per-record lock (a record it does not keep is read from the document store,
    // which has its newest value): no need to read the document.
    const write = this.docs.replace(id, () => {
      // Taken inside the per-record lock, so a rollback restores what this update replaced.
      before = this.view.get(id);
      const next = this.next(id, before, change);
      if (next === UNCHANGED) throw UNCHANGED;
      this.view.set(id, next, before);
      result = next;
      return next;
    });
    try {
      await write;
    } catch (err) {
      if (err === UNCHANGED) return before as T;
      if (result !== undefined) this.view.set(id, before, result);
      throw err;
    }
    if (result === undefined) throw new Error(`Repository ${this.name}: update of "${id}" produced nothing`);
    this.view.emit(id, result, before);
    return result;
  }

  async remove(id: string): Promise<void> {
    this.assertOpen();
    const tx = this.unitOfWork?.current();
    if (tx) {
      await tx.lock(this.docs, id);
      await this.stage(tx, id, this.view.get(id), undefined);
      return;
    }
    let before: T | undefined;
    await this.docs.replace(id, () => {
      before = this.view.get(id);
      this.view.set(id, undefined, before);
      return undefined;
    });
    this.view.emit(id, undefined, before);
  }

  /** The view is the store (one process per data directory): the record as {@link get} has it. */
  async fresh(id: string): Promise<T | undefined> {
    return this.get(id);
  }

  /** An update inside a transaction: staged under the document's lock, journalled with the group. */
  private async stageUpdate(
    tx: LowdbTransaction,
    id: string,
    change: (current: T | undefined) => T,
  ): Promise<T> {
    await tx.lock(this.docs, id);
    const before = this.view.get(id);
    const next = this.next(id, before, change);
    if (next === UNCHANGED) return before as T;
    await this.stage(tx, id, before, next);
    return next;
  }

  /** Put `next` (undefined: removed) in the view and the transaction's journal group; undone on rollback. */
  private async stage(
    tx: LowdbTransaction,
    id: string,
    before: T | undefined,
    next: T | undefined,
  ): Promise<void> {
    const staged = await this.docs.stage(id, next);
    this.view.set(id, next, before);
    tx.writes.push({
      file: staged.file,
      text: staged.text,
      undo: () => {
        this.view.set(id, before, next);
        staged.undo();
      },
      done: () => this.view.emit(id, next, before),
    });
  }

  /** The validated next record, or {@link UNCHANGED} when `change` kept the current one. */
  private next(
    id: string,
    before: T | undefined,
    change: (current: T | undefined) => T,
  ): T | typeof UNCHANGED {
    const proposed = change(before);
    if (before !== undefined && proposed === before) return UNCHANGED;
    return recordToWrite(this.name, id, proposed, this.validateWrites ? this.schema : undefined);
  }
}

/** A lowdb repository of `spec` under `dir` (open it before use). */
export function lowdbRepository<T extends Identified, I extends string>(
  spec: CollectionSpec<T, I>,
  dir: string,
  options: RepositoryOptions<T, I> = {},
): LowdbRepository<T, I> {
  return new LowdbRepository<T, I>(spec.name, dir, spec.schema, { ...options, ...spec });
}
