import type { ModemEvidence } from '../types.js';

/**
 * 3GPP TS 27.007 §9.2.2's GPRS-related +CME errors and the network (SM/ESM) cause each one reports, numeric or as
 * verbose modems print it with `AT+CMEE=2`. Any other error answering an activation carries no cause.
 */
const GPRS_CME_CAUSE: Readonly<Record<string, number>> = {
  '103': 3,
  '106': 6,
  '107': 7,
  '111': 11,
  '112': 12,
  '113': 13,
  '132': 32,
  '133': 33,
  '134': 34,
  '149': 29,
  'illegal ms': 3,
  'illegal me': 6,
  'gprs services not allowed': 7,
  'plmn not allowed': 11,
  'location area not allowed': 12,
  'roaming not allowed in this location area': 13,
  'service option not supported': 32,
  'requested service option not subscribed': 33,
  'service option temporarily out of order': 34,
  'pdp authentication failure': 29,
};

// The command that asks the modem to open data context(s): "AT+CGACT=1,1", "AT+CGACT=1".
const ACTIVATE = /\bAT\+CGACT\s*=\s*1\b[^\n]*/gi;
// What answers it, up to the next command: "+CME ERROR: 33", "+CME ERROR: service option not supported" or "ERROR".
const ANSWER_ERROR = /(?:\+CME\s*ERROR\s*:?\s*(\d{1,3}|\p{L}[\p{L} ]*\p{L})|(?:^|\n)\s*(ERROR)\s*(?=\n|$))/iu;
const NEXT_COMMAND = /\n\s*(?:\d+[).]\s*)?AT[+&]?/i;

/** A failed activation: where its error answer stands in the text (a +CME there is this, not a modem error). */
export interface ActivationFailure {
  at: number;
  errorStart: number;
  errorEnd: number;
  evidence: ModemEvidence;
}

/**
 * Each `AT+CGACT=1…` the modem answered with an error: the data context was not opened — a rejected PDP activation.
 * A GPRS-related +CME error gives the network's cause (`code`); a bare `ERROR` or another +CME code gives none.
 */
export function activationFailures(text: string): ActivationFailure[] {
  const failures: ActivationFailure[] = [];
  for (const m of text.matchAll(ACTIVATE)) {
    const start = (m.index ?? 0) + m[0].length;
    const rest = text.slice(start);
    const next = NEXT_COMMAND.exec(rest);
    const answer = rest.slice(0, next ? next.index : 200);
    const error = ANSWER_ERROR.exec(answer);
    if (!error) continue;
    const said = (error[1] ?? error[2] ?? '').trim();
    const code = error[1] === undefined ? undefined : GPRS_CME_CAUSE[said.toLowerCase()];
    const raw = `${m[0].trim()} → ${error[0].trim()}`;
    failures.push({
      at: m.index ?? 0,
      errorStart: start + error.index,
      errorEnd: start + error.index + error[0].length,
      evidence: code === undefined ? { kind: 'pdp_cause', raw } : { kind: 'pdp_cause', code, raw },
    });
  }
  return failures;
}
