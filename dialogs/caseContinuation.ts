import type { Case, CaseCategory } from '../bot/cases/caseSchema.js';
import { closedForInactivity } from '../bot/cases/idleCases.js';

/** What a new problem description is about, to compare with the conversation's case. */
export interface ProblemDescription {
  conversationId: string;
  contactUserId: string;
  category: CaseCategory;
  /** SIMs (ICCIDs) named in the description; none named fits any case. */
  iccids: readonly string[];
}

/**
 * Whether a problem described again continues the conversation's case instead of opening another: after
 * "cancel" or "start over" the customer usually describes the same problem, and a second case for it would
 * clutter the desk and split the history. Only a case still with the bot qualifies — same conversation, person
 * and service, still `open` (or closed only because the customer went quiet: the caller reopens it, as the
 * closing notice promised) and never handed to an agent — and only when every SIM named is one it already has
 * (or it has none yet).
 */
export function continuesCase(c: Case | undefined, problem: ProblemDescription): c is Case {
  if (!c || !(c.status === 'open' || closedForInactivity(c)) || c.everHandedOff || c.handoffChannel)
    return false;
  if (c.conversation?.conversation?.id !== problem.conversationId) return false;
  if (c.contactUserId !== problem.contactUserId || c.category !== problem.category) return false;
  return c.sims.length === 0 || problem.iccids.every((iccid) => c.sims.includes(iccid));
}
