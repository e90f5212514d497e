import { createRequire } from 'node:module';
import './quietEnv.js';

/** A stemmer of `natural`. */
export interface Stemmer {
  stem(token: string): string;
}

/** A tokenizer of `natural`. */
export interface Tokenizer {
  tokenize(text: string): string[];
}

interface NaturalParts {
  PorterStemmer: Stemmer;
  PorterStemmerEs: Stemmer;
  PorterStemmerPt: Stemmer;
  PorterStemmerFr: Stemmer;
  PorterStemmerDe: Stemmer;
  PorterStemmerIt: Stemmer;
  PorterStemmerNl: Stemmer;
  PorterStemmerSv: Stemmer;
  PorterStemmerNo: Stemmer;
  AggressiveTokenizer: new () => Tokenizer;
  AggressiveTokenizerEs: new () => Tokenizer;
  AggressiveTokenizerPt: new () => Tokenizer;
  AggressiveTokenizerFr: new () => Tokenizer;
  AggressiveTokenizerDe: new () => Tokenizer;
  AggressiveTokenizerIt: new () => Tokenizer;
  AggressiveTokenizerNl: new () => Tokenizer;
  AggressiveTokenizerSv: new () => Tokenizer;
  AggressiveTokenizerNo: new () => Tokenizer;
}

// natural's bundled typings import one of its .ts sources (analyzers/SenType.ts), which does not
// compile under this project's strict ESM settings; so natural is loaded through require and typed
// here, for exactly the parts the NLU uses. Loaded once, after the dotenv quiet flag is set.
const natural = createRequire(import.meta.url)('natural') as NaturalParts;

export const { PorterStemmer, PorterStemmerEs, AggressiveTokenizer, AggressiveTokenizerEs } = natural;

/** A language's tokenizer and stemmer. */
export interface Analyzer {
  tokenizer: () => Tokenizer;
  stemmer: Stemmer;
}

/**
 * The tokenizers and stemmers `natural` ships, by language code: a language of `languages.json` found here is
 * stemmed; any other is read with {@link GENERIC_ANALYZER}. This is what the library can do, not which
 * languages Firstline speaks (knowledge says that).
 */
export const NATURAL_ANALYZERS: Readonly<Partial<Record<string, Analyzer>>> = {
  en: { tokenizer: () => new natural.AggressiveTokenizer(), stemmer: natural.PorterStemmer },
  es: { tokenizer: () => new natural.AggressiveTokenizerEs(), stemmer: natural.PorterStemmerEs },
  pt: { tokenizer: () => new natural.AggressiveTokenizerPt(), stemmer: natural.PorterStemmerPt },
  fr: { tokenizer: () => new natural.AggressiveTokenizerFr(), stemmer: natural.PorterStemmerFr },
  de: { tokenizer: () => new natural.AggressiveTokenizerDe(), stemmer: natural.PorterStemmerDe },
  it: { tokenizer: () => new natural.AggressiveTokenizerIt(), stemmer: natural.PorterStemmerIt },
  nl: { tokenizer: () => new natural.AggressiveTokenizerNl(), stemmer: natural.PorterStemmerNl },
  sv: { tokenizer: () => new natural.AggressiveTokenizerSv(), stemmer: natural.PorterStemmerSv },
  no: { tokenizer: () => new natural.AggressiveTokenizerNo(), stemmer: natural.PorterStemmerNo },
};

/** Words are runs of letters and digits in any script; no stemming. */
export const GENERIC_ANALYZER: Analyzer = {
  tokenizer: () => ({ tokenize: (text) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean) }),
  stemmer: { stem: (word) => word },
};
