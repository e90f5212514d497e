import { readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parseEnvelope } from './durableJsonFile.js';
import { DataDirCorruptError, DataFileCorruptError } from './errors.js';

/** Sub-directories of DATA_DIR, one per kind of data. */
export const DATA_LAYOUT = {
  state: 'state',
  records: 'records',
  cache: 'cache',
} as const;

/**
 * Check every data file under `dataDir` before the bot serves a turn: a torn or corrupted file
 * stops start-up with a {@link DataDirCorruptError} naming each file — it is never replaced by an
 * empty database. Leftover `*.tmp` files from a crash mid-write were never acknowledged and are
 * removed. Returns how many files were verified.
 */
export async function verifyDataDir(dataDir: string): Promise<number> {
  const problems: DataFileCorruptError[] = [];
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
            parseEnvelope(file, await readFile(file, 'utf8'));
            verified += 1;
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
  return verified;
}
