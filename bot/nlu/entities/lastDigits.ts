// "SIM ending in 4471", "ends with 4471", "last 4 digits 4471", "acabada en 4471", "que termina en 4471",
// "últimos dígitos 4471" (text is folded first, so accents are gone).
const PATTERNS: RegExp[] = [
  /\b(?:ending|ends|ended|end)\s+(?:in|with|on)\s*:?\s*(\d{2,8})\b/g,
  /\blast\s+(?:\d\s+|four\s+|five\s+|six\s+|three\s+)?(?:digits|numbers)\s*(?:are|is|of\s+\w+\s+(?:are|is))?\s*:?\s*(\d{2,8})\b/g,
  /\b(?:acabad[ao]s?|acaba|acaban|terminad[ao]s?|termina|terminan|finalizad[ao]s?|finaliza)\s+en\s*:?\s*(\d{2,8})\b/g,
  /\bultimos\s+(?:\d\s+|cuatro\s+|cinco\s+|seis\s+|tres\s+)?(?:digitos|numeros)\s*(?:son|es)?\s*:?\s*(\d{2,8})\b/g,
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
