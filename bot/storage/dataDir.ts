import { readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parseEnvelope, type Envelope } from './durableJsonFile.js';
import { DataDirCorruptError, DataFileCorruptError } from './errors.js';

/** Sub-directories of DATA_DIR, one per kind of data. */
export const DATA_LAYOUT = {
  state: 'state',
  records: 'records',
  /** Keyed documents (`Stores.documents(name)`), one sub-directory per name. */
  documents: 'documents',
  cache: 'cache',
} as const;

/**
 * What {@link verifyDataDir} checked. The record files' envelopes are kept until a repository
 * {@link VerifiedDataDir.take}s them, so start-up reads and checksums each file once.
 */
export interface VerifiedDataDir {
  /** How many data files were verified. */
  readonly count: number;
  /** The verified envelope of `file` (once; later calls and other files give undefined). */
  take(file: string): Envelope<unknown> | undefined;
}

/**
 * Check every data file under `dataDir` before the bot serves a turn: a torn or corrupted file
 * stops start-up with a {@link DataDirCorruptError} naming each file — it is never replaced by an
 * empty database. Leftover `*.tmp` files from a crash mid-write were never acknowledged and are
 * removed.
 */
export async function verifyDataDir(dataDir: string): Promise<VerifiedDataDir> {
  const problems: DataFileCorruptError[] = [];
  const records = new Map<string, Envelope<unknown>>();
  const recordsDir = path.join(path.resolve(dataDir), DATA_LAYOUT.records) + path.sep;
  let verified = 0;
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const files: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== DATA_LAYOUT.cache) await walk(full);
      } else if (entry.name.endsWith('.tmp')) await unlink(full);
      else if (entry.name.endsWith('.json')) files.push(full);
    }
    for (let i = 0; i < files.length; i += 128) {
      await Promise.all(
        files.slice(i, i + 128).map(async (file) => {
          try {
            const env = parseEnvelope(file, await readFile(file, 'utf8'));
            verified += 1;
            if (path.resolve(file).startsWith(recordsDir)) records.set(path.resolve(file), env);
          } catch (err) {
            if (err instanceof DataFileCorruptError) problems.push(err);
            else throw err;
          }
        }),
      );
    }
  };
  await walk(dataDir);
  if (problems.length > 0) throw new DataDirCorruptError(problems);
  return {
    count: verified,
    take(file) {
      const key = path.resolve(file);
      const env = records.get(key);
      records.delete(key);
      return env;
    },
  };
}
