import { CaseConflictError } from './caseErrors.js';
import type { CaseStatus } from './caseSchema.js';

/**
 * The case life-cycle: which status may follow which. The one place the rule lives — `CaseService` checks
 * every change against it, whichever method (or caller's mutation) made it, so no writer can skip a step.
 *
 * - `open` (with the bot) and `waiting_customer` go to a person (`queued`, `with_agent`), are solved
 *   (`resolved`) or closed (the customer closes it, or it went quiet).
 * - `queued` / `with_agent` stay handed off while the desk moves them (re-queue, transfer), come back to
 *   the bot (`open`), or end (`resolved`, `closed`).
 * - `resolved` waits for the follow-up: it closes, or reopens (`open`) when the problem is back.
 * - `closed` can only be reopened.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['waiting_customer', 'queued', 'with_agent', 'resolved', 'closed'],
  waiting_customer: ['open', 'queued', 'with_agent', 'resolved', 'closed'],
  queued: ['queued', 'with_agent', 'open', 'resolved', 'closed'],
  with_agent: ['with_agent', 'queued', 'open', 'resolved', 'closed'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

/**
 * A status change the life-cycle does not allow (e.g. resolving a closed case). A {@link CaseConflictError}:
 * like a lost race, it means the case is no longer where the caller thought it was.
 */
export class IllegalCaseTransitionError extends CaseConflictError {
  constructor(
    caseId: string,
    readonly from: CaseStatus,
    readonly to: CaseStatus,
  ) {
    super(caseId, `cannot go from ${from} to ${to}`);
    this.name = 'IllegalCaseTransitionError';
  }
}

/** Whether a case in `from` may move to `to`. */
export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

/** Throw {@link IllegalCaseTransitionError} unless `from` → `to` is allowed. */
export function assertTransition(caseId: string, from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) throw new IllegalCaseTransitionError(caseId, from, to);
}
