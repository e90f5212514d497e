import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import {
  DirectorySync,
  DurableJsonFile,
  encodeEnvelope,
  parseEnvelope,
  type Envelope,
} from './durableJsonFile.js';
import type { VerifiedDataDir } from './dataDir.js';
import { DataFileCorruptError } from './errors.js';
import type { Journal } from './journal.js';
import type { KeyedDocuments } from './keyedDocuments.js';
import { KeyedMutex } from './keyedMutex.js';

/** Options of a {@link DocumentStore}. */
export interface DocumentStoreOptions {
  /** fsync every write (default true). */
  fsync?: boolean;
  /** How many recently used documents to keep in memory (default 10 000). */
  cacheSize?: number;
  /** How many bytes of cached JSON to keep at most (default 4 MiB): the count alone does not bound memory. */
  cacheBytes?: number;
  /**
   * Write through the DATA_DIR's shared {@link Journal} (group commit; the file is brought up to
   * date by its checkpoints) instead of rewriting the document's file on every write.
   */
  journal?: Journal;
}

interface Flush<T> {
  envelope: Envelope<T> | null;
  text: string | null;
  waiters: Array<{ resolve: () => void; reject: (err: Error) => void }>;
}

/** A document as the cache keeps it: its metadata and the payload's JSON (parsed per read). */
interface Cached {
  meta: Omit<Envelope<unknown>, 'data'>;
  dataJson: string;
  /** The payload parsed once for readers that never mutate it ({@link DocumentStore.readShared}). */
  shared?: unknown;
}

/**
 * A directory of JSON documents, one lowdb file per key. The cost of a write is the size of one
 * document, never the size of the whole data set. Writes to one key are serialised in memory and
 * coalesced on disk: while a flush is in flight, later writes wait for one follow-up flush of the
 * newest value, and every caller resolves only once a flush containing its value is durable.
 * Directory fsyncs are shared by the writes that land in the directory at the same time.
 *
 * The store must be the only writer of its directory (one process per DATA_DIR is enforced by
 * {@link DataDirLock}, one store per directory by the wiring), so its cache of recently used
 * documents is authoritative: an update checks ETags against the cached value without re-reading
 * the file. Every read returns a fresh copy, so a caller that mutates what it read (bot state
 * during a turn that later fails) never changes what is stored.
 */
export class DocumentStore<T> implements KeyedDocuments<T> {
  private readonly mutex = new KeyedMutex();
  private readonly newETag = eTagFactory();
  private readonly cache = new Map<string, Cached | null>();
  /** Memo of {@link fileFor}. */
  private readonly files = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly pending = new Map<string, Flush<T>>();
  /** Per key, the durability of a removal made outside a transaction while it is the key's newest write. */
  private readonly unsettled = new Map<string, Promise<void>>();
  private readonly fsync: boolean;
  private readonly cacheSize: number;
  private readonly cacheBytes: number;
  private cachedBytes = 0;
  private readonly dirSync: DirectorySync;
  private readonly journal: Journal | undefined;
  /** Names of the files in `dir`, listed once: a key that is not there is missing without a read. */
  private listing: Promise<Set<string>> | undefined;

  constructor(
    readonly dir: string,
    options: DocumentStoreOptions = {},
  ) {
    this.fsync = options.fsync ?? true;
    this.cacheSize = options.cacheSize ?? 10_000;
    this.cacheBytes = options.cacheBytes ?? 4 * 2 ** 20;
    this.dirSync = new DirectorySync(dir);
    this.journal = options.journal;
  }

  /** What the cache holds now (documents and counted bytes), for tests and the soak benchmark. */
  get cacheUsage(): { documents: number; bytes: number } {
    return { documents: this.cache.size, bytes: this.cachedBytes };
  }

  /**
   * File that holds `key`: readable for simple ids, hashed otherwise. Remembered per key (a write asks several
   * times, and the cache's eviction once per candidate: a sha1 and a path join each time otherwise).
   */
  fileFor(key: string): string {
    let file = this.files.get(key);
    if (file === undefined) {
      const name = /^[A-Za-z0-9._-]{1,120}$/.test(key)
        ? key
        : `h-${createHash('sha1').update(key).digest('hex')}`;
      file = path.join(this.dir, `${name}.json`);
      // Bounded like the document cache: forgotten all at once when full (recomputing is cheap, just not free).
      if (this.files.size >= this.cacheSize) this.files.clear();
      this.files.set(key, file);
    }
    return file;
  }

  /** The current document (a fresh copy), or null. Throws {@link DataFileCorruptError} for a corrupt file. */
  async get(key: string): Promise<Envelope<T> | null> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return thaw<T>(cached);
    return this.mutex.run(key, () => this.load(key));
  }

  /**
   * The current document (a fresh copy), or null, without waiting: from the cache, else from its file — which is
   * current whenever the cache does not hold the key, since a document whose newest value is only in memory or
   * the journal is never dropped from the cache. For a repository's view, which keeps only the records its
   * queries need in memory and reads the others here (through this byte-bounded cache). Throws
   * {@link DataFileCorruptError} for a corrupt file.
   */
  readSync(key: string): Envelope<T> | null {
    const cached = this.cache.get(key);
    if (cached !== undefined) return thaw<T>(cached);
    const file = this.fileFor(key);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const env = parseEnvelope<T>(file, text);
    if (env.key !== key) throw new DataFileCorruptError(file, `holds key "${env.key}", expected "${key}"`);
    const { data, ...meta } = env;
    this.remember(key, { meta, dataJson: JSON.stringify(data) });
    return env;
  }

  /**
   * The current payload, or undefined, without waiting — like {@link readSync}, but the object is parsed once and
   * shared by every such read until the document changes: for a repository's view, whose readers must never
   * mutate what they get (the same contract as the records it keeps in memory). Throws
   * {@link DataFileCorruptError} for a corrupt file.
   */
  readShared(key: string): T | undefined {
    const cached = this.cache.get(key);
    if (cached === null) return undefined;
    if (cached === undefined) {
      const env = this.readSync(key);
      const fresh = this.cache.get(key);
      if (env && fresh) this.share(fresh, env.data);
      return env?.data;
    }
    if (!('shared' in cached)) this.share(cached, JSON.parse(cached.dataJson));
    return cached.shared as T;
  }

  /** Keep `data` as the cached document's shared parse, counted in the cache's bytes. */
  private share(doc: Cached, data: unknown): void {
    this.cachedBytes += sharedSize(doc.dataJson);
    doc.shared = data;
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
      const current = await this.load(key);
      return this.commit(key, decide(current));
    });
    await durable;
    return env;
  }

  /**
   * Write `data` (undefined = delete) after `check` accepted the current document's metadata (its etag):
   * like {@link update}, but the stored payload is not parsed and copied just to compare an etag (bot
   * state writes: ~10 KB of JSON per write).
   */
  async put(
    key: string,
    data: T | undefined,
    check: (current: Omit<Envelope<T>, 'data'> | null) => void,
  ): Promise<Envelope<T> | null> {
    const { env, durable } = await this.mutex.run(key, async () => {
      const cached = this.cache.get(key);
      const current = cached !== undefined ? (cached?.meta ?? null) : await this.load(key);
      check(current);
      return this.commit(key, data);
    });
    await durable;
    return env;
  }

  /**
   * Like {@link update} for a caller that already knows the current value (a repository's index):
   * `produce` runs under the same per-key lock but the stored document is not read and copied.
   */
  async replace(key: string, produce: () => T | undefined): Promise<Envelope<T> | null> {
    const { env, durable } = await this.mutex.run(key, async () => this.commit(key, produce()));
    await durable;
    return env;
  }

  /** Cache `data` (undefined = delete) as the key's value and queue it for disk, under the key's lock. */
  private async commit(
    key: string,
    data: T | undefined,
  ): Promise<{ env: Envelope<T> | null; durable: Promise<void> }> {
    // Removing what is already removed writes nothing (concurrent clean-ups remove the same stale records again
    // and again): it is durable once the removal that is still in flight, if any, is.
    if (data === undefined && (await this.absent(key)))
      return { env: null, durable: this.unsettled.get(key) ?? Promise.resolve() };
    const { file, text, env, undo } = await this.stage(key, data);
    const staged = this.cache.get(key);
    // Queued before the lock is released, so the next writer finds it pending.
    const durable = (this.journal?.append(file, text) ?? this.persist(key, env, text)).catch(
      (err: unknown) => {
        // Never acknowledged: the cache must not serve it (readers without a copy of their own read the cache).
        if (this.cache.get(key) === staged) undo();
        throw err;
      },
    );
    if (data === undefined) {
      this.unsettled.set(key, durable);
      const settled = () => {
        if (this.unsettled.get(key) === durable) this.unsettled.delete(key);
      };
      durable.then(settled, settled);
    } else this.unsettled.delete(key);
    return { env, durable };
  }

  /** Whether `key` has no value: removed (perhaps not durably yet), or neither cached nor on disk. */
  private async absent(key: string): Promise<boolean> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached === null;
    return !(await this.names()).has(path.basename(this.fileFor(key)));
  }

  /**
   * Take the key's lock and keep it until the returned function is called: a transaction holds the lock
   * of every document it writes until its journal line is durable (or it rolled back).
   */
  hold(key: string): Promise<() => void> {
    return new Promise((acquired, failed) => {
      this.mutex
        .run(key, () => new Promise<void>((release) => acquired(release)))
        .catch((err: unknown) => failed(err as Error));
    });
  }

  /**
   * Make `data` (undefined = delete) the key's value in memory, for a caller that holds the key's lock and
   * writes the returned journal entry itself (a transaction's group); `undo` restores what was there.
   */
  async stage(
    key: string,
    data: T | undefined,
  ): Promise<{ file: string; text: string | null; env: Envelope<T> | null; undo: () => void }> {
    const names = await this.names();
    const file = this.fileFor(key);
    const name = path.basename(file);
    const before = { cached: this.cache.get(key), listed: names.has(name) };
    const undo = () => {
      if (before.cached === undefined) this.cache.delete(key);
      else this.remember(key, before.cached);
      if (before.listed) names.add(name);
      else names.delete(name);
    };
    if (data === undefined) {
      this.remember(key, null);
      names.delete(name);
      return { file, text: null, env: null, undo };
    }
    const encoded = encodeEnvelope(key, this.newETag(), data);
    const { data: _data, ...meta } = encoded.envelope;
    this.remember(key, { meta, dataJson: encoded.dataJson });
    names.add(name);
    return { file, text: encoded.text, env: encoded.envelope, undo };
  }

  /** The current document, for a caller that holds the key's lock ({@link hold}). */
  readHeld(key: string): Promise<Envelope<T> | null> {
    return this.load(key);
  }

  /**
   * Move a corrupt document aside (`<file>.corrupt-<time>`, kept for inspection, never deleted) so
   * its key can be used again. Returns the new path, or undefined when `file` is not one of ours.
   */
  async quarantine(file: string): Promise<string | undefined> {
    if (path.dirname(path.resolve(file)) !== path.resolve(this.dir) || !file.endsWith('.json'))
      return undefined;
    const target = `${file}.corrupt-${Date.now()}`;
    await rename(file, target);
    (await this.names()).delete(path.basename(file));
    for (const [key] of this.cache)
      if (path.resolve(this.fileFor(key)) === path.resolve(file)) this.uncache(key);
    return target;
  }

  /**
   * Every key stored, read from disk (used once at start-up by repositories) — or taken from
   * `verified` when start-up already read and checked the file.
   */
  async loadAll(verified?: Pick<VerifiedDataDir, 'take'>): Promise<Array<Envelope<T>>> {
    const files = await listDataFiles(this.dir);
    this.listing ??= Promise.resolve(fileNames(files));
    const out: Array<Envelope<T>> = [];
    for (const batch of chunks(files, 64)) {
      const envs = await Promise.all(
        batch.map(
          async (file) =>
            (verified?.take(file) as Envelope<T> | undefined) ??
            parseEnvelope<T>(file, await readFile(file, 'utf8')),
        ),
      );
      out.push(...envs);
    }
    return out;
  }

  private async load(key: string): Promise<Envelope<T> | null> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return thaw<T>(cached);
    if (!(await this.names()).has(path.basename(this.fileFor(key)))) {
      this.remember(key, null);
      return null;
    }
    const env = await new DurableJsonFile<T>(this.fileFor(key), this.fsync, { dirSync: this.dirSync }).read();
    if (env && env.key !== key)
      throw new DataFileCorruptError(this.fileFor(key), `holds key "${env.key}", expected "${key}"`);
    if (env === null) this.remember(key, null);
    else {
      const { data, ...meta } = env;
      this.remember(key, { meta, dataJson: JSON.stringify(data) });
    }
    return env;
  }

  /** The file names in `dir`, listed on first use and kept up to date by this store's writes. */
  private names(): Promise<Set<string>> {
    this.listing ??= listDataFiles(this.dir).then(fileNames);
    return this.listing;
  }

  private remember(key: string, doc: Cached | null): void {
    this.uncache(key);
    this.cache.set(key, doc);
    this.cachedBytes += cachedSize(doc);
    // Evict least recently used documents whose file is current; one whose newest value is still
    // only in memory or the journal, or whose lock is held (a write or transaction may have staged it),
    // goes to the back of the line instead (bounded tries).
    let tries = 0;
    for (const [oldest, value] of this.cache) {
      if (this.cache.size <= this.cacheSize && this.cachedBytes <= this.cacheBytes) return;
      if (tries++ >= 16 || oldest === key) return;
      if (
        this.mutex.busy(oldest) ||
        this.pending.has(oldest) ||
        this.inFlight.has(oldest) ||
        this.journal?.holds(this.fileFor(oldest))
      ) {
        this.cache.delete(oldest);
        this.cache.set(oldest, value);
        continue;
      }
      this.uncache(oldest);
    }
  }

  private uncache(key: string): void {
    const doc = this.cache.get(key);
    if (doc === undefined) return;
    this.cache.delete(key);
    this.cachedBytes -= cachedSize(doc);
  }

  private persist(key: string, env: Envelope<T> | null, text: string | null): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queued = this.pending.get(key);
      if (queued) {
        queued.envelope = env;
        queued.text = text;
        queued.waiters.push({ resolve, reject });
        return;
      }
      this.pending.set(key, { envelope: env, text, waiters: [{ resolve, reject }] });
      if (!this.inFlight.has(key)) void this.drain(key);
    });
  }

  /** Flush the newest pending value of `key`, then any value that arrived meanwhile. */
  private async drain(key: string): Promise<void> {
    for (let flush = this.pending.get(key); flush; flush = this.pending.get(key)) {
      this.pending.delete(key);
      const work = this.writeFile(key, flush.envelope, flush.text);
      this.inFlight.set(key, work);
      try {
        await work;
        for (const w of flush.waiters) w.resolve();
      } catch (err) {
        // What is on disk is unknown now: forget the cached value unless a newer one is queued
        // (that one rewrites the whole document).
        if (!this.pending.has(key)) this.uncache(key);
        for (const w of flush.waiters) w.reject(err as Error);
      } finally {
        this.inFlight.delete(key);
      }
    }
  }

  private async writeFile(key: string, env: Envelope<T> | null, text: string | null): Promise<void> {
    const file = this.fileFor(key);
    if (env === null) {
      await unlink(file).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
      return;
    }
    const adapter = new DurableJsonFile<T>(file, this.fsync, {
      dirSync: this.dirSync,
      ...(text !== null ? { encoded: text } : {}),
    });
    const db = new Low<Envelope<T>>(adapter, env);
    await db.write();
  }
}

/** Memory a cached document is counted with: its JSON (UTF-16 in memory) and some bookkeeping. */
function cachedSize(doc: Cached | null): number {
  if (doc === null) return 64;
  return doc.dataJson.length * 2 + 256 + ('shared' in doc ? sharedSize(doc.dataJson) : 0);
}

/** Memory a shared parse of a payload is counted with: about as much as its JSON. */
function sharedSize(dataJson: string): number {
  return dataJson.length * 2;
}

/** A fresh copy of a cached document. */
function thaw<T>(doc: Cached | null): Envelope<T> | null {
  return doc === null ? null : { ...doc.meta, data: JSON.parse(doc.dataJson) as T };
}

/** Unique per process start (random) and per write (counter): cheap, and never reused after a restart. */
function eTagFactory(): () => string {
  const prefix = randomBytes(6).toString('hex');
  let counter = 0;
  return () => `${prefix}-${(counter += 1).toString(36)}`;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function fileNames(files: readonly string[]): Set<string> {
  return new Set(files.map((file) => path.basename(file)));
}

/** Every `*.json` data file under `dir` (non-recursive); missing directory = none. */
export async function listDataFiles(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const names = await readdir(dir);
  return names.filter((n) => n.endsWith('.json')).map((n) => path.join(dir, n));
}
