import type { TurnContext } from 'botbuilder';
import type { FactValue } from '../domain/facts.js';
import type { Finding } from '../domain/findings.js';
import { identityOf } from '../turn/turnKeys.js';
import type { Service } from './diagnostics.js';
import { mergeFacts, type SimLookupService } from './simLookup.js';

const SERVICES: readonly string[] = ['data', 'sms', 'voice', 'csd'] satisfies Service[];

/**
 * Looks a problem's SIMs up again, live, for the customer's own organisation — what "done, I changed it" or
 * "I'm not sure" to "does it work now?" needs: what the platform sees now. Undefined when there is nothing to
 * look at (no organisation, no SIM found).
 */
export class SimRecheck {
  constructor(private readonly sims: SimLookupService) {}

  async recheck(
    context: TurnContext,
    iccids: readonly string[],
    service: string,
  ): Promise<{ facts: Record<string, FactValue>; findings: Finding[] } | undefined> {
    const identity = identityOf(context);
    if (identity.kind !== 'customer' || iccids.length === 0) return undefined;
    const results = await this.sims.lookup(
      identity.organisation.id,
      { iccids: iccids.map((value) => ({ value, valid: true, raw: value })), msisdns: [], lastDigits: [] },
      SERVICES.includes(service) ? { service: service as Service } : {},
    );
    const found = results.filter((r) => r.outcome === 'found');
    if (found.length === 0) return undefined;
    return { facts: mergeFacts(found), findings: found.flatMap((r) => r.findings) };
  }
}
