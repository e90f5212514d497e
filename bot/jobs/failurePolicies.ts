import { randomUUID } from 'node:crypto';
import { provablyNotDelivered } from '../handoff/messenger.js';
import type { ClaimPolicy } from '../storage/stores.js';
import type { FailurePolicy } from './outbox.js';

/**
 * A refused delivery (error status, never connected) is retried on later ticks until `maxAttempts`
 * attempts were made, then `failed`; any other failure leaves the outcome open and is `unknown` (never
 * resent). Follow-up check-ins and idle-close notices.
 */
export function retryRefused(maxAttempts: number): FailurePolicy {
  return (err, attempts) =>
    !provablyNotDelivered(err) ? 'unknown' : attempts >= maxAttempts ? 'failed' : 'pending';
}

/** Any failure is final (`failed`): a connector error after the request left can still mean it arrived. */
export const failOnce: FailurePolicy = () => 'failed';

/**
 * Claims of a job that is alone on its data (built outside the store wiring, as in unit tests): any other
 * owner's claim is stale — the behaviour of one process per data directory.
 */
export function soleClaims(): ClaimPolicy {
  return { owner: randomUUID(), leaseMs: 600_000, exclusive: true };
}
