import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { CaseService } from '../cases/caseService.js';
import type { TextFn } from '../cases/texts.js';
import { provablyNotDelivered, toReference, type DeliveringMessenger } from '../handoff/messenger.js';
import { PeriodicTask } from '../jobs/periodicTask.js';
import type { Repository } from '../storage/repository.js';
import { followUpCheckIn } from './cards.js';
import type { FollowUpSchedule } from './scheduleSchema.js';

/** Options of a {@link FollowUpScheduler}. */
export interface FollowUpSchedulerOptions {
  schedules: Repository<FollowUpSchedule>;
  cases: CaseService;
  /** `deliver` must throw when the connector refuses: a swallowed failure would be recorded as sent. */
  messenger: DeliveringMessenger;
  text: TextFn;
  logger: Logger;
  /** How often due schedules are looked for (default 30 s; tests use a few ms). */
  intervalMs?: number;
  /** Send attempts before a schedule is given up (default 3). */
  maxAttempts?: number;
  now?: () => Date;
}

/**
 * Sends follow-up check-ins proactively when they fall due, from a durable schedule that survives
 * restarts.
 *
 * Delivery is **at most once**. Before sending, a schedule is claimed with a durable `sending` status
 * (written and fsynced first), and marked `sent` after the messenger returns. If the process dies in
 * between, nobody can know whether the customer received the message; on start-up such stale
 * `sending` claims (made by another, now dead, instance) become `unknown` and are NOT resent: a
 * duplicate "is everything still working?" is worse than a missing one, because the customer can
 * always come back and the case stays resolved, not closed. A delivery the connector refused (an
 * error status) or that never connected returns to `pending` and is retried on later ticks, up to
 * `maxAttempts`, then becomes `failed`; a delivery that failed in a way that leaves its outcome open (a
 * timeout, a reset mid-request) becomes `unknown`, like a crash mid-send.
 */
export class FollowUpScheduler {
  private readonly instanceId = randomUUID();
  private readonly task: PeriodicTask<number>;
  private readonly maxAttempts: number;
  private readonly now: () => Date;

  constructor(private readonly options: FollowUpSchedulerOptions) {
    this.task = new PeriodicTask(
      () => this.runDue(),
      options.intervalMs ?? 30_000,
      (err) => options.logger.error({ err }, 'FollowUpScheduler: tick failed'),
    );
    this.maxAttempts = options.maxAttempts ?? 3;
    this.now = options.now ?? (() => new Date());
  }

  /** Schedule (or re-schedule) the check-in of a case `delayMs` from now. */
  async schedule(caseId: string, delayMs: number): Promise<FollowUpSchedule> {
    const dueAt = new Date(this.now().getTime() + delayMs).toISOString();
    const saved = await this.options.schedules.put({
      id: caseId,
      caseId,
      dueAt,
      status: 'pending',
      attempts: 0,
    });
    await this.options.cases.setFollowUp(caseId, { dueAt, sent: false });
    return saved;
  }

  /** Cancel a pending check-in (the customer came back or closed the case). */
  async cancel(caseId: string): Promise<void> {
    const current = this.options.schedules.get(caseId);
    if (current?.status !== 'pending') return;
    await this.options.schedules.update(caseId, (s) => ({ ...(s ?? current), status: 'cancelled' }));
  }

  /** Recover stale claims, then look for due check-ins every `intervalMs` (timer unref'd). */
  async start(): Promise<void> {
    if (this.task.started) return;
    for (const s of this.options.schedules.list(
      (x) => x.status === 'sending' && x.claimedBy !== this.instanceId,
    )) {
      await this.options.schedules.update(s.id, (cur) => ({ ...(cur ?? s), status: 'unknown' }));
      this.options.logger.warn(
        { caseId: s.caseId, claimedAt: s.claimedAt },
        'FollowUpScheduler: a check-in was being sent when the process stopped; not resending (at most once)',
      );
    }
    await this.task.start();
  }

  /** Stop the timer and wait for a tick in progress. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  /**
   * Send every due check-in once. Ticks never overlap: a tick that starts while one runs joins it.
   * Returns how many were sent.
   */
  tick(): Promise<number> {
    return this.task.now();
  }

  private async runDue(): Promise<number> {
    const nowIso = this.now().toISOString();
    const due = this.options.schedules.list((s) => s.status === 'pending' && s.dueAt <= nowIso);
    let sent = 0;
    for (const s of due) {
      try {
        if (await this.sendOne(s)) sent += 1;
      } catch (err) {
        this.options.logger.error({ err, caseId: s.caseId }, 'FollowUpScheduler: check-in failed');
      }
    }
    return sent;
  }

  private async sendOne(s: FollowUpSchedule): Promise<boolean> {
    const { schedules, cases, messenger } = this.options;
    const c = cases.get(s.caseId);
    if (!c || c.status !== 'resolved' || !c.conversation) {
      // The customer came back (reopened) or the case closed meanwhile: the check-in has no point.
      await schedules.update(s.id, (cur) => ({ ...(cur ?? s), status: 'cancelled' }));
      return false;
    }
    let claimed = false;
    await schedules.update(s.id, (cur) => {
      if (!cur || cur.status !== 'pending') return cur ?? s;
      claimed = true;
      return {
        ...cur,
        status: 'sending',
        attempts: cur.attempts + 1,
        claimedAt: this.now().toISOString(),
        claimedBy: this.instanceId,
      };
    });
    if (!claimed) return false;
    try {
      await messenger.deliver(toReference(c.conversation), [followUpCheckIn(c, this.options.text)]);
    } catch (err) {
      await this.recordFailure(s, err);
      return false;
    }
    const sentAt = this.now().toISOString();
    await schedules.update(s.id, (cur) => ({ ...(cur ?? s), status: 'sent', sentAt }));
    await cases.setFollowUp(c.id, { dueAt: s.dueAt, sent: true }, 'scheduler');
    return true;
  }

  /** Refused → retry later (or give up after `maxAttempts`); any other failure → `unknown`, never resent. */
  private async recordFailure(s: FollowUpSchedule, err: unknown): Promise<void> {
    const { schedules, cases, logger } = this.options;
    const attempts = schedules.get(s.id)?.attempts ?? 1;
    const status = !provablyNotDelivered(err)
      ? 'unknown'
      : attempts >= this.maxAttempts
        ? 'failed'
        : 'pending';
    await schedules.update(s.id, (cur) => ({
      ...(cur ?? s),
      status,
      lastError: err instanceof Error ? err.message : String(err),
    }));
    logger.warn({ err, caseId: s.caseId, attempts, status }, 'FollowUpScheduler: check-in not delivered');
    // The desk must be able to see that the customer was never asked, instead of a check-in that looks due.
    if (status !== 'pending')
      await cases.change(
        s.caseId,
        `follow_up_${status}`,
        'scheduler',
        () => undefined,
        `after ${attempts} attempts`,
      );
  }
}
