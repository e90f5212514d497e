/**
 * Serialises async work per key inside this process, so read-check-write sequences on one
 * document (ETag checks, record updates) never interleave. Different keys run in parallel.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Whether work on `key` is running or waiting (a cache must not drop what such work may have staged). */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  /** Run `work` after every earlier holder of `key` has finished. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
