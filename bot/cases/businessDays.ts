const DAY_MS = 24 * 60 * 60 * 1000;

function isWeekend(day: number): boolean {
  return day === 0 || day === 6;
}

/**
 * Business days (Mon–Fri, in UTC, fractional) elapsed between `from` and `to`. Weekend time does
 * not count, so a case opened Friday 16:00 and checked Monday 08:00 has used 16 hours = 0.67 days.
 * Returns 0 when `to` is not after `from`. Public holidays are not modelled (none in the targets).
 */
export function businessDaysBetween(from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  if (!(end > start)) return 0;
  let total = 0;
  let cursor = start;
  while (cursor < end) {
    const dayStart = Math.floor(cursor / DAY_MS) * DAY_MS;
    const dayEnd = Math.min(dayStart + DAY_MS, end);
    if (!isWeekend(new Date(dayStart).getUTCDay())) total += dayEnd - cursor;
    cursor = dayEnd;
  }
  return total / DAY_MS;
}

/** Rounds business days to one decimal for people ("3.2 of 9.3 business days"). */
export function roundDays(days: number): number {
  return Math.round(days * 10) / 10;
}
