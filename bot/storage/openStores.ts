import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { JournalIo } from './journal.js';
import { LowdbStores } from './lowdbStores.js';
import { PgStores } from './postgres/pgStores.js';
import type { StorageKind, Stores } from './stores.js';

/** What {@link openStores} needs from the configuration. */
export interface StoresConfig {
  STORAGE: StorageKind;
  DATA_DIR: string;
  DATA_FSYNC: boolean;
  DATA_VALIDATE_WRITES: boolean;
  DATABASE_URL?: string | undefined;
  DATABASE_POOL_MAX: number;
  INSTANCE_ID?: string | undefined;
  CLAIM_LEASE_MS: number;
}

/** `INSTANCE_ID`, or `<hostname>-<pid>`. */
export function instanceIdOf(config: Pick<StoresConfig, 'INSTANCE_ID'>): string {
  return config.INSTANCE_ID ?? `${os.hostname()}-${process.pid}`;
}

/** Open the store the configuration chooses (the only place that knows both). */
export async function openStores(
  config: StoresConfig,
  logger: Logger,
  seams: { journalIo?: JournalIo } = {},
): Promise<Stores> {
  const instanceId = instanceIdOf(config);
  // Unique per start: a restarted instance with the same INSTANCE_ID never takes its old claims for live ones.
  const owner = `${instanceId}#${randomBytes(4).toString('hex')}`;
  if (config.STORAGE === 'postgres') {
    if (!config.DATABASE_URL) throw new Error('STORAGE=postgres needs DATABASE_URL');
    return PgStores.open({
      databaseUrl: config.DATABASE_URL,
      instanceId,
      owner,
      leaseMs: config.CLAIM_LEASE_MS,
      poolMax: config.DATABASE_POOL_MAX,
      logger,
      validateWrites: config.DATA_VALIDATE_WRITES,
    });
  }
  return LowdbStores.open({
    dataDir: config.DATA_DIR,
    fsync: config.DATA_FSYNC,
    validateWrites: config.DATA_VALIDATE_WRITES,
    instanceId,
    owner,
    leaseMs: config.CLAIM_LEASE_MS,
    logger,
    ...(seams.journalIo ? { journalIo: seams.journalIo } : {}),
  });
}
