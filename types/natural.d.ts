// natural's own typings import a .ts source file (analyzers/SenType.ts) that does not compile under
// this project's strict ESM settings, so the project declares the small part of natural it uses.
declare module 'natural' {
  interface Stemmer {
    stem(token: string): string;
  }
  interface Tokenizer {
    tokenize(text: string): string[];
  }
  const natural: {
    PorterStemmer: Stemmer;
    PorterStemmerEs: Stemmer;
    AggressiveTokenizer: new () => Tokenizer;
    AggressiveTokenizerEs: new () => Tokenizer;
  };
  export default natural;
}
