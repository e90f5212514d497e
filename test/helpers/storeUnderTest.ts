import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { openStores } from '../../bot/storage/openStores.js';
import { tableOf } from '../../bot/storage/postgres/database.js';
import type { StorageKind, Stores } from '../../bot/storage/stores.js';
import { dropDatabase, freshDatabase, TEST_STORAGE } from './testStorage.js';

/** One store's data (a data directory, or a database) that store instances are opened on. */
export interface StoreUnderTest {
  readonly kind: StorageKind;
  readonly dataDir: string;
  /**
   * A new store instance on the same data: a restart (lowdb: close the previous one first — one process per
   * data directory), or (PostgreSQL) another instance running next to the others.
   */
  open(options?: { leaseMs?: number; instanceId?: string }): Promise<Stores>;
  /** PostgreSQL: create the tables of collections only tests have (Firstline's own come with the migrations). */
  withTables(stores: Stores, collections: readonly string[]): Promise<Stores>;
  /** Close every instance opened and remove the data. */
  cleanup(): Promise<void>;
}

/** Fresh data on the test store (`TEST_STORAGE`), or on `kind`. */
export async function storeUnderTest(kind: StorageKind = TEST_STORAGE): Promise<StoreUnderTest> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'fl-store-'));
  const db = kind === 'postgres' ? await freshDatabase('store') : undefined;
  const opened: Stores[] = [];
  return {
    kind,
    dataDir,
    async open(options = {}) {
      const stores = await openStores(
        {
          STORAGE: kind,
          DATA_DIR: dataDir,
          DATA_FSYNC: false,
          DATA_VALIDATE_WRITES: true,
          DATABASE_URL: db?.url,
          DATABASE_POOL_MAX: 3,
          INSTANCE_ID: options.instanceId ?? `test-${opened.length + 1}`,
          CLAIM_LEASE_MS: options.leaseMs ?? 600_000,
        },
        pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
      );
      opened.push(stores);
      return stores;
    },
    async withTables(stores, collections) {
      for (const name of collections)
        await stores.pool?.query('SELECT firstline_create_collection($1)', [tableOf(name)]);
      return stores;
    },
    async cleanup() {
      for (const stores of opened.splice(0)) await stores.close().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
      if (db) await dropDatabase(db.name);
    },
  };
}
