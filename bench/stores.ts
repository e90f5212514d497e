import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startChildServer, type ChildServer } from './child.js';

/** The server the bench's PostgreSQL database is created on (`BENCH_DATABASE_URL` or the test default). */
const ADMIN_URL =
  process.env['BENCH_ADMIN_DATABASE_URL'] ??
  process.env['TEST_DATABASE_URL'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A Firstline on each store: lowdb on a fresh data directory, PostgreSQL on a fresh database — there
 * `instances` Firstline processes share the one database (a cluster; `postgres` is the first of them).
 */
export interface StorePair {
  lowdb: ChildServer;
  postgres: ChildServer;
  cluster: ChildServer[];
  close(): Promise<void>;
}

/** Start both, or undefined (with the reason) when PostgreSQL cannot be reached. */
export async function startStorePair(instances = 1): Promise<StorePair | string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (err) {
    return `PostgreSQL not reachable at ${ADMIN_URL.replace(/:[^:@/]*@/, ':***@')} (${(err as Error).message})`;
  }
  const name = `firstline_bench_${process.pid}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const dirs = await Promise.all(
    ['lowdb', ...Array.from({ length: instances }, (_, i) => `pg${i}`)].map((k) =>
      mkdtemp(path.join(os.tmpdir(), `firstline-bench-${k}-`)),
    ),
  );
  const [lowdbDir, ...pgDirs] = dirs as [string, ...string[]];
  let lowdb: ChildServer | undefined;
  const cluster: ChildServer[] = [];
  const close = async () => {
    await Promise.all([lowdb?.stop(), ...cluster.map((s) => s.stop())]);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  };
  try {
    lowdb = await startChildServer('firstline', { dataDir: lowdbDir, fsync: true });
    // One after the other: the first runs the schema migrations.
    for (const dataDir of pgDirs)
      cluster.push(
        await startChildServer('firstline', { dataDir, fsync: true, databaseUrl: url.toString() }),
      );
  } catch (err) {
    await close();
    throw err;
  }
  return { lowdb, postgres: cluster[0]!, cluster, close };
}
