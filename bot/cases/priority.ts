import type { Lang } from '../domain/language.js';
import type {
  Case,
  CaseCategory,
  Criticality,
  Priority,
  PriorityLevel,
  PriorityReason,
  Severity,
} from './caseSchema.js';
import type { TextFn } from './texts.js';
import { USE_CASES } from '../directory/schemas.js';

/** The directory's use-case ids; each has a `cases.useCase.<id>` text so reasons read as words. */
const KNOWN_USE_CASES: ReadonlySet<string> = new Set(USE_CASES);

/** Everything a priority is computed from. */
export interface PriorityInput {
  vip: boolean;
  severity: Severity;
  category: CaseCategory;
  /** Estimated number of SIMs affected (≥ 1). */
  affectedCount: number;
  criticality: Criticality;
  /** The organisation's use case in words ("smart metering"). */
  useCase: string;
  /** Business days the case has been waiting (0 for a new case). */
  waitingDays?: number;
}

/**
 * The weights, in one place so the score stays explainable. How critical the use case is sets a base
 * tier AND scales the impact (severity + fleet size): a consumer's entertainment router losing service
 * must never outrank a business fleet's smallest incident, while a VIP's metering fleet must reach P1
 * even for one SIM. With these numbers the highest low-criticality score (outage, 999 SIMs, long wait)
 * is 0 + (20 + 20) × 0.4 + 4 = 20, below the lowest standard-criticality score (base 22).
 */
const WEIGHTS = {
  vip: 25,
  base: { critical: 40, high: 30, standard: 22, low: 0 } satisfies Record<Criticality, number>,
  factor: { critical: 1.5, high: 1.2, standard: 1, low: 0.4 } satisfies Record<Criticality, number>,
  severity: { outage: 20, degraded: 10, question: 0 } satisfies Record<Severity, number>,
  /** Waiting adds this much per business day, up to `maxWait`. */
  perWaitingDay: 2,
  maxWait: 10,
  /** Waiting is capped lower for low-criticality cases so waiting alone never lifts them above a fleet. */
  maxWaitLow: 4,
} as const;

/** Lower bounds of each level, checked in order. */
const LEVEL_THRESHOLDS: ReadonlyArray<readonly [PriorityLevel, number]> = [
  ['P1', 75],
  ['P2', 55],
  ['P3', 30],
];

/**
 * Points for the size of the problem: one SIM is a problem, thousands are an emergency — a thousand SIMs without
 * service reach P1 for any business customer (22 + 20 + 35 = 77).
 */
export function fleetPoints(count: number): number {
  if (count >= 1000) return 35;
  if (count >= 100) return 20;
  if (count >= 10) return 10;
  return 0;
}

/** Score → level. */
export function levelFor(score: number): PriorityLevel {
  for (const [level, min] of LEVEL_THRESHOLDS) if (score >= min) return level;
  return 'P4';
}

/**
 * A transparent priority: score, level P1–P4 and the reasons in words (in `lang`). Pure — the same
 * input always gives the same priority.
 */
export function computePriority(input: PriorityInput, lang: Lang, text: TextFn): Priority {
  const count = Math.max(1, Math.round(input.affectedCount));
  const impact = (WEIGHTS.severity[input.severity] + fleetPoints(count)) * WEIGHTS.factor[input.criticality];
  const waitCap = input.criticality === 'low' ? WEIGHTS.maxWaitLow : WEIGHTS.maxWait;
  const waitingDays = Math.max(0, input.waitingDays ?? 0);
  const waiting = Math.min(waitCap, waitingDays * WEIGHTS.perWaitingDay);
  const score =
    Math.round((WEIGHTS.base[input.criticality] + (input.vip ? WEIGHTS.vip : 0) + impact + waiting) * 10) /
    10;

  const reasons: PriorityReason[] = [];
  const add = (code: string, vars?: Record<string, string | number>): void => {
    reasons.push({
      code,
      ...(vars ? { vars } : {}),
      text: text(lang, reasonKey(code, vars), vars),
    });
  };
  if (input.vip) add('vip');
  add(`impact_${input.severity}`, impactVars(count, input.category, lang, text));
  // "other" says nothing about how critical the use is, so it is not given as a reason.
  if (input.useCase && input.useCase !== 'other') {
    add(`use_case_${input.criticality}`, { useCase: useCaseWords(input.useCase, lang, text) });
  }
  // A few minutes of waiting rounds to 0 days: not a reason worth reading ("waiting 0 business days").
  const shownDays = Math.round(waitingDays * 10) / 10;
  if (waiting > 0 && shownDays > 0) add('waiting', { days: shownDays });
  return { level: levelFor(score), score, reasons };
}

/** The text key of a reason ("waiting 1 business day" has its own singular text). */
function reasonKey(code: string, vars?: Readonly<Record<string, string | number>>): string {
  return code === 'waiting' && vars?.['days'] === 1
    ? 'cases.priority.reason.waiting.one'
    : `cases.priority.reason.${code}`;
}

function impactVars(
  count: number,
  category: CaseCategory,
  lang: Lang,
  text: TextFn,
): Record<string, string | number> {
  const sims =
    count === 1 ? text(lang, 'cases.priority.sims.one') : text(lang, 'cases.priority.sims.many', { count });
  return { sims, service: text(lang, `cases.service.${category}`) };
}

function useCaseWords(useCase: string, lang: Lang, text: TextFn): string {
  return KNOWN_USE_CASES.has(useCase) ? text(lang, `cases.useCase.${useCase}`) : useCase;
}

/** "P1 — VIP, ~2000 SIMs without data, smart metering". */
export function describePriority(priority: Priority): string {
  return `${priority.level} — ${priority.reasons.map((r) => r.text).join(', ')}`;
}

/** The case facts a priority's reasons were worded from. */
export type PriorityFacts = Pick<Case, 'lang' | 'priority' | 'affectedCount' | 'category' | 'priorityInputs'>;

/**
 * The priority in words in `lang` — for agents, whose language may differ from the customer's (the
 * stored reasons are worded in the case's language). Reasons are re-worded from their codes and the
 * case's facts; a reason this code does not know keeps its stored text.
 */
export function describePriorityIn(c: PriorityFacts, lang: Lang, text: TextFn): string {
  if (lang === c.lang) return describePriority(c.priority);
  const count = Math.max(1, Math.round(c.affectedCount));
  const reasons = c.priority.reasons.map((r) => {
    try {
      if (r.code === 'vip') return text(lang, 'cases.priority.reason.vip');
      if (r.code.startsWith('impact_'))
        return text(lang, reasonKey(r.code), impactVars(count, c.category, lang, text));
      if (r.code.startsWith('use_case_'))
        return text(lang, reasonKey(r.code), {
          useCase: useCaseWords(c.priorityInputs.useCase, lang, text),
        });
      if (r.code === 'waiting' && r.vars) return text(lang, reasonKey(r.code, r.vars), r.vars);
    } catch {
      // A text missing in `lang`: the stored wording is better than nothing.
    }
    return r.text;
  });
  return `${c.priority.level} — ${reasons.join(', ')}`;
}

/** Orders cases by priority (higher score first); a negative result means `a` goes first. */
export function comparePriority(a: Priority, b: Priority): number {
  return b.score - a.score;
}
