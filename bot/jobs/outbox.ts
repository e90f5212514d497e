import type { Logger } from 'pino';
import type { ClaimPolicy } from '../storage/stores.js';
import { UNGROUPED, type UnitOfWork } from '../storage/unitOfWork.js';

/**
 * `pending` → `sending` (claimed: durable before anything is sent) → `sent`. A refused delivery goes back
 * to `pending` (retried later) or to `failed`; a delivery whose outcome is unknown — a crash mid-send, a
 * timeout, a claim left by a dead instance — becomes `unknown` and is never resent; `cancelled` = no
 * longer worth sending.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'unknown', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** An item's send state: what an {@link Outbox} reads and writes on it. */
export interface SendState {
  status: OutboxStatus;
  /** Send attempts started (claims made). */
  attempts: number;
  /** The process holding the claim while `sending` ({@link ClaimPolicy.owner}). */
  claimedBy?: string;
  claimedAt?: string;
  /** ISO time after which another instance may take the claim over. */
  leaseUntil?: string;
  sentAt?: string;
  lastError?: string;
}

/** How an {@link Outbox} finds its way into the records that carry the send state. */
export interface OutboxItems<T> {
  /** The send state of an item (undefined: it has none, e.g. a case that was never idle-closed). */
  stateOf(item: T): SendState | undefined;
  /**
   * Atomically (under the record's lock) read item `id`'s state, let `decide` compute the next one — or
   * return undefined to leave the item as it is — and store it. Resolves with the item after the change, or
   * undefined when it does not exist or `decide` left it. `to` names the transition (e.g. for a timeline).
   */
  update(
    id: string,
    to: OutboxStatus,
    decide: (state: SendState | undefined) => SendState | undefined,
  ): Promise<T | undefined>;
}

/** What a failed delivery becomes, given the error and the attempts made (this one included). */
export type FailurePolicy = (err: unknown, attempts: number) => 'pending' | 'failed' | 'unknown';

/** Options of an {@link Outbox}. */
export interface OutboxOptions<T> {
  /** Names the outbox in logs. */
  name: string;
  items: OutboxItems<T>;
  claims: ClaimPolicy;
  onFailure: FailurePolicy;
  logger: Pick<Logger, 'warn'>;
  /** Groups a settle with the caller's own bookkeeping (default: none). */
  unitOfWork?: UnitOfWork;
  now?: () => Date;
}

/** What {@link Outbox.send} did with one item. */
export type SendOutcome = 'sent' | 'pending' | 'failed' | 'unknown' | 'skipped';

/**
 * "Send once, never twice" for every proactive message Firstline sends on its own (follow-up check-ins,
 * incident notices, idle-close notices), on either store and across instances.
 *
 * A send is: **claim** (a conditional update, exact under the store's record lock: only a `pending` item
 * becomes `sending`, with this process as `claimedBy` and a lease), **deliver**, **settle** (a conditional
 * update that applies only while this process still holds the claim). Delivery is therefore at most once:
 * two instances never both claim an item, and a claim whose process died is **taken over after its lease**
 * by marking it `unknown` — never by sending again, since the message may have gone out. On lowdb only one
 * process uses the data, so a claim of any other process is stale at once (at start-up).
 */
export class Outbox<T> {
  private readonly now: () => Date;
  private readonly unitOfWork: UnitOfWork;

  constructor(private readonly options: OutboxOptions<T>) {
    this.now = options.now ?? (() => new Date());
    this.unitOfWork = options.unitOfWork ?? UNGROUPED;
  }

  /** This process's claim owner. */
  get owner(): string {
    return this.options.claims.owner;
  }

  /** Claim item `id` if it is `pending`: the item as claimed, or undefined (another claim won, or moved on). */
  claim(id: string): Promise<T | undefined> {
    const at = this.now();
    return this.options.items.update(id, 'sending', (state) => {
      if (state?.status !== 'pending') return undefined;
      return {
        ...withoutClaim(state),
        status: 'sending',
        attempts: state.attempts + 1,
        claimedBy: this.owner,
        claimedAt: at.toISOString(),
        leaseUntil: new Date(at.getTime() + this.options.claims.leaseMs).toISOString(),
      };
    });
  }

  /**
   * Settle this process's claim on `id` as `to` (with `extra` facts such as `sentAt` or `lastError`):
   * undefined when the claim was taken over meanwhile (the item then stays as the other instance left it).
   */
  settle(
    id: string,
    to: OutboxStatus,
    extra: Pick<SendState, 'sentAt' | 'lastError'> = {},
  ): Promise<T | undefined> {
    return this.options.items.update(id, to, (state) => {
      if (state?.status !== 'sending' || state.claimedBy !== this.owner) return undefined;
      return { ...withoutClaim(state), ...extra, status: to };
    });
  }

  /** Cancel item `id` if it is still `pending` (nobody has claimed it). */
  cancel(id: string): Promise<T | undefined> {
    return this.options.items.update(id, 'cancelled', (state) =>
      state?.status === 'pending' ? { ...state, status: 'cancelled' } : undefined,
    );
  }

  /** Whether `state` is a claim another process left and may now be taken over. */
  isStale(state: SendState | undefined, now = this.now()): boolean {
    if (state?.status !== 'sending' || state.claimedBy === this.owner) return false;
    if (this.options.claims.exclusive) return true;
    return state.leaseUntil === undefined || state.leaseUntil <= now.toISOString();
  }

  /**
   * Take over the stale claims among `candidates` (items in `sending`): each becomes `unknown` — its message
   * may have gone out, so it is never sent again. Returns the items taken over.
   */
  async recoverStale(candidates: readonly T[], idOf: (item: T) => string): Promise<T[]> {
    const now = this.now();
    const recovered: T[] = [];
    for (const item of candidates) {
      const seen = this.options.items.stateOf(item);
      if (!this.isStale(seen, now)) continue;
      const settled = await this.options.items.update(idOf(item), 'unknown', (state) =>
        // Still the very claim that was seen stale (not a newer one of a live instance).
        state &&
        this.isStale(state, now) &&
        state.claimedBy === seen?.claimedBy &&
        state.claimedAt === seen?.claimedAt
          ? { ...withoutClaim(state), status: 'unknown' }
          : undefined,
      );
      if (!settled) continue;
      recovered.push(settled);
      this.options.logger.warn(
        { outbox: this.options.name, id: idOf(item), claimedBy: seen?.claimedBy, claimedAt: seen?.claimedAt },
        'a message was being sent by a process that stopped; not resending (at most once)',
      );
    }
    return recovered;
  }

  /**
   * The one send path: claim `id`, `deliver` the claimed item, settle the outcome — `sent`, or on failure
   * what {@link OutboxOptions.onFailure} says. `settled` runs in the same transaction as the settle (the
   * caller's own bookkeeping, e.g. marking the case), with the item as settled. Returns what happened;
   * `skipped` when the item could not be claimed.
   */
  async send(
    id: string,
    deliver: (claimed: T) => Promise<void>,
    settled?: (item: T, outcome: Exclude<SendOutcome, 'skipped'>, err?: unknown) => Promise<void>,
  ): Promise<SendOutcome> {
    const claimed = await this.claim(id);
    if (!claimed) return 'skipped';
    let failure: { err: unknown } | undefined;
    try {
      await deliver(claimed);
    } catch (err) {
      failure = { err };
    }
    const attempts = this.options.items.stateOf(claimed)?.attempts ?? 1;
    const outcome = failure ? this.options.onFailure(failure.err, attempts) : 'sent';
    const extra = failure
      ? { lastError: failure.err instanceof Error ? failure.err.message : String(failure.err) }
      : { sentAt: this.now().toISOString() };
    await this.unitOfWork.transaction(async () => {
      const item = await this.settle(id, outcome, extra);
      if (item && settled) await settled(item, outcome, failure?.err);
    });
    return outcome;
  }
}

/** The state without the claim fields (a settled item holds no claim). */
function withoutClaim(state: SendState): SendState {
  const { claimedBy: _by, leaseUntil: _until, ...rest } = state;
  return rest;
}

/**
 * {@link OutboxItems} over records that carry the send state in their own top-level fields (a follow-up
 * schedule, an incident notice), written through `update` (a repository's).
 */
export function topLevelItems<T extends SendFields>(
  update: (id: string, change: (current: T | undefined) => T) => Promise<T>,
): OutboxItems<T> {
  return {
    stateOf: (item) => ({ ...item, attempts: item.attempts ?? 0 }),
    update: async (id, _to, decide) => {
      let changed = false;
      const result = await update(id, (current) => {
        // A store may run the change more than once (on its view, then on the locked row): decide afresh.
        changed = false;
        if (!current) throw MISSING;
        const next = decide({ ...current, attempts: current.attempts ?? 0 });
        if (!next) return current;
        changed = true;
        const { claimedBy: _by, claimedAt: _at, leaseUntil: _until, ...rest } = current;
        return { ...rest, ...next } as T;
      }).catch((err: unknown) => {
        if (err === MISSING) return undefined;
        throw err;
      });
      return changed ? result : undefined;
    },
  };
}

/** The send-state fields a record of {@link topLevelItems} has. */
export interface SendFields {
  status: OutboxStatus;
  attempts?: number | undefined;
  claimedBy?: string | undefined;
  claimedAt?: string | undefined;
  leaseUntil?: string | undefined;
}

const MISSING = Symbol('missing');
