import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';

/** A throw-away PostgreSQL database with the Direct Line tables, for one test file. */
export interface TestDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  /** Ends the pool and drops the database. */
  drop(): Promise<void>;
}

const ADMIN = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };
const MIGRATION = new URL('../../bot/storage/postgres/migrations/0100_directline.sql', import.meta.url);

/**
 * Why PostgreSQL tests must be skipped, or undefined when the server on 127.0.0.1:5432 answers. In CI a missing
 * server is a failure, not a skip.
 */
export async function postgresSkipReason(): Promise<string | undefined> {
  const client = new pg.Client({ ...ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return undefined;
  } catch (err) {
    if (process.env.CI) throw err;
    return `PostgreSQL is not reachable on 127.0.0.1:5432 (${(err as Error).message}); PostgreSQL tests skipped`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates `firstline_directline_<random>`, applies `0100_directline.sql` to it (the migration runner of the
 * `postgres` branch does this at start-up in production) and opens a pool on it.
 */
export async function createTestDatabase(poolSize = 10): Promise<TestDatabase> {
  const name = `firstline_directline_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(ADMIN);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = `postgres://${ADMIN.user}@${ADMIN.host}:${ADMIN.port}/${name}`;
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client cut off when the database is dropped must not crash the test run.
  pool.on('error', () => undefined);
  await pool.query(await readFile(MIGRATION, 'utf8'));
  return {
    name,
    url,
    pool,
    drop: async () => {
      await pool.end();
      const dropper = new pg.Client(ADMIN);
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
