import fs from 'node:fs';
import { mkdir, readdir, readFile, statfs, unlink } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import {
  DirectorySync,
  fsClose,
  fsFdatasync,
  fsOpen,
  InPlaceTextFile,
  unlinkDurably,
  writeAtOver,
  writeFully,
  type FsWrite,
  type WriteAt,
} from './durableJsonFile.js';
import {
  isSegmentName,
  JOURNAL_DIR,
  journalGroupLine,
  journalLine,
  readSegment,
  segmentName,
  segmentNumber,
} from './journalSegment.js';

/** Options of a {@link Journal}. */
export interface JournalOptions {
  /** fdatasync every batch before acknowledging it (default true). */
  fsync?: boolean;
  /**
   * Start a checkpoint once the active segment holds this many bytes (default 16 MiB) — or a quarter of the space
   * free on the data disk when the segment started, if that is less: a journal bigger than what its disk can
   * write out could not be replayed after a crash.
   */
  checkpointBytes?: number;
  /** How many data files a checkpoint writes at once (default 8: the thread pool keeps room for appends). */
  checkpointConcurrency?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The file operations appends use (default: node:fs); tests inject disk failures here. */
  io?: JournalIo;
}

/** The file operations on the active segment, as a seam for fault injection. */
export interface JournalIo {
  /** May write fewer bytes than asked; resolves to how many it wrote. */
  write: WriteAt;
  fdatasync(fd: number): Promise<void>;
  truncate(fd: number, length: number): Promise<void>;
}

/**
 * {@link JournalIo} on node:fs, with `write` over the given callback-style `fs.write` (tests inject
 * one that writes a few bytes at a time).
 */
export function journalIo(write: FsWrite = fs.write): JournalIo {
  return { write: writeAtOver(write), fdatasync: fsFdatasync, truncate: promisify(fs.ftruncate) };
}

/** {@link JournalIo} on node:fs. */
export const nodeJournalIo: JournalIo = journalIo();

/** What {@link Journal.open} found and did before the journal accepted writes. */
export interface JournalRecovery {
  /** Data files brought up to date from journal entries left by the previous process. */
  replayed: number;
  /** Unacknowledged entries at the end of a segment (a crash mid-append), dropped. */
  discarded: number;
}

interface Batch {
  lines: string[];
  entries: Array<[file: string, text: string | null]>;
  waiters: Array<{ resolve: () => void; reject: (err: Error) => void }>;
}

/**
 * The write-ahead journal shared by every {@link DocumentStore} of one DATA_DIR: group commit for
 * lowdb's one-file-per-record layout.
 *
 * A write appends one line (the data file's path and its new envelope) to the active segment.
 * Lines that arrive while a batch is being written go into the next batch, so many concurrent
 * writes — whatever record they touch — cost one `write` and one `fdatasync`; each caller resolves
 * only when the batch holding its line is durable. The data files themselves are brought up to
 * date by a checkpoint, which writes each record touched since the last checkpoint once (its newest
 * acknowledged value), then deletes the segments it covered. Checkpoints run when a segment grows
 * past `checkpointBytes` and at {@link close}; {@link open} replays what a killed process left.
 *
 * While a record's newest value is only in the journal its file is stale: stores ask {@link holds}
 * before dropping a record from their cache.
 */
export class Journal {
  /** Counters for tests and the benchmark: batches written, entries acknowledged, checkpoints run. */
  readonly stats = { batches: 0, entries: 0, checkpoints: 0 };
  private queued: Batch = emptyBatch();
  private writing: Promise<void> | null = null;
  private rotateWanted = false;
  /** The active segment may end in a partly written batch: nothing more is appended to it. */
  private broken: Error | null = null;
  private rotationFailure: Error | null = null;
  private closed = false;
  private fd: number;
  private segment: number;
  private size = 0;
  /** The active segment's size that starts a checkpoint ({@link JournalOptions.checkpointBytes}, or less on a small disk). */
  private segmentLimit: number;
  /** Appended, not yet acknowledged: file → number of lines in flight. */
  private readonly pending = new Map<string, number>();
  /** Acknowledged in the active segment, not yet in the data file. */
  private dirty = new Map<string, string | null>();
  /** Being written to the data files by the running checkpoint. */
  private flushing = new Map<string, string | null>();
  /** Segments whose entries a checkpoint must write out before they can be deleted. */
  private retired: string[] = [];
  private checkpointRun: Promise<void> | null = null;
  private readonly dirSyncs = new Map<string, DirectorySync>();
  private readonly fsync: boolean;
  private readonly checkpointBytes: number;
  private readonly concurrency: number;
  private readonly io: JournalIo;

  private constructor(
    readonly dataDir: string,
    fd: number,
    segment: number,
    private readonly options: JournalOptions,
  ) {
    this.fd = fd;
    this.segment = segment;
    this.fsync = options.fsync ?? true;
    this.checkpointBytes = options.checkpointBytes ?? 16 * 2 ** 20;
    this.segmentLimit = this.checkpointBytes;
    this.concurrency = options.checkpointConcurrency ?? 8;
    this.io = options.io ?? nodeJournalIo;
  }

  /**
   * Replay the segments a previous process left (a crash, `kill -9`) into the data files, delete
   * them and start a fresh segment. A damaged line that is followed by intact ones stops start-up
   * with a {@link DataDirCorruptError} naming the segment and line; damage at the very end of a
   * segment is an append that was never acknowledged and is dropped (and counted).
   */
  static async open(
    dataDir: string,
    options: JournalOptions = {},
  ): Promise<{ journal: Journal; recovery: JournalRecovery }> {
    const dir = path.join(dataDir, JOURNAL_DIR);
    await mkdir(dir, { recursive: true });
    const segments = (await readdir(dir))
      .filter(isSegmentName)
      .sort()
      .map((name) => path.join(dir, name));
    const latest = new Map<string, string | null>();
    let discarded = 0;
    for (const segment of segments) {
      discarded += readSegment(dataDir, segment, await readFile(segment, 'utf8'), latest);
    }
    const journal = new Journal(
      dataDir,
      -1,
      segments.length > 0 ? segmentNumber(segments.at(-1)!) : 0,
      options,
    );
    try {
      await journal.writeDataFiles(latest);
    } catch (err) {
      throw new Error(
        `Journal ${dataDir}: replaying ${segments.length} segment(s) into the data files failed ` +
          `(${(err as Error).message}); nothing was lost — the segments are kept and replayed at the next start`,
        { cause: err },
      );
    }
    await Promise.all(segments.map((segment) => unlink(segment)));
    if (discarded > 0) {
      options.logger?.warn(
        { discarded },
        'journal: dropped unacknowledged entries at the end of a segment (the process died mid-append)',
      );
    }
    if (latest.size > 0) options.logger?.info({ replayed: latest.size }, 'journal: replayed into data files');
    await journal.startSegment();
    return { journal, recovery: { replayed: latest.size, discarded } };
  }

  /**
   * Record that `file` now holds `text` (an envelope's JSON; null = the file is removed).
   * Resolves once the entry is durable; the data file itself is written by a later checkpoint.
   */
  append(file: string, text: string | null): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`Journal ${this.dataDir}: append after close`));
    const rel = path.relative(this.dataDir, file);
    if (rel.startsWith('..') || path.isAbsolute(rel))
      return Promise.reject(new Error(`Journal ${this.dataDir}: ${file} is outside the data directory`));
    return new Promise<void>((resolve, reject) => {
      const batch = this.queued;
      batch.lines.push(journalLine(rel, text));
      batch.entries.push([file, text]);
      batch.waiters.push({ resolve, reject });
      this.pending.set(file, (this.pending.get(file) ?? 0) + 1);
      this.kick();
    });
  }

  /**
   * Record a transaction's writes (`[file, text]` as in {@link append}) as one line: a crash replays all of
   * them or none. Resolves once the line is durable.
   */
  appendAll(entries: ReadonlyArray<readonly [file: string, text: string | null]>): Promise<void> {
    if (entries.length === 1) return this.append(...(entries[0] as readonly [string, string | null]));
    if (this.closed) return Promise.reject(new Error(`Journal ${this.dataDir}: append after close`));
    const rels: Array<[string, string | null]> = [];
    for (const [file, text] of entries) {
      const rel = path.relative(this.dataDir, file);
      if (rel.startsWith('..') || path.isAbsolute(rel))
        return Promise.reject(new Error(`Journal ${this.dataDir}: ${file} is outside the data directory`));
      rels.push([rel, text]);
    }
    if (rels.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const batch = this.queued;
      batch.lines.push(journalGroupLine(rels));
      for (const [file, text] of entries) {
        batch.entries.push([file, text]);
        this.pending.set(file, (this.pending.get(file) ?? 0) + 1);
      }
      batch.waiters.push({ resolve, reject });
      this.kick();
    });
  }

  /** True while `file` on disk may be older than its newest written value. */
  holds(file: string): boolean {
    return this.pending.has(file) || this.dirty.has(file) || this.flushing.has(file);
  }

  /** Write every acknowledged entry out to the data files and drop the segments that held them. */
  async checkpoint(): Promise<void> {
    // A checkpoint started by size may cover less than was acknowledged when this was called.
    do {
      await this.checkpointRun;
      this.rotateWanted = true;
      this.kick();
      await this.writing;
      if (this.rotationFailure) throw this.rotationFailure;
    } while (this.rotateWanted);
    await this.checkpointRun;
  }

  /** Finish pending appends, checkpoint everything and release the segment. Appends then fail. */
  async close(): Promise<void> {
    await this.checkpoint();
    this.closed = true;
    await this.writing;
    await this.checkpointRun;
    const last = this.segmentFile(this.segment);
    const snapshot = this.dirty;
    this.dirty = new Map();
    await fsClose(this.fd);
    await this.writeDataFiles(snapshot);
    await Promise.all([last, ...this.retired].map((file) => unlink(file).catch(() => undefined)));
    this.retired = [];
  }

  private kick(): void {
    if (this.writing) return;
    this.writing = this.pump().finally(() => {
      this.writing = null;
      if (this.queued.lines.length > 0) this.kick();
    });
  }

  /**
   * Write queued batches one after the other; rotate between batches when a checkpoint is due. Before taking a
   * batch the pump lets the event loop finish what is ready: the writers the last batch released go on at once
   * with their next write (a turn writes several records one after the other), and those writes join this batch
   * instead of waiting a whole write and fdatasync for the next one — fewer batches, each acknowledged as before.
   */
  private async pump(): Promise<void> {
    for (;;) {
      await yieldToLoop();
      if (this.rotateWanted) await this.tryRotate();
      const batch = this.queued;
      if (batch.lines.length === 0) return;
      this.queued = emptyBatch();
      if (this.broken) {
        this.fail(batch, this.broken);
        continue;
      }
      const buffer = Buffer.from(batch.lines.join(''), 'utf8');
      try {
        await writeFully(this.io.write, this.fd, buffer, this.size);
        if (this.fsync) await this.io.fdatasync(this.fd);
      } catch (err) {
        this.fail(batch, err as Error);
        this.options.logger?.error({ err }, 'journal: append failed');
        await this.cutOff(err as Error);
        continue;
      }
      this.size += buffer.length;
      this.settle(batch, true);
      this.stats.batches += 1;
      this.stats.entries += batch.entries.length;
      for (const w of batch.waiters) w.resolve();
      if (this.size >= this.segmentLimit && !this.checkpointRun) this.rotateWanted = true;
    }
  }

  private fail(batch: Batch, err: Error): void {
    this.settle(batch, false);
    for (const w of batch.waiters) w.reject(err);
  }

  /**
   * A failed batch may have reached the segment in part: cut the segment back to its last
   * acknowledged byte, or — when even that fails — stop appending to it until a new segment is
   * started, so an unacknowledged line never sits before acknowledged ones.
   */
  private async cutOff(cause: Error): Promise<void> {
    try {
      await this.io.truncate(this.fd, this.size);
    } catch (err) {
      this.options.logger?.error({ err }, 'journal: could not cut a failed append off the segment');
      this.broken = cause;
      this.rotateWanted = true;
    }
  }

  /** Rotate when no checkpoint is running (a broken segment waits for it); a failure is logged. */
  private async tryRotate(): Promise<void> {
    if (this.broken) await this.checkpointRun;
    if (this.checkpointRun) return;
    try {
      await this.rotate();
      this.broken = null;
      this.rotationFailure = null;
    } catch (err) {
      this.rotationFailure = err as Error;
      // Appends go on in the current segment (unless it is broken); the next batch tries again.
      this.rotateWanted = true;
      this.options.logger?.error({ err }, 'journal: could not start a new segment');
    }
  }

  private settle(batch: Batch, committed: boolean): void {
    for (const [file, text] of batch.entries) {
      if (committed) this.dirty.set(file, text);
      const left = (this.pending.get(file) ?? 1) - 1;
      if (left === 0) this.pending.delete(file);
      else this.pending.set(file, left);
    }
  }

  /** Start a new segment and hand the old one's entries to a background checkpoint. */
  private async rotate(): Promise<void> {
    const previous = { fd: this.fd, file: this.segmentFile(this.segment) };
    await this.startSegment();
    this.rotateWanted = false;
    await fsClose(previous.fd).catch(() => undefined);
    this.retired.push(previous.file);
    const snapshot = this.dirty;
    this.dirty = new Map();
    this.flushing = snapshot;
    const covered = this.retired;
    this.retired = [];
    this.stats.checkpoints += 1;
    this.checkpointRun = this.writeDataFiles(snapshot)
      .then(() => Promise.all(covered.map((file) => unlink(file).catch(() => undefined))))
      .then(
        () => undefined,
        (err: unknown) => {
          // The segments stay (replayed at the next start); their entries stay held in memory.
          this.retired.unshift(...covered);
          for (const [file, text] of snapshot) if (!this.dirty.has(file)) this.dirty.set(file, text);
          this.options.logger?.error({ err }, 'journal: checkpoint failed; will retry');
        },
      )
      .finally(() => {
        this.flushing = new Map();
        this.checkpointRun = null;
      });
  }

  private async startSegment(): Promise<void> {
    const next = this.segment + 1;
    this.fd = await fsOpen(this.segmentFile(next), 'wx');
    this.segment = next;
    this.size = 0;
    if (this.fsync) await this.dirSyncFor(path.join(this.dataDir, JOURNAL_DIR)).sync();
    this.segmentLimit = await this.limitForFreeSpace();
  }

  /**
   * How big the new segment may grow before a checkpoint: replaying it after a crash writes its records' files while
   * it is still on disk, and a record's file takes a whole block however short its line ({@link FREE_SPACE_SHARE}).
   */
  private async limitForFreeSpace(): Promise<number> {
    try {
      const { bavail, bsize } = await statfs(this.dataDir);
      const share = Math.floor((bavail * bsize) / FREE_SPACE_SHARE);
      return Math.min(this.checkpointBytes, Math.max(MIN_SEGMENT_LIMIT, share));
    } catch (err) {
      this.options.logger?.warn({ err }, 'journal: free space unknown; checkpoints by size only');
      return this.checkpointBytes;
    }
  }

  /**
   * Bring data files up to date, `concurrency` at a time. Each is overwritten in place and synced
   * ({@link InPlaceTextFile}: no temporary file and rename — half the CPU), then every directory touched is
   * synced once, so files the checkpoint created are durable too. This is safe because the caller deletes
   * the segments that hold these values only after this resolves, and {@link open} replays segments over
   * the data files before anything reads them: a file torn by a crash here is rewritten at the next start.
   * Files are written a group of {@link CHECKPOINT_GROUP} at a time and only then synced, each one still
   * before this resolves: the file system commits the group's metadata together instead of once per file
   * (measured: ~10–15 % less CPU per file on ext4), and no more than a group's files are open at once.
   */
  private async writeDataFiles(entries: Map<string, string | null>): Promise<void> {
    const all = [...entries];
    const dirs = new Set<DirectorySync>();
    for (let start = 0; start < all.length; start += CHECKPOINT_GROUP) {
      const written: Array<{ sync: () => Promise<void> }> = [];
      const wrote = await settleAll(
        all.slice(start, start + CHECKPOINT_GROUP),
        this.concurrency,
        async ([file, text]) => {
          const dirSync = this.dirSyncFor(path.dirname(file));
          if (text === null) {
            await unlinkDurably(file, this.fsync, dirSync);
            return;
          }
          dirs.add(dirSync);
          // Each data file stays a lowdb database, written by a lowdb adapter.
          written.push(await new InPlaceTextFile(file, this.fsync, dirSync).writeUnsynced(text));
        },
      );
      // Synced (and closed) even when another file of the group failed: no descriptor is left open.
      const synced = await settleAll(written, this.concurrency, (file) => file.sync());
      const failure = wrote ?? synced;
      if (failure) throw failure.error;
    }
    if (this.fsync) await Promise.all([...dirs].map((dir) => dir.sync()));
  }

  private dirSyncFor(dir: string): DirectorySync {
    let sync = this.dirSyncs.get(dir);
    if (!sync) this.dirSyncs.set(dir, (sync = new DirectorySync(dir)));
    return sync;
  }

  private segmentFile(n: number): string {
    return path.join(this.dataDir, JOURNAL_DIR, segmentName(n));
  }
}

/**
 * A segment grows to at most this share of the free space: replaying it needs the segment plus its records' files,
 * measured at 1.6 times the segment's bytes on 4 KiB blocks (100 customer turns: a 0.69 MB segment, 1.1 MB of files).
 */
const FREE_SPACE_SHARE = 4;
/** Nor less than this: on a disk that is all but full, a checkpoint per few appends would only spin. */
const MIN_SEGMENT_LIMIT = 64 * 1024;

/** How many data files a checkpoint writes before it syncs them (and so keeps open at most). */
const CHECKPOINT_GROUP = 64;

/**
 * Run `work` over `items`, `limit` at a time, and wait for every one of them (a failure does not stop the
 * others); resolves to the first failure, if any.
 */
async function settleAll<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<{ error: unknown } | undefined> {
  let failure: { error: unknown } | undefined;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      try {
        await work(items[i] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return failure;
}

function emptyBatch(): Batch {
  return { lines: [], entries: [], waiters: [] };
}
