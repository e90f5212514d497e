import type { FactValue } from '../domain/facts.js';
import { FINDING_FACT_PREFIX } from '../domain/facts.js';
import type { Finding } from '../domain/findings.js';
import type { ModemEvidence } from '../nlu/types.js';
import { makeFinding, type TextFn } from './findingText.js';
import type { Lang } from '../domain/language.js';

/** Registration stat → fact value (3GPP TS 27.007 +CREG/+CGREG/+CEREG). */
const REGISTRATION = ['not_registered', 'home', 'searching', 'denied', 'unknown', 'roaming'] as const;
type Registration = (typeof REGISTRATION)[number];

/** Codes with their own text in `modem.<table>.<code>`; any other code uses `modem.<table>.other`. */
export const KNOWN_MODEM_CODES = {
  cme: [3, 4, 10, 11, 12, 13, 14, 15, 16, 30, 31, 100],
  cms: [38, 69, 300, 302, 304, 305, 310, 330, 331, 332, 500],
  pdp: [8, 26, 27, 29, 30, 31, 32, 33],
} as const satisfies Record<string, readonly number[]>;

/** +CME codes that mean the SIM itself is not usable. */
const SIM_CME_CODES: ReadonlySet<number> = new Set([10, 11, 12, 13, 14, 15]);

/** Preference when several registration lines disagree: a registered radio wins (the device has a way in). */
const REGISTRATION_RANK: Readonly<Record<Registration, number>> = {
  home: 5,
  roaming: 5,
  searching: 4,
  denied: 3,
  not_registered: 2,
  unknown: 1,
};

/** +CSQ rssi → band. */
export function signalBand(rssi: number): 'poor' | 'fair' | 'good' | 'excellent' | 'unknown' {
  if (rssi === 99 || rssi < 0 || rssi > 31) return 'unknown';
  if (rssi <= 9) return 'poor';
  if (rssi <= 14) return 'fair';
  if (rssi <= 19) return 'good';
  return 'excellent';
}

/** The advice after "attach with AT+CGATT=1", by the registration pasted with it (if any). */
function attachAdviceKey(registration: FactValue | undefined): string {
  if (registration === 'denied') return 'modem.attachAdvice.denied';
  if (registration === 'home' || registration === 'roaming') return 'modem.attachAdvice.registered';
  if (registration === 'searching' || registration === 'not_registered')
    return 'modem.attachAdvice.unregistered';
  return 'modem.attachAdvice.unknown';
}

function codeKey(table: keyof typeof KNOWN_MODEM_CODES, prefix: string, code: number): string {
  const known: readonly number[] = KNOWN_MODEM_CODES[table];
  return `${prefix}.${known.includes(code) ? code : 'other'}`;
}

/**
 * Interpret modem output the customer pasted (as extracted by the NLU), each line in plain words:
 * registration, signal, packet attach, the APN of the data context, SIM state, SIM and SMS errors, PDP
 * reject causes and CSD `NO CARRIER`. Pure. The last line of each kind
 * counts, as it is the modem's latest word.
 */
export function interpretModemEvidence(
  evidence: readonly ModemEvidence[],
  text: TextFn,
  /** The languages spoken: each finding is written in all of them. */
  languages: readonly Lang[],
): { findings: Finding[]; facts: Record<string, FactValue> } {
  const findings: Finding[] = [];
  const facts: Record<string, FactValue> = {};
  if (evidence.length === 0) return { findings, facts };

  const lastOf = (kind: ModemEvidence['kind']): ModemEvidence | undefined =>
    evidence.filter((e) => e.kind === kind).at(-1);

  facts['modem.evidence'] = evidence.map((e) => e.raw.trim()).join(', ');
  const cme = lastOf('cme');
  let simReady = true;
  if (cme?.code !== undefined) {
    const code = cme.code;
    facts['modem.cmeError'] = code;
    if (SIM_CME_CODES.has(code)) simReady = false;
    const meaningKey = codeKey('cme', 'modem.cme', code);
    const details = { code };
    if (code === 10)
      findings.push(makeFinding(text, languages, 'MODEM_SIM_NOT_INSERTED', 'critical', { details }));
    else if (code === 11)
      findings.push(makeFinding(text, languages, 'MODEM_SIM_PIN_REQUIRED', 'critical', { details }));
    else if (code === 13)
      findings.push(makeFinding(text, languages, 'MODEM_SIM_FAILURE', 'critical', { details }));
    else {
      findings.push(
        makeFinding(text, languages, 'MODEM_CME_ERROR', SIM_CME_CODES.has(code) ? 'critical' : 'warning', {
          vars: (lang) => ({ code, meaning: text(lang, meaningKey) }),
          details,
        }),
      );
    }
  }
  const cpin = lastOf('cpin');
  if (cpin?.status !== undefined) {
    simReady = cpin.status === 'READY';
    const details = { status: cpin.status };
    if (simReady) findings.push(makeFinding(text, languages, 'MODEM_SIM_READY', 'info', { details }));
    else if (cpin.status === 'NOT INSERTED')
      findings.push(makeFinding(text, languages, 'MODEM_SIM_NOT_INSERTED', 'critical', { details }));
    else if (cpin.status.startsWith('SIM PIN'))
      findings.push(makeFinding(text, languages, 'MODEM_SIM_PIN_REQUIRED', 'critical', { details }));
    else findings.push(makeFinding(text, languages, 'MODEM_SIM_FAILURE', 'critical', { details }));
  }
  facts['modem.simReady'] = simReady;
  if (!simReady)
    facts['modem.simPinRequired'] =
      cpin?.status !== undefined ? cpin.status.startsWith('SIM PIN') : cme?.code === 11;

  // One registration line per command (the latest), then the most useful across commands.
  const latestPerCommand = new Map<string, ModemEvidence>();
  for (const e of evidence)
    if (e.kind === 'creg' && e.stat !== undefined) latestPerCommand.set(e.command ?? 'CREG', e);
  let best: { e: ModemEvidence; reg: Registration; stat: number } | undefined;
  for (const e of latestPerCommand.values()) {
    const stat = e.stat ?? 4;
    const reg = REGISTRATION[stat] ?? 'unknown';
    if (!best || REGISTRATION_RANK[reg] > REGISTRATION_RANK[best.reg]) best = { e, reg, stat };
  }
  if (best) {
    const { reg, stat } = best;
    const command = `+${best.e.command ?? 'CREG'}`;
    facts['modem.registration'] = reg;
    facts['modem.registered'] = reg === 'home' || reg === 'roaming';
    const vars = (lang: Lang) => ({
      command,
      stat,
      meaning: text(lang, `modem.registration.${stat >= 0 && stat <= 5 ? stat : 4}`),
    });
    const details = { command, stat, registration: reg };
    const code =
      reg === 'home'
        ? 'MODEM_REGISTERED_HOME'
        : reg === 'roaming'
          ? 'MODEM_REGISTERED_ROAMING'
          : reg === 'searching'
            ? 'MODEM_SEARCHING'
            : reg === 'denied'
              ? 'MODEM_REGISTRATION_DENIED'
              : 'MODEM_NOT_REGISTERED';
    const severity =
      reg === 'home' || reg === 'roaming' ? 'info' : reg === 'searching' ? 'warning' : 'critical';
    findings.push(makeFinding(text, languages, code, severity, { vars, details }));
  }

  const csq = lastOf('csq');
  if (csq?.rssi !== undefined) {
    const rssi = csq.rssi;
    const band = signalBand(rssi);
    facts['modem.signal'] = band;
    if (band === 'poor') {
      findings.push(
        makeFinding(text, languages, 'MODEM_SIGNAL_POOR', 'warning', {
          vars: () => ({ rssi }),
          details: { rssi, band },
        }),
      );
    } else if (band === 'unknown') {
      findings.push(
        makeFinding(text, languages, 'MODEM_SIGNAL_UNKNOWN', 'warning', { details: { rssi, band } }),
      );
    } else {
      findings.push(
        makeFinding(text, languages, 'MODEM_SIGNAL_OK', 'info', {
          vars: (lang) => ({ rssi, band: text(lang, `modem.signal.${band}`) }),
          details: { rssi, band },
        }),
      );
    }
  }

  const cgatt = lastOf('cgatt');
  if (cgatt?.state !== undefined) {
    facts['modem.attached'] = cgatt.state === 1;
    findings.push(
      cgatt.state === 1
        ? makeFinding(text, languages, 'MODEM_ATTACHED', 'info')
        : makeFinding(text, languages, 'MODEM_NOT_ATTACHED', 'critical', {
            // What the attach depends on, from the registration the customer pasted too — never "check AT+CEREG?"
            // when they just showed it.
            vars: (lang) => ({ then: text(lang, attachAdviceKey(facts['modem.registration'])) }),
          }),
    );
  }

  // The data context's APN answers "which APN is on the device?" (context 1, or the first one pasted).
  const contexts = evidence.filter((e) => e.kind === 'cgdcont' && e.apn !== undefined);
  const context = contexts.find((e) => e.cid === 1) ?? contexts[0];
  if (context?.apn !== undefined) {
    const apn = context.apn;
    if (apn) facts['apn.device'] = apn;
    findings.push(
      makeFinding(text, languages, 'MODEM_APN_SET', apn ? 'info' : 'warning', {
        vars: (lang) => ({ cid: context.cid ?? 1, apn: apn || text(lang, 'modem.apn.empty') }),
        details: { cid: context.cid ?? 1, apn, pdpType: context.pdpType ?? '' },
      }),
    );
  }

  // The latest reject with a cause; else the latest activation that failed without one ("AT+CGACT=1,1 … ERROR").
  const rejects = evidence.filter((e) => e.kind === 'pdp_cause');
  const pdp = rejects.filter((e) => e.code !== undefined).at(-1) ?? rejects.at(-1);
  if (pdp?.code !== undefined) {
    const code = pdp.code;
    facts['modem.pdpCause'] = code;
    findings.push(
      makeFinding(text, languages, 'MODEM_PDP_REJECTED', code === 26 ? 'warning' : 'critical', {
        vars: (lang) => ({
          cause: text(lang, 'modem.pdp.cause', {
            code,
            meaning: text(lang, codeKey('pdp', 'modem.pdp', code)),
          }),
          advice: text(lang, codeKey('pdp', 'modem.pdpAdvice', code)),
        }),
        details: { code },
      }),
    );
  } else if (pdp) {
    const answer = pdp.raw;
    findings.push(
      makeFinding(text, languages, 'MODEM_PDP_REJECTED', 'critical', {
        vars: (lang) => ({
          cause: text(lang, 'modem.pdp.noCause', { answer }),
          advice: text(lang, 'modem.pdpAdvice.noCause'),
        }),
        details: { answer },
      }),
    );
  }

  const cms = lastOf('cms');
  if (cms?.code !== undefined) {
    const code = cms.code;
    facts['modem.cmsError'] = code;
    findings.push(
      makeFinding(text, languages, 'MODEM_SMS_ERROR', 'critical', {
        vars: (lang) => ({
          code,
          meaning: text(lang, codeKey('cms', 'modem.cms', code)),
          advice: text(lang, codeKey('cms', 'modem.cmsAdvice', code)),
        }),
        details: { code },
      }),
    );
  }

  const csca = lastOf('csca');
  if (csca?.smsc !== undefined) {
    const smsc = csca.smsc;
    facts['modem.smscSet'] = smsc.length > 0;
    findings.push(
      smsc
        ? makeFinding(text, languages, 'MODEM_SMSC_SET', 'info', {
            vars: () => ({ smsc }),
            details: { smsc },
          })
        : makeFinding(text, languages, 'MODEM_SMSC_EMPTY', 'critical', { details: { smsc } }),
    );
  }

  const noCarrier = evidence.some((e) => e.kind === 'no_carrier');
  facts['modem.noCarrier'] = noCarrier;
  if (noCarrier) findings.push(makeFinding(text, languages, 'CSD_NO_CARRIER', 'critical'));

  for (const finding of findings) facts[`${FINDING_FACT_PREFIX}${finding.code}`] = true;
  return { findings, facts };
}
