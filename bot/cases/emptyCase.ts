import type { Case } from './caseSchema.js';

/**
 * A case opened only so that a person could be asked for ("can I talk to a human?"): nothing reported on it — no
 * problem category, no SIM, no finding, no request, and no word from the customer beyond the request itself. When
 * the customer takes the request back before anyone picked it up, such a case is closed rather than left open with
 * nothing in it (agents would find an empty case in their lists, the customer an open case they never opened).
 */
export function holdsNothing(c: Case): boolean {
  return (
    c.type === 'incident' &&
    c.category === 'other' &&
    c.handoffReason === 'customer_request' &&
    c.sims.length === 0 &&
    c.findings.length === 0 &&
    c.request === undefined &&
    c.transcript.filter((entry) => entry.from === 'customer').length <= 1
  );
}
