/** Options of a {@link SerialRateLimiter}. */
export interface SerialRateLimiterOptions {
  /** At most this many calls may start in any window of `windowMs`. */
  ratePerWindow: number;
  /** Default 1000 ms. */
  windowMs?: number;
  /**
   * Extra spacing added to the window, so jitter between our start time and the server's arrival time (a busy
   * event loop, the network) never makes the server see one call too many (default 100 ms: 25 ms was exceeded by
   * a loaded machine's event-loop delay alone).
   */
  marginMs?: number;
  /** Clock and sleep, replaceable in tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs async calls one at a time (Control Center allows one concurrent call per API user) and no
 * more than `ratePerWindow` starts per window. A promise queue: callers are served in order.
 */
export class SerialRateLimiter {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly starts: number[] = [];
  private readonly windowMs: number;
  private readonly marginMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: SerialRateLimiterOptions) {
    if (!(options.ratePerWindow >= 1)) throw new Error('SerialRateLimiter: ratePerWindow must be ≥ 1');
    this.windowMs = options.windowMs ?? 1000;
    this.marginMs = options.marginMs ?? 100;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Run `work` once every earlier call has finished and the rate allows another start. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      await this.waitForSlot();
      return work();
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async waitForSlot(): Promise<void> {
    const rate = this.options.ratePerWindow;
    if (this.starts.length >= rate) {
      const oldest = this.starts[this.starts.length - rate] ?? 0;
      const wait = oldest + this.windowMs + this.marginMs - this.now();
      if (wait > 0) await this.sleep(wait);
    }
    this.starts.push(this.now());
    if (this.starts.length > rate) this.starts.splice(0, this.starts.length - rate);
  }
}
