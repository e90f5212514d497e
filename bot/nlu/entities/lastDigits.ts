import type { PatternWords } from '../words/patternWordsSchema.js';
import type { WordSetsSource } from '../words/wordSets.js';
import { NumberWords } from './numbers.js';
import { anyOf, anyWordOf, digitsAroundPatterns, optionalOf, placeDigits } from './patternWords.js';

/** What {@link SimSuffixReader} reads from one word file: its language's `patterns` and number words. */
export interface SuffixSource extends Partial<Pick<WordSetsSource, 'numbers' | 'language'>> {
  patterns: Pick<
    PatternWords,
    'suffix' | 'simNouns' | 'simNumberMarks' | 'simArticles' | 'quantityUnits' | 'timeBefore'
  >;
}

/** Fewest digits dictated in words that name a SIM at the "which SIM?" question. */
const DICTATED_DIGITS = 4;

/**
 * "SIM ending in 4471", "ending 0043", "ICCID ends 0043", "last 4 digits 4471", "acabada en 4471", "que termina
 * en 4471", "terminada 0043", "últimos dígitos 4471": one pair of patterns per language (a lead-in is only
 * read with its own language's prepositions), and one per lead-in written with words after its `{digits}`.
 */
function suffixPatterns(words: PatternWords['suffix']): RegExp[] {
  const leadIns = placeDigits(words.leadIns);
  const count = `(?:\\d\\s+|${anyOf(words.digitCounts, 'folded')}\\s+)?`;
  const copulas = anyOf(words.copulas, 'folded');
  const possessive =
    // "last four digits of the number are 4084", "los cuatro últimos dígitos del número de teléfono son 4084".
    words.possessives.length > 0
      ? `|${anyOf(words.possessives, 'folded')}\\s+(?:\\w+\\s+){1,3}${copulas}`
      : '';
  return [
    new RegExp(
      `\\b${anyOf(leadIns.leading, 'folded')}\\s+${optionalOf(words.prepositions, 'folded', '\\s*')}:?\\s*(\\d{2,8})\\b`,
      'g',
    ),
    ...digitsAroundPatterns(leadIns.around, '(\\d{2,8})', 'folded').map(
      (pattern) => new RegExp(pattern, 'g'),
    ),
    new RegExp(
      `\\b${count}${anyOf(words.last, 'folded')}\\s+${count}${anyOf(words.digitNouns, 'folded')}\\s*(?:${copulas}${possessive})?\\s*:?\\s*(\\d{2,8})\\b`,
      'g',
    ),
  ];
}

// An elided prefix: "...0043", "… 0043", "*0043", "****0043", "xxxx0043" — and "...43", two digits only right after
// it ("I waited... 15 minutes" names no SIM).
const ELIDED = /(?:\.{2,}|…|(?<!\d)\*+|\bx{2,})\s?(\d{3,8})\b/g;
const ELIDED_SHORT = /(?:\.{2,}|…|(?<!\d)\*+|\bx{2,})(\d{2})\b/g;
// Any 3–8 digit group with a leading zero ("0027 is down", "meter 043 isn't sending", "the SIM is 076"): counts,
// years and error codes never start with 0 — nor does a device's serial with a suffix ("0043-A"), nor the area code
// of a phone number written in groups ("070 123 45 67"), nor the last part of a reference written with slashes ("Our
// ref.: ACL/ENG/0102", "ACL/MAJ/0014", "ACM-CRIT/2024/004"; "0043/0050" still lists two SIMs).
const LEADING_ZERO = /(?<![\w+-]|\d[.,:]|\d\s|[a-z]\/|(?<!\d)[1-9]\d*\/)(0\d{2,7})(?!\w|[.,:]\d|-\w|\s\d)/g;

/** A group of digits standing alone (not part of a longer number, an ICCID or a phone number). */
const DIGIT_GROUP = /(?<![\d+])(\d{4,8}|0\d{2})(?![\d])/g;

/** Every distinct first capture of `patterns` in `folded`, appended to `out`. */
function collect(folded: string, patterns: readonly RegExp[], out: string[]): string[] {
  for (const pattern of patterns) {
    for (const match of folded.matchAll(pattern)) {
      const digits = match[1];
      if (!digits) continue;
      // "the two ending in 050 and 035", "ending 0043, 0050 y 0068": the list after one lead-in, as long each.
      for (const more of [digits, ...listedAfter(folded.slice(match.index + match[0].length), digits.length)])
        if (!out.includes(more)) out.push(more);
    }
  }
  return out;
}

/** Digit groups of `length` listed right after a match: joined by a comma, slash or "and"-like word. */
function listedAfter(rest: string, length: number): string[] {
  const found: string[] = [];
  let tail = rest;
  for (;;) {
    const next = LIST_NEXT.exec(tail);
    if (!next?.[1] || next[1].length !== length) return found;
    found.push(next[1]);
    tail = tail.slice(next[0].length);
  }
}

/**
 * The next item of a list of digit groups ("…, 0050", "… and 035", "… y 0068", "… og 0027"), its preposition said
 * again or not ("terminan en 068 y en 076", "ending in 050 and in 035").
 */
const LIST_NEXT = /^\s*(?:[,/&+]|,?\s*(?:and|or|y|o|e|og|och))\s*(?:(?:in|en)\s+)?(\d{2,8})(?!\d|[.,:]\d)/;

/** Digits that read as a time of day ("0800", "1430", "930"). */
function clockTime(digits: string): boolean {
  if (!/^\d{3,4}$/.test(digits)) return false;
  const hours = Number(digits.slice(0, -2));
  const minutes = Number(digits.slice(-2));
  return hours <= 23 && minutes <= 59;
}

/** One language's words for digits dictated: its number words and its suffix patterns. */
interface Dictation {
  language: string | undefined;
  numbers: NumberWords;
  suffixes: readonly RegExp[];
}

/** A message as one language would dictate digits in it: those written in digits, and where they are now. */
interface Spoken {
  dictation: Dictation;
  text: string;
  /** Start and end of each dictated number in `text`. */
  spans: ReadonlyArray<readonly [number, number]>;
}

/** `folded` with every run of `dictation`'s number words that dictates digits written in those digits. */
function spokenAsDigits(folded: string, dictation: Dictation): Spoken | undefined {
  const runs = dictation.numbers.dictatedRuns(folded);
  if (runs.length === 0) return undefined;
  let text = '';
  let from = 0;
  const spans: Array<readonly [number, number]> = [];
  for (const run of runs) {
    text += folded.slice(from, run.start);
    spans.push([text.length, text.length + run.digits.length]);
    text += run.digits;
    from = run.end;
  }
  return { dictation, text: text + folded.slice(from), spans };
}

/**
 * The patterns of a SIM named by its digits without "ending" ("sim 0027", "la 0076", "0027 is down"): at least
 * `fewest` digits after a SIM noun, four after an article.
 */
function namedPatterns(simNouns: string[], marks: string[], articles: string[], fewest: number): RegExp[] {
  const nouns = placeDigits(simNouns);
  return [
    new RegExp(
      `\\b${anyOf(nouns.leading, 'folded')}\\s*(?:#|${anyOf(marks, 'folded')})?\\s*:?\\s*(\\d{${fewest},8})(?!\\d|[.,:]\\d)`,
      'g',
    ),
    ...digitsAroundPatterns(nouns.around, `(\\d{${fewest},8})`, 'folded').map(
      (pattern) => new RegExp(pattern, 'g'),
    ),
    // "la 0076", and "la 035" (three digits, a leading zero: no count reads so) — not the area code of a phone number
    // in groups ("on 070 123 45 67", "on 070-123 84 71").
    new RegExp(`\\b${anyOf(articles, 'folded')}\\s+#?(\\d{4,8}|0\\d{2}(?![\\s-]\\d))(?!\\d|[.,:]\\d)`, 'g'),
    LEADING_ZERO,
  ];
}

/** Fewest digits dictated in words after a SIM noun ("sim nineteen"): one digit is a SIM counted ("sim one"). */
const DICTATED_AFTER_NOUN = 2;

/**
 * References to a SIM by its last digits, with the words of every language's word file (`patterns`): built
 * once per knowledge version. Every method takes text from `foldText`. Digits dictated in words ("ends in
 * fifty", "acabada en cero cero dos siete") are read where digits are, in one language at a time: after a
 * lead-in, its own language's number words.
 */
export class SimSuffixReader {
  private readonly lastDigitPatterns: readonly RegExp[];
  /** A SIM named by its digits in a report, without "ending" (see {@link simSuffixes}). */
  private readonly namedByDigits: readonly RegExp[];
  /** The same, dictated in words: two digits are enough after a SIM noun. */
  private readonly namedByDictated: readonly RegExp[];
  /** Two or three digits after a SIM's article ("la 35", "the 43"): a SIM only where one is asked for. */
  private readonly shortAfterArticle: RegExp;
  /** Words after a number that make it a quantity, not a SIM ("the 2000 meters", "sim 300 metres away"). */
  private readonly quantityAfter: RegExp;
  /** Words before a number that make it a time ("since 0800", "desde las 0930"). */
  private readonly timeBefore: RegExp;
  private readonly dictations: readonly Dictation[];

  constructor(sources: readonly SuffixSource[]) {
    const suffixes = sources.map((s) => suffixPatterns(s.patterns.suffix));
    this.dictations = sources.flatMap(({ language, numbers }, i) =>
      numbers ? [{ language, numbers: new NumberWords([{ numbers }]), suffixes: suffixes[i] ?? [] }] : [],
    );
    const words = <K extends keyof SuffixSource['patterns']>(key: K): Array<SuffixSource['patterns'][K]> =>
      sources.map((s) => s.patterns[key]);
    this.lastDigitPatterns = [...suffixes.flat(), ELIDED, ELIDED_SHORT];
    const named = (fewest: number): RegExp[] =>
      namedPatterns(
        words('simNouns').flat(),
        words('simNumberMarks').flat(),
        words('simArticles').flat(),
        fewest,
      );
    // "ev charger won't call home. sim 43": two digits right after a SIM noun in the singular name a SIM too (a plural
    // counts: "sims 12").
    const [short] = namedPatterns(
      words('simNouns')
        .flat()
        .filter((noun) => !noun.endsWith('s')),
      words('simNumberMarks').flat(),
      [],
      2,
    );
    this.namedByDigits = [...named(3), ...(short ? [short] : [])];
    this.namedByDictated = named(DICTATED_AFTER_NOUN);
    this.shortAfterArticle = new RegExp(
      `\\b${anyOf(words('simArticles').flat(), 'folded')}\\s+#?(\\d{2,3})(?!\\d|[.,:]\\d)`,
      'g',
    );
    this.quantityAfter = new RegExp(`^\\s*(?:%|${anyWordOf(words('quantityUnits').flat(), 'folded')})`);
    this.timeBefore = new RegExp(`\\b${anyOf(words('timeBefore').flat(), 'folded')}\\s*$`);
  }

  /** References to a SIM by its last digits ("ending in 4471", "últimos dígitos 4471", "…0043", "ends in fifty"). */
  lastDigits(folded: string): string[] {
    return this.afterLeadIns(folded, this.spoken(folded));
  }

  /**
   * The SIMs a message names by their last digits: every form {@link lastDigits} reads, and a SIM named by
   * a short number alone in a report ("no data on sim 0027", "la 0076 no manda SMS", "0027 is down", "sim
   * nineteen"). A quantity ("the 2000 meters", or the message's own count `count`), a time ("since 0800") or
   * pasted modem output is not a SIM. A number after a SIM noun is dictated in the message's language `lang`
   * when it is known: "what happens with a SIM once it…" names no SIM 11.
   */
  simSuffixes(folded: string, count?: number, lang?: string): string[] {
    const spoken = this.spoken(folded);
    const out = this.afterLeadIns(folded, spoken);
    for (const pattern of this.namedByDigits) {
      for (const match of folded.matchAll(pattern)) {
        const digits = match[1] ?? '';
        // Where the digits are: words may follow them ("{digits} で終わる").
        const start = folded.indexOf(digits, match.index);
        if (this.namesSim(folded, start, digits, count) && !out.includes(digits)) out.push(digits);
      }
    }
    const inLanguage = spoken.filter((s) => lang === undefined || s.dictation.language === lang);
    for (const said of inLanguage) this.dictatedIn(said, this.namedByDictated, out, count);
    return out;
  }

  /**
   * The last digits in an answer to "which SIM?": besides every form {@link lastDigits} reads, any group of
   * 4–8 digits ("0043", "0043 and 0027", "es la 0043"), two or three after a SIM's article ("la 35", "the 43") or
   * four or more digits dictated in words ("zero zero four three") — at that prompt a short number is a SIM's last
   * digits, unless it is the count the customer gives (`count`, from "2000 of them") or a quantity ("the 35 km").
   */
  answer(folded: string, count?: number): string[] {
    const spoken = this.spoken(folded);
    const out = this.afterLeadIns(folded, spoken);
    for (const { text, spans } of spoken)
      for (const [start, end] of spans) {
        const digits = text.slice(start, end);
        if (digits.length >= DICTATED_DIGITS && !out.includes(digits)) out.push(digits);
      }
    for (const match of folded.matchAll(DIGIT_GROUP)) {
      const digits = match[1] ?? '';
      if (count !== undefined && Number(digits) === count) continue;
      if (!out.includes(digits)) out.push(digits);
    }
    for (const digits of this.afterArticle(folded, count))
      if (!out.some((d) => d.endsWith(digits))) out.push(digits);
    return out;
  }

  /**
   * Two or three digits after a SIM's article ("la 35", "the 43") where a SIM is asked for or changed ("activar la
   * 35"): its last digits — unless the count the customer gives (`count`) or a quantity ("the 35 km").
   */
  afterArticle(folded: string, count?: number): string[] {
    const out: string[] = [];
    for (const match of folded.matchAll(this.shortAfterArticle)) {
      const digits = match[1] ?? '';
      const after = folded.slice((match.index ?? 0) + match[0].length);
      if (count !== undefined && Number(digits) === count) continue;
      if (this.quantityAfter.test(after) || out.includes(digits)) continue;
      out.push(digits);
    }
    return out;
  }

  /** The digits after a suffix lead-in: written, or dictated in the lead-in's own language. */
  private afterLeadIns(folded: string, spoken: readonly Spoken[]): string[] {
    const out = collect(folded, this.lastDigitPatterns, []);
    for (const said of spoken) this.dictatedIn(said, said.dictation.suffixes, out);
    return out;
  }

  /**
   * Whether `digits`, at `start` in `text`, name a SIM: not the message's count `count`, not a quantity ("2000
   * meters") and not a time ("since 0800").
   */
  private namesSim(text: string, start: number, digits: string, count: number | undefined): boolean {
    const end = start + digits.length;
    // "The 0035 unit": a number with a leading zero is never a quantity.
    const quantity = !digits.startsWith('0');
    if (quantity && count !== undefined && Number(digits) === count) return false;
    if (quantity && this.quantityAfter.test(text.slice(end, end + 12))) return false;
    // "SIM800-based units", "SIM7600E": digits glued to a word and to what follows name a modem model.
    if (quantity && /[a-z]$/.test(text.slice(0, start)) && /^-?[a-z]/.test(text.slice(end))) return false;
    // "since 0800" is a time; "texts from 0076 stopped arriving" is not (no clock reads 00:76).
    return !(this.timeBefore.test(text.slice(Math.max(0, start - 12), start)) && clockTime(digits));
  }

  /** The message as each language would dictate digits in it: one per language whose number words it has. */
  private spoken(folded: string): Spoken[] {
    return this.dictations.flatMap((dictation) => spokenAsDigits(folded, dictation) ?? []);
  }

  /**
   * The digits `patterns` capture where dictated words were in `spoken` ("ends in fifty" as "ends in 50"),
   * appended to `out` once each: never a quantity or a time ("ends in twenty minutes", "sim twenty two days
   * ago"), nor the message's count `count`.
   */
  private dictatedIn(
    { text, spans }: Spoken,
    patterns: readonly RegExp[],
    out: string[],
    count?: number,
  ): void {
    for (const pattern of patterns)
      for (const match of text.matchAll(pattern)) {
        const digits = match[1] ?? '';
        const start = text.indexOf(digits, match.index);
        const said = spans.some(([from, to]) => from === start && to === start + digits.length);
        if (said && this.namesSim(text, start, digits, count) && !out.includes(digits)) out.push(digits);
      }
  }
}
