import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { formatKbError, type KbError } from './kbError.js';
import type { KnowledgeBase } from './knowledgeBase.js';
import { buildKnowledgeBase } from './loadKnowledgeBase.js';
import { type KnowledgeFiles, readKnowledgeFiles } from './readKnowledge.js';
import type { KnowledgeReleases } from './releases/releases.js';
import { restoreFiles } from './releases/restore.js';

/** Tuning for {@link KnowledgeBaseStore}. */
export interface KnowledgeBaseStoreOptions {
  /** Quiet time after the last file change before reloading (editors write files in bursts). Default 250 ms. */
  debounceMs?: number;
  /** How many versions to keep for conversations that started on an older one. Default 10. */
  keepVersions?: number;
  /**
   * Work a version needs before it is served (training the intent classifier on its examples); a version whose
   * preparation fails is refused like an invalid one.
   */
  prepare?: (kb: KnowledgeBase) => Promise<void>;
  /** Where accepted versions are kept for rollback (e.g. under DATA_DIR). */
  releases?: KnowledgeReleases;
}

/** What caused a reload. */
export type ReloadTrigger = 'start' | 'watch' | 'request' | 'rollback';

/** A rejected file and why. */
export interface RejectedFile {
  file: string;
  errors: KbError[];
}

/** The outcome of one reload, as `GET /api/knowledge/reloads` and the /knowledge page show it. */
export interface ReloadRecord {
  id: number;
  at: string;
  trigger: ReloadTrigger;
  /** accepted: every change; partly_accepted: some files held back; rejected: none; unchanged: nothing to do. */
  outcome: 'accepted' | 'partly_accepted' | 'rejected' | 'unchanged';
  /** The version serving after the reload, and before it. */
  version: string;
  previous: string;
  /** Changed files now served (relative paths). */
  accepted: string[];
  /** Changed files held back, each with the errors it causes. */
  rejected: RejectedFile[];
}

/** Events: `reloaded` (new KnowledgeBase), `rejected` (errors of an invalid change), `reload` (every outcome). */
export interface KnowledgeBaseStoreEvents {
  reloaded: [kb: KnowledgeBase];
  rejected: [errors: KbError[]];
  reload: [record: ReloadRecord];
}

/** Reload outcomes kept for the endpoint and the page. */
const KEPT_RELOADS = 50;

/**
 * Serves the current knowledge base and swaps it atomically when the files change and still pass every check
 * (the editors' flow tests included). Each changed file is its own unit where that is consistent: a broken file
 * is held back (reported with its errors) while an unrelated valid edit is served; edits that only work together
 * are accepted together. Every reload's outcome is kept ({@link reloads}); accepted versions are kept in the
 * release history, and {@link rollback} serves one again. Per process: each instance watches its own directory.
 */
export class KnowledgeBaseStore extends EventEmitter<KnowledgeBaseStoreEvents> {
  private active: KnowledgeBase;
  private served: KnowledgeFiles;
  private readonly versions = new Map<string, KnowledgeBase>();
  /** Preview versions (not served): only the conversations run with them use them. */
  private readonly previews = new Map<string, KnowledgeBase>();
  private readonly scope = new AsyncLocalStorage<KnowledgeBase>();
  private readonly history: ReloadRecord[] = [];
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<unknown> = Promise.resolve();
  private readonly debounceMs: number;
  private readonly keepVersions: number;
  private nextId = 1;

  private constructor(
    readonly dir: string,
    initial: KnowledgeBase,
    files: KnowledgeFiles,
    private readonly logger: Logger,
    private readonly options: KnowledgeBaseStoreOptions,
  ) {
    super();
    this.active = initial;
    this.served = files;
    this.debounceMs = options.debounceMs ?? 250;
    this.keepVersions = Math.max(1, options.keepVersions ?? 10);
    this.remember(initial);
  }

  /** Load and check `dir`; throws an error listing every problem when the shipped knowledge is invalid. */
  static async load(
    dir: string,
    logger: Logger,
    options: KnowledgeBaseStoreOptions = {},
  ): Promise<KnowledgeBaseStore> {
    const read = await readKnowledgeFiles(dir);
    const { kb, errors } = await buildKnowledgeBase(dir, read.files, { schemas: false });
    const all = [...read.errors, ...errors];
    if (!kb || all.length > 0) {
      throw new Error(
        `Knowledge base in ${dir} is invalid (${all.length} errors):\n${all.map(formatKbError).join('\n')}`,
      );
    }
    await options.prepare?.(kb);
    await options.releases?.record(kb.version, read.files, []);
    logger.info({ version: kb.version, dir }, 'knowledge base loaded');
    const store = new KnowledgeBaseStore(dir, kb, read.files, logger, options);
    store.log({
      trigger: 'start',
      outcome: 'accepted',
      version: kb.version,
      previous: kb.version,
      accepted: [],
      rejected: [],
    });
    return store;
  }

  /** The version new conversations should use (in a preview conversation: the preview's). */
  current(): KnowledgeBase {
    return this.scope.getStore() ?? this.active;
  }

  /** The version served to everyone, whatever the conversation. */
  live(): KnowledgeBase {
    return this.active;
  }

  /** A recent version by id, so a conversation mid-flow can finish on the version it started with. */
  get(version: string): KnowledgeBase | undefined {
    return this.versions.get(version) ?? this.previews.get(version);
  }

  /** The files of the version served now (relative path → text). */
  servedFiles(): KnowledgeFiles {
    return this.served;
  }

  /** Reload outcomes, newest first. */
  reloads(): readonly ReloadRecord[] {
    return [...this.history].reverse();
  }

  /** Start watching the directory (recursively) for changes. */
  watch(): void {
    if (this.watcher) return;
    this.watcher = watch(this.dir, { recursive: true }, () => this.schedule());
    this.watcher.on('error', (error) =>
      this.logger.warn({ err: error, dir: this.dir }, 'knowledge watcher failed'),
    );
  }

  /** Stop watching and wait for a reload in progress. */
  async close(): Promise<void> {
    this.watcher?.close();
    this.watcher = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.reloading;
  }

  /** Re-read and re-check now; resolves with the outcome once it is served or refused. */
  reload(trigger: ReloadTrigger = 'request'): Promise<ReloadRecord> {
    // Reloads run one after another so an older, slower read never overwrites a newer one.
    const next = this.reloading.then(() => this.reloadNow(trigger));
    this.reloading = next.catch(() => undefined);
    return next;
  }

  /**
   * Serve a kept version again: its files are written back into the knowledge directory (so the directory and
   * what is served agree, and the next edit starts from them), then reloaded.
   */
  async rollback(version: string): Promise<ReloadRecord> {
    const files = await this.options.releases?.files(version);
    if (!files) throw new Error(`knowledge version ${version} is not kept`);
    const run = this.reloading.then(async () => {
      await restoreFiles(this.dir, files);
      return this.reloadNow('rollback');
    });
    this.reloading = run.catch(() => undefined);
    return run;
  }

  /**
   * Build a preview of the knowledge directory as it is now — the whole of it, not yet served — and keep it for
   * the conversations run with it ({@link runWith}). Returns the errors instead when it is not valid.
   */
  async preview(): Promise<{ kb?: KnowledgeBase; errors: KbError[] }> {
    const read = await readKnowledgeFiles(this.dir);
    const { kb, errors } = await buildKnowledgeBase(this.dir, read.files, { schemas: false });
    if (!kb) return { errors: [...read.errors, ...errors] };
    await this.options.prepare?.(kb);
    this.previews.delete(kb.version);
    this.previews.set(kb.version, kb);
    while (this.previews.size > this.keepVersions) {
      const oldest = this.previews.keys().next().value;
      if (oldest === undefined) break;
      this.previews.delete(oldest);
    }
    return { kb, errors: [] };
  }

  /** Run `work` with `kb` as the current version (a preview conversation's turn). */
  runWith<T>(kb: KnowledgeBase, work: () => Promise<T>): Promise<T> {
    return this.scope.run(kb, work);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload('watch');
    }, this.debounceMs);
  }

  /** Build `files`; the knowledge base, or the errors. */
  private async attempt(files: KnowledgeFiles): Promise<{ kb?: KnowledgeBase; errors: KbError[] }> {
    const { kb, errors } = await buildKnowledgeBase(this.dir, files, { schemas: false });
    if (!kb) return { errors };
    try {
      await this.options.prepare?.(kb);
    } catch (error) {
      return {
        errors: [
          { file: this.dir, path: '$', message: `cannot prepare the version: ${(error as Error).message}` },
        ],
      };
    }
    return { kb, errors: [] };
  }

  private async reloadNow(trigger: ReloadTrigger): Promise<ReloadRecord> {
    const previous = this.active.version;
    let read: Awaited<ReturnType<typeof readKnowledgeFiles>>;
    try {
      read = await readKnowledgeFiles(this.dir);
    } catch (error) {
      const errors = [{ file: this.dir, path: '$', message: (error as Error).message }];
      this.emit('rejected', errors);
      return this.log({
        trigger,
        outcome: 'rejected',
        version: previous,
        previous,
        accepted: [],
        rejected: [{ file: this.dir, errors }],
      });
    }
    const disk = read.files;
    const changed = [...new Set([...disk.keys(), ...this.served.keys()])]
      .filter((name) => disk.get(name) !== this.served.get(name))
      .sort();
    if (changed.length === 0)
      return this.log(
        { trigger, outcome: 'unchanged', version: previous, previous, accepted: [], rejected: [] },
        false,
      );

    const apply = (names: readonly string[]): Map<string, string> => {
      const files = new Map(this.served);
      for (const name of names) {
        const text = disk.get(name);
        if (text === undefined) files.delete(name);
        else files.set(name, text);
      }
      return files;
    };
    const blamed = (errors: readonly KbError[]): Set<string> =>
      new Set(changed.filter((name) => errors.some((e) => e.file === path.join(this.dir, name))));

    // All changes together; then without the files that have errors of their own; then one file at a time.
    let accepted: string[] = [];
    let built = await this.attempt(apply(changed));
    if (built.kb) accepted = changed;
    else {
      const suspects = blamed(built.errors);
      const rest = changed.filter((name) => !suspects.has(name));
      const without = rest.length > 0 && suspects.size > 0 ? await this.attempt(apply(rest)) : undefined;
      if (without?.kb) {
        accepted = rest;
        built = without;
      } else {
        let progress = true;
        let best: { kb?: KnowledgeBase; errors: KbError[] } = { errors: [] };
        while (progress) {
          progress = false;
          for (const name of changed.filter((n) => !accepted.includes(n))) {
            const single = await this.attempt(apply([...accepted, name]));
            if (single.kb) {
              accepted = [...accepted, name];
              best = single;
              progress = true;
            }
          }
        }
        built = accepted.length > 0 ? best : built;
      }
    }
    const heldBack = changed.filter((name) => !accepted.includes(name));
    const rejected: RejectedFile[] = [];
    for (const name of heldBack) {
      const alone = await buildKnowledgeBase(this.dir, apply([...accepted, name]), { schemas: false });
      rejected.push({ file: name, errors: alone.errors });
      for (const error of alone.errors)
        this.logger.warn(
          { file: error.file, line: error.line, path: error.path },
          `knowledge change rejected: ${error.message}`,
        );
    }
    if (rejected.length > 0)
      this.emit(
        'rejected',
        rejected.flatMap((r) => r.errors),
      );
    if (accepted.length === 0 || !built.kb) {
      return this.log({ trigger, outcome: 'rejected', version: previous, previous, accepted: [], rejected });
    }
    const kb = built.kb;
    const files = apply(accepted);
    this.remember(kb);
    this.active = kb;
    this.served = files;
    await this.options.releases?.record(kb.version, files, accepted).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'knowledge version not kept in the release history');
    });
    this.logger.info({ version: kb.version, previous, accepted, heldBack }, 'knowledge change accepted');
    if (kb.version !== previous) this.emit('reloaded', kb);
    return this.log({
      trigger,
      outcome: rejected.length > 0 ? 'partly_accepted' : 'accepted',
      version: kb.version,
      previous,
      accepted,
      rejected,
    });
  }

  private log(record: Omit<ReloadRecord, 'id' | 'at'>, keep = true): ReloadRecord {
    const full: ReloadRecord = { id: this.nextId, at: new Date().toISOString(), ...record };
    if (!keep) return full;
    this.nextId += 1;
    this.history.push(full);
    while (this.history.length > KEPT_RELOADS) this.history.shift();
    this.emit('reload', full);
    return full;
  }

  private remember(kb: KnowledgeBase): void {
    this.versions.delete(kb.version);
    this.versions.set(kb.version, kb);
    while (this.versions.size > this.keepVersions) {
      const oldest = this.versions.keys().next().value;
      if (oldest === undefined) break;
      this.versions.delete(oldest);
    }
  }
}
