import { messageWords, type Vocabulary } from '../words/vocabulary.js';

/** A whole number — not one inside a name ("MFF2", "Q3") nor a SIM size ("4FF"). */
const NUMBER = /(?<![\p{L}\d.,+])(\d{1,3}(?:[.,]\d{3})+|\d{1,7})(?![\d.,]?\d)(?![fF]{2}\b)/gu;

/** "No. 14", "no.14", "Nº 5" right before a number: the number sign, not "no". */
const NUMBER_SIGN = /\b(?:no\.|n[º°])\s*$/iu;

/** The words just before `index` end with a negation ("not", "y no", "en vez de"). */
export function negatedAt(words: Vocabulary, text: string, index: number): boolean {
  // "Plot No. 14, MIDC Industrial Area, Chakan, Pune 410501": the plot's number, nothing taken back.
  if (NUMBER_SIGN.test(text.slice(Math.max(0, index - 8), index))) return false;
  const before = messageWords(text.slice(Math.max(0, index - 24), index));
  return words.find('negation', before).some((m) => m.end === before.length);
}

/** Every whole number in a message that is not part of an identifier ("500", "1.000", "2,000"), in order. */
export function numbersIn(
  words: Vocabulary,
  text: string,
): Array<{ value: number; negated: boolean; end: number }> {
  return [...text.matchAll(NUMBER)].flatMap((match) => {
    const value = Number((match[1] ?? '').replace(/[.,]/g, ''));
    return Number.isFinite(value)
      ? [{ value, negated: negatedAt(words, text, match.index), end: match.index + match[0].length }]
      : [];
  });
}

/** The words right after `index` open with what is counted ("50 SIM embebidas", "40 more trackers"). */
function countsThingsAt(words: Vocabulary, text: string, index: number): boolean {
  const next = messageWords(text.slice(index, index + 40)).slice(0, 3);
  return next.some((word) => words.has('countedThings', [word]));
}

/**
 * A number corrected in words — one number said and another taken back ("que sean 150 y no 120", "150, not
 * 120") — or undefined: a correction can be read anywhere in the form, a lone number (a street's) cannot.
 */
export function correctedNumber(
  words: Vocabulary,
  text: string,
): { value: number; takenBack: number } | undefined {
  const numbers = numbersIn(words, text);
  const kept = numbers.filter((n) => !n.negated);
  const takenBack = numbers.find((n) => n.negated);
  const value = kept.length === 1 ? kept[0]?.value : undefined;
  return value !== undefined && takenBack ? { value, takenBack: takenBack.value } : undefined;
}

/**
 * A number restated after a correction word — "actually make it 250 — no, sorry, finance says 300", "perdón, que
 * sean 40", "tenemos 200… Perdón, 250": the last number after the last such word of its sentence. Undefined when no
 * sentence restates one.
 */
export function restatedNumber(words: Vocabulary, text: string): number | undefined {
  let found: number | undefined;
  for (const sentence of text.match(/[^.!?\n]+[.!?]*/g) ?? []) {
    // "make it 250 actually": the last restating word a number follows ("actually" ends the sentence here).
    for (const mark of words.find('restate', sentence).reverse()) {
      const value = numberAfter(words, sentence, mark.end);
      if (value === undefined) continue;
      found = value;
      break;
    }
  }
  return found;
}

/** The number a sentence restates after its words up to `end` (see {@link restatedNumber}); undefined when none. */
function numberAfter(words: Vocabulary, sentence: string, end: number): number | undefined {
  // Where the restating words end, in the sentence's own text.
  const wordsBefore = messageWords(sentence).slice(0, end).length;
  let seen = 0;
  let cut = sentence.length;
  for (const match of sentence.matchAll(/\S+/g)) {
    seen += messageWords(match[0]).length;
    if (seen >= wordsBefore) {
      cut = (match.index ?? 0) + match[0].length;
      break;
    }
  }
  const rest = sentence.slice(cut);
  const after = numbersIn(words, rest).filter((n) => !n.negated);
  // "perdón, se envió a medias: 50 SIM embebidas … Calle de Alcalá 45, 28014 Madrid": the number that counts SIMs,
  // when one does, not the address's.
  const counting = after.filter((n) => countsThingsAt(words, rest, n.end));
  const value = (counting.length > 0 ? counting : after).at(-1)?.value;
  return value !== undefined && value > 0 ? value : undefined;
}
