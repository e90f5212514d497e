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
