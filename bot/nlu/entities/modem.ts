import type { ModemEvidence } from '../types.js';
import type { PatternWords } from '../words/patternWordsSchema.js';
import { anyOf, optionalOf } from './patternWords.js';

// Verbose +CME texts modems print when AT+CMEE=2 is set, mapped to their numeric codes.
const CME_TEXT: Record<string, number> = {
  'sim not inserted': 10,
  'sim pin required': 11,
  'sim puk required': 12,
  'sim failure': 13,
  'sim busy': 14,
  'sim wrong': 15,
  'incorrect password': 16,
  'no network service': 30,
  'network timeout': 31,
};

const CME = /\+?\bCME\s*ERROR\s*:?\s*(\d+|[a-z][a-z ]*[a-z])/gi;
const CMS = /\+?\bCMS\s*ERROR\s*:?\s*(\d+)/gi;
// Read response "+CEREG: n,stat[,...]" or the unsolicited "+CEREG: stat" / "+CEREG: stat,"tac",...".
const REG = /\+(CREG|CGREG|CEREG)\s*:\s*(\d+)(?:\s*,\s*(\d+)(?![\d"A-F]))?/gi;
const CSQ = /\+CSQ\s*:\s*(\d+)\s*,\s*(\d+)/gi;
const NO_CARRIER = /\bNO\s+CARRIER\b/gi;
const CGATT = /\+CGATT\s*:\s*([01])\b/gi;
// "+CGDCONT: 1,"IP","internet"" (the read response; quotes straight or typographic).
const CGDCONT = /\+CGDCONT\s*:\s*(\d+)\s*,\s*["“”]?([A-Z0-9V]+)["“”]?\s*,\s*["“”]([^"“”]*)["“”]/gi;
/** `+CEER: "ESM cause",27` (the extended error report of the last failed PDP/attach attempt, as Quectel prints it). */
const CEER = /\+CEER:\s*"?[A-Za-z ]*cause"?\s*,\s*(\d{1,3})\b/gi;
// `+CSCA: "+46708000000",145` — the SMS centre the modem sends through; `+CSCA: "",129` when none is set.
const CSCA = /\+CSCA\s*:\s*["“”]([+\d\s]*)["“”]\s*(?:,\s*\d+)?/gi;
const CPIN = /\+CPIN\s*:\s*(READY|SIM PIN2?|SIM PUK2?|NOT INSERTED|PH-SIM PIN|NOT READY)/gi;

/** What {@link causePatternOf} reads from one word file. */
export interface CauseSource {
  patterns: Pick<PatternWords, 'causeQualifiers' | 'causeWords' | 'causeCodeWords' | 'causeNumberMarks'>;
}

/**
 * A network cause code ("ESM cause #33", "reject cause 15", "código de causa: 27"), with the words of every
 * language's word file. Only ever used with `matchAll` (which copies it), so one instance is safely shared.
 */
export function causePatternOf(sources: readonly CauseSource[]): RegExp {
  const words = (pick: (p: CauseSource['patterns']) => readonly string[]): string[] =>
    sources.flatMap((s) => pick(s.patterns));
  const qualifier = optionalOf(
    words((p) => p.causeQualifiers),
    'raw',
    '\\s+',
  );
  const cause = anyOf(
    words((p) => p.causeWords),
    'raw',
  );
  const code = optionalOf(
    words((p) => p.causeCodeWords),
    'raw',
  );
  const marks = anyOf(
    words((p) => p.causeNumberMarks),
    'raw',
  );
  return new RegExp(`\\b${qualifier}${cause}\\s*${code}\\s*(?:#|:|=|${marks})?\\s*#?\\s*(\\d{1,3})\\b`, 'gi');
}

/**
 * Upper bounds of the numbers modems print (3GPP TS 27.007/27.005): anything larger — a pasted run of
 * digits that would become `Infinity` — is not modem output and yields no evidence.
 */
const LIMITS = { cme: 999, cms: 999, n: 5, stat: 11, rssi: 99, ber: 99, cause: 255, cid: 255 } as const;

/** `digits` as a number when it is at most `max`, else undefined. */
function bounded(digits: string | undefined, max: number): number | undefined {
  if (digits === undefined || !/^\d{1,6}$/.test(digits)) return undefined;
  const n = Number(digits);
  return n <= max ? n : undefined;
}

/**
 * Modem evidence pasted into a message: +CME/+CMS errors, registration state, signal quality, packet attach
 * (+CGATT), the PDP context (+CGDCONT, with its APN), the SIM state (+CPIN), the SMS centre (+CSCA), NO CARRIER and PDP/ESM cause
 * codes (`cause`, from {@link causePatternOf}). Order follows the text so multi-line pastes keep their sequence.
 */
export function extractModemEvidence(text: string, cause: RegExp): ModemEvidence[] {
  const found: Array<{ at: number; evidence: ModemEvidence }> = [];
  for (const m of text.matchAll(CME)) {
    const value = (m[1] ?? '').trim();
    const code = /^\d+$/.test(value) ? bounded(value, LIMITS.cme) : CME_TEXT[value.toLowerCase()];
    found.push({
      at: m.index ?? 0,
      evidence: { kind: 'cme', ...(code === undefined ? {} : { code }), raw: m[0] },
    });
  }
  for (const m of text.matchAll(CMS)) {
    const code = bounded(m[1], LIMITS.cms);
    if (code !== undefined) found.push({ at: m.index ?? 0, evidence: { kind: 'cms', code, raw: m[0] } });
  }
  for (const m of text.matchAll(REG)) {
    const command = (m[1] ?? '').toUpperCase() as 'CREG' | 'CGREG' | 'CEREG';
    const n = m[3] === undefined ? undefined : bounded(m[2], LIMITS.n);
    const stat = bounded(m[3] ?? m[2], LIMITS.stat);
    if (stat === undefined || (m[3] !== undefined && n === undefined)) continue;
    const evidence: ModemEvidence =
      n === undefined
        ? { kind: 'creg', command, stat, raw: m[0] }
        : { kind: 'creg', command, n, stat, raw: m[0] };
    found.push({ at: m.index ?? 0, evidence });
  }
  for (const m of text.matchAll(CSQ)) {
    const rssi = bounded(m[1], LIMITS.rssi);
    const ber = bounded(m[2], LIMITS.ber);
    if (rssi !== undefined && ber !== undefined)
      found.push({ at: m.index ?? 0, evidence: { kind: 'csq', rssi, ber, raw: m[0] } });
  }
  for (const m of text.matchAll(NO_CARRIER)) {
    found.push({ at: m.index ?? 0, evidence: { kind: 'no_carrier', raw: m[0] } });
  }
  for (const m of text.matchAll(CGATT)) {
    found.push({ at: m.index ?? 0, evidence: { kind: 'cgatt', state: Number(m[1]), raw: m[0] } });
  }
  for (const m of text.matchAll(CGDCONT)) {
    const cid = bounded(m[1], LIMITS.cid);
    if (cid === undefined) continue;
    const evidence: ModemEvidence = {
      kind: 'cgdcont',
      cid,
      pdpType: (m[2] ?? '').toUpperCase(),
      apn: m[3] ?? '',
      raw: m[0],
    };
    found.push({ at: m.index ?? 0, evidence });
  }
  for (const m of text.matchAll(CPIN)) {
    found.push({
      at: m.index ?? 0,
      evidence: { kind: 'cpin', status: (m[1] ?? '').toUpperCase(), raw: m[0] },
    });
  }
  for (const m of text.matchAll(CSCA)) {
    const smsc = (m[1] ?? '').replace(/\s/g, '');
    found.push({ at: m.index ?? 0, evidence: { kind: 'csca', smsc, raw: m[0] } });
  }
  for (const m of text.matchAll(CEER)) {
    const code = bounded(m[1], LIMITS.cause);
    if (code !== undefined)
      found.push({ at: m.index ?? 0, evidence: { kind: 'pdp_cause', code, raw: m[0] } });
  }
  for (const m of text.matchAll(cause)) {
    const code = bounded(m[1], LIMITS.cause);
    if (code !== undefined)
      found.push({ at: m.index ?? 0, evidence: { kind: 'pdp_cause', code, raw: m[0].trim() } });
  }
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  return found
    .map((f) => f.evidence)
    .filter((e) => {
      const key = `${e.kind}|${e.code ?? ''}|${e.command ?? ''}|${e.n ?? ''}|${e.stat ?? ''}|${e.rssi ?? ''}|${e.ber ?? ''}|${e.state ?? ''}|${e.cid ?? ''}|${e.apn ?? ''}|${e.status ?? ''}|${e.smsc ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
