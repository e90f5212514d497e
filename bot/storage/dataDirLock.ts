import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Another live process already serves this DATA_DIR. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`DATA_DIR ${dataDir} is in use by process ${pid}; run one Firstline per data directory`);
    this.name = 'DataDirInUseError';
  }
}

/**
 * One process per data directory: repositories index their records in memory, so a second
 * writer would work on stale indexes. A lock file holds the owner's pid; a lock left by a process
 * that died (kill -9) is taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    await mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, 'firstline.lock');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const handle = await open(file, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        return new DataDirLock(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
        if (owner && owner !== process.pid && isAlive(owner)) throw new DataDirInUseError(dataDir, owner);
        await unlink(file).catch(() => undefined);
      }
    }
    throw new Error(`DataDirLock: could not lock ${dataDir}`);
  }

  async release(): Promise<void> {
    await unlink(this.file).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
