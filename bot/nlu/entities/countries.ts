import { messageWords, PhraseMatcher } from '../words/vocabulary.js';
import { anyOf } from './patternWords.js';

/** One country in one language, as `knowledge/nlu/words.<lang>.json` gives it (see `countrySchema`). */
export interface CountryWords {
  name: string;
  names: readonly string[];
  places?: readonly string[];
  demonyms?: readonly string[];
}

/** The countries of one word-list file: its language and its countries by ISO code. */
export interface CountrySource {
  language: string;
  countries?: Readonly<Record<string, CountryWords>>;
  /** Words after which an upper-case two-letter code is a country ("roaming in DE"); none: codes are not read. */
  patterns?: { countryLeadIns: readonly string[] };
}

/** A country's name in a reply's language: the one thing texts need from {@link CountryIndex}. */
export interface CountryNames {
  /** The country's name in `lang`; an unknown code (or language) is shown as the code itself. */
  name(code: string, lang: string): string;
}

/** A name written in capitals in the data ("USA"): matched only when written so. */
const CAPITALS = /^\p{Lu}{2,}$/u;

/**
 * The countries of every word-list language at once (a customer writing Spanish may say "Germany"), from
 * knowledge data: names and demonyms to ISO codes for reading messages, ISO codes to names for replies. A
 * third language's file adds its names with no code. Built once per knowledge version.
 */
export class CountryIndex implements CountryNames {
  /** ISO code → one matcher over its names and demonyms in every language. */
  private readonly matchers: ReadonlyMap<string, PhraseMatcher>;
  /** ISO code → one matcher over its cities and regions ("Hamburg", "Oporto"). */
  private readonly placeMatchers: ReadonlyMap<string, PhraseMatcher>;
  private readonly names: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Written upper case after a lead-in or in brackets, a two-letter code is a country ("roaming in DE", "país: FR"). */
  private readonly codeContext: RegExp;
  /**
   * ISO code → its names written in capitals in the data ("USA"): matched written so, or in any case after a lead-in
   * ("in the usa") — "¿qué APN usa la tarjeta?" is a Spanish verb.
   */
  private readonly capitals: ReadonlyMap<string, readonly RegExp[]>;

  constructor(sources: readonly CountrySource[]) {
    const phrases = new Map<string, string[]>();
    const capitals = new Map<string, string[]>();
    const places = new Map<string, string[]>();
    const names = new Map<string, Map<string, string>>();
    for (const source of sources) {
      const inLanguage = new Map<string, string>();
      for (const [code, country] of Object.entries(source.countries ?? {})) {
        inLanguage.set(code, country.name);
        const all = [...country.names, ...(country.demonyms ?? [])];
        phrases.set(code, [...(phrases.get(code) ?? []), ...all.filter((name) => !CAPITALS.test(name))]);
        capitals.set(code, [...(capitals.get(code) ?? []), ...all.filter((name) => CAPITALS.test(name))]);
        if (country.places) places.set(code, [...(places.get(code) ?? []), ...country.places]);
      }
      names.set(source.language, inLanguage);
    }
    this.matchers = new Map([...phrases].map(([code, list]) => [code, new PhraseMatcher(list)]));
    this.placeMatchers = new Map([...places].map(([code, list]) => [code, new PhraseMatcher(list)]));
    this.names = names;
    const leadIns = anyOf(
      sources.flatMap((s) => s.patterns?.countryLeadIns ?? []),
      'raw',
    );
    this.capitals = new Map(
      [...capitals]
        .filter(([, list]) => list.length > 0)
        .map(([code, list]) => [
          code,
          [
            new RegExp(`(?<![\\p{L}\\d])(?:${list.join('|')})(?![\\p{L}\\d])`, 'u'),
            new RegExp(
              `(?<=(?<![\\p{L}\\d])${leadIns}\\s+(?:the\\s+)?)(?:${list.join('|')})(?![\\p{L}\\d])`,
              'iu',
            ),
          ],
        ]),
    );
    this.codeContext = new RegExp(`(?:\\b${leadIns}\\s*:?\\s*|\\(\\s*)([A-Z]{2})(?![\\w+])`, 'g');
  }

  /** Every ISO code the knowledge names. */
  codes(): string[] {
    return [...this.matchers.keys()];
  }

  name(code: string, lang: string): string {
    const upper = code.toUpperCase();
    return this.names.get(lang)?.get(upper) ?? upper;
  }

  /**
   * The countries of the cities and regions a message names ("me voy a Oporto" → PT): where a device is going, for a
   * question about going abroad — never a fleet filter ("the meters in Trondheim" are not every SIM in Norway).
   */
  placesIn(text: string): string[] {
    const words = messageWords(text);
    return [...this.placeMatchers].flatMap(([code, matcher]) =>
      matcher.firstAt(words) === undefined ? [] : [code],
    );
  }

  /**
   * Countries a message mentions — by name or demonym in any language ("Germany", "las alemanas"), or by ISO
   * code used as such ("roaming in DE", "país: FR") — as ISO codes, in the order they appear.
   */
  find(text: string): string[] {
    const words = messageWords(text);
    const found: Array<{ at: number; code: string }> = [];
    for (const [code, matcher] of this.matchers) {
      const at = matcher.firstAt(words);
      if (at !== undefined) found.push({ at, code });
    }
    for (const [code, patterns] of this.capitals) {
      const m = patterns.map((pattern) => pattern.exec(text)).find((match) => match !== null);
      if (m) found.push({ at: wordAt(text, m.index + m[0].length), code });
    }
    for (const m of text.matchAll(this.codeContext)) {
      const code = m[1] === 'UK' ? 'GB' : (m[1] ?? '');
      // Its place in words, to order it among the names: the words before it, plus the preposition.
      if (this.matchers.has(code)) found.push({ at: wordAt(text, (m.index ?? 0) + m[0].length), code });
    }
    found.sort((a, b) => a.at - b.at);
    return [...new Set(found.map((f) => f.code))];
  }
}

/** The place in words of what ends at `end` in `text` (the words before it, and its own last word). */
function wordAt(text: string, end: number): number {
  return messageWords(text.slice(0, end)).length - 1;
}
