import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  provablyNotDelivered,
  textActivity,
  toReference,
  type DeliveringMessenger,
} from '../handoff/messenger.js';
import { CaseConflictError, type CaseService } from './caseService.js';
import type { Case, IdleNoticeStatus } from './caseSchema.js';
import { closedForInactivity } from './idleCases.js';
import type { TextFn } from './texts.js';

/** Options of an {@link IdleCloseNotifier}. */
export interface IdleCloseNotifierOptions {
  cases: CaseService;
  /** `deliver` must throw when the connector refuses: a swallowed failure would be recorded as sent. */
  messenger: DeliveringMessenger;
  text: TextFn;
  logger: Logger;
  /** Send attempts of a refused notice before it is given up (default 3). */
  maxAttempts?: number;
}

/** Who the notifier's timeline entries are by. */
const BY = 'idle_sweep';

/**
 * Tells the customer, once, that their case was closed because they did not reply, and that writing again
 * reopens it. The notice's state lives on the case itself (`idleClose.notice`), so it survives restarts.
 *
 * **At most once**, like the follow-up check-ins: a notice is claimed (`sending`, durable) before it is sent;
 * a claim left by a process that died is `unknown` at the next start and never resent — a duplicate is worse
 * than a missing one here, since writing again reopens the case anyway. A refusal (error status, no
 * connection) is retried on later ticks up to `maxAttempts`; any other failure is `unknown`. None of this
 * touches the close, which is already durable before the notice is even claimed.
 */
export class IdleCloseNotifier {
  private readonly instanceId = randomUUID();
  private readonly maxAttempts: number;

  constructor(private readonly options: IdleCloseNotifierOptions) {
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  /** Claims of another (dead) process become `unknown`: whether the customer got the notice cannot be known. */
  async recoverStaleClaims(): Promise<void> {
    for (const c of this.options.cases.withIdleNotice('sending')) {
      if (c.idleClose?.claimedBy === this.instanceId) continue;
      await this.setNotice(c.id, 'sending', 'unknown');
      this.options.logger.warn(
        { caseId: c.id },
        'IdleCloseNotifier: a notice was being sent when the process stopped; not resending (at most once)',
      );
    }
  }

  /** Send up to `limit` pending notices; returns how many were delivered. */
  async sendPending(limit: number): Promise<number> {
    let sent = 0;
    for (const c of this.options.cases.withIdleNotice('pending').slice(0, limit)) {
      try {
        if (await this.sendOne(c)) sent += 1;
      } catch (err) {
        this.options.logger.error({ err, caseId: c.id }, 'IdleCloseNotifier: notice failed');
      }
    }
    return sent;
  }

  private async sendOne(c: Case): Promise<boolean> {
    // Reopened (the customer wrote first) or closed again by someone: the notice would be wrong now.
    if (!closedForInactivity(c) || !c.conversation) {
      await this.setNotice(c.id, 'pending', 'cancelled');
      return false;
    }
    const claimed = await this.setNotice(c.id, 'pending', 'sending');
    if (!claimed) return false;
    const { messenger, text } = this.options;
    const hours = c.idleClose?.hours ?? 0;
    try {
      await messenger.deliver(toReference(c.conversation), [
        textActivity(text(c.lang, 'cases.idleClosed.notice', { id: c.id, hours })),
      ]);
    } catch (err) {
      const attempts = claimed.idleClose?.attempts ?? 1;
      const next = !provablyNotDelivered(err)
        ? 'unknown'
        : attempts >= this.maxAttempts
          ? 'failed'
          : 'pending';
      await this.setNotice(c.id, 'sending', next);
      this.options.logger.warn(
        { err, caseId: c.id, attempts, next },
        'IdleCloseNotifier: notice not delivered',
      );
      return false;
    }
    await this.setNotice(c.id, 'sending', 'sent');
    return true;
  }

  /**
   * Move the notice from `from` to `to` in one case update (logged on the timeline as `idle_notice_<to>`);
   * undefined when the notice had moved on already (another tick, a reopen).
   */
  private async setNotice(
    id: string,
    from: IdleNoticeStatus,
    to: IdleNoticeStatus,
  ): Promise<Case | undefined> {
    try {
      return await this.options.cases.change(id, `idle_notice_${to}`, BY, (c) => {
        if (c.idleClose?.notice !== from) throw new CaseConflictError(id, `notice is not ${from}`);
        c.idleClose.notice = to;
        if (to === 'sending') {
          c.idleClose.attempts += 1;
          c.idleClose.claimedBy = this.instanceId;
        } else delete c.idleClose.claimedBy;
      });
    } catch (err) {
      if (err instanceof CaseConflictError) return undefined;
      throw err;
    }
  }
}
