import { foldText } from '../normalize.js';
import type { WordSetsSource } from '../words/wordSets.js';

/**
 * Spelled-out numbers of every language ("tres mil", "two thousand five hundred", "veinte"), from the word
 * files' `numbers`: a language's number words are data, not code.
 */
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
    for (const word of words) {
      if (this.joiners.has(word)) continue;
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
