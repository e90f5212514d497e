import type { Lang } from '../domain/language.js';
import { foldText } from './normalize.js';
import { AggressiveTokenizer, AggressiveTokenizerEs, PorterStemmer, PorterStemmerEs } from './naturalLib.js';

/** Bump when feature extraction changes, so cached models trained with the old features are not reused. */
export const FEATURIZER_VERSION = 4;

// Function words that carry no intent. Negations and question words stay: "no data" vs "data" matters.
const STOP_WORDS: Record<Lang, ReadonlySet<string>> = {
  en: new Set(
    `a an the is are was were be been being am i me my we our us you your it its this that these those of to in
    on at by for with from as and or but so if than then there here just also very really please pls hi hello
    hey dear team guys thanks thank regards best kind`
      .split(/\s+/)
      .filter(Boolean),
  ),
  es: new Set(
    `el la los las un una unos unas de del al a en por para con y o u que es son esta estan mi mis nuestro nuestra
    nuestros nuestras su sus tu me te se le les lo nos ya muy pero como hola buenas buenos dias tardes gracias
    saludos favor equipo`
      .split(/\s+/)
      .filter(Boolean),
  ),
};

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

/** Turns one message into sparse binary feature names for the intent model of one language. */
export class Featurizer {
  private readonly tokenizer: { tokenize(text: string): string[] };
  private readonly stem: (word: string) => string;
  private readonly stopWords: ReadonlySet<string>;
  // Stemming dominates classification time; a bounded memo keeps throughput high on repeated vocabulary.
  private readonly stemMemo = new Map<string, string>();

  constructor(readonly lang: Lang) {
    this.tokenizer = lang === 'es' ? new AggressiveTokenizerEs() : new AggressiveTokenizer();
    const stemmer = lang === 'es' ? PorterStemmerEs : PorterStemmer;
    this.stem = (word) => stemmer.stem(word);
    this.stopWords = STOP_WORDS[lang];
  }

  /** Word stems of the message (stop words removed), the unit both features and coverage are built on. */
  stems(text: string): string[] {
    let prepared = text;
    for (const [pattern, token] of MODEM_TOKENS) prepared = prepared.replace(pattern, token);
    const folded = foldText(prepared).replace(/\d+/g, ' 0 ');
    const out: string[] = [];
    for (const token of this.tokenizer.tokenize(folded)) {
      const word = token.toLowerCase();
      if (!word || this.stopWords.has(word)) continue;
      out.push(this.stemWord(word));
    }
    return out;
  }

  /** Unigram stems, stem bigrams and character trigrams of each word (trigrams absorb typos). */
  features(text: string): string[] {
    const stems = this.stems(text);
    const out = new Set<string>();
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
