import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';

/** Stores trained models on disk under a key derived from everything that shaped them. */
export class ModelCache {
  constructor(
    private readonly dir: string,
    private readonly logger?: Logger,
  ) {}

  /** A stable key from the training file's text and the code/hyper-parameter versions. */
  static key(parts: ReadonlyArray<string>): string {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part).update('\u0000');
    return hash.digest('hex').slice(0, 24);
  }

  fileFor(name: string, key: string): string {
    return path.join(this.dir, `${name}-${key}.json`);
  }

  /** The cached JSON, or undefined when absent or unreadable (a broken cache only costs a retrain). */
  async read(name: string, key: string): Promise<unknown> {
    const file = this.fileFor(name, key);
    try {
      return JSON.parse(await readFile(file, 'utf8')) as unknown;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger?.warn({ file, err: error }, 'nlu model cache unreadable, retraining');
      }
      return undefined;
    }
  }

  /**
   * Write atomically so a concurrent start-up never reads half a file. A cache that cannot be written
   * (a full disk) only costs a retrain next time: logged, the partial file removed, undefined returned.
   */
  async write(name: string, key: string, value: unknown): Promise<string | undefined> {
    const file = this.fileFor(name, key);
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(temp, JSON.stringify(value));
      await rename(temp, file);
      return file;
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      this.logger?.warn({ file, err: error }, 'nlu model cache not written (the model is used anyway)');
      return undefined;
    }
  }
}
