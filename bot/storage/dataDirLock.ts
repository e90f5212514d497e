import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

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

/** The data directory cannot be created or written (read-only mount, permissions, full disk). */
export class DataDirNotWritableError extends Error {
  constructor(
    readonly dataDir: string,
    readonly code: string,
    cause: Error,
  ) {
    super(`DATA_DIR ${dataDir} is not writable (${code}): ${cause.message}`);
    this.name = 'DataDirNotWritableError';
  }
}

const LOCK_FILE = 'firstline.lock';
/** How many takeovers may be interrupted by crashes in a row before giving up. */
const MAX_TAKEOVER_DEPTH = 8;
/** Tries before giving up on a lock that keeps changing hands. */
const ATTEMPTS = 32;
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

/** Who holds a lock: pid plus this process's start time, so a reused pid is not mistaken for us. */
interface Owner {
  pid: number;
  started?: number;
}

const STARTED = performance.timeOrigin;

/**
 * One process per data directory: repositories index their records in memory, so a second
 * writer would work on stale indexes (and delete the first one's journal segments).
 *
 * The lock file is created complete and atomically: the owner's JSON (`pid`, start time, a nonce)
 * is written to a file of its own and hard-linked into place, so no reader ever sees an empty or
 * half-written lock, and of many simultaneous `link`s exactly one succeeds. A lock whose owner is
 * dead (kill -9) is taken over race-free: only the process that creates the takeover marker named
 * after that exact lock's content may replace it (by rename), after checking it is still that
 * content; a marker left by a process that died mid-takeover is itself taken over the same way.
 */
export class DataDirLock {
  private constructor(
    private readonly file: string,
    private readonly content: string,
  ) {}

  /**
   * Lock `dataDir` (created if missing).
   * @throws DataDirInUseError when a live process holds it; DataDirNotWritableError (naming the
   * directory and EACCES/EROFS/…) when it cannot be written.
   */
  static async acquire(dataDir: string): Promise<DataDirLock> {
    try {
      await mkdir(dataDir, { recursive: true });
    } catch (err) {
      throw asNotWritable(dataDir, err);
    }
    const file = path.join(dataDir, LOCK_FILE);
    const content = JSON.stringify({
      pid: process.pid,
      started: STARTED,
      nonce: randomBytes(8).toString('hex'),
    });
    await claim(dataDir, file, content, 0);
    return new DataDirLock(file, content);
  }

  /** Remove the lock file, if it is still ours. */
  async release(): Promise<void> {
    if ((await readIfExists(this.file)) === this.content) await unlink(this.file).catch(() => undefined);
  }
}

/** Make `file` hold `content`, taking over a stale holder; see {@link DataDirLock}. */
async function claim(dataDir: string, file: string, content: string, depth: number): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (await createOnly(dataDir, file, content)) return;
    const seen = await readIfExists(file);
    if (seen === undefined) continue; // released meanwhile: try again
    const owner = ownerOf(seen);
    if (owner && isAlive(owner)) throw new DataDirInUseError(dataDir, owner.pid);
    if (depth >= MAX_TAKEOVER_DEPTH) break;
    // Stale. Whoever holds the marker for exactly this content is the only one allowed to replace it.
    const marker = `${file}.takeover-${createHash('sha256').update(seen).digest('hex').slice(0, 16)}`;
    try {
      await claim(dataDir, marker, content, depth + 1);
    } catch (err) {
      // Another live process is taking over (or checking) right now: look again in a moment.
      if (!(err instanceof DataDirInUseError) || attempt === ATTEMPTS - 1) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 + attempt * 5));
      continue;
    }
    try {
      if ((await readIfExists(file)) === seen) {
        await replace(dataDir, file, content);
        return;
      }
    } finally {
      await unlink(marker).catch(() => undefined);
    }
  }
  throw new Error(`DataDirLock: could not lock ${dataDir}: ${file} keeps changing`);
}

/** Create `file` with `content` only if it does not exist (write aside, then link); false if it exists. */
async function createOnly(dataDir: string, file: string, content: string): Promise<boolean> {
  const aside = await writeAside(dataDir, file, content);
  try {
    await link(aside, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw asNotWritable(dataDir, err);
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}

/** Atomically replace `file` with `content` (write aside, then rename over it). */
async function replace(dataDir: string, file: string, content: string): Promise<void> {
  const aside = await writeAside(dataDir, file, content);
  try {
    await rename(aside, file);
  } catch (err) {
    await unlink(aside).catch(() => undefined);
    throw asNotWritable(dataDir, err);
  }
}

async function writeAside(dataDir: string, file: string, content: string): Promise<string> {
  // Not *.tmp: start-up removes those, and another process may be between writing and linking this.
  const aside = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.new`;
  try {
    await writeFile(aside, content, { flag: 'wx' });
  } catch (err) {
    await unlink(aside).catch(() => undefined);
    throw asNotWritable(dataDir, err);
  }
  return aside;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The owner a lock file names: this version's JSON, or an older version's bare pid; else none. */
function ownerOf(text: string): Owner | undefined {
  if (/^\s*\d+\s*$/.test(text)) return Number(text) > 0 ? { pid: Number(text) } : undefined;
  try {
    const parsed = JSON.parse(text) as { pid?: unknown; started?: unknown };
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return undefined;
    return typeof parsed.started === 'number'
      ? { pid: parsed.pid, started: parsed.started }
      : { pid: parsed.pid };
  } catch {
    return undefined;
  }
}

function isAlive(owner: Owner): boolean {
  // Our own pid: this very process only if the start time matches (a container restart reuses pids).
  if (owner.pid === process.pid) return owner.started === STARTED;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function asNotWritable(dataDir: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  return code && NOT_WRITABLE.has(code)
    ? new DataDirNotWritableError(dataDir, code, err as Error)
    : (err as Error);
}
