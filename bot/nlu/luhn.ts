/**
 * Luhn (mod 10) check, as used by ICCIDs and IMEIs: the last digit is the check digit.
 * Returns false for anything that is not a non-empty string of ASCII digits.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The check digit that makes `body` + digit Luhn-valid (handy for generating test identifiers). */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) {
    if (luhnValid(body + String(d))) return String(d);
  }
  throw new Error(`luhnCheckDigit: "${body}" is not a string of digits`);
}
