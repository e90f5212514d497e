import type { Facts, FactValue } from '../domain/facts.js';
import type { Condition, Literal } from './schemas/conditionSchema.js';

/** Result of a check: unknown when a fact the condition needs is missing. */
export type CheckResult3 = 'pass' | 'fail' | 'unknown';

type Known = string | number | boolean;

function known(value: FactValue | undefined): value is Known {
  return value !== undefined && value !== null;
}

/** Strings compare trimmed and case-insensitively: APNs, statuses and country codes are not case-sensitive. */
function same(a: Known, b: Literal): boolean {
  if (typeof a === 'string' && typeof b === 'string')
    return a.trim().toLowerCase() === b.trim().toLowerCase();
  return a === b;
}

function fromBool(value: boolean): CheckResult3 {
  return value ? 'pass' : 'fail';
}

/** Evaluate a condition three-valued over the facts (null counts as unknown). */
export function evaluateCondition(condition: Condition, facts: Facts): CheckResult3 {
  if ('all' in condition) {
    const results = condition.all.map((c) => evaluateCondition(c, facts));
    if (results.includes('fail')) return 'fail';
    return results.includes('unknown') ? 'unknown' : 'pass';
  }
  if ('any' in condition) {
    const results = condition.any.map((c) => evaluateCondition(c, facts));
    if (results.includes('pass')) return 'pass';
    return results.includes('unknown') ? 'unknown' : 'fail';
  }
  if ('not' in condition) {
    const result = evaluateCondition(condition.not, facts);
    return result === 'unknown' ? result : result === 'pass' ? 'fail' : 'pass';
  }
  const actual = facts[condition.fact];
  if (condition.op === 'exists') return fromBool(known(actual));
  if (condition.op === 'missing') return fromBool(!known(actual));
  if (!known(actual)) return 'unknown';
  if (!('value' in condition)) return 'unknown';
  if (Array.isArray(condition.value)) {
    const found = condition.value.some((v) => same(actual, v));
    return fromBool(condition.op === 'notIn' ? !found : found);
  }
  const expected = typeof condition.value === 'object' ? facts[condition.value.fact] : condition.value;
  if (!known(expected)) return 'unknown';
  switch (condition.op as string) {
    case 'eq':
      return fromBool(same(actual, expected));
    case 'ne':
      return fromBool(!same(actual, expected));
    default:
      if (typeof actual !== 'number' || typeof expected !== 'number') return 'unknown';
      if (condition.op === 'gt') return fromBool(actual > expected);
      if (condition.op === 'gte') return fromBool(actual >= expected);
      if (condition.op === 'lt') return fromBool(actual < expected);
      return fromBool(actual <= expected);
  }
}
