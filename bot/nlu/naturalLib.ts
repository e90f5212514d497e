import './quietEnv.js';
import natural from 'natural';

/** The parts of `natural` the NLU uses, imported once behind the dotenv quiet flag. */
export const { PorterStemmer, PorterStemmerEs, AggressiveTokenizer, AggressiveTokenizerEs } = natural;
