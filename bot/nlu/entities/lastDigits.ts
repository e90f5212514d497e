import type { PatternWords } from '../words/patternWordsSchema.js';
import type { WordSetsSource } from '../words/wordSets.js';
import { NumberWords } from './numbers.js';
import { anyOf, anyWordOf, digitsAroundPatterns, optionalOf, placeDigits } from './patternWords.js';

/** What {@link SimSuffixReader} reads from one word file: its language's `patterns`. */
export interface SuffixSource extends Partial<Pick<WordSetsSource, 'numbers'>> {
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
    words.possessives.length > 0 ? `|${anyOf(words.possessives, 'folded')}\\s+\\w+\\s+${copulas}` : '';
  return [
    new RegExp(
      `\\b${anyOf(leadIns.leading, 'folded')}\\s+${optionalOf(words.prepositions, 'folded', '\\s*')}:?\\s*(\\d{2,8})\\b`,
      'g',
    ),
    ...digitsAroundPatterns(leadIns.around, '(\\d{2,8})', 'folded').map(
      (pattern) => new RegExp(pattern, 'g'),
    ),
    new RegExp(
      `\\b${anyOf(words.last, 'folded')}\\s+${count}${anyOf(words.digitNouns, 'folded')}\\s*(?:${copulas}${possessive})?\\s*:?\\s*(\\d{2,8})\\b`,
      'g',
    ),
  ];
}

// An elided prefix: "...0043", "…0043", "****0043", "xxxx0043".
const ELIDED = /(?:\.{2,}|…|\*{2,}|\bx{2,})\s?(\d{3,8})\b/g;
// Any 4–8 digit group with a leading zero ("0027 is down"): counts, years and error codes never start with 0.
const LEADING_ZERO = /(?<![\w+-]|\d[.,:])(0\d{3,7})(?!\w|[.,:]\d)/g;

/** A group of digits standing alone (not part of a longer number, an ICCID or a phone number). */
const DIGIT_GROUP = /(?<![\d+])(\d{4,8})(?![\d])/g;

/** Every distinct first capture of `patterns` in `folded`, appended to `out`. */
function collect(folded: string, patterns: readonly RegExp[], out: string[]): string[] {
  for (const pattern of patterns) {
    for (const match of folded.matchAll(pattern)) {
      const digits = match[1];
      if (digits && !out.includes(digits)) out.push(digits);
    }
  }
  return out;
}

/**
 * References to a SIM by its last digits, with the words of every language's word file (`patterns`): built
 * once per knowledge version. Every method takes text from `foldText`.
 */
export class SimSuffixReader {
  private readonly lastDigitPatterns: readonly RegExp[];
  /** A SIM named by its digits in a report, without "ending" (see {@link simSuffixes}). */
  private readonly namedByDigits: readonly RegExp[];
  /** Words after a number that make it a quantity, not a SIM ("the 2000 meters", "sim 300 metres away"). */
  private readonly quantityAfter: RegExp;
  /** Words before a number that make it a time ("since 0800", "desde las 0930"). */
  private readonly timeBefore: RegExp;
  private readonly numbers: NumberWords;

  constructor(sources: readonly SuffixSource[]) {
    this.numbers = new NumberWords(sources.flatMap((s) => (s.numbers ? [{ numbers: s.numbers }] : [])));
    const words = <K extends keyof SuffixSource['patterns']>(key: K): Array<SuffixSource['patterns'][K]> =>
      sources.map((s) => s.patterns[key]);
    this.lastDigitPatterns = [...words('suffix').flatMap(suffixPatterns), ELIDED];
    const simNouns = placeDigits(words('simNouns').flat());
    this.namedByDigits = [
      new RegExp(
        `\\b${anyOf(simNouns.leading, 'folded')}\\s*(?:#|${anyOf(words('simNumberMarks').flat(), 'folded')})?\\s*:?\\s*(\\d{3,8})(?!\\d|[.,:]\\d)`,
        'g',
      ),
      ...digitsAroundPatterns(simNouns.around, '(\\d{3,8})', 'folded').map(
        (pattern) => new RegExp(pattern, 'g'),
      ),
      new RegExp(`\\b${anyOf(words('simArticles').flat(), 'folded')}\\s+#?(\\d{4,8})(?!\\d|[.,:]\\d)`, 'g'),
      LEADING_ZERO,
    ];
    this.quantityAfter = new RegExp(`^\\s*(?:%|${anyWordOf(words('quantityUnits').flat(), 'folded')})`);
    this.timeBefore = new RegExp(`\\b${anyOf(words('timeBefore').flat(), 'folded')}\\s*$`);
  }

  /** References to a SIM by its last digits ("ending in 4471", "últimos dígitos 4471", "…0043"). */
  lastDigits(folded: string): string[] {
    return collect(folded, this.lastDigitPatterns, []);
  }

  /**
   * The SIMs a message names by their last digits: every form {@link lastDigits} reads, and a SIM named by
   * a short number alone in a report ("no data on sim 0027", "la 0076 no manda SMS", "0027 is down"). A
   * quantity ("the 2000 meters", or the message's own count `count`), a time ("since 0800") or pasted modem
   * output is not a SIM.
   */
  simSuffixes(folded: string, count?: number): string[] {
    const out = this.lastDigits(folded);
    for (const pattern of this.namedByDigits) {
      for (const match of folded.matchAll(pattern)) {
        const digits = match[1] ?? '';
        // Where the digits are: words may follow them ("{digits} で終わる").
        const start = folded.indexOf(digits, match.index);
        const end = start + digits.length;
        // "The 0035 unit": a number with a leading zero is never a quantity.
        const quantity = !digits.startsWith('0');
        if (quantity && count !== undefined && Number(digits) === count) continue;
        if (quantity && this.quantityAfter.test(folded.slice(end, end + 12))) continue;
        if (this.timeBefore.test(folded.slice(Math.max(0, start - 12), start))) continue;
        if (!out.includes(digits)) out.push(digits);
      }
    }
    return out;
  }

  /** Digits dictated in words ("ends zero zero four three", "cero cero treinta y cinco"), four or more. */
  private dictated(folded: string): string[] {
    const words = folded.split(/[^a-z0-9]+/).filter(Boolean);
    const found: string[] = [];
    let run: string[] = [];
    const flush = (): void => {
      const digits = run.length > 0 ? this.numbers.dictatedDigits(run) : undefined;
      if (digits && digits.length >= DICTATED_DIGITS) found.push(digits);
      run = [];
    };
    for (const word of words) {
      if (this.numbers.isNumberWord(word)) run.push(word);
      else flush();
    }
    flush();
    return found;
  }

  /**
   * The last digits in an answer to "which SIM?": besides every form {@link lastDigits} reads, any group of
   * 4–8 digits ("0043", "0043 and 0027", "es la 0043") or four or more digits dictated in words ("zero zero four
   * three") — at that prompt a short number is a SIM's last digits, unless it is the count the customer gives
   * (`count`, from "2000 of them").
   */
  answer(folded: string, count?: number): string[] {
    const out = this.lastDigits(folded);
    for (const digits of this.dictated(folded)) if (!out.includes(digits)) out.push(digits);
    for (const match of folded.matchAll(DIGIT_GROUP)) {
      const digits = match[1] ?? '';
      if (count !== undefined && Number(digits) === count) continue;
      if (!out.includes(digits)) out.push(digits);
    }
    return out;
  }
}
