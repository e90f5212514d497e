import type pg from 'pg';
import type { Logger } from 'pino';
import type { CollectionSpec, Identified, Repository } from '../collection.js';
import type { KeyedDocuments } from '../keyedDocuments.js';
import { checkCollectionName, type ClaimPolicy, type Stores } from '../stores.js';
import { createPool, PgUnitOfWork } from './database.js';
import { migrate, type MigrationResult } from './migrations.js';
import { PgBotStorage } from './pgBotStorage.js';
import { PgBus } from './pgBus.js';
import { PgDocuments } from './pgDocuments.js';
import { CHANGES_CHANNEL, PgRepository, type ChangeMessage } from './pgRepository.js';
import { PgTurnLocks } from './pgTurnLocks.js';

/** Options of {@link PgStores.open}. */
export interface PgStoresOptions {
  databaseUrl: string;
  instanceId: string;
  owner: string;
  leaseMs: number;
  /** Connections of the store's pool (another pool of the same size holds turn locks). */
  poolMax: number;
  logger: Logger;
  /** Parse every written record with its schema (see recordToWrite; default true). */
  validateWrites?: boolean;
}

/**
 * The production store: PostgreSQL on `DATABASE_URL`, shared by any number of instances. At start-up the
 * schema is migrated (or refused when newer than this code), the cluster bus starts listening, and each
 * repository loads its view, kept current from then on by change announcements on the bus — and resynced
 * whenever the bus had to reconnect.
 */
export class PgStores implements Stores {
  readonly kind = 'postgres';
  readonly journal = undefined;
  readonly claims: ClaimPolicy;
  readonly bus: PgBus;
  readonly botState: PgBotStorage;
  readonly turnLocks: PgTurnLocks;
  private readonly unitOfWork: PgUnitOfWork;
  /** The open repositories, by collection: they receive announced changes and resyncs. */
  private readonly repositories = new Map<string, Pick<PgRepository<Identified>, 'announced' | 'resync'>>();

  private constructor(
    private readonly options: PgStoresOptions,
    readonly pool: pg.Pool,
    private readonly lockPool: pg.Pool,
    readonly migrations: MigrationResult,
  ) {
    this.claims = { owner: options.owner, leaseMs: options.leaseMs, exclusive: false };
    this.unitOfWork = new PgUnitOfWork(pool);
    this.bus = new PgBus({
      connectionString: options.databaseUrl,
      owner: options.owner,
      db: () => this.unitOfWork.db(),
      transaction: () => this.unitOfWork.current(),
      logger: options.logger,
    });
    this.botState = new PgBotStorage(() => this.unitOfWork.db());
    this.turnLocks = new PgTurnLocks(lockPool);
    this.bus.subscribe(CHANGES_CHANNEL, (message, meta) => this.announced(message, meta.local));
    this.bus.onResync(() => void this.resync());
  }

  /** Connect, migrate the schema and start the bus; anything wrong stops start-up with a clear error. */
  static async open(options: PgStoresOptions): Promise<PgStores> {
    const { logger } = options;
    const onIdleError = (err: Error) => logger.warn({ err }, 'PostgreSQL: a connection failed');
    const pool = createPool(
      {
        connectionString: options.databaseUrl,
        max: options.poolMax,
        applicationName: `firstline ${options.instanceId}`,
      },
      onIdleError,
    );
    const lockPool = createPool(
      {
        connectionString: options.databaseUrl,
        max: options.poolMax,
        applicationName: `firstline-turns ${options.instanceId}`,
      },
      onIdleError,
    );
    try {
      const migrations = await migrate(pool, logger);
      const stores = new PgStores(options, pool, lockPool, migrations);
      await stores.bus.start();
      logger.info(
        { schema: migrations.version, applied: migrations.applied.length },
        'PostgreSQL store ready',
      );
      return stores;
    } catch (err) {
      await Promise.all([pool.end(), lockPool.end()]).catch(() => undefined);
      throw err;
    }
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  async open<T extends Identified, I extends string>(spec: CollectionSpec<T, I>): Promise<Repository<T, I>> {
    const name = checkCollectionName(spec.name);
    if (this.repositories.has(name)) throw new Error(`PgStores: collection ${name} is opened twice`);
    const repo = new PgRepository<T, I>(spec, {
      unitOfWork: this.unitOfWork,
      owner: this.options.owner,
      reportError: (err, message) => this.options.logger.error({ err, collection: name }, message),
      validateWrites: this.options.validateWrites ?? true,
    });
    // Registered before loading: announcements that arrive meanwhile are applied after the load.
    this.repositories.set(name, repo);
    try {
      return await repo.open();
    } catch (err) {
      this.repositories.delete(name);
      throw err;
    }
  }

  documents<T>(name: string): KeyedDocuments<T> {
    return new PgDocuments<T>(checkCollectionName(name), this.unitOfWork);
  }

  transaction<R>(work: () => Promise<R>): Promise<R> {
    return this.unitOfWork.transaction(work);
  }

  ready(): boolean {
    return this.bus.connected;
  }

  async close(): Promise<void> {
    await this.bus.close();
    await Promise.all([this.pool.end(), this.lockPool.end()]);
  }

  private announced(message: unknown, local: boolean): void {
    if (!isChange(message)) return;
    this.repositories.get(message.c)?.announced(message, local);
  }

  private async resync(): Promise<void> {
    for (const [name, repo] of this.repositories) {
      await repo
        .resync()
        .catch((err: unknown) =>
          this.options.logger.error({ err, collection: name }, 'PostgreSQL: resync of a view failed'),
        );
    }
  }
}

function isChange(message: unknown): message is ChangeMessage {
  const m = message as Partial<ChangeMessage> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.c === 'string' &&
    typeof m.id === 'string' &&
    typeof m.v === 'number'
  );
}
