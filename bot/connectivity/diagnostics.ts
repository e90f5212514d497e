import type { FactValue } from '../domain/facts.js';
import { FINDING_FACT_PREFIX } from '../domain/facts.js';
import type { Finding } from '../domain/findings.js';
import type { Plan, PlanCatalogue } from '../knowledgeBase/types.js';
import type { CountryNames } from '../nlu/entities/countries.js';
import { agoText, makeFinding, utcText, type TextFn } from './findingText.js';
import {
  planNameOf,
  statusAllowsTraffic,
  type DeviceDetails,
  type SessionInfo,
  type UsageInfo,
} from './provider.js';
import type { Lang } from '../domain/language.js';

/** The service the customer is asking about. */
export type Service = 'data' | 'sms' | 'voice' | 'csd';

export interface DiagnoseInput {
  device: DeviceDetails;
  session: SessionInfo | null;
  usage: UsageInfo | null;
  plan: Plan | undefined;
  planCatalogue: PlanCatalogue;
  service?: Service;
  /** APN the customer says the device uses; wins over the platform's requested APN. */
  customerApn?: string;
  now: Date;
  text: TextFn;
  /** The languages spoken (the knowledge base's): each finding is written in all of them. */
  languages: readonly Lang[];
  /** Country names for the findings' texts (the knowledge's); without them a country is shown as its code. */
  countries?: CountryNames;
}

export interface Diagnosis {
  findings: Finding[];
  facts: Record<string, FactValue>;
}

const HOUR_MS = 3_600_000;
const MB = 1024 * 1024;

/**
 * What is wrong on the operator's side with one SIM, in the order a good first line checks:
 * state, limits, plan services, where the device is, APN, session. Pure: same input, same output.
 * With nothing wrong it says HEALTHY, which sends the flow to the device side.
 */
export function diagnose(input: DiagnoseInput): Diagnosis {
  const { device, session, usage, plan, planCatalogue, service, now, text, languages } = input;
  const iccid = device.iccid;
  const planName = planNameOf(device);
  const facts: Record<string, FactValue> = {};
  const findings: Finding[] = [];
  const planVar = planName ?? '—';

  facts['sim.status'] = device.status;
  const active = statusAllowsTraffic(device.status);
  facts['sim.active'] = active;
  if (!active) {
    findings.push(
      makeFinding(text, languages, 'SIM_NOT_ACTIVE', 'critical', {
        iccid,
        vars: () => ({ status: device.statusRaw }),
        details: { status: device.status, statusRaw: device.statusRaw },
      }),
    );
  }

  if (usage) {
    facts['sim.dataLimitReached'] = usage.overageLimitReached;
    if (usage.overageLimitReached && service !== 'sms' && service !== 'voice' && service !== 'csd') {
      const usedMb = Math.round((usage.dataBytes / MB) * 10) / 10;
      const limitMb = plan?.dataLimitMb ?? null;
      findings.push(
        makeFinding(text, languages, 'DATA_LIMIT_REACHED', 'critical', {
          iccid,
          vars: () => ({ usedMb, limitMb: limitMb ?? '—' }),
          details: { usedMb, limitMb },
        }),
      );
    }
  }

  if (planName !== null) facts['plan.name'] = planName;
  facts['plan.known'] = plan !== undefined;
  if (!plan) {
    findings.push(
      makeFinding(text, languages, 'PLAN_UNKNOWN', 'warning', {
        iccid,
        vars: () => ({ plan: planVar }),
        details: { plan: planName },
      }),
    );
  } else {
    const circuitSwitched = plan.radio.includes('2G') || plan.radio.includes('3G');
    facts['plan.apn'] = plan.apns[0] ?? null;
    facts['plan.data'] = plan.services.data;
    facts['plan.smsMo'] = plan.services.smsMo;
    facts['plan.smsMt'] = plan.services.smsMt;
    facts['plan.voice'] = plan.services.voice;
    facts['plan.csd'] = plan.services.csd;
    facts['plan.circuitSwitchedRadio'] = circuitSwitched;
    findings.push(...serviceFindings(input, plan, circuitSwitched));
  }

  const country = device.lastCountry?.toUpperCase();
  if (country) {
    facts['roaming.country'] = country;
    if (device.lastOperator) facts['roaming.operator'] = device.lastOperator;
    if (plan) {
      const allowed = planCatalogue.allowedCountries(plan).has(country);
      facts['roaming.abroad'] = country !== plan.homeCountry.toUpperCase();
      facts['roaming.allowed'] = allowed;
      if (!allowed) {
        findings.push(
          makeFinding(text, languages, 'ROAMING_NOT_ALLOWED', 'critical', {
            iccid,
            vars: (lang) => ({
              country: input.countries?.name(country, lang) ?? country,
              operator: device.lastOperator ?? country,
              plan: planVar,
            }),
            details: { country, operator: device.lastOperator ?? null, plan: planName },
          }),
        );
      }
    }
  }

  if (device.requestedApn) facts['apn.requested'] = device.requestedApn;
  if (input.customerApn) facts['apn.device'] = input.customerApn;
  const apn = input.customerApn ?? device.requestedApn;
  const planApn = plan?.apns[0];
  if (apn && plan && planApn) {
    const matches = plan.apns.some((a) => a.toLowerCase() === apn.trim().toLowerCase());
    facts['apn.matchesPlan'] = matches;
    if (!matches && service !== 'sms' && service !== 'voice' && service !== 'csd') {
      findings.push(
        makeFinding(text, languages, 'APN_MISMATCH', 'critical', {
          iccid,
          vars: () => ({ apn, planApn }),
          details: { apn, planApn },
        }),
      );
    }
  }

  if (session) {
    const started = session.dateSessionStarted;
    const ended = session.dateSessionEnded;
    const up = started !== null && ended === null;
    facts['session.active'] = up;
    facts['session.everHad'] = started !== null;
    if (session.ipAddress) facts['session.ip'] = session.ipAddress;
    if (up) facts['session.hoursSinceLast'] = 0;
    else if (ended !== null) {
      facts['session.hoursSinceLast'] = Math.max(
        0,
        Math.floor((now.getTime() - Date.parse(ended)) / HOUR_MS),
      );
    }
    const aboutData = service === undefined || service === 'data';
    // An inactive SIM has no session by definition: SIM_NOT_ACTIVE already says it all.
    if (active && aboutData && !up) {
      if (started === null) {
        findings.push(
          makeFinding(text, languages, 'NEVER_HAD_SESSION', 'warning', {
            iccid,
            vars: () => ({ planApn: planApn ?? '—' }),
          }),
        );
      } else {
        const endedAt = ended ?? started;
        findings.push(
          makeFinding(text, languages, 'NO_SESSION', 'warning', {
            iccid,
            vars: (lang) => ({
              lastSession: utcText(endedAt),
              ago: agoText(text, lang, new Date(endedAt), now),
            }),
            details: { lastSession: endedAt, hoursSinceLast: facts['session.hoursSinceLast'] ?? null },
          }),
        );
      }
    }
  }

  if (findings.length === 0) {
    findings.push(
      makeFinding(text, languages, 'HEALTHY', 'info', { iccid, vars: () => ({ plan: planVar }) }),
    );
  }
  for (const finding of findings) facts[`${FINDING_FACT_PREFIX}${finding.code}`] = true;
  return { findings, facts };
}

function serviceFindings(input: DiagnoseInput, plan: Plan, circuitSwitched: boolean): Finding[] {
  const { service, text, device, languages } = input;
  const iccid = device.iccid;
  const s = plan.services;
  const yesNo = (lang: Lang, value: boolean): string =>
    text(lang, value ? 'finding.value.yes' : 'finding.value.no');
  const details = { plan: plan.name };
  switch (service) {
    case 'data':
      return s.data
        ? []
        : [
            makeFinding(text, languages, 'DATA_NOT_IN_PLAN', 'critical', {
              iccid,
              vars: () => details,
              details,
            }),
          ];
    case 'sms':
      return s.smsMo && s.smsMt
        ? []
        : [
            makeFinding(text, languages, 'SMS_NOT_IN_PLAN', 'critical', {
              iccid,
              vars: (lang) => ({ plan: plan.name, smsMo: yesNo(lang, s.smsMo), smsMt: yesNo(lang, s.smsMt) }),
              details: { plan: plan.name, smsMo: s.smsMo, smsMt: s.smsMt },
            }),
          ];
    case 'voice':
      return s.voice
        ? []
        : [
            makeFinding(text, languages, 'VOICE_NOT_IN_PLAN', 'critical', {
              iccid,
              vars: () => details,
              details,
            }),
          ];
    case 'csd': {
      const out: Finding[] = [];
      if (!s.csd)
        out.push(
          makeFinding(text, languages, 'CSD_NOT_IN_PLAN', 'critical', {
            iccid,
            vars: () => details,
            details,
          }),
        );
      if (!circuitSwitched) {
        const radio = plan.radio.join(', ');
        out.push(
          makeFinding(text, languages, 'CSD_NO_CIRCUIT_SWITCHED_RADIO', 'critical', {
            iccid,
            vars: () => ({ plan: plan.name, radio }),
            details: { plan: plan.name, radio },
          }),
        );
      }
      return out;
    }
    default:
      return [];
  }
}
