import type { Logger } from 'pino';
import type { TextFn } from '../cases/texts.js';
import { toReference, type DeliveringMessenger } from '../handoff/messenger.js';
import { failOnce, soleClaims } from '../jobs/failurePolicies.js';
import { Outbox, topLevelItems } from '../jobs/outbox.js';
import type { Repository } from '../storage/repository.js';
import type { ClaimPolicy } from '../storage/stores.js';
import { PeriodicTask } from '../jobs/periodicTask.js';
import { forEachLimited } from './boundedParallel.js';
import type { Incident } from './incidentSchema.js';
import { noticeActivity } from './noticeText.js';
import type { Notice, NoticeIndex } from './noticeSchema.js';

/** What a broadcast did, as the operations API reports it. */
export interface DispatchCounts {
  /** Delivered to the connector now. */
  notified: number;
  /** The connector refused or could not be reached (logged; not retried, see {@link NoticeOutbox}). */
  failed: number;
  /** Not sent now: already sent, being sent, of unknown outcome after a crash, or no longer relevant. */
  skipped: number;
}

/** Options of a {@link NoticeOutbox}. */
export interface NoticeOutboxOptions {
  notices: Repository<Notice, NoticeIndex>;
  incident: (id: string) => Incident | undefined;
  messenger: DeliveringMessenger;
  text: TextFn;
  logger: Logger;
  /** Conversations sent to at once. */
  concurrency: number;
  /** How often due notices (the delayed check-ins, leftovers of a crash) are looked for. */
  intervalMs: number;
  /** Called after a notice reached its conversation (the incident links check-ins to cases). */
  afterSend?: (notice: Notice) => Promise<void>;
  now?: () => Date;
  /** Who owns claims and when another's may be taken over (default: this outbox alone on its data). */
  claims?: ClaimPolicy;
}

type Outcome = 'sent' | 'failed' | 'skipped';

/**
 * The persisted outbox of incident notices: one record per conversation and notice, sent **at most once**
 * with bounded concurrency. As in the follow-up scheduler, a notice is claimed ({@link Outbox}) with a durable
 * `sending` status and a lease before it is sent and marked `sent` after — one instance wins each claim, however
 * many send; a claim left by a process that died in between becomes `unknown` once its lease is over (lowdb: at
 * start-up) and is not resent (the customer may have it; a duplicate outage notice in every conversation is
 * worse than one missing, and every later notice still comes). Pending notices left by a crash are sent after
 * the restart (or by another instance). A failed send is logged and recorded, and does not hold up the other conversations; it is not
 * retried, because a connector error after the request left can still mean it arrived.
 *
 * Fan-outs and sends run one job at a time ({@link exclusive}), so the timer never sends a notice a broadcast is
 * about to count.
 */
export class NoticeOutbox {
  private readonly now: () => Date;
  private jobs: Promise<unknown> = Promise.resolve();
  private readonly task: PeriodicTask<DispatchCounts>;
  private readonly outbox: Outbox<Notice>;

  constructor(private readonly options: NoticeOutboxOptions) {
    this.now = options.now ?? (() => new Date());
    this.outbox = new Outbox({
      name: 'incident notices',
      items: topLevelItems<Notice>((id, change) => options.notices.update(id, change)),
      claims: options.claims ?? soleClaims(),
      onFailure: failOnce,
      logger: options.logger,
      now: this.now,
    });
    this.task = new PeriodicTask(
      () => this.tick(),
      options.intervalMs,
      (err) => options.logger.error({ err }, 'incident notices: dispatch failed'),
    );
  }

  /** Run `job` after every job queued before it (fan-outs and dispatches never interleave). */
  exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.jobs.then(() => job());
    this.jobs = run.catch(() => undefined);
    return run;
  }

  /** Add notices that are not in the outbox yet (by id); existing ones, whatever their status, stay. */
  async add(notices: readonly Notice[]): Promise<void> {
    await forEachLimited(notices, this.options.concurrency, async (notice) => {
      await this.options.notices.update(notice.id, (current) => current ?? notice);
    });
  }

  /** Every notice of an incident. */
  ofIncident(incidentId: string): Notice[] {
    return this.options.notices.findBy('incident', incidentId);
  }

  /** Send the due pending notices among `ids` (inside a job); counts what happened to each id. */
  async send(ids: readonly string[]): Promise<DispatchCounts> {
    const counts: DispatchCounts = { notified: 0, failed: 0, skipped: 0 };
    const outcomes: Record<Outcome, keyof DispatchCounts> = {
      sent: 'notified',
      failed: 'failed',
      skipped: 'skipped',
    };
    await forEachLimited(ids, this.options.concurrency, async (id) => {
      counts[outcomes[await this.sendOne(id)]] += 1;
    });
    return counts;
  }

  /** Take over claims of dead processes (as `unknown`), then send due notices every `intervalMs` (timer unref'd). */
  async start(): Promise<void> {
    if (this.task.started) return;
    await this.recoverStale();
    await this.task.start(false);
  }

  /** Stop the timer and wait for the job in progress. */
  async stop(): Promise<void> {
    await this.task.stop();
    await this.jobs;
  }

  /** Take over stale claims and send every due pending notice (one job). */
  tick(): Promise<DispatchCounts> {
    return this.exclusive(async () => {
      await this.recoverStale();
      const nowIso = this.now().toISOString();
      const due = this.options.notices
        .findBy('status', 'pending')
        .filter((n) => n.dueAt <= nowIso)
        .map((n) => n.id)
        .sort();
      return this.send(due);
    });
  }

  private async recoverStale(): Promise<void> {
    await this.outbox.recoverStale(this.options.notices.findBy('status', 'sending'), (n) => n.id);
  }

  private async sendOne(id: string): Promise<Outcome> {
    const { notices, messenger, logger } = this.options;
    const notice = notices.get(id);
    if (!notice || notice.status !== 'pending' || notice.dueAt > this.now().toISOString()) return 'skipped';
    const incident = this.options.incident(notice.incidentId);
    if (!incident || !this.stillRelevant(notice)) {
      await this.outbox.cancel(id);
      return 'skipped';
    }
    const outcome = await this.outbox.send(
      id,
      (claimed) =>
        messenger.deliver(toReference(claimed.reference), [
          noticeActivity(claimed, incident, this.options.text),
        ]),
      async (_settled, status, err) => {
        if (status !== 'sent')
          logger.warn(
            { err, noticeId: id, incidentId: notice.incidentId, conversation: notice.conversationKey },
            'incident notice not delivered',
          );
      },
    );
    if (outcome === 'skipped') return 'skipped';
    if (outcome !== 'sent') return 'failed';
    try {
      await this.options.afterSend?.(notices.get(id) ?? notice);
    } catch (err) {
      // Delivered is delivered: bookkeeping after it must not turn the send into a failure.
      logger.error({ err, noticeId: id }, 'incident notice: after-send step failed');
    }
    return 'sent';
  }

  /** A check-in only follows a fix notice that reached the conversation. */
  private stillRelevant(notice: Notice): boolean {
    if (notice.kind !== 'check_in') return true;
    const fixed = this.options.notices.get(notice.id.replace('.check_in.', '.resolved.'));
    return fixed?.status === 'sent';
  }
}
