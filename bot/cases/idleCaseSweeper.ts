import { PeriodicTask } from '../jobs/periodicTask.js';
import type { Logger } from 'pino';
import { CaseConflictError, type CaseService } from './caseService.js';
import type { IdleCloseNotifier } from './idleCloseNotifier.js';

/** Options of an {@link IdleCaseSweeper}. */
export interface IdleCaseSweeperOptions {
  cases: CaseService;
  notifier: IdleCloseNotifier;
  logger: Logger;
  /** How long a bot-only case may go without a change (a customer message is one) before it is closed. */
  idleMs: number;
  /** How often to sweep (timer unref'd). */
  intervalMs: number;
  /** Cases closed, and notices sent, per tick at most: a first sweep over a large backlog spreads over ticks. */
  batch?: number;
  now?: () => Date;
}

const HOUR_MS = 3600_000;

/**
 * Closes cases nobody works on: still with the bot ({@link idleClosable}) and unchanged for `idleMs` — the
 * customer got an answer, said "cancel" or closed the window, and never came back. Each close is logged on the
 * case's timeline with the reason, then the customer is told once ({@link IdleCloseNotifier}).
 *
 * Nothing but the cases themselves is stored: a restart simply sweeps again, and the notice's state is on the
 * case. Each tick reads only the head of the `idleByAge` index (bot-only cases, oldest change first), so it costs
 * what it closes, not the number of cases stored.
 */
export class IdleCaseSweeper {
  private readonly task: PeriodicTask<number>;
  private readonly batch: number;
  private readonly now: () => Date;
  /** The limit in hours as the timeline and the notice say it (two decimals: tests use milliseconds). */
  private readonly hours: number;

  constructor(private readonly options: IdleCaseSweeperOptions) {
    this.task = new PeriodicTask(
      () => this.sweep(),
      options.intervalMs,
      (err) => options.logger.error({ err }, 'IdleCaseSweeper: sweep failed'),
    );
    this.batch = options.batch ?? 200;
    this.now = options.now ?? (() => new Date());
    this.hours = Math.round((options.idleMs / HOUR_MS) * 100) / 100;
  }

  /** Settle notices a dead process was sending, then sweep every `intervalMs`. A zero `idleMs` disables it. */
  async start(): Promise<void> {
    if (this.task.started || this.options.idleMs <= 0) return;
    await this.options.notifier.recoverStaleClaims();
    await this.task.start();
  }

  /** Stop the timer and wait for a sweep in progress. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  /** Close what is idle and send the notices due; ticks never overlap. Returns how many cases were closed. */
  tick(): Promise<number> {
    return this.task.now();
  }

  private async sweep(): Promise<number> {
    let closed = 0;
    try {
      closed = await this.closeIdle();
    } catch (err) {
      this.options.logger.error({ err }, 'IdleCaseSweeper: sweep failed');
    }
    // A failing notice is the notifier's to record; it never undoes or blocks a close.
    await this.options.notifier.sendPending(this.batch);
    return closed;
  }

  private async closeIdle(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.options.idleMs).toISOString();
    let closed = 0;
    for (const c of this.options.cases.idleSince(cutoff, this.batch)) {
      try {
        await this.options.cases.closeForInactivity(c.id, cutoff, this.hours);
        closed += 1;
      } catch (err) {
        if (!(err instanceof CaseConflictError)) throw err;
      }
    }
    if (closed) this.options.logger.info({ closed, hours: this.hours }, 'IdleCaseSweeper: closed idle cases');
    return closed;
  }
}
