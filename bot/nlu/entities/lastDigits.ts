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

// A SIM named by its digits in a report, without "ending": "sim 0027", "SIM #0043", "chip 0076", "la tarjeta
// 0068", "iccid 0043" (3–8 digits after a SIM noun); "la 0076 no manda SMS", "the 0043 is down", "on 0043"
// (4–8 digits after an article); and any 4–8 digit group with a leading zero ("0027 is down") — counts, years
// and error codes never start with 0.
const NAMED_BY_DIGITS: RegExp[] = [
  /\b(?:sims?|simcard|chips?|tarjetas?(?:\s+sim)?|iccid|linea|line)\s*(?:#|no\.?|nr\.?|num(?:ero)?\.?)?\s*:?\s*(\d{3,8})(?!\d|[.,:]\d)/g,
  /\b(?:la|el|the|on|con)\s+#?(\d{4,8})(?!\d|[.,:]\d)/g,
  /(?<![\w+-]|\d[.,:])(0\d{3,7})(?!\w|[.,:]\d)/g,
];
// Words after a number that make it a quantity, not a SIM ("the 2000 meters", "sim 300 metres away").
const QUANTITY_AFTER =
  /^\s*(?:%|[kmg]?b\b|km\b|m\b|meters?|metres?|metros?|min|minutes?|minutos?|h\b|hours?|horas?|seg|secs?|seconds?|segundos?|ms\b|dbm|euros?|eur|usd|sek|times|veces|units?|unidades|sims?|devices?|dispositivos?)/;
// Words before a number that make it a time ("since 0800", "desde las 0930").
const TIME_BEFORE = /\b(?:since|at|from|until|till|desde|las|hasta|before|after|antes|despues)\s*$/;

/**
 * The SIMs a message names by their last digits: every form {@link extractLastDigits} reads, and a SIM named
 * by a short number alone in a report ("no data on sim 0027", "la 0076 no manda SMS"). A quantity ("the 2000
 * meters", or the message's own count `count`), a time ("since 0800") or pasted modem output is not a SIM.
 * `folded` must come from `foldText`.
 */
export function extractSimSuffixes(folded: string, count?: number): string[] {
  const out = extractLastDigits(folded);
  for (const pattern of NAMED_BY_DIGITS) {
    for (const match of folded.matchAll(pattern)) {
      const digits = match[1] ?? '';
      const end = (match.index ?? 0) + match[0].length;
      const start = end - digits.length;
      if (count !== undefined && Number(digits) === count) continue;
      if (QUANTITY_AFTER.test(folded.slice(end, end + 12))) continue;
      if (TIME_BEFORE.test(folded.slice(Math.max(0, start - 12), start))) continue;
      if (!out.includes(digits)) out.push(digits);
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
