import type { Case } from './caseSchema.js';

/**
 * Whether the stale-case sweep may close the case when the customer goes quiet: only a case still with the bot.
 * A case a person has (or had: queued, with an agent, a contact centre), one waiting on a major incident's fix,
 * or one with a follow-up still to send is someone's work in progress, and silence there means nothing.
 */
export function idleClosable(c: Case): boolean {
  return (
    c.status === 'open' &&
    !c.everHandedOff &&
    c.handoffChannel === undefined &&
    // Linked cases of an incident are resolved by its fix (IncidentService.resolve): until then they wait on us.
    c.incidentId === undefined &&
    !(c.followUp !== undefined && !c.followUp.sent)
  );
}

/** Whether the case is closed because the sweep closed it for inactivity (and nothing closed it again since). */
export function closedForInactivity(c: Case): boolean {
  return c.status === 'closed' && c.idleClose !== undefined && c.idleClose.at === c.closedAt;
}

/** Oldest change first (ties by id, a total order): the sweep reads only the head of this order. */
export function idleOrder(a: Case, b: Case): number {
  return a.updatedAt < b.updatedAt
    ? -1
    : a.updatedAt > b.updatedAt
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;
}
