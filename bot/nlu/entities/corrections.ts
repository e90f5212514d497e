import { messageWords, type Vocabulary } from '../words/vocabulary.js';

const NUMBER = /(?<![\d.,+])(\d{1,3}(?:[.,]\d{3})+|\d{1,7})(?![\d.,]?\d)/g;

/** The words just before `index` end with a negation ("not", "y no", "en vez de"). */
export function negatedAt(words: Vocabulary, text: string, index: number): boolean {
  const before = messageWords(text.slice(Math.max(0, index - 24), index));
  return words.find('negation', before).some((m) => m.end === before.length);
}

/** Every whole number in a message that is not part of an identifier ("500", "1.000", "2,000"), in order. */
export function numbersIn(words: Vocabulary, text: string): Array<{ value: number; negated: boolean }> {
  return [...text.matchAll(NUMBER)].flatMap((match) => {
    const value = Number((match[1] ?? '').replace(/[.,]/g, ''));
    return Number.isFinite(value) ? [{ value, negated: negatedAt(words, text, match.index) }] : [];
  });
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
