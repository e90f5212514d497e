import type { Logger } from 'pino';
import type { CaseService } from '../cases/caseService.js';
import type { TextFn } from '../cases/texts.js';
import { toReference, type DeliveringMessenger } from '../handoff/messenger.js';
import { retryRefused, soleClaims } from '../jobs/failurePolicies.js';
import { Outbox, topLevelItems } from '../jobs/outbox.js';
import { PeriodicTask } from '../jobs/periodicTask.js';
import type { Repository } from '../storage/repository.js';
import type { ClaimPolicy } from '../storage/stores.js';
import { UNGROUPED, type UnitOfWork } from '../storage/unitOfWork.js';
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
  /** Who owns claims and when another's may be taken over (default: this scheduler alone on its data). */
  claims?: ClaimPolicy;
  /** Commits a schedule's change together with its case's (default: each on its own). */
  unitOfWork?: UnitOfWork;
}

/**
 * Sends follow-up check-ins proactively when they fall due, from a durable schedule that survives
 * restarts.
 *
 * Delivery is **at most once**, through the {@link Outbox} claim: before sending, a schedule is claimed
 * with a durable `sending` status and a lease (one instance wins the claim, however many tick), and marked
 * `sent` after the messenger returns — together with the case. If the process dies in between, nobody can
 * know whether the customer received the message; once its lease is over (lowdb: at the next start) such a
 * stale claim becomes `unknown` and is NOT resent: a duplicate "is everything still working?" is worse
 * than a missing one, because the customer can always come back and the case stays resolved, not closed.
 * A delivery the connector refused (an
 * error status) or that never connected returns to `pending` and is retried on later ticks, up to
 * `maxAttempts`, then becomes `failed`; a delivery that failed in a way that leaves its outcome open (a
 * timeout, a reset mid-request) becomes `unknown`, like a crash mid-send.
 */
export class FollowUpScheduler {
  private readonly task: PeriodicTask<number>;
  private readonly outbox: Outbox<FollowUpSchedule>;
  private readonly unitOfWork: UnitOfWork;
  private readonly now: () => Date;

  constructor(private readonly options: FollowUpSchedulerOptions) {
    this.task = new PeriodicTask(
      () => this.runDue(),
      options.intervalMs ?? 30_000,
      (err) => options.logger.error({ err }, 'FollowUpScheduler: tick failed'),
    );
    this.now = options.now ?? (() => new Date());
    this.unitOfWork = options.unitOfWork ?? UNGROUPED;
    this.outbox = new Outbox({
      name: 'follow-ups',
      items: topLevelItems<FollowUpSchedule>((id, change) => options.schedules.update(id, change)),
      claims: options.claims ?? soleClaims(),
      onFailure: retryRefused(options.maxAttempts ?? 3),
      logger: options.logger,
      unitOfWork: this.unitOfWork,
      now: this.now,
    });
  }

  /** Schedule (or re-schedule) the check-in of a case `delayMs` from now: the schedule and the case together. */
  async schedule(caseId: string, delayMs: number): Promise<FollowUpSchedule> {
    const dueAt = new Date(this.now().getTime() + delayMs).toISOString();
    return this.unitOfWork.transaction(async () => {
      const saved = await this.options.schedules.put({
        id: caseId,
        caseId,
        dueAt,
        status: 'pending',
        attempts: 0,
      });
      await this.options.cases.setFollowUp(caseId, { dueAt, sent: false });
      return saved;
    });
  }

  /** Cancel a pending check-in (the customer came back or closed the case). */
  async cancel(caseId: string): Promise<void> {
    if (this.options.schedules.get(caseId)?.status !== 'pending') return;
    await this.outbox.cancel(caseId);
  }

  /** Take over stale claims, then look for due check-ins every `intervalMs` (timer unref'd). */
  async start(): Promise<void> {
    if (this.task.started) return;
    await this.recoverStale();
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

  private async recoverStale(): Promise<void> {
    await this.outbox.recoverStale(
      this.options.schedules.list((x) => x.status === 'sending'),
      (s) => s.id,
    );
  }

  private async runDue(): Promise<number> {
    await this.recoverStale();
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
    const { cases, messenger, logger } = this.options;
    const c = cases.get(s.caseId);
    const conversation = c?.conversation;
    if (!c || c.status !== 'resolved' || !conversation) {
      // The customer came back (reopened) or the case closed meanwhile: the check-in has no point.
      await this.outbox.cancel(s.id);
      return false;
    }
    const outcome = await this.outbox.send(
      s.id,
      () => messenger.deliver(toReference(conversation), [followUpCheckIn(c, this.options.text)]),
      async (settled, status, err) => {
        if (status === 'sent') {
          await cases.setFollowUp(c.id, { dueAt: s.dueAt, sent: true }, 'scheduler');
          return;
        }
        logger.warn(
          { err, caseId: s.caseId, attempts: settled.attempts, status },
          'FollowUpScheduler: check-in not delivered',
        );
        // The desk must be able to see that the customer was never asked, instead of a check-in that looks due.
        if (status !== 'pending')
          await cases.change(
            s.caseId,
            `follow_up_${status}`,
            'scheduler',
            () => undefined,
            `after ${settled.attempts} attempts`,
          );
      },
    );
    return outcome === 'sent';
  }
}
