import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import type { Logger } from 'pino';

/** Where the SQL migrations live: `NNNN_<name>.sql`, applied in number order. */
export const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

/** The table that records which migrations a database has. */
export const SCHEMA_TABLE = 'firstline_schema';

/** Taken (session-level) while migrating, so instances starting together apply each migration once. */
const MIGRATION_LOCK = "hashtextextended('firstline:migrations', 0)";

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** One versioned SQL file. */
export interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
  /** sha256 of the file: an applied migration must never change. */
  checksum: string;
}

/** The database was migrated by a newer Firstline than this one: running would misread its data. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly knownVersion: number,
    readonly migration: string,
  ) {
    super(
      `PostgreSQL schema is at version ${databaseVersion} (${migration}) but this Firstline knows migrations up to ` +
        `${knownVersion}; refusing to start — run the newer Firstline, or point DATABASE_URL at another database`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** The database and the migration files disagree (a file changed after it was applied, or is missing). */
export class MigrationMismatchError extends Error {
  constructor(message: string) {
    super(`PostgreSQL schema: ${message}`);
    this.name = 'MigrationMismatchError';
  }
}

/** A migration failed; it was rolled back and nothing after it was applied. */
export class MigrationFailedError extends Error {
  constructor(
    readonly migration: string,
    cause: Error,
  ) {
    super(`PostgreSQL migration ${migration} failed and was rolled back: ${cause.message}`, { cause });
    this.name = 'MigrationFailedError';
  }
}

/** Read every migration file of `dir`, in version order; a badly named file or a duplicate number throws. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const file of files) {
    const match = FILE.exec(file);
    if (!match) throw new Error(`migrations: ${path.join(dir, file)} is not named NNNN_<name>.sql`);
    const version = Number(match[1]);
    const previous = out.at(-1);
    if (previous?.version === version)
      throw new Error(`migrations: ${previous.file} and ${file} have the same number ${match[1]}`);
    const sql = await readFile(path.join(dir, file), 'utf8');
    out.push({
      version,
      name: match[2] as string,
      file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  return out;
}

/** What {@link migrate} did. */
export interface MigrationResult {
  /** The files applied now, in order. */
  applied: string[];
  /** The schema version after it (0: no migration at all). */
  version: number;
}

/**
 * Bring the database's schema up to date at start-up: every migration not applied yet runs in its own
 * transaction (the file and its row in {@link SCHEMA_TABLE} commit together). An advisory lock makes
 * instances starting together wait for each other, so each file runs once. A database migrated by newer
 * code ({@link SchemaTooNewError}) or whose applied migrations differ from the files
 * ({@link MigrationMismatchError}) is refused before anything is changed.
 */
export async function migrate(
  pool: pg.Pool,
  logger: Pick<Logger, 'info'>,
  migrations?: readonly Migration[],
): Promise<MigrationResult> {
  const known = migrations ?? (await readMigrations());
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    const result = await applyMissing(client, known, logger);
    await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    client.release();
    return result;
  } catch (err) {
    // The connection is closed rather than reused: that ends any transaction and releases the lock.
    client.release(true);
    throw err;
  }
}

async function applyMissing(
  client: pg.PoolClient,
  known: readonly Migration[],
  logger: Pick<Logger, 'info'>,
): Promise<MigrationResult> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${SCHEMA_TABLE} (
       version integer PRIMARY KEY,
       name text NOT NULL,
       checksum text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
    `SELECT version, name, checksum FROM ${SCHEMA_TABLE} ORDER BY version`,
  );
  check(rows, known);
  const done = new Set(rows.map((r) => r.version));
  const applied: string[] = [];
  for (const m of known) {
    if (done.has(m.version)) continue;
    try {
      await client.query('BEGIN');
      await client.query(m.sql);
      await client.query(`INSERT INTO ${SCHEMA_TABLE} (version, name, checksum) VALUES ($1, $2, $3)`, [
        m.version,
        m.name,
        m.checksum,
      ]);
      await client.query('COMMIT');
    } catch (err) {
      throw new MigrationFailedError(m.file, err as Error);
    }
    applied.push(m.file);
    logger.info({ migration: m.file }, 'PostgreSQL migration applied');
  }
  const version = Math.max(0, ...rows.map((r) => r.version), ...known.map((m) => m.version));
  return { applied, version };
}

/** Refuse a database whose applied migrations this code does not know, or knows differently. */
function check(
  rows: ReadonlyArray<{ version: number; name: string; checksum: string }>,
  known: readonly Migration[],
): void {
  const byVersion = new Map(known.map((m) => [m.version, m]));
  const newestKnown = known.at(-1)?.version ?? 0;
  const newestApplied = rows.at(-1);
  if (newestApplied && newestApplied.version > newestKnown) {
    throw new SchemaTooNewError(
      newestApplied.version,
      newestKnown,
      `${String(newestApplied.version).padStart(4, '0')}_${newestApplied.name}`,
    );
  }
  for (const row of rows) {
    const file = byVersion.get(row.version);
    const name = `${String(row.version).padStart(4, '0')}_${row.name}`;
    if (!file) throw new MigrationMismatchError(`migration ${name} is applied but its file is missing`);
    if (file.checksum !== row.checksum)
      throw new MigrationMismatchError(
        `${file.file} changed after it was applied (add a new migration instead)`,
      );
  }
}
