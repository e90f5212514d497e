import path from 'node:path';
import type { Logger } from 'pino';
import { LocalBus } from './clusterBus.js';
import type { CollectionSpec, Identified, Repository } from './collection.js';
import { DATA_LAYOUT, verifyDataDir, type VerifiedDataDir } from './dataDir.js';
import { DataDirLock } from './dataDirLock.js';
import { DocumentStore } from './documentStore.js';
import { Journal, type JournalIo } from './journal.js';
import type { KeyedDocuments } from './keyedDocuments.js';
import { LowdbDocuments } from './lowdbDocuments.js';
import { LowdbStorage } from './lowdbStorage.js';
import { LowdbUnitOfWork } from './lowdbUnitOfWork.js';
import { lowdbRepository } from './repository.js';
import { checkCollectionName, type ClaimPolicy, type Stores, type TurnLocks } from './stores.js';

/** Options of {@link LowdbStores.open}. */
export interface LowdbStoresOptions {
  dataDir: string;
  fsync: boolean;
  instanceId: string;
  owner: string;
  leaseMs: number;
  logger: Logger;
  /** File operations of the journal's appends (tests inject disk failures). */
  journalIo?: JournalIo;
  /** Parse every written record with its schema (see recordToWrite; default true). */
  validateWrites?: boolean;
}

/** One process per data directory: no other instance to wait for. */
const IN_PROCESS: TurnLocks = { run: (_key, work) => work() };

/**
 * The embedded store: lowdb files under `DATA_DIR` (one per record), written through one journal, with
 * the data directory locked to this process. Repositories are opened from the files start-up verified;
 * transactions are journal groups; the bus stays in the process.
 */
export class LowdbStores implements Stores {
  readonly kind = 'lowdb';
  readonly pool = undefined;
  readonly claims: ClaimPolicy;
  readonly bus: LocalBus;
  readonly botState: LowdbStorage;
  readonly turnLocks = IN_PROCESS;
  private readonly unitOfWork: LowdbUnitOfWork;
  private readonly docs = new Map<string, KeyedDocuments<unknown>>();

  private constructor(
    private readonly options: LowdbStoresOptions,
    private readonly lock: DataDirLock,
    readonly journal: Journal,
    private readonly verified: VerifiedDataDir,
  ) {
    this.claims = { owner: options.owner, leaseMs: options.leaseMs, exclusive: true };
    this.bus = new LocalBus(options.owner, (err, channel) =>
      options.logger.error({ err, channel }, 'cluster bus: a subscriber failed'),
    );
    this.unitOfWork = new LowdbUnitOfWork(journal);
    this.botState = new LowdbStorage(path.join(options.dataDir, DATA_LAYOUT.state), this.stored());
  }

  /**
   * Lock the data directory, replay what a killed process left in the journal, and verify every data file
   * (a corrupt one stops start-up, naming it).
   */
  static async open(options: LowdbStoresOptions): Promise<LowdbStores> {
    const dataDir = path.resolve(options.dataDir);
    const lock = await DataDirLock.acquire(dataDir);
    try {
      const { journal } = await Journal.open(dataDir, {
        fsync: options.fsync,
        logger: options.logger,
        ...(options.journalIo ? { io: options.journalIo } : {}),
      });
      const verified = await verifyDataDir(dataDir);
      options.logger.info({ dataDir, files: verified.count }, 'data directory verified');
      return new LowdbStores({ ...options, dataDir }, lock, journal, verified);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  async open<T extends Identified, I extends string>(spec: CollectionSpec<T, I>): Promise<Repository<T, I>> {
    const dir = path.join(this.options.dataDir, DATA_LAYOUT.records, checkCollectionName(spec.name));
    return lowdbRepository(spec, dir, {
      ...this.stored(),
      unitOfWork: this.unitOfWork,
      validateWrites: this.options.validateWrites ?? true,
      reportListenerError: (err) =>
        this.options.logger.error({ err, collection: spec.name }, 'a change listener failed'),
    }).open(this.verified);
  }

  documents<T>(name: string, options: { cacheSize?: number } = {}): KeyedDocuments<T> {
    let docs = this.docs.get(name);
    if (!docs) {
      const dir = path.join(this.options.dataDir, DATA_LAYOUT.documents, checkCollectionName(name));
      docs = new LowdbDocuments(
        new DocumentStore<unknown>(dir, { ...this.stored(), ...options }),
        this.unitOfWork,
      );
      this.docs.set(name, docs);
    }
    return docs as KeyedDocuments<T>;
  }

  transaction<R>(work: () => Promise<R>): Promise<R> {
    return this.unitOfWork.transaction(work);
  }

  ready(): boolean {
    return true;
  }

  async close(): Promise<void> {
    await this.bus.close();
    await this.journal.close();
    await this.lock.release();
  }

  private stored(): { fsync: boolean; journal: Journal } {
    return { fsync: this.options.fsync, journal: this.journal };
  }
}
