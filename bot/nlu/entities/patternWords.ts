import { foldText } from '../normalize.js';

/**
 * How the text a pattern runs on is written: `folded` (from `foldText`: lower case, no accents) or `raw`
 * (as the customer wrote it; the pattern then takes each phrase as written and without its accents).
 */
export type PatternText = 'folded' | 'raw';

/** `text` with every regular-expression character escaped, to be matched literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One phrase as a pattern: its words escaped, joined by any run of white space. */
function phrasePattern(phrase: string): string {
  return phrase.trim().split(/\s+/u).map(escapeRegex).join('\\s+');
}

/** The spellings of `phrases` a pattern on `text` must accept, once each. */
function spellings(phrases: Iterable<string>, text: PatternText): string[] {
  const out = new Set<string>();
  for (const phrase of phrases) {
    if (text === 'raw') out.add(phrase.trim());
    out.add(foldText(phrase.trim()));
  }
  return [...out];
}

/**
 * The alternatives of a pattern group, longest first so that a phrase is tried before any shorter one it
 * starts with ("cause code" before "cause").
 */
function alternatives(patterns: readonly string[]): string {
  return [...patterns].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0)).join('|');
}

/** A group matching any of `phrases`; with no phrase, a group that never matches. */
export function anyOf(phrases: Iterable<string>, text: PatternText): string {
  const list = spellings(phrases, text).map(phrasePattern);
  return list.length > 0 ? `(?:${alternatives(list)})` : '(?!)';
}

/** An optional group of `phrases` (with `after` inside it, e.g. `\s*`); nothing when there is no phrase. */
export function optionalOf(phrases: Iterable<string>, text: PatternText, after = ''): string {
  const list = spellings(phrases, text).map(phrasePattern);
  return list.length > 0 ? `(?:(?:${alternatives(list)})${after})?` : '';
}

/**
 * A group matching any of `words` at the start of a word: "meter*" is any word starting with "meter", a
 * word without `*` must end there ("km" is not "kmh").
 */
export function anyWordOf(words: Iterable<string>, text: PatternText): string {
  const list = spellings(words, text).map((word) =>
    word.endsWith('*') ? escapeRegex(word.slice(0, -1)) : `${escapeRegex(word)}\\b`,
  );
  return list.length > 0 ? `(?:${alternatives(list)})` : '(?!)';
}

/** Written in a pattern phrase, says where the digits go ("{digits}:een päättyvä"); without it they follow. */
export const DIGITS_PLACEHOLDER = '{digits}';

/** A phrase with words after the digits: the words before them (may be empty) and after them. */
export interface DigitsAround {
  before: string;
  after: string;
}

/**
 * `phrases` sorted by where the digits go: `leading` are followed by the digits (no `{digits}`, or `{digits}`
 * last: "ending", "ending {digits}"), `around` have words after the digits ("{digits} で終わる").
 */
export function placeDigits(phrases: Iterable<string>): { leading: string[]; around: DigitsAround[] } {
  const leading: string[] = [];
  const around: DigitsAround[] = [];
  for (const phrase of phrases) {
    const at = phrase.indexOf(DIGITS_PLACEHOLDER);
    const before = (at < 0 ? phrase : phrase.slice(0, at)).trim();
    const after = at < 0 ? '' : phrase.slice(at + DIGITS_PLACEHOLDER.length).trim();
    if (after) around.push({ before, after });
    else if (before) leading.push(before);
  }
  return { leading, around };
}

/**
 * One pattern per phrase with words after the digits: its words before (when any), the digits (`digits`, a
 * capture group), its words after. With no words before, the digits must not continue a longer number.
 */
export function digitsAroundPatterns(
  around: readonly DigitsAround[],
  digits: string,
  text: PatternText,
): string[] {
  return around.map(
    ({ before, after }) =>
      `${before ? `\\b${anyOf([before], text)}\\s*` : '(?<![\\w+.,:-])'}${digits}\\s*${anyOf([after], text)}(?!\\w)`,
  );
}
