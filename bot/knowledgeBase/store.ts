import { EventEmitter } from 'node:events';
import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from 'pino';
import { formatKbError, type KbError } from './kbError.js';
import type { KnowledgeBase } from './knowledgeBase.js';
import { loadKnowledgeBase } from './loadKnowledgeBase.js';

/** Tuning for {@link KnowledgeBaseStore}. */
export interface KnowledgeBaseStoreOptions {
  /** Quiet time after the last file change before reloading (editors write files in bursts). Default 250 ms. */
  debounceMs?: number;
  /** How many versions to keep for conversations that started on an older one. Default 10. */
  keepVersions?: number;
}

/** Events: `reloaded` (new KnowledgeBase), `rejected` (errors of an invalid change). */
export interface KnowledgeBaseStoreEvents {
  reloaded: [kb: KnowledgeBase];
  rejected: [errors: KbError[]];
}

/**
 * Serves the current knowledge base and swaps it atomically when the files change and still pass every
 * check; an invalid change is logged with file and path and the last good version keeps serving.
 */
export class KnowledgeBaseStore extends EventEmitter<KnowledgeBaseStoreEvents> {
  private active: KnowledgeBase;
  private readonly versions = new Map<string, KnowledgeBase>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> = Promise.resolve();
  private readonly debounceMs: number;
  private readonly keepVersions: number;

  private constructor(
    private readonly dir: string,
    initial: KnowledgeBase,
    private readonly logger: Logger,
    options: KnowledgeBaseStoreOptions,
  ) {
    super();
    this.active = initial;
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
    const { kb, errors } = await loadKnowledgeBase(dir);
    if (!kb) {
      throw new Error(
        `Knowledge base in ${dir} is invalid (${errors.length} errors):\n${errors.map(formatKbError).join('\n')}`,
      );
    }
    logger.info({ version: kb.version, dir }, 'knowledge base loaded');
    return new KnowledgeBaseStore(dir, kb, logger, options);
  }

  /** The version new conversations should use. */
  current(): KnowledgeBase {
    return this.active;
  }

  /** A recent version by id, so a conversation mid-flow can finish on the version it started with. */
  get(version: string): KnowledgeBase | undefined {
    return this.versions.get(version);
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

  /** Re-read and re-check now; resolves once the new version is served or the change is rejected. */
  reload(): Promise<void> {
    // Reloads run one after another so an older, slower read never overwrites a newer one.
    this.reloading = this.reloading.then(() => this.reloadNow());
    return this.reloading;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, this.debounceMs);
  }

  private async reloadNow(): Promise<void> {
    let result: Awaited<ReturnType<typeof loadKnowledgeBase>>;
    try {
      result = await loadKnowledgeBase(this.dir);
    } catch (error) {
      this.logger.warn(
        { err: error, dir: this.dir },
        'knowledge reload failed; keeping the last good version',
      );
      this.emit('rejected', [{ file: this.dir, path: '$', message: (error as Error).message }]);
      return;
    }
    if (!result.kb) {
      for (const error of result.errors) {
        this.logger.warn(
          { file: error.file, path: error.path, version: this.active.version },
          `knowledge change rejected: ${error.message}`,
        );
      }
      this.emit('rejected', result.errors);
      return;
    }
    if (result.kb.version === this.active.version) return;
    const previous = this.active.version;
    this.remember(result.kb);
    this.active = result.kb;
    this.logger.info({ version: result.kb.version, previous }, 'knowledge base reloaded');
    this.emit('reloaded', result.kb);
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
