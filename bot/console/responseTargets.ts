import type { Case, PriorityLevel } from '../cases/caseSchema.js';

/**
 * How soon a person must take a case handed to the desk, by priority: the queue shows how far each case is from
 * it. (The case-type targets of CASE_TARGET_DAYS are resolution times; these are response times.)
 */
export const RESPONSE_TARGET_MINUTES: Readonly<Record<PriorityLevel, number>> = {
  P1: 15,
  P2: 60,
  P3: 240,
  P4: 480,
};

/** Where a queued case stands against its response target. */
export interface ResponseTargetStatus {
  targetMinutes: number;
  /** When a person must have it. */
  dueAt: string;
  /** Milliseconds left; negative once overdue. */
  remainingMs: number;
}

/** The response target of a queued case, counted from when it was queued. */
export function responseTarget(c: Case, now: Date): ResponseTargetStatus {
  const targetMinutes = RESPONSE_TARGET_MINUTES[c.priority.level];
  const queuedAt = new Date(c.queuedAt ?? c.createdAt).getTime();
  const due = queuedAt + targetMinutes * 60_000;
  return { targetMinutes, dueAt: new Date(due).toISOString(), remainingMs: due - now.getTime() };
}
