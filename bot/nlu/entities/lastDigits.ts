// "SIM ending in 4471", "ending 0043", "ICCID ends 0043", "last 4 digits 4471", "...0043", "…0043", "****0043",
// "acabada en 4471", "que termina en 4471", "terminada 0043", "últimos dígitos 4471" (text is folded first, so
// accents are gone).
const PATTERNS: RegExp[] = [
  /\b(?:ending|ends|ended|end)\s+(?:(?:in|with|on)\s*)?:?\s*(\d{2,8})\b/g,
  /\blast\s+(?:\d\s+|four\s+|five\s+|six\s+|three\s+)?(?:digits|numbers)\s*(?:are|is|of\s+\w+\s+(?:are|is))?\s*:?\s*(\d{2,8})\b/g,
  /\b(?:acabad[ao]s?|acaba|acaban|terminad[ao]s?|termina|terminan|finalizad[ao]s?|finaliza)\s+(?:en\s*)?:?\s*(\d{2,8})\b/g,
  /\bultimos\s+(?:\d\s+|cuatro\s+|cinco\s+|seis\s+|tres\s+)?(?:digitos|numeros)\s*(?:son|es)?\s*:?\s*(\d{2,8})\b/g,
  // An elided prefix: "...0043", "…0043", "****0043", "xxxx0043".
  /(?:\.{2,}|…|\*{2,}|\bx{2,})\s?(\d{3,8})\b/g,
];

/** References to a SIM by its last digits; `folded` must come from `foldText`. */
export function extractLastDigits(folded: string): string[] {
  const out: string[] = [];
  for (const pattern of PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      const digits = match[1];
      if (digits && !out.includes(digits)) out.push(digits);
    }
  }
  return out;
}

/** A group of digits standing alone (not part of a longer number, an ICCID or a phone number). */
const DIGIT_GROUP = /(?<![\d+])(\d{4,8})(?![\d])/g;

/**
 * The last digits in an answer to "which SIM?": besides every form {@link extractLastDigits} reads, any
 * group of 4–8 digits ("0043", "0043 and 0027", "es la 0043") — at that prompt a short number is a SIM's
 * last digits, unless it is the count the customer gives (`count`, from "2000 of them").
 */
export function lastDigitsAnswer(folded: string, count?: number): string[] {
  const out = extractLastDigits(folded);
  for (const match of folded.matchAll(DIGIT_GROUP)) {
    const digits = match[1] ?? '';
    if (count !== undefined && Number(digits) === count) continue;
    if (!out.includes(digits)) out.push(digits);
  }
  return out;
}
