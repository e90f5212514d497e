/**
 * A job run every `intervalMs` whose runs never overlap: a run asked for while one is going joins
 * it. The timer is unref'd (it never keeps the process alive) and a failed run is reported to
 * `onError` instead of becoming an unhandled rejection; the next interval tries again.
 */
export class PeriodicTask<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;

  constructor(
    private readonly run: () => Promise<T>,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Whether the timer is running. */
  get started(): boolean {
    return this.timer !== undefined;
  }

  /** Start the timer (once); `runNow` also runs the job right away and waits for it. */
  async start(runNow = true): Promise<void> {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.now().catch(this.onError);
    }, this.intervalMs);
    this.timer.unref();
    if (runNow) await this.now();
  }

  /** Run the job now, or join the run in progress. */
  now(): Promise<T> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stop the timer and wait for a run in progress (its failure is reported, not thrown). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(this.onError);
  }
}
