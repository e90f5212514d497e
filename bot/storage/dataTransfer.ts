import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { DATA_LAYOUT, verifyDataDir } from './dataDir.js';
import { DataDirLock } from './dataDirLock.js';
import { DocumentStore, listDataFiles } from './documentStore.js';
import { DirectorySync, encodeEnvelope, parseEnvelope, writeFileDurably } from './durableJsonFile.js';
import { Journal } from './journal.js';
import { createPool, jsonbText, tableOf } from './postgres/database.js';
import { migrate } from './postgres/migrations.js';

/** What a transfer moved: records per collection, bot-state items, documents per collection. */
export interface TransferCounts {
  collections: Record<string, number>;
  botState: number;
  documents: Record<string, number>;
}

/** The target already holds data: a transfer never merges into, or overwrites, existing data. */
export class TransferTargetNotEmptyError extends Error {
  constructor(
    readonly target: string,
    readonly found: string,
  ) {
    super(`${target} is not empty (${found}); transfer into an empty database or data directory`);
    this.name = 'TransferTargetNotEmptyError';
  }
}

/** One stored item, as both stores can hold it: the key, the payload, and (bot state, documents) its eTag. */
interface Item {
  key: string;
  etag: string;
  data: unknown;
}

/** Everything a store holds. */
interface Snapshot {
  collections: Map<string, Item[]>;
  botState: Item[];
  documents: Map<string, Item[]>;
}

const BATCH = 500;

/**
 * `npm run data:export`: copy every collection, the bot state and the keyed documents of a lowdb data
 * directory into an empty PostgreSQL database (migrated first). The directory is locked while it is read
 * (no Firstline may run on it) and the journal is replayed first, so nothing acknowledged is left behind;
 * every file is verified (checksums). The database is written in one transaction: all or nothing. Bot-state
 * and document eTags are kept; records get fresh versions.
 */
export async function exportToPostgres(options: {
  dataDir: string;
  databaseUrl: string;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}): Promise<TransferCounts> {
  const dataDir = path.resolve(options.dataDir);
  const lock = await DataDirLock.acquire(dataDir);
  let snapshot: Snapshot;
  try {
    const { journal } = await Journal.open(dataDir, { logger: options.logger });
    await journal.close();
    await verifyDataDir(dataDir);
    snapshot = await readDataDir(dataDir);
  } finally {
    await lock.release();
  }
  const pool = createPool(
    { connectionString: options.databaseUrl, max: 1, applicationName: 'firstline-export' },
    (err) => options.logger.warn({ err }, 'PostgreSQL: a connection failed'),
  );
  try {
    await migrate(pool, options.logger);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await refuseNonEmptyDatabase(client, [...snapshot.collections.keys()].map(tableOf));
      for (const [collection, items] of snapshot.collections) {
        for (let i = 0; i < items.length; i += BATCH) {
          const batch = items.slice(i, i + BATCH);
          await client.query(
            `INSERT INTO ${tableOf(collection)} (id, data, version)
             SELECT id, data::jsonb, nextval('firstline_version') FROM unnest($1::text[], $2::text[]) AS x(id, data)`,
            [batch.map((r) => r.key), batch.map((r) => jsonbText(r.data))],
          );
        }
      }
      for (let i = 0; i < snapshot.botState.length; i += BATCH) {
        const batch = snapshot.botState.slice(i, i + BATCH);
        await client.query(
          `INSERT INTO bot_state (key, etag, data)
           SELECT key, etag, data::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS x(key, etag, data)`,
          [batch.map((r) => r.key), batch.map((r) => r.etag), batch.map((r) => jsonbText(r.data))],
        );
      }
      for (const [collection, items] of snapshot.documents) {
        for (let i = 0; i < items.length; i += BATCH) {
          const batch = items.slice(i, i + BATCH);
          await client.query(
            `INSERT INTO documents (collection, key, etag, data)
             SELECT $1, key, etag, data::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS x(key, etag, data)`,
            [
              collection,
              batch.map((r) => r.key),
              batch.map((r) => r.etag),
              batch.map((r) => jsonbText(r.data)),
            ],
          );
        }
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
  return counts(snapshot);
}

/**
 * `npm run data:import`: copy everything of a PostgreSQL database (one consistent snapshot) into an empty
 * lowdb data directory — every collection table, the bot state and the keyed documents, with their eTags.
 * The directory is locked while it is written, and every file is written durably.
 */
export async function importFromPostgres(options: {
  databaseUrl: string;
  dataDir: string;
  fsync?: boolean;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}): Promise<TransferCounts> {
  const snapshot = await readDatabase(options.databaseUrl);
  const dataDir = path.resolve(options.dataDir);
  const lock = await DataDirLock.acquire(dataDir);
  try {
    await refuseNonEmptyDataDir(dataDir);
    const fsync = options.fsync ?? true;
    for (const [collection, items] of snapshot.collections)
      await writeItems(path.join(dataDir, DATA_LAYOUT.records, collection), items, fsync);
    await writeItems(path.join(dataDir, DATA_LAYOUT.state), snapshot.botState, fsync);
    for (const [collection, items] of snapshot.documents)
      await writeItems(path.join(dataDir, DATA_LAYOUT.documents, collection), items, fsync);
  } finally {
    await lock.release();
  }
  return counts(snapshot);
}

/** Everything a lowdb data directory holds (its files verified by the caller). */
async function readDataDir(dataDir: string): Promise<Snapshot> {
  const readDir = async (dir: string): Promise<Item[]> => {
    const items: Item[] = [];
    for (const file of await listDataFiles(dir)) {
      const env = parseEnvelope(file, await readFile(file, 'utf8'));
      items.push({ key: env.key, etag: env.etag, data: env.data });
    }
    return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  };
  const readGroups = async (dir: string): Promise<Map<string, Item[]>> => {
    const groups = new Map<string, Item[]>();
    for (const name of (await subdirectories(dir)).sort())
      groups.set(name, await readDir(path.join(dir, name)));
    return groups;
  };
  return {
    collections: await readGroups(path.join(dataDir, DATA_LAYOUT.records)),
    botState: await readDir(path.join(dataDir, DATA_LAYOUT.state)),
    documents: await readGroups(path.join(dataDir, DATA_LAYOUT.documents)),
  };
}

/** Everything a PostgreSQL database holds, read in one repeatable-read snapshot. */
async function readDatabase(databaseUrl: string): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'firstline-import' });
  // A lost connection fails the query under way; no unhandled 'error' event besides.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Collection tables are the ones with the collection core: id, version, data.
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name IN ('id', 'version', 'data')
       GROUP BY table_name HAVING count(*) = 3 ORDER BY table_name`,
    );
    const collections = new Map<string, Item[]>();
    for (const { table_name: table } of tables) {
      const collection = table.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
      if (tableOf(collection) !== table)
        throw new Error(`data:import: table ${table} has no collection name`);
      const { rows } = await client.query<{ id: string; data: unknown }>(
        `SELECT id, data FROM ${table} ORDER BY id COLLATE "C"`,
      );
      if (rows.length > 0)
        collections.set(
          collection,
          rows.map((r) => ({ key: r.id, etag: '', data: r.data })),
        );
    }
    const { rows: state } = await client.query<{ key: string; etag: string; data: unknown }>(
      'SELECT key, etag, data FROM bot_state ORDER BY key COLLATE "C"',
    );
    const { rows: docs } = await client.query<{
      collection: string;
      key: string;
      etag: string;
      data: unknown;
    }>('SELECT collection, key, etag, data FROM documents ORDER BY collection COLLATE "C", key COLLATE "C"');
    const documents = new Map<string, Item[]>();
    for (const d of docs) {
      let list = documents.get(d.collection);
      if (!list) documents.set(d.collection, (list = []));
      list.push({ key: d.key, etag: d.etag, data: d.data });
    }
    await client.query('COMMIT');
    return { collections, botState: state, documents };
  } finally {
    await client.end();
  }
}

/** Write items as lowdb data files of one directory (the names a DocumentStore gives them). */
async function writeItems(dir: string, items: readonly Item[], fsync: boolean): Promise<void> {
  const names = new DocumentStore<unknown>(dir);
  const dirSync = new DirectorySync(dir);
  for (let i = 0; i < items.length; i += 32) {
    await Promise.all(
      items.slice(i, i + 32).map((item) => {
        const etag = item.etag || `import-${(i + 1).toString(36)}`;
        return writeFileDurably(
          names.fileFor(item.key),
          encodeEnvelope(item.key, etag, item.data).text,
          fsync,
          dirSync,
        );
      }),
    );
  }
}

async function refuseNonEmptyDatabase(client: pg.PoolClient, tables: readonly string[]): Promise<void> {
  const { rows: existing } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name IN ('id', 'version', 'data')
     GROUP BY table_name HAVING count(*) = 3`,
  );
  const known = new Set(existing.map((r) => r.table_name));
  const missing = tables.filter((t) => !known.has(t));
  if (missing.length > 0)
    throw new Error(
      `data:export: no table for collection(s) ${missing.join(', ')} — is a migration missing?`,
    );
  for (const table of [...known, 'bot_state', 'documents'].sort()) {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${pg.escapeIdentifier(table)}`,
    );
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) throw new TransferTargetNotEmptyError('the target database', `table ${table} has ${n} row(s)`);
  }
}

async function refuseNonEmptyDataDir(dataDir: string): Promise<void> {
  for (const part of [DATA_LAYOUT.records, DATA_LAYOUT.state, DATA_LAYOUT.documents]) {
    const dir = path.join(dataDir, part);
    const stack = [dir];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      let entries;
      try {
        entries = await readdir(current, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      for (const entry of entries) {
        if (entry.isDirectory()) stack.push(path.join(current, entry.name));
        else if (entry.name.endsWith('.json'))
          throw new TransferTargetNotEmptyError(
            `the data directory ${dataDir}`,
            `${path.join(current, entry.name)} exists`,
          );
      }
    }
  }
}

async function subdirectories(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** What was moved (collections with nothing in them are not listed). */
function counts(snapshot: Snapshot): TransferCounts {
  const sizes = (groups: Map<string, Item[]>) =>
    Object.fromEntries(
      [...groups].filter(([, items]) => items.length > 0).map(([name, items]) => [name, items.length]),
    );
  return {
    collections: sizes(snapshot.collections),
    botState: snapshot.botState.length,
    documents: sizes(snapshot.documents),
  };
}
