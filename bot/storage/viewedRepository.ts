import type { ChangeListener, CollectionIndexes, Identified, Repository } from './collection.js';
import { RecordView } from './recordView.js';

/**
 * The read side every {@link Repository} shares: synchronous reads from the in-memory {@link RecordView},
 * and change listeners. Implementations load the view when they open and keep it current as they write.
 */
export abstract class ViewedRepository<T extends Identified, I extends string = string> implements Repository<
  T,
  I
> {
  protected readonly view: RecordView<T, I>;
  /** Set once the view is loaded; reads before that are a wiring error. */
  protected opened = false;

  /**
   * `readsOnDemand`: the store can read one record synchronously ({@link loadRecord}), so the view keeps in
   * memory only the records the collection's `resident` policy selects (see {@link CollectionIndexes.resident}).
   */
  constructor(
    readonly name: string,
    indexes: CollectionIndexes<T, I>,
    reportListenerError?: (err: unknown) => void,
    readsOnDemand = false,
  ) {
    this.view = new RecordView<T, I>(
      name,
      indexes,
      reportListenerError,
      readsOnDemand ? (id) => this.loadRecord(id) : undefined,
    );
  }

  /** How many records the view keeps in memory (the others are read on demand). */
  get residentCount(): number {
    return this.view.residentCount;
  }

  get(id: string): T | undefined {
    this.assertOpen();
    return this.view.get(id);
  }

  ids(): string[] {
    this.assertOpen();
    return this.view.ids();
  }

  list(filter?: (record: T) => boolean): T[] {
    this.assertOpen();
    return this.view.list(filter);
  }

  findBy(indexName: I, key: string): T[] {
    this.assertOpen();
    return this.view.findBy(indexName, key);
  }

  sorted(indexName: I): T[] {
    return this.leading(indexName, () => true);
  }

  leading(indexName: I, accept: (record: T) => boolean, limit = Number.POSITIVE_INFINITY): T[] {
    this.assertOpen();
    return this.view.leading(indexName, accept, limit);
  }

  rank(indexName: I, id: string): number | undefined {
    this.assertOpen();
    return this.view.rank(indexName, id);
  }

  get size(): number {
    return this.view.size;
  }

  put(record: T): Promise<T> {
    return this.update(record.id, () => record);
  }

  onChange(listener: ChangeListener<T>): () => void {
    return this.view.onChange(listener);
  }

  abstract update(id: string, change: (current: T | undefined) => T): Promise<T>;
  abstract remove(id: string): Promise<void>;
  abstract fresh(id: string): Promise<T | undefined>;

  /** One stored record, read synchronously (only called when constructed with `readsOnDemand`). */
  protected loadRecord(id: string): T | undefined {
    throw new Error(`Repository ${this.name}: cannot read "${id}" on demand`);
  }

  protected assertOpen(): void {
    if (!this.opened) throw new Error(`Repository ${this.name} used before open()`);
  }
}
