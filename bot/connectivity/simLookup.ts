import type { Lang } from '../domain/language.js';
import type { Logger } from 'pino';
import type { FactValue } from '../domain/facts.js';
import type { Finding, FindingCode } from '../domain/findings.js';
import type { PlanCatalogue } from '../knowledgeBase/types.js';
import type { IccidEntity } from '../nlu/types.js';
import type { Repository } from '../storage/repository.js';
import { diagnose, type Service } from './diagnostics.js';
import type { TextFn } from './findingText.js';
import { iccidProblem, maskIccid } from './iccid.js';
import {
  planNameOf,
  type ConnectivityProvider,
  type DeviceDetails,
  type SessionInfo,
  type UsageInfo,
} from './provider.js';
import { ProviderUnavailableError } from './providerError.js';
import { inventoryMatches, liveMatches, type FleetFilter } from './fleetFilter.js';
import type { SimRecord } from './simRecord.js';
import type { CountryNames } from '../nlu/entities/countries.js';

/** What the platform said about one SIM. */
export interface SimSnapshot {
  device: DeviceDetails;
  session: SessionInfo | null;
  usage: UsageInfo | null;
  planName: string | null;
  /** Monthly limit of the plan in MB, when the plan is known. */
  planDataLimitMb: number | null;
}

export type LookupOutcome = 'found' | 'not_found' | 'invalid' | 'ambiguous' | 'unavailable';

/** The answer for one reference the customer gave. */
export interface SimLookupResult {
  /** As given: ICCID digits, E.164 MSISDN, the last digits, the device's IMEI or the SIM's IMSI. */
  ref: string;
  kind: 'iccid' | 'msisdn' | 'last_digits' | 'imei' | 'imsi';
  outcome: LookupOutcome;
  iccid?: string;
  /** `invalid`: why. */
  reason?: 'bad_check_digit' | 'bad_length';
  /** `ambiguous`: masked ICCIDs of the matching SIMs. */
  candidates?: string[];
  snapshot?: SimSnapshot;
  findings: Finding[];
  facts: Record<string, FactValue>;
}

export interface SimReferences {
  iccids: IccidEntity[];
  msisdns: string[];
  lastDigits: string[];
  /** The IMEI of the device the SIM is in ("el equipo con imei 356938110000438"). */
  imeis?: string[];
  /** The SIM's IMSI, as a modem reports it (`AT+CIMI` → 240071000015857). */
  imsis?: string[];
}

/** References to SIMs already known by their ICCIDs (on a case, in a fleet answer): looked up as they are. */
export function knownSimRefs(iccids: readonly string[]): SimReferences {
  return { iccids: iccids.map((value) => ({ value, valid: true, raw: value })), msisdns: [], lastDigits: [] };
}

/** What {@link SimLookupService.identify} found: the organisation's own SIMs, and the references it could not place. */
export interface SimIdentification {
  /** ICCIDs of the organisation's SIMs the references name, once each. */
  iccids: string[];
  /** References that name none of its SIMs (another organisation's, or unknown). */
  notOwned: string[];
  /** References that fit several of its SIMs. */
  ambiguous: string[];
}

/** Options of one look-up: what the customer is asking about and what they said. */
export interface LookupContext {
  service?: Service;
  customerApn?: string;
}

/** Counts across an organisation's inventory (for "all my SIMs", or the SIMs a filter names). */
export interface FleetSummary {
  organisationId: string;
  /** SIMs of the organisation that match the filter's inventory part (all of them without a filter). */
  total: number;
  /** The filter applied, if any. */
  filter?: FleetFilter;
  /** SIMs checked live (at most `maxSims`; the summary stops at the first platform failure). */
  checked: number;
  unavailable: number;
  truncated: boolean;
  byStatus: Record<string, number>;
  byFinding: Partial<Record<FindingCode, number>>;
  /** The SIMs with something to look at (anything but HEALTHY), in inventory order. */
  problems: Array<{ iccid: string; codes: FindingCode[] }>;
  /** The checked SIMs that match the whole filter (every checked SIM without one). */
  matches: SimLookupResult[];
}

export interface SimLookupOptions {
  text: TextFn;
  /** The languages spoken (the knowledge's, hot-reloaded): findings are written in each. */
  languages: () => readonly Lang[];
  /** The current country names for findings (the knowledge's, hot-reloaded); else countries show as codes. */
  countries?: () => CountryNames;
  now?: () => Date;
  /** Most SIMs checked live by {@link SimLookupService.summariseFleet} (default 50: ~30 s at 5 calls/s). */
  fleetMaxSims?: number;
}

/**
 * Finds the customer's SIMs by ICCID, MSISDN or last digits and diagnoses each. Ownership comes
 * from our own inventory, never from the platform: another organisation's SIM and a SIM that does
 * not exist take the same path (no platform call) and get the same `not_found` result.
 */
export class SimLookupService {
  private readonly now: () => Date;

  constructor(
    private readonly provider: ConnectivityProvider,
    private readonly inventory: Repository<SimRecord>,
    private readonly planCatalogue: () => PlanCatalogue,
    private readonly logger: Logger,
    private readonly options: SimLookupOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** One result per distinct reference, in the order given. SIMs are checked one after another. */
  async lookup(
    organisationId: string,
    refs: SimReferences,
    context: LookupContext = {},
  ): Promise<SimLookupResult[]> {
    const results: SimLookupResult[] = [];
    const seen = new Set<string>();
    const once = (key: string): boolean => (seen.has(key) ? false : (seen.add(key), true));
    // Once the platform has failed (after its own retries), the other SIMs are not tried: each would
    // wait through the same timeouts and backoff, and the customer would wait for all of them.
    const down = { value: false };
    const checked = (result: SimLookupResult): SimLookupResult => {
      if (result.outcome === 'unavailable') down.value = true;
      return result;
    };
    const live = { ...context, down };

    for (const entity of refs.iccids) {
      const iccid = entity.value.replace(/\D/g, '');
      if (!once(`iccid:${iccid}`)) continue;
      const problem = iccidProblem(iccid);
      if (problem)
        results.push({
          ref: iccid,
          kind: 'iccid',
          outcome: 'invalid',
          reason: problem,
          findings: [],
          facts: {},
        });
      else results.push(checked(await this.check(organisationId, iccid, iccid, 'iccid', live)));
    }
    for (const msisdn of refs.msisdns) {
      const wanted = digitsOf(msisdn);
      if (!once(`msisdn:${wanted}`)) continue;
      const matches = withMsisdn(this.owned(organisationId), wanted);
      results.push(checked(await this.resolve(organisationId, msisdn, 'msisdn', matches, live)));
    }
    for (const tail of refs.lastDigits) {
      const digits = digitsOf(tail);
      if (!digits || !once(`last:${digits}`)) continue;
      const matches = endingIn(this.owned(organisationId), digits);
      results.push(checked(await this.resolve(organisationId, digits, 'last_digits', matches, live)));
    }
    for (const imei of refs.imeis ?? []) {
      const digits = digitsOf(imei);
      if (!digits || !once(`imei:${digits}`)) continue;
      const matches = withImei(this.owned(organisationId), digits);
      results.push(checked(await this.resolve(organisationId, digits, 'imei', matches, live)));
    }
    for (const imsi of refs.imsis ?? []) {
      const digits = digitsOf(imsi);
      if (!digits || !once(`imsi:${digits}`)) continue;
      const matches = withImsi(this.owned(organisationId), digits);
      results.push(checked(await this.resolve(organisationId, digits, 'imsi', matches, live)));
    }
    return results;
  }

  /**
   * Status and finding counts over every SIM of the organisation (SIMs are checked one after
   * another, at most `fleetMaxSims`, so a large fleet cannot flood the platform).
   */
  async summariseFleet(
    organisationId: string,
    context: LookupContext = {},
    filter?: FleetFilter,
  ): Promise<FleetSummary> {
    const sims = this.owned(organisationId)
      .filter((sim) => inventoryMatches(sim, filter))
      .sort((a, b) => a.id.localeCompare(b.id));
    const max = this.options.fleetMaxSims ?? 50;
    const summary: FleetSummary = {
      organisationId,
      total: sims.length,
      checked: 0,
      unavailable: 0,
      truncated: sims.length > max,
      byStatus: {},
      byFinding: {},
      problems: [],
      matches: [],
      ...(filter ? { filter } : {}),
    };
    for (const sim of sims.slice(0, max)) {
      const result = await this.check(organisationId, sim.id, sim.id, 'iccid', context);
      summary.checked += 1;
      if (result.outcome === 'unavailable') {
        // The platform is down: the rest would only wait through the same timeouts.
        summary.unavailable += 1;
        break;
      }
      // Roaming, session and limits are known only live: SIMs that turn out not to match are not counted.
      if (!liveMatches(result, filter)) continue;
      summary.matches.push(result);
      const status = result.snapshot?.device.status;
      if (status) summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
      const codes = [...new Set(result.findings.map((f) => f.code))];
      for (const code of codes) summary.byFinding[code] = (summary.byFinding[code] ?? 0) + 1;
      const problems = codes.filter((code) => code !== 'HEALTHY');
      if (problems.length > 0) summary.problems.push({ iccid: sim.id, codes: problems });
    }
    return summary;
  }

  /**
   * Which of the organisation's SIMs the references name, from the inventory only (no platform call): for
   * attaching SIMs to a case while the customer waits. A full ICCID of another organisation, or one that does
   * not exist, is `notOwned`; last digits or a number that fit several of its SIMs are `ambiguous`.
   */
  identify(organisationId: string, refs: SimReferences): SimIdentification {
    const owned = this.owned(organisationId);
    const out: SimIdentification = { iccids: [], notOwned: [], ambiguous: [] };
    const take = (ref: string, matches: SimRecord[]): void => {
      const [only] = matches;
      if (matches.length > 1) out.ambiguous.push(ref);
      else if (!only) out.notOwned.push(ref);
      else if (!out.iccids.includes(only.id)) out.iccids.push(only.id);
    };
    for (const entity of refs.iccids) {
      const iccid = digitsOf(entity.value);
      take(
        iccid,
        owned.filter((r) => r.id === iccid),
      );
    }
    for (const msisdn of refs.msisdns) {
      const wanted = digitsOf(msisdn);
      take(msisdn, withMsisdn(owned, wanted));
    }
    for (const tail of refs.lastDigits) {
      const digits = digitsOf(tail);
      if (!digits) continue;
      take(digits, endingIn(owned, digits));
    }
    for (const imei of refs.imeis ?? []) {
      const digits = digitsOf(imei);
      if (digits) take(digits, withImei(owned, digits));
    }
    for (const imsi of refs.imsis ?? []) {
      const digits = digitsOf(imsi);
      if (digits) take(digits, withImsi(owned, digits));
    }
    return out;
  }

  /**
   * Plan names the organisation's SIMs are on (inventory only, no platform call): its own plans — only those of
   * `iccids` when given ("25 more SIMs like the one in truck 14": the plan that SIM is on).
   */
  plansOf(organisationId: string, iccids?: readonly string[]): Set<string> {
    return new Set(
      this.owned(organisationId)
        .filter((r) => !iccids || iccids.includes(r.id))
        .flatMap((r) => (r.communicationPlan ? [r.communicationPlan] : [])),
    );
  }

  /** ICCIDs of the organisation's SIMs (inventory only, no platform call). */
  iccidsOf(organisationId: string): string[] {
    return this.owned(organisationId).map((r) => r.id);
  }

  /** How many of the organisation's SIMs our inventory places in the filter (country, state, plan): no platform call. */
  countOwned(organisationId: string, filter: FleetFilter): number {
    return this.owned(organisationId).filter((sim) => inventoryMatches(sim, filter)).length;
  }

  private owned(organisationId: string): SimRecord[] {
    return this.inventory.findBy('organisation', organisationId);
  }

  private async resolve(
    organisationId: string,
    ref: string,
    kind: 'msisdn' | 'last_digits' | 'imei' | 'imsi',
    matches: SimRecord[],
    context: LookupContext & { down?: { value: boolean } },
  ): Promise<SimLookupResult> {
    const [only] = matches;
    if (matches.length > 1) {
      const candidates = matches.map((r) => maskIccid(r.id)).sort();
      return { ref, kind, outcome: 'ambiguous', candidates, findings: [], facts: {} };
    }
    if (!only) return notFound(ref, kind);
    return this.check(organisationId, only.id, ref, kind, context);
  }

  private async check(
    organisationId: string,
    iccid: string,
    ref: string,
    kind: SimLookupResult['kind'],
    context: LookupContext & { down?: { value: boolean } },
  ): Promise<SimLookupResult> {
    const record = this.inventory.get(iccid);
    if (!record || record.organisationId !== organisationId) return notFound(ref, kind);
    if (context.down?.value) return { ref, kind, outcome: 'unavailable', iccid, findings: [], facts: {} };
    let device: DeviceDetails | null;
    let session: SessionInfo | null;
    let usage: UsageInfo | null;
    try {
      // One after another: Control Center allows one call at a time per user anyway.
      device = await this.provider.getDevice(iccid);
      if (!device) return notFound(ref, kind);
      session = await this.provider.getSession(iccid);
      usage = await this.provider.getUsage(iccid);
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError)) throw error;
      this.logger.warn(
        { provider: this.provider.name, reason: error.reason, kind },
        'live SIM check unavailable',
      );
      return { ref, kind, outcome: 'unavailable', iccid, findings: [], facts: {} };
    }
    // Findings come from what the platform reported; the inventory only says who owns the SIM.
    const catalogue = this.planCatalogue();
    const planName = planNameOf(device);
    const plan = planName === null ? undefined : catalogue.getPlan(planName);
    const diagnosis = diagnose({
      device,
      session,
      usage,
      plan,
      planCatalogue: catalogue,
      now: this.now(),
      text: this.options.text,
      languages: this.options.languages(),
      ...(this.options.countries ? { countries: this.options.countries() } : {}),
      ...(context.service ? { service: context.service } : {}),
      ...(context.customerApn ? { customerApn: context.customerApn } : {}),
    });
    return {
      ref,
      kind,
      outcome: 'found',
      iccid,
      snapshot: { device, session, usage, planName, planDataLimitMb: plan?.dataLimitMb ?? null },
      findings: diagnosis.findings,
      facts: diagnosis.facts,
    };
  }
}

/**
 * The facts for the flow. One SIM: its facts. Several: the facts every found SIM agrees on, so a
 * check node never acts on a fact true for only some of them. Always `sim.count` and `sim.known`.
 */
/** Facts only shown to the customer, never compared by a flow: several SIMs' values are listed, not dropped. */
const SHOWN_ONLY: ReadonlySet<string> = new Set(['session.ip']);

export function mergeFacts(results: readonly SimLookupResult[]): Record<string, FactValue> {
  const found = results.filter((r) => r.outcome === 'found');
  const [first, ...rest] = found;
  const merged: Record<string, FactValue> = {};
  if (first) {
    for (const [name, value] of Object.entries(first.facts)) {
      if (rest.every((r) => r.facts[name] === value)) merged[name] = value;
      // "A data session right now with IP address 10.20.0.68, 10.20.0.76": what is only shown is listed.
      else if (SHOWN_ONLY.has(name) && found.every((r) => typeof r.facts[name] === 'string'))
        merged[name] = found.map((r) => r.facts[name]).join(', ');
    }
  }
  merged['sim.count'] = found.length;
  merged['sim.known'] = found.length > 0;
  return merged;
}

function notFound(ref: string, kind: SimLookupResult['kind']): SimLookupResult {
  return { ref, kind, outcome: 'not_found', findings: [], facts: {} };
}

/** The SIMs whose phone number is `digits` (digits only). */
function withMsisdn(sims: readonly SimRecord[], digits: string): SimRecord[] {
  // "0701234019": a number in national format is the international one without its country code and trunk 0.
  const national = digits.startsWith('0') ? digits.slice(1) : undefined;
  return sims.filter((r) => {
    if (r.msisdn === null) return false;
    const own = digitsOf(r.msisdn);
    return national ? own.endsWith(national) && own.length - national.length <= 3 : own === digits;
  });
}

/** The SIMs whose ICCID or phone number ends in `digits`. */
function endingIn(sims: readonly SimRecord[], digits: string): SimRecord[] {
  return sims.filter(
    (r) => r.id.endsWith(digits) || (r.msisdn !== null && digitsOf(r.msisdn).endsWith(digits)),
  );
}

/** The SIMs in the device with this IMEI (15 digits; a 16-digit IMEISV's last two are its software version). */
function withImei(sims: readonly SimRecord[], digits: string): SimRecord[] {
  const imei = digits.slice(0, 14);
  return sims.filter((r) => r.imei !== null && digitsOf(r.imei).slice(0, 14) === imei);
}

/** The SIMs whose IMSI is `digits` (as `AT+CIMI` prints it). */
function withImsi(sims: readonly SimRecord[], digits: string): SimRecord[] {
  return sims.filter((r) => r.imsi !== null && digitsOf(r.imsi) === digits);
}

function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}
