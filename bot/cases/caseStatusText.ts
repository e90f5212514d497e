import type { Lang } from '../domain/language.js';
import { businessDaysBetween, roundDays } from './businessDays.js';
import { CASE_TARGET_DAYS, type Case } from './caseSchema.js';
import { closedForInactivity } from './idleCases.js';
import type { TextFn } from './texts.js';
import { maskIccid } from '../connectivity/iccid.js';

/** Business days a case has used so far (until it was resolved, when it was). */
export function businessDaysUsed(c: Case, now: Date): number {
  const end = c.resolvedAt ?? c.closedAt;
  return businessDaysBetween(new Date(c.createdAt), end ? new Date(end) : now);
}

/** "2026-11-26 13:05 UTC": unambiguous for customers in any time zone. */
export function formatWhen(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * The status of a case in words for its customer: status, last update, who has it, what happens next
 * and the time used against the type's target ("3.2 of 9.3 business days").
 */
export function describeCaseStatus(c: Case, lang: Lang, now: Date, text: TextFn): string {
  const owner =
    c.status === 'with_agent' && c.assignedAgentId
      ? text(lang, 'cases.owner.agent', { agent: c.assignedAgentId })
      : text(lang, `cases.owner.${c.status}`);
  const vars = {
    id: c.id,
    type: text(lang, `cases.type.${c.type}`),
    category: text(lang, `cases.category.${c.category}`),
    status: text(lang, `cases.status.${c.status}`),
    updated: formatWhen(c.updatedAt),
    owner,
    // A case closed for lack of a reply can be picked up again by writing about it: say so.
    next: text(lang, closedForInactivity(c) ? 'cases.next.closed_idle' : `cases.next.${c.status}`),
    used: roundDays(businessDaysUsed(c, now)).toFixed(1),
    target: String(CASE_TARGET_DAYS[c.type]),
    priority: c.priority.level,
    // What the priority promises (a P1 is answered within the hour), not only the case type's mean.
    response: text(lang, `cases.response.${c.priority.level}`),
  };
  return text(lang, 'cases.statusReport', vars);
}

/**
 * One line per case for "my open cases" lists: what it is about (its subject, its SIMs), status, priority with
 * its response target, and the last update.
 */
export function describeCaseLine(c: Case, lang: Lang, now: Date, text: TextFn): string {
  const sims =
    c.sims.length === 0
      ? ''
      : ` (${c.sims
          .slice(0, 2)
          .map((iccid) => `\`${maskIccid(iccid)}\``)
          .join(', ')}${c.sims.length > 2 ? ` +${c.sims.length - 2}` : ''})`;
  return text(lang, 'cases.statusLine', {
    id: c.id,
    subject: subjectOf(c, lang, text),
    sims,
    type: text(lang, `cases.type.${c.type}`),
    status: text(lang, `cases.status.${c.status}`),
    priority: c.priority.level,
    response: text(lang, `cases.response.${c.priority.level}`),
    updated: formatWhen(c.updatedAt),
    used: roundDays(businessDaysUsed(c, now)).toFixed(1),
    target: String(CASE_TARGET_DAYS[c.type]),
  });
}

/** What the case is about in a few words: the customer's first words, else its kind and service. */
function subjectOf(c: Case, lang: Lang, text: TextFn): string {
  const summary = c.summary?.replace(/\s+/g, ' ').trim();
  if (!summary) return `${text(lang, `cases.type.${c.type}`)}, ${text(lang, `cases.category.${c.category}`)}`;
  return summary.length > SUBJECT_LENGTH ? `${summary.slice(0, SUBJECT_LENGTH - 1).trimEnd()}…` : summary;
}

/** How much of the customer's first words a case line shows. */
const SUBJECT_LENGTH = 60;
