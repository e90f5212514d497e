import type { Lang } from '../domain/language.js';
import type { ConceptLexicon } from './concepts.js';
import { foldText } from './normalize.js';
import { GENERIC_ANALYZER, NATURAL_ANALYZERS } from './naturalLib.js';

/** Bump when feature extraction changes, so cached models trained with the old features are not reused. */
export const FEATURIZER_VERSION = 5;

// Pasted modem output is replaced by one token per kind before tokenising, so "+CME ERROR: 10" teaches the
// model "cme error" and not the number 10.
const MODEM_TOKENS: Array<[RegExp, string]> = [
  [/\+CME\s*ERROR\s*:?\s*\d*/gi, ' xcmeerror '],
  [/\+CMS\s*ERROR\s*:?\s*\d*/gi, ' xcmserror '],
  [/\+C(?:E|G)?REG\s*:?\s*[\d,"A-F ]*/gi, ' xregstat '],
  [/\+CSQ\s*:?\s*[\d, ]*/gi, ' xcsq '],
  [/\bAT\+CBST\b[=\d,]*/gi, ' xcbst '],
  [/\bAT\+CGDCONT\S*/gi, ' xcgdcont '],
  [/\bATD\s*[\d+]*/gi, ' xatdial '],
  [/\bNO\s+CARRIER\b/gi, ' xnocarrier '],
  // SMS commands and indications (AT+CMGS, +CMTI, AT+CSCA…), attach/PDP commands, and CSD-only signals.
  [/\b(?:AT)?\+?C(?:MGS|MGF|MGR|MGL|MGD|MGW|MSS|NMI|MTI|SCA|SMS|SMP)\b[=?:\d,"+ ]*/gi, ' xsmscmd '],
  [/\b(?:AT)?\+?C(?:GATT|GACT|GPADDR|GAUTH|GEREP|GEV)\b[=?:\d,"]*/gi, ' xpdpcmd '],
  [/\bCONNECT\s+(?:300|1200|2400|4800|9600|14400|19200)\b/gi, ' xconnectbaud '],
  [/\b(?:300|1200|2400|4800|9600|14400|19200)\s*(?:bps|baud\w*|bit\/s|bits)\b/gi, ' xbaudrate '],
  [/\bV\.?(?:22|32|34|42|110|120)(?:\s*bis)?\b/gi, ' xvmodem '],
  [/\bHSCSD\b/gi, ' xhscsd '],
  [/\bCS[-\s]?\d{4,8}\b/gi, ' xcaseid '],
  // APN and host names ("m2m.operator.net") say "configuration", whatever words they are made of.
  [/\b[a-z][\w-]*(?:\.[a-z0-9][\w-]*)+\b/gi, ' xhostname '],
  [/(?:\+|\b00)\d[\d -]{7,16}\d/g, ' xmsisdn '],
  [/\b\d(?:[ -]?\d){13,23}\b/g, ' xlongid '],
];

const PLACEHOLDERS = new Set(MODEM_TOKENS.map(([, token]) => token.trim()));

/** The placeholders of a phone number and an ICCID or IMSI: they name a SIM, not what is asked about it. */
export const IDENTIFIER_TOKENS: ReadonlySet<string> = new Set(['xmsisdn', 'xlongid']);

/** The concept each placeholder token stands for (the modem output and identifiers it replaced). */
const PLACEHOLDER_CONCEPTS = new Map<string, string>([
  ['xsmscmd', 'k:sms'],
  ['xcmserror', 'k:sms'],
  ['xnocarrier', 'k:csd'],
  ['xcbst', 'k:csd'],
  ['xatdial', 'k:csd'],
  ['xconnectbaud', 'k:csd'],
  ['xbaudrate', 'k:csd'],
  ['xvmodem', 'k:csd'],
  ['xhscsd', 'k:csd'],
  ['xpdpcmd', 'k:data'],
  ['xcgdcont', 'k:data'],
  ['xregstat', 'k:data'],
  ['xhostname', 'k:data'],
  ['xcaseid', 'k:case'],
]);

/**
 * What a language's features leave out and add, from the knowledge's word files: its stop words (function
 * words that carry no intent) and the concept lexicon of every language.
 */
export interface FeatureWords {
  /** The language's function words, folded: they carry no intent. */
  stopWords: ReadonlySet<string>;
  concepts: ConceptLexicon;
}

/** Turns one message into sparse binary feature names for the intent model of one language. */
export class Featurizer {
  private readonly tokenizer: { tokenize(text: string): string[] };
  private readonly stem: (word: string) => string;
  private readonly stopWords: ReadonlySet<string>;
  private readonly concepts: ConceptLexicon;
  // Stemming dominates classification time; a bounded memo keeps throughput high on repeated vocabulary.
  private readonly stemMemo = new Map<string, string>();
  private readonly conceptCache = new Map<string, string[]>();

  constructor(
    readonly lang: Lang,
    words: FeatureWords,
  ) {
    // natural's tokenizer and stemmer for the language when it has them, else words without stemming.
    const analyzer = NATURAL_ANALYZERS[lang] ?? GENERIC_ANALYZER;
    this.tokenizer = analyzer.tokenizer();
    this.stem = (word) => analyzer.stemmer.stem(word);
    this.stopWords = words.stopWords;
    this.concepts = words.concepts;
  }

  /** Word stems of the message (stop words removed), the unit both features and coverage are built on. */
  stems(text: string): string[] {
    return this.analyse(text).stems;
  }

  /**
   * Unigram stems, stem bigrams, character trigrams of each word (trigrams absorb typos) and the domain
   * concepts the words belong to.
   */
  features(text: string): string[] {
    const { stems, concepts } = this.analyse(text);
    const out = new Set<string>(concepts);
    for (let i = 0; i < stems.length; i++) {
      const stem = stems[i] ?? '';
      out.add(`w:${stem}`);
      if (i > 0) out.add(`b:${stems[i - 1]}_${stem}`);
      if (stem.length > 3 && !stem.startsWith('x')) {
        const padded = `<${stem}>`;
        for (let j = 0; j + 3 <= padded.length; j++) out.add(`c:${padded.slice(j, j + 3)}`);
      }
    }
    return [...out];
  }

  private analyse(text: string): { stems: string[]; concepts: string[] } {
    let prepared = text;
    for (const [pattern, token] of MODEM_TOKENS) prepared = prepared.replace(pattern, token);
    const folded = foldText(prepared).replace(/\d+/g, (n) => (this.concepts.isWord(n) ? ` ${n} ` : ' 0 '));
    const stems: string[] = [];
    const concepts = new Set<string>(this.concepts.inPhrases(folded));
    for (const token of this.tokenizer.tokenize(folded)) {
      const word = token.toLowerCase();
      if (!word) continue;
      for (const concept of this.conceptMemo(word)) concepts.add(concept);
      if (this.stopWords.has(word)) continue;
      stems.push(this.stemWord(word));
    }
    return { stems, concepts: [...concepts] };
  }

  private conceptMemo(word: string): string[] {
    const cached = this.conceptCache.get(word);
    if (cached !== undefined) return cached;
    const placeholder = PLACEHOLDER_CONCEPTS.get(word);
    const concepts = placeholder ? [placeholder] : this.concepts.of(word);
    if (this.conceptCache.size > 50_000) this.conceptCache.clear();
    this.conceptCache.set(word, concepts);
    return concepts;
  }

  private stemWord(word: string): string {
    const cached = this.stemMemo.get(word);
    if (cached !== undefined) return cached;
    // Our placeholder tokens and numbers pass through unstemmed.
    const stem = PLACEHOLDERS.has(word) ? word : this.stem(word);
    if (this.stemMemo.size > 50_000) this.stemMemo.clear();
    this.stemMemo.set(word, stem);
    return stem;
  }
}
