import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { DATA_LAYOUT } from '../../bot/storage/dataDir.js';
import { JOURNAL_DIR } from '../../bot/storage/journalSegment.js';
import { tableOf } from '../../bot/storage/postgres/database.js';
import { openStores } from '../../bot/storage/openStores.js';
import type { StorageKind, Stores } from '../../bot/storage/stores.js';

/**
 * The store the test suites run on: `TEST_STORAGE=postgres npm test` runs them on PostgreSQL (each test
 * server on a database of its own, created for it and dropped after), anything else on lowdb.
 */
export const TEST_STORAGE: StorageKind = process.env['TEST_STORAGE'] === 'postgres' ? 'postgres' : 'lowdb';

/** The server the test databases are created on (any database of it; default the local `postgres`). */
export const TEST_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Databases created by this test process, dropped when it ends (root hook below). */
const created = new Set<string>();

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The test database of a data directory: one per directory, so a restart on it finds the same data. */
export function databaseNameFor(dataDir: string): string {
  return `firstline_t_${createHash('sha1').update(path.resolve(dataDir)).digest('hex').slice(0, 20)}`;
}

async function withAdmin<R>(work: (client: pg.Client) => Promise<R>): Promise<R> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Create database `name` unless it exists; returns its URL. */
export async function createDatabase(name: string): Promise<string> {
  if (!created.has(name)) {
    await withAdmin(async (client) => {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    });
    created.add(name);
  }
  return databaseUrl(name);
}

/** Drops under way: a DROP DATABASE waits for a checkpoint, so tests do not wait for it; the run's end does. */
const dropping = new Set<Promise<void>>();

/** Drop database `name` in the background (connections still open to it are ended); the run waits at its end. */
export async function dropDatabase(name: string): Promise<void> {
  created.delete(name);
  const drop: Promise<void> = withAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  }).finally(() => dropping.delete(drop));
  dropping.add(drop);
}

/** A fresh uniquely named database for one test; drop it with {@link dropDatabase}. */
export async function freshDatabase(label = 'x'): Promise<{ name: string; url: string }> {
  const name = `firstline_t_${label}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  return { name, url: await createDatabase(name) };
}

/**
 * The environment that puts a Firstline on the test store for `dataDir`: nothing for lowdb (DATA_DIR does),
 * `STORAGE=postgres` and the directory's own database (created now) for PostgreSQL.
 */
export async function storageEnv(dataDir: string): Promise<Record<string, string>> {
  if (TEST_STORAGE === 'lowdb') return {};
  return {
    STORAGE: 'postgres',
    DATABASE_URL: await createDatabase(databaseNameFor(dataDir)),
    // Direct Line's store keeps one of them for its LISTEN.
    DATABASE_POOL_MAX: '5',
  };
}

/** Forget the store of `dataDir` (PostgreSQL: drop its database). */
export async function dropStorage(dataDir: string): Promise<void> {
  if (TEST_STORAGE === 'postgres') await dropDatabase(databaseNameFor(dataDir));
}

/** The test store of a (stopped) server's data directory, opened directly, e.g. to plant a record. */
export async function openTestStores(dataDir: string): Promise<Stores> {
  const env = await storageEnv(dataDir);
  return openStores(
    {
      STORAGE: TEST_STORAGE,
      DATA_DIR: dataDir,
      DATA_FSYNC: false,
      DATA_VALIDATE_WRITES: true,
      DATABASE_URL: env['DATABASE_URL'],
      DATABASE_POOL_MAX: 2,
      INSTANCE_ID: 'test-tool',
      CLAIM_LEASE_MS: 600_000,
    },
    pino({ level: 'silent' }),
  );
}

/** Every stored record of a collection as text (files or rows), to check what never reaches the store. */
export async function storedText(dataDir: string, collection: string): Promise<string> {
  if (TEST_STORAGE === 'lowdb') {
    // The record files, and the journal lines not checkpointed into them yet.
    const texts: string[] = [];
    for (const dir of [
      path.join(dataDir, DATA_LAYOUT.records, collection),
      path.join(dataDir, JOURNAL_DIR),
    ]) {
      const files = await readdir(dir).catch(() => []);
      for (const f of files) texts.push(await readFile(path.join(dir, f), 'utf8'));
    }
    return texts.join('\n');
  }
  const client = new pg.Client({ connectionString: databaseUrl(databaseNameFor(dataDir)) });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ text: string }>(
      `SELECT id || ' ' || data::text AS text FROM ${tableOf(collection)}`,
    );
    return rows.map((r) => r.text).join('\n');
  } finally {
    await client.end();
  }
}

/**
 * `describe`, or — on the other store — `describe.skip` with the reason in its title, for suites that test
 * one store's own mechanics (lowdb's journal and files, PostgreSQL's migrations and locks).
 */
export function describeOn(
  storage: StorageKind,
  reason: string,
): (title: string, body: (this: Mocha.Suite) => void) => Mocha.Suite | void {
  return storage === TEST_STORAGE
    ? (title, body) => describe(title, body)
    : (title, body) => describe.skip(`${title} [${storage} only: ${reason}]`, body);
}

// Databases a test did not drop itself (servers restarted on a kept data directory) go when the run ends.
if (typeof after === 'function')
  after(async function () {
    this.timeout(120_000);
    for (const name of [...created]) await dropDatabase(name);
    const failed = (await Promise.allSettled([...dropping])).filter((r) => r.status === 'rejected');
    if (failed.length > 0) throw new Error(`${failed.length} test database(s) could not be dropped`);
  });
