import { luhnValid } from '../nlu/luhn.js';

/** Why an ICCID is not acceptable, or null when it is. */
export function iccidProblem(digits: string): 'bad_length' | 'bad_check_digit' | null {
  if (!/^\d{18,22}$/.test(digits)) return 'bad_length';
  return luhnValid(digits) ? null : 'bad_check_digit';
}

/** `8946…0019` → `8946 •••• 0019`: enough to recognise a SIM, not enough to copy it. */
export function maskIccid(iccid: string): string {
  if (iccid.length <= 8) return iccid;
  return `${iccid.slice(0, 4)}…${iccid.slice(-4)}`;
}
