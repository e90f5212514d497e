import type { Middleware, TurnContext } from 'botbuilder';

/**
 * Counts the turns this process is running, so a graceful shutdown can wait for them: the first middleware of
 * both adapters. {@link TurnsInFlight.drained} resolves when none is left or the grace period is over.
 */
export class TurnsInFlight implements Middleware {
  private running = 0;
  private readonly waiters = new Set<() => void>();

  /** Turns running now. */
  get count(): number {
    return this.running;
  }

  async onTurn(_context: TurnContext, next: () => Promise<void>): Promise<void> {
    this.running += 1;
    try {
      await next();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const wake of [...this.waiters]) wake();
    }
  }

  /** Resolves with true once no turn runs, or with false after `graceMs` with turns still running. */
  drained(graceMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (result: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(result);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), graceMs);
      this.waiters.add(wake);
    });
  }
}
