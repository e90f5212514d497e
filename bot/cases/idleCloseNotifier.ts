import type { Logger } from 'pino';
import { textActivity, toReference, type DeliveringMessenger } from '../handoff/messenger.js';
import { retryRefused, soleClaims } from '../jobs/failurePolicies.js';
import { Outbox, type OutboxItems, type SendState } from '../jobs/outbox.js';
import type { ClaimPolicy } from '../storage/stores.js';
import { CaseConflictError, CaseNotFoundError, type CaseService } from './caseService.js';
import type { Case } from './caseSchema.js';
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
  /** Who owns claims and when another's may be taken over (default: this notifier alone on its data). */
  claims?: ClaimPolicy;
}

/** Who the notifier's timeline entries are by. */
const BY = 'idle_sweep';

/**
 * Tells the customer, once, that their case was closed because they did not reply, and that writing again
 * reopens it. The notice's state lives on the case itself (`idleClose.notice`), so it survives restarts.
 *
 * **At most once**, like the follow-up check-ins, through the {@link Outbox} claim: a notice is claimed
 * (`sending`, durable, with a lease) before it is sent; a claim left by a process that died becomes `unknown`
 * once its lease is over (lowdb: at the next start) and is never resent — a duplicate is worse than a missing
 * one here, since writing again reopens the case anyway. A refusal (error status, no connection) is retried
 * on later ticks up to `maxAttempts`; any other failure is `unknown`. None of this touches the close, which
 * is already durable before the notice is even claimed. Every step is on the case's timeline.
 */
export class IdleCloseNotifier {
  private readonly outbox: Outbox<Case>;

  constructor(private readonly options: IdleCloseNotifierOptions) {
    this.outbox = new Outbox({
      name: 'idle-close notices',
      items: caseNotices(options.cases),
      claims: options.claims ?? soleClaims(),
      onFailure: retryRefused(options.maxAttempts ?? 3),
      logger: options.logger,
    });
  }

  /** Claims of a dead process (past their lease) become `unknown`: whether the customer got the notice cannot be known. */
  async recoverStaleClaims(): Promise<void> {
    await this.outbox.recoverStale(this.options.cases.withIdleNotice('sending'), (c) => c.id);
  }

  /** Send up to `limit` pending notices; returns how many were delivered. */
  async sendPending(limit: number): Promise<number> {
    await this.recoverStaleClaims();
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
    const conversation = c.conversation;
    if (!closedForInactivity(c) || !conversation) {
      await this.outbox.cancel(c.id);
      return false;
    }
    const { messenger, text } = this.options;
    const hours = c.idleClose?.hours ?? 0;
    const outcome = await this.outbox.send(
      c.id,
      () =>
        messenger.deliver(toReference(conversation), [
          textActivity(text(c.lang, 'cases.idleClosed.notice', { id: c.id, hours })),
        ]),
      async (settled, next, err) => {
        if (next !== 'sent')
          this.options.logger.warn(
            { err, caseId: c.id, attempts: settled.idleClose?.attempts, next },
            'IdleCloseNotifier: notice not delivered',
          );
      },
    );
    return outcome === 'sent';
  }
}

/** The idle-close notice of a case as an outbox item, changed through the case service (on its timeline). */
function caseNotices(cases: CaseService): OutboxItems<Case> {
  const stateOf = (c: Case): SendState | undefined =>
    c.idleClose && {
      status: c.idleClose.notice,
      attempts: c.idleClose.attempts,
      ...(c.idleClose.claimedBy ? { claimedBy: c.idleClose.claimedBy } : {}),
      ...(c.idleClose.leaseUntil ? { leaseUntil: c.idleClose.leaseUntil } : {}),
    };
  return {
    stateOf,
    update: async (id, to, decide) => {
      try {
        // Logged on the timeline as `idle_notice_<to>`; a notice that moved on aborts the change.
        return await cases.change(id, `idle_notice_${to}`, BY, (c) => {
          const next = c.idleClose && decide(stateOf(c));
          if (!next || !c.idleClose) throw new CaseConflictError(id, `notice cannot become ${to}`);
          c.idleClose.notice = next.status;
          c.idleClose.attempts = next.attempts;
          if (next.claimedBy) c.idleClose.claimedBy = next.claimedBy;
          else delete c.idleClose.claimedBy;
          if (next.leaseUntil) c.idleClose.leaseUntil = next.leaseUntil;
          else delete c.idleClose.leaseUntil;
        });
      } catch (err) {
        if (err instanceof CaseConflictError || err instanceof CaseNotFoundError) return undefined;
        throw err;
      }
    },
  };
}
