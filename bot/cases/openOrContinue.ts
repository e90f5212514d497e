import { OPEN_STATUSES, type Case, type CaseCategory, type CaseType } from './caseSchema.js';
import type { CaseService, OpenCaseInput } from './caseService.js';
import { closedForInactivity } from './idleCases.js';

/** What a conversation asks for when it needs a case for what the customer said. */
export interface CaseRequest extends OpenCaseInput {
  /** The customer's conversation. */
  conversationId: string;
  /** The case this conversation is working on (its profile's), if any. */
  currentCaseId?: string;
  /** SIMs (ICCIDs) named in the message; none named fits any case. */
  iccids?: readonly string[];
  /**
   * Any open case of the conversation will do, whatever it is about (the customer asks for a person:
   * the person gets the case they were working on).
   */
  anyOpenCase?: boolean;
  /** The customer's words, kept on the case's transcript. */
  text?: string;
}

/** The case to work on, and whether it is new, continued or reopened (what the customer is told). */
export interface CaseOpening {
  case: Case;
  outcome: 'opened' | 'continued' | 'reopened';
}

/** What a new description is about, to compare with the conversation's case. */
export interface ProblemDescription {
  conversationId: string;
  contactUserId: string;
  type: CaseType;
  category: CaseCategory;
  iccids: readonly string[];
}

/**
 * Whether a description continues the conversation's case instead of opening another: after "cancel" or
 * "start over" the customer usually describes the same problem, and a second case would clutter the desk and
 * split the history. Only a case still with the bot qualifies — same conversation, person, type and
 * service, still `open` (or closed only because the customer went quiet: it is reopened, as the closing
 * notice promised), never picked up by an agent (one taken back from the queue is the bot's again) — and only when every SIM named is one it has (or it has none).
 */
export function continuesCase(c: Case | undefined, problem: ProblemDescription): c is Case {
  // Taken back from the queue before anyone picked it up ("back to the bot"), the case is the bot's again.
  const withAPerson = c?.everHandedOff === true && c.pickedAt !== undefined;
  if (!c || !(c.status === 'open' || closedForInactivity(c)) || withAPerson || c.handoffChannel) return false;
  if (c.conversation?.conversation?.id !== problem.conversationId) return false;
  if (c.contactUserId !== problem.contactUserId || c.type !== problem.type) return false;
  // A case opened for "can I talk to someone?" (or "…about SIM 0027") before anything was told or checked takes the
  // problem told next — also when the SIMs given while it waited were looked at (their findings are on it).
  const placeholder =
    c.category === 'other' && c.findings.every((f) => f.iccid !== undefined && c.sims.includes(f.iccid));
  if (c.category !== problem.category && !placeholder) return false;
  return c.sims.length === 0 || problem.iccids.every((iccid) => c.sims.includes(iccid));
}

/**
 * The one way a conversation gets its case: continue the conversation's case when the request fits it
 * ({@link continuesCase}, or any open one with `anyOpenCase`), reopen it when it was closed for silence,
 * else open a new one. The customer's words are appended to whichever it is.
 */
export async function openOrContinueCase(cases: CaseService, request: CaseRequest): Promise<CaseOpening> {
  const { conversationId, currentCaseId, iccids = [], anyOpenCase, text, ...input } = request;
  const current = currentCaseId ? cases.get(currentCaseId) : undefined;
  let opening: CaseOpening;
  if (
    anyOpenCase &&
    current &&
    OPEN_STATUSES.includes(current.status) &&
    current.conversation?.conversation?.id === conversationId
  ) {
    opening = { case: current, outcome: 'continued' };
  } else if (
    continuesCase(current, {
      conversationId,
      contactUserId: input.contactUserId,
      type: input.type,
      category: input.category,
      iccids,
    })
  ) {
    opening = closedForInactivity(current)
      ? {
          case: await cases.reopen(
            current.id,
            input.contactUserId,
            'the customer wrote again about the same problem',
          ),
          outcome: 'reopened',
        }
      : { case: current, outcome: 'continued' };
  } else {
    opening = { case: await cases.open(input), outcome: 'opened' };
  }
  // The count the customer gives drives the priority, also when it comes with a continued case; so does the
  // problem's category when it continues a case opened for a person before anything was told.
  const count = input.affectedCount;
  const raised =
    count && opening.outcome !== 'opened' && count > opening.case.affectedCount ? count : undefined;
  const category =
    opening.outcome !== 'opened' && opening.case.category === 'other' && input.category !== 'other'
      ? input.category
      : undefined;
  if (raised || category)
    opening.case = await cases.reprioritise(opening.case.id, {
      ...(raised ? { affectedCount: raised } : {}),
      ...(category ? { category, severity: input.severity } : {}),
    });
  // The SIMs the customer named go on the case, a continued one too.
  const added = (input.sims ?? []).filter((sim) => !opening.case.sims.includes(sim));
  if (opening.outcome !== 'opened' && added.length > 0)
    opening.case = await cases.addSims(opening.case.id, added);
  // The same words once: a dialog that hands over within the turn asks again with the same message.
  if (text && opening.case.transcript.at(-1)?.text !== text)
    opening.case = await cases.appendTranscript(opening.case.id, [{ from: 'customer', text }]);
  return opening;
}
