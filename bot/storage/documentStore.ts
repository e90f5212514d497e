import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DurableJsonFile, envelope, parseEnvelope, type Envelope } from './durableJsonFile.js';
import { DataFileCorruptError } from './errors.js';
import { KeyedMutex } from './keyedMutex.js';

/** Options of a {@link DocumentStore}. */
export interface DocumentStoreOptions {
  /** fsync every write (default true). */
  fsync?: boolean;
  /** How many recently used documents to keep in memory (default 10 000). */
  cacheSize?: number;
}

interface Flush<T> {
  envelope: Envelope<T> | null;
  waiters: Array<{ resolve: () => void; reject: (err: Error) => void }>;
}

/**
 * A directory of JSON documents, one lowdb file per key. The cost of a write is the size of one
 * document, never the size of the whole data set. Writes to one key are serialised in memory and
 * coalesced on disk: while a flush is in flight, later writes wait for one follow-up flush of the
 * newest value, and every caller resolves only once a flush containing its value is durable.
 */
export class DocumentStore<T> {
  private readonly mutex = new KeyedMutex();
  private readonly cache = new Map<string, Envelope<T> | null>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly pending = new Map<string, Flush<T>>();
  private readonly fsync: boolean;
  private readonly cacheSize: number;

  constructor(
    readonly dir: string,
    options: DocumentStoreOptions = {},
  ) {
    this.fsync = options.fsync ?? true;
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  /** File that holds `key`: readable for simple ids, hashed otherwise. */
  fileFor(key: string): string {
    const name = /^[A-Za-z0-9._-]{1,120}$/.test(key)
      ? key
      : `h-${createHash('sha1').update(key).digest('hex')}`;
    return path.join(this.dir, `${name}.json`);
  }

  /** The current document, or null. Throws {@link DataFileCorruptError} for a corrupt file. */
  async get(key: string): Promise<Envelope<T> | null> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    return this.mutex.run(key, () => this.load(key));
  }

  /**
   * Atomically read the current document, let `decide` compute the next payload (or throw to
   * abort, or return `undefined` to delete), and persist it. Resolves once durable.
   */
  async update(
    key: string,
    decide: (current: Envelope<T> | null) => T | undefined,
  ): Promise<Envelope<T> | null> {
    const { env, durable } = await this.mutex.run(key, async () => {
      // Re-read from disk unless a newer value of ours is still being flushed: the ETag check must
      // compare against what is stored, not a cached copy another writer may have replaced.
      const flushing = this.pending.has(key) || this.inFlight.has(key);
      if (!flushing) this.cache.delete(key);
      const current = await this.load(key);
      const data = decide(current);
      const next = data === undefined ? null : envelope(key, newETag(), data);
      this.remember(key, next);
      // Queued before the mutex is released, so the next writer sees it as flushing.
      return { env: next, durable: this.persist(key, next) };
    });
    await durable;
    return env;
  }

  /** Every key stored, read from disk (used once at start-up by repositories). */
  async loadAll(): Promise<Array<Envelope<T>>> {
    const files = await listDataFiles(this.dir);
    const out: Array<Envelope<T>> = [];
    for (const batch of chunks(files, 64)) {
      const envs = await Promise.all(
        batch.map(async (file) => parseEnvelope<T>(file, await readFile(file, 'utf8'))),
      );
      out.push(...envs);
    }
    return out;
  }

  private async load(key: string): Promise<Envelope<T> | null> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const env = await new DurableJsonFile<T>(this.fileFor(key), this.fsync).read();
    if (env && env.key !== key)
      throw new DataFileCorruptError(this.fileFor(key), `holds key "${env.key}", expected "${key}"`);
    this.remember(key, env);
    return env;
  }

  private remember(key: string, env: Envelope<T> | null): void {
    this.cache.delete(key);
    this.cache.set(key, env);
    if (this.cache.size > this.cacheSize) {
      for (const oldest of this.cache.keys()) {
        if (this.pending.has(oldest) || this.inFlight.has(oldest)) continue;
        this.cache.delete(oldest);
        break;
      }
    }
  }

  private persist(key: string, env: Envelope<T> | null): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queued = this.pending.get(key);
      if (queued) {
        queued.envelope = env;
        queued.waiters.push({ resolve, reject });
        return;
      }
      this.pending.set(key, { envelope: env, waiters: [{ resolve, reject }] });
      if (!this.inFlight.has(key)) void this.drain(key);
    });
  }

  /** Flush the newest pending value of `key`, then any value that arrived meanwhile. */
  private async drain(key: string): Promise<void> {
    for (let flush = this.pending.get(key); flush; flush = this.pending.get(key)) {
      this.pending.delete(key);
      const work = this.writeFile(key, flush.envelope);
      this.inFlight.set(key, work);
      try {
        await work;
        for (const w of flush.waiters) w.resolve();
      } catch (err) {
        this.cache.delete(key);
        for (const w of flush.waiters) w.reject(err as Error);
      } finally {
        this.inFlight.delete(key);
      }
    }
  }

  private async writeFile(key: string, env: Envelope<T> | null): Promise<void> {
    const file = this.fileFor(key);
    if (env === null) {
      await unlink(file).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
      return;
    }
    const db = new Low<Envelope<T>>(new DurableJsonFile<T>(file, this.fsync), env);
    await db.write();
  }
}

function newETag(): string {
  return randomBytes(8).toString('hex');
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Every `*.json` data file under `dir` (non-recursive); missing directory = none. */
export async function listDataFiles(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const names = await readdir(dir);
  return names.filter((n) => n.endsWith('.json')).map((n) => path.join(dir, n));
}
