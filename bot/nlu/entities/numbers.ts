import { foldText } from '../normalize.js';
import type { WordSetsSource } from '../words/wordSets.js';

/** Digit words in a row that are an identifier dictated, not counts ("two three four" is not a number). */
const DICTATED_RUN = 7;

/**
 * Spelled-out numbers of every language ("tres mil", "two thousand five hundred", "veinte"), from the word
 * files' `numbers`: a language's number words are data, not code.
 */
/** The smallest spelled-out number {@link NumberWords.writeSpelled} writes as digits. */
const SPELLED_MIN = 10;

export class NumberWords {
  private readonly units = new Map<string, number>();
  private readonly multipliers = new Map<string, number>();
  private readonly joiners = new Set<string>();
  private readonly articles = new Set<string>();

  constructor(sources: ReadonlyArray<Pick<WordSetsSource, 'numbers'>>) {
    for (const { numbers } of sources) {
      for (const [word, value] of Object.entries(numbers.units)) this.units.set(foldText(word), value);
      for (const [word, value] of Object.entries(numbers.multipliers))
        this.multipliers.set(foldText(word), value);
      for (const word of numbers.joiners) this.joiners.add(foldText(word));
      for (const word of numbers.articles) this.articles.add(foldText(word));
    }
  }

  /** True when `word` (folded) can be part of a spelled-out number. */
  isNumberWord(word: string): boolean {
    return this.units.has(word) || this.multipliers.has(word) || this.joiners.has(word);
  }

  /** Only articles and joiners ("a", "an", "and"): no number on their own. */
  onlyArticles(words: readonly string[]): boolean {
    return words.every((w) => this.articles.has(w) || this.joiners.has(w));
  }

  /**
   * Parse a spelled-out number from folded words ("tres mil", "two thousand five hundred", "veinte");
   * returns undefined when the words are not a number.
   */
  parse(words: readonly string[]): number | undefined {
    let total = 0;
    let current = 0;
    let seen = false;
    for (const [i, word] of words.entries()) {
      if (this.joiners.has(word)) continue;
      // "it hasn't uploaded a single record": an article before a unit word is no number of its own (one record,
      // not two); before a multiplier it is one ("a dozen", "a hundred").
      const next = words[i + 1] ?? '';
      if (this.articles.has(word) && this.units.has(next) && !this.articles.has(next)) continue;
      const unit = this.units.get(word);
      const multiplier = this.multipliers.get(word);
      if (unit !== undefined) {
        current += unit;
        seen = true;
      } else if (multiplier !== undefined) {
        // "mil" on its own means one thousand; "a dozen", "two dozen", "a couple hundred" multiply what came before.
        if (multiplier < 1000) {
          current = (current || 1) * multiplier;
        } else {
          total += (current || 1) * multiplier;
          current = 0;
        }
        seen = true;
      } else {
        return undefined;
      }
    }
    return seen ? total + current : undefined;
  }

  /**
   * A number spelled out in a message, written as its digits ("make it two hundred and fifty" → "make it 250", "que
   * sean doscientas cincuenta" → "que sean 250"), so a correction reads it like a typed one. Only numbers of
   * {@link SPELLED_MIN} or more: "the other one", "a SIM" stay words. Everything else is kept as written.
   */
  writeSpelled(text: string): string {
    const parts = text.split(/(\s+)/);
    const wordOf = (part: string): { word: string; after: string } | undefined => {
      const [, core = '', after = ''] = /^(\p{L}+)([^\p{L}\p{N}]*)$/u.exec(part) ?? [];
      const word = foldText(core);
      return this.isNumberWord(word) || this.articles.has(word) ? { word, after } : undefined;
    };
    const out: string[] = [];
    let i = 0;
    while (i < parts.length) {
      const run: string[] = [];
      let after = '';
      let j = i;
      // Words sit at even indexes, the spaces between them at odd ones; punctuation ends a run.
      for (let w = wordOf(parts[j] ?? ''); w && !after; w = wordOf(parts[j] ?? '')) {
        run.push(w.word);
        after = w.after;
        j += 2;
      }
      // A joiner or an article ending the run ("two hundred and") is no part of the number.
      let used = run.length;
      while (used > 0 && this.onlyArticles(run.slice(used - 1, used))) used -= 1;
      const value =
        used > 0 && !this.onlyArticles(run.slice(0, used)) ? this.parse(run.slice(0, used)) : undefined;
      if (value !== undefined && value >= SPELLED_MIN) {
        // The words left after the number ("and") are written on, from the space after its last word.
        out.push(used === run.length ? `${value}${after}` : String(value));
        i = used === run.length ? j - 1 : i + used * 2 - 1;
        continue;
      }
      out.push(parts[i] ?? '');
      i += 1;
    }
    return out.join('');
  }

  /**
   * A phone's speech-to-text writes an ICCID or a phone number as words ("eight nine four six zero seven …", "más
   * cuatro seis siete cero uno …"): each run of {@link DICTATED_RUN} or more unit words below ten, separated only by
   * spaces, is written as its digits ("plus 46701234471"), so the identifiers read like typed ones. Everything else
   * is kept as written.
   */
  writeDictatedRuns(text: string): string {
    const parts = text.split(/(\s+)/);
    // Words sit at even indexes: fewer words than a run holds (most messages) have none to write.
    if (parts.length < DICTATED_RUN * 2 - 1) return text;
    /** The digit a word says, and the punctuation after it ("three." ends a run). */
    const digitOf = (part: string): { digit: string; after: string } | undefined => {
      const [, core = '', after = ''] = /^(\p{L}+)([^\p{L}\p{N}]*)$/u.exec(part) ?? [];
      const word = foldText(core);
      const value = this.articles.has(word) ? undefined : this.units.get(word);
      return value !== undefined && value < 10 ? { digit: String(value), after } : undefined;
    };
    const out: string[] = [];
    let i = 0;
    while (i < parts.length) {
      let j = i;
      let digits = '';
      let after = '';
      // Words sit at even indexes, the spaces between them at odd ones; punctuation ends a run.
      for (let d = digitOf(parts[j] ?? ''); d && !after; d = digitOf(parts[j] ?? '')) {
        digits += d.digit;
        after = d.after;
        j += 2;
      }
      if (digits.length >= DICTATED_RUN) {
        out.push(digits + after);
        i = j - 1;
      } else {
        out.push(parts[i] ?? '');
        i += 1;
      }
    }
    return out.join('');
  }

  /**
   * Digits dictated one or two at a time ("zero zero four three", "cero cero treinta y cinco"): each unit word
   * below ten is a digit, a tens word (with a unit after it, joined or not) two digits. Undefined when a word is
   * no unit, or when a hundred or thousand makes it a quantity.
   */
  dictatedDigits(words: readonly string[]): string | undefined {
    let digits = '';
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? '';
      if (this.joiners.has(word)) continue;
      const value = this.units.get(word);
      if (value === undefined || value >= 100) return undefined;
      if (value < 10 || value % 10 !== 0) {
        digits += String(value);
        continue;
      }
      // "treinta y cinco", "forty three": the tens and the unit after them.
      const next = this.joiners.has(words[i + 1] ?? '') ? i + 2 : i + 1;
      const unit = this.units.get(words[next] ?? '');
      if (unit !== undefined && unit > 0 && unit < 10) {
        digits += String(value + unit);
        i = next;
      } else {
        digits += String(value);
      }
    }
    return digits || undefined;
  }

  /**
   * The number said at the start of `words` (folded): its digits dictated one or two at a time ("nine nine",
   * "ninety nine": 99), or a quantity when it has hundreds or thousands ("five hundred"). Undefined when the
   * first word is no number word, or the words are only articles ("a").
   */
  leading(words: readonly string[]): SaidNumber | undefined {
    let length = 0;
    while (length < words.length && this.isNumberWord(words[length] ?? '')) length++;
    // "ninety nine and…": a joiner at the end belongs to what follows.
    while (length > 0 && this.joiners.has(words[length - 1] ?? '')) length--;
    const said = words.slice(0, length);
    if (length === 0 || this.onlyArticles(said)) return undefined;
    const dictated = this.dictatedDigits(said);
    const value = dictated === undefined ? this.parse(said) : Number(dictated);
    return value === undefined ? undefined : { value, length };
  }

  /**
   * Every run of number words in `folded` that dictates digits ("ends in fifty", "cero cero dos siete"), and
   * where it is. The words of a run are joined by spaces or hyphens ("forty-three") — any other mark ends it —
   * and the joiners and articles at its edges are not part of it ("a fifty", "fifty and the other").
   */
  dictatedRuns(folded: string): DictatedRun[] {
    const runs: DictatedRun[] = [];
    let run: RegExpExecArray[] = [];
    const flush = (): void => {
      while (run.length > 0 && this.edgeWord(run[0]?.[0] ?? '')) run.shift();
      while (run.length > 0 && this.edgeWord(run[run.length - 1]?.[0] ?? '')) run.pop();
      const first = run[0];
      const last = run[run.length - 1];
      const digits = this.dictatedDigits(run.map((m) => m[0]));
      if (first && last && digits)
        runs.push({ start: first.index, end: last.index + last[0].length, digits });
      run = [];
    };
    for (const word of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
      const previous = run[run.length - 1];
      const joined =
        previous && /^[\s-]+$/u.test(folded.slice(previous.index + previous[0].length, word.index));
      if (!joined) flush();
      if (this.isNumberWord(word[0])) run.push(word);
      else flush();
    }
    flush();
    return runs;
  }

  /** A joiner or an article: never the first or last word of a run ("a fifty", "fifty a day"). */
  private edgeWord(word: string): boolean {
    return this.joiners.has(word) || this.articles.has(word);
  }
}

/** A number said in words at the start of some words: its value and how many words it took. */
export interface SaidNumber {
  value: number;
  length: number;
}

/** Digits dictated in words, and where in the text they were said. */
export interface DictatedRun {
  start: number;
  end: number;
  digits: string;
}

/**
 * Parse a number written with digits as customers do: "2000", "2,000", "2.000", "2 000", "2k", "1.5k".
 * Returns undefined when `token` is not one.
 */
export function parseDigits(token: string): number | undefined {
  const t = token.trim().toLowerCase().replace(/\s/g, '');
  const k = /^(\d+(?:[.,]\d+)?)k$/.exec(t);
  if (k?.[1]) return Math.round(Number(k[1].replace(',', '.')) * 1000);
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(t)) return Number(t.replace(/[.,]/g, ''));
  if (/^\d+$/.test(t)) return Number(t);
  return undefined;
}
