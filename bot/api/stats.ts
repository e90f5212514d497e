import { businessDaysBetween } from '../cases/businessDays.js';
import { CASE_TARGET_DAYS, CASE_TYPES, type Case, type CaseType } from '../cases/caseSchema.js';
import type { Contact } from './contactLog.js';

/** The operations figures of `GET /api/stats`. */
export interface OperationsStats {
  contacts: { total: number; perDay: Record<string, number>; perMonth: Record<string, number> };
  /** Conversations the bot handled without an agent / all conversations (null with no contacts). */
  containmentRate: number | null;
  /** Conversations handed to an agent / all conversations. */
  handoffRate: number | null;
  /** Mean minutes from an agent picking a case up to its resolution. */
  averageHandlingMinutes: number | null;
  resolution: Record<
    CaseType,
    {
      resolved: number;
      meanBusinessDays: number | null;
      targetBusinessDays: number;
      withinTarget: boolean | null;
    }
  >;
  satisfaction: { average: number | null; count: number };
  cases: { total: number; open: number; byPriority: Record<string, number> };
}

const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;
const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Compute the operations figures from the cases and the contact log. Pure. */
export function computeStats(cases: readonly Case[], contacts: readonly Contact[]): OperationsStats {
  const perDay: Record<string, number> = {};
  const perMonth: Record<string, number> = {};
  for (const c of contacts) {
    perDay[c.at.slice(0, 10)] = (perDay[c.at.slice(0, 10)] ?? 0) + 1;
    perMonth[c.at.slice(0, 7)] = (perMonth[c.at.slice(0, 7)] ?? 0) + 1;
  }
  const handedOffConversations = new Set(
    cases
      .filter((c) => c.everHandedOff)
      .map((c) => c.conversation?.conversation?.id)
      .filter((id) => id !== undefined),
  );
  const handedOff = contacts.filter((c) => handedOffConversations.has(c.conversationId)).length;
  const total = contacts.length;

  const handling = cases
    .filter((c) => c.pickedAt && c.resolvedAt)
    .map((c) => (Date.parse(c.resolvedAt ?? '') - Date.parse(c.pickedAt ?? '')) / 60_000)
    .filter((m) => m >= 0);
  const avgHandling = mean(handling);

  const resolution = {} as OperationsStats['resolution'];
  for (const type of CASE_TYPES) {
    const days = cases
      .filter((c) => c.type === type && c.resolvedAt)
      .map((c) => businessDaysBetween(new Date(c.createdAt), new Date(c.resolvedAt ?? c.createdAt)));
    const m = mean(days);
    resolution[type] = {
      resolved: days.length,
      meanBusinessDays: m === null ? null : round(m, 2),
      targetBusinessDays: CASE_TARGET_DAYS[type],
      withinTarget: m === null ? null : m <= CASE_TARGET_DAYS[type],
    };
  }
  const ratings = cases.map((c) => c.satisfaction).filter((r): r is number => r !== undefined);
  const avgRating = mean(ratings);
  const byPriority: Record<string, number> = { P1: 0, P2: 0, P3: 0, P4: 0 };
  for (const c of cases) byPriority[c.priority.level] = (byPriority[c.priority.level] ?? 0) + 1;
  return {
    contacts: { total, perDay, perMonth },
    containmentRate: total ? round((total - handedOff) / total) : null,
    handoffRate: total ? round(handedOff / total) : null,
    averageHandlingMinutes: avgHandling === null ? null : round(avgHandling, 1),
    resolution,
    satisfaction: { average: avgRating === null ? null : round(avgRating, 2), count: ratings.length },
    cases: {
      total: cases.length,
      open: cases.filter((c) => c.status !== 'resolved' && c.status !== 'closed').length,
      byPriority,
    },
  };
}
