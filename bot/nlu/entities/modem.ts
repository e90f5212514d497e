import type { ModemEvidence } from '../types.js';
import type { PatternWords } from '../words/patternWordsSchema.js';
import type { ModemReadOut, ReadOut } from './modemReadOut.js';
import { anyOf, optionalOf } from './patternWords.js';
import { activationFailures } from './pdpActivation.js';

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

// The code in digits, or in words: a verbose text ("SIM not inserted") or the number read out ("cme error ten").
const CME = /\+?\bCME\s*ERROR\s*:?\s*(\d+|\p{L}[\p{L} ]*\p{L})/giu;
const CMS = /\+?\bCMS\s*ERROR\s*:?\s*(\d+|\p{L}[\p{L} ]*\p{L})/giu;
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

/** An error's code: in digits, a verbose text modems print (`texts`), or a number read out ("cme error ten"). */
function errorCode(
  value: string,
  max: number,
  readOut: ModemReadOut,
  texts: Readonly<Record<string, number>> = {},
): number | undefined {
  if (/^\d+$/.test(value)) return bounded(value, max);
  const code = texts[value.toLowerCase()] ?? readOut.leadingNumber(value);
  return code !== undefined && code <= max ? code : undefined;
}

type RegistrationCommand = Extract<ModemEvidence['command'], string>;

/** A registration state ("+CEREG: 0,3": `n` 0, `stat` 3; "+CEREG: 3": no `n`), or undefined out of bounds. */
function registration(
  command: RegistrationCommand,
  n: string | undefined,
  stat: string | undefined,
  raw: string,
): ModemEvidence | undefined {
  const mode = n === undefined ? undefined : bounded(n, LIMITS.n);
  const state = bounded(stat, LIMITS.stat);
  if (state === undefined || (n !== undefined && mode === undefined)) return undefined;
  return mode === undefined
    ? { kind: 'creg', command, stat: state, raw }
    : { kind: 'creg', command, n: mode, stat: state, raw };
}

/** Signal quality ("+CSQ: 6,99"), or undefined out of bounds. */
function signal(rssi: string | undefined, ber: string | undefined, raw: string): ModemEvidence | undefined {
  const strength = bounded(rssi, LIMITS.rssi);
  const errors = bounded(ber, LIMITS.ber);
  return strength === undefined || errors === undefined
    ? undefined
    : { kind: 'csq', rssi: strength, ber: errors, raw };
}

/** A reading read out ("CEREG zero comma three") as the modem prints it ("+CEREG: 0,3"). */
function readOutEvidence({ command, first, second }: ReadOut): ModemEvidence | undefined {
  const raw = `+${command}: ${first},${second}`;
  return command === 'CSQ'
    ? signal(String(first), String(second), raw)
    : registration(command, String(first), String(second), raw);
}

/** What {@link extractModemEvidence} reads with besides the text: the word files' cause codes and read-outs. */
export interface ModemWords {
  /** Network cause codes, from {@link causePatternOf}. */
  cause: RegExp;
  /** Registration and signal read out in words. */
  readOut: ModemReadOut;
}

/**
 * Modem evidence pasted into a message: +CME/+CMS errors, registration state, signal quality, packet attach
 * (+CGATT), the PDP context (+CGDCONT, with its APN), the SIM state (+CPIN), the SMS centre (+CSCA), NO CARRIER and PDP/ESM cause
 * codes (`words.cause`), an error answering `AT+CGACT=1` ({@link activationFailures}) — or read out by a technician ("CEREG zero comma three", "cme error ten"). Order follows
 * the text so multi-line pastes keep their sequence.
 */
export function extractModemEvidence(text: string, words: ModemWords): ModemEvidence[] {
  const found: Array<{ at: number; evidence: ModemEvidence }> = [];
  const activations = activationFailures(text);
  found.push(...activations);
  // An error answering AT+CGACT=1 is the activation's (a pdp_cause), not a modem error to restart for.
  const answersActivation = (at: number): boolean =>
    activations.some((a) => at >= a.errorStart && at < a.errorEnd);
  for (const m of text.matchAll(CME)) {
    if (answersActivation(m.index ?? 0)) continue;
    const code = errorCode((m[1] ?? '').trim(), LIMITS.cme, words.readOut, CME_TEXT);
    found.push({
      at: m.index ?? 0,
      evidence: { kind: 'cme', ...(code === undefined ? {} : { code }), raw: m[0] },
    });
  }
  for (const m of text.matchAll(CMS)) {
    const code = errorCode((m[1] ?? '').trim(), LIMITS.cms, words.readOut);
    if (code !== undefined) found.push({ at: m.index ?? 0, evidence: { kind: 'cms', code, raw: m[0] } });
  }
  for (const m of text.matchAll(REG)) {
    const command = (m[1] ?? '').toUpperCase() as RegistrationCommand;
    const evidence =
      m[3] === undefined
        ? registration(command, undefined, m[2], m[0])
        : registration(command, m[2], m[3], m[0]);
    if (evidence) found.push({ at: m.index ?? 0, evidence });
  }
  for (const m of text.matchAll(CSQ)) {
    const evidence = signal(m[1], m[2], m[0]);
    if (evidence) found.push({ at: m.index ?? 0, evidence });
  }
  for (const reading of words.readOut.read(text)) {
    const evidence = readOutEvidence(reading);
    if (evidence) found.push({ at: reading.at, evidence });
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
  for (const m of text.matchAll(words.cause)) {
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
