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
  AggressiveTokenizer: new () => Tokenizer;
  AggressiveTokenizerEs: new () => Tokenizer;
}

// natural's bundled typings import one of its .ts sources (analyzers/SenType.ts), which does not
// compile under this project's strict ESM settings; so natural is loaded through require and typed
// here, for exactly the parts the NLU uses. Loaded once, after the dotenv quiet flag is set.
const natural = createRequire(import.meta.url)('natural') as NaturalParts;

export const { PorterStemmer, PorterStemmerEs, AggressiveTokenizer, AggressiveTokenizerEs } = natural;
