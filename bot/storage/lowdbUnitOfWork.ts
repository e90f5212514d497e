import { AsyncLocalStorage } from 'node:async_hooks';
import type { DocumentStore } from './documentStore.js';
import type { Journal } from './journal.js';
import type { UnitOfWork } from './unitOfWork.js';

/** One staged write of a lowdb transaction: its journal entry, how to take it back, what to announce. */
export interface StagedWrite {
  file: string;
  text: string | null;
  /** Restore the view and the document cache as they were before this write. */
  undo: () => void;
  /** Tell the repository's listeners (after the group is durable). */
  done: () => void;
}

/** A lowdb transaction in progress: the document locks it holds and the writes it staged, in order. */
export class LowdbTransaction {
  readonly writes: StagedWrite[] = [];
  private readonly held = new Map<DocumentStore<unknown>, Map<string, () => void>>();

  constructor(private readonly lockTimeoutMs: number) {}

  /**
   * Hold `key`'s lock in `docs` until the transaction ends (taken once per transaction). A lock not
   * obtained within the timeout (two transactions waiting on each other) fails the transaction.
   */
  async lock<T>(docs: DocumentStore<T>, key: string): Promise<void> {
    const store = docs as DocumentStore<unknown>;
    let keys = this.held.get(store);
    if (!keys) this.held.set(store, (keys = new Map()));
    if (keys.has(key)) return;
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const waiting = docs.hold(key).then((release) => {
      // Obtained after the transaction gave up: hand it straight back.
      if (timedOut) release();
      return release;
    });
    const release = await Promise.race([
      waiting,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new Error(`transaction: no lock on ${docs.dir} "${key}" within ${this.lockTimeoutMs} ms`));
        }, this.lockTimeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    keys.set(key, release);
  }

  /** Release every lock held. */
  release(): void {
    for (const keys of this.held.values()) for (const release of keys.values()) release();
    this.held.clear();
  }
}

/**
 * Transactions on the lowdb store: the writes made inside one are staged in memory (views and caches
 * updated, the documents' locks held), then appended to the journal as **one line** — replayed all
 * together after a crash, or, torn, not at all. If the work throws or the append fails, every view and
 * cache is rolled back in reverse order and nothing reaches the disk.
 */
export class LowdbUnitOfWork implements UnitOfWork {
  private readonly scope = new AsyncLocalStorage<LowdbTransaction>();

  constructor(
    private readonly journal: Journal,
    private readonly lockTimeoutMs = 30_000,
  ) {}

  /** The transaction the caller runs in, if any. */
  current(): LowdbTransaction | undefined {
    return this.scope.getStore();
  }

  async transaction<R>(work: () => Promise<R>): Promise<R> {
    if (this.scope.getStore()) return work();
    const tx = new LowdbTransaction(this.lockTimeoutMs);
    try {
      const result = await this.scope.run(tx, work);
      await this.journal.appendAll(tx.writes.map((w) => [w.file, w.text] as const));
      tx.release();
      for (const write of tx.writes) write.done();
      return result;
    } catch (err) {
      for (const write of [...tx.writes].reverse()) write.undo();
      tx.release();
      throw err;
    }
  }
}
