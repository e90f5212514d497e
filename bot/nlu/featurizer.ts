import type { Lang } from '../domain/language.js';
import { foldText } from './normalize.js';
import { AggressiveTokenizer, AggressiveTokenizerEs, PorterStemmer, PorterStemmerEs } from './naturalLib.js';

/** Each spoken language's tokenizer and stemmer (natural's): a language the bot speaks needs its entry. */
const ANALYZERS: Readonly<
  Record<
    Lang,
    { tokenizer: () => { tokenize(text: string): string[] }; stemmer: { stem(word: string): string } }
  >
> = {
  en: { tokenizer: () => new AggressiveTokenizer(), stemmer: PorterStemmer },
  es: { tokenizer: () => new AggressiveTokenizerEs(), stemmer: PorterStemmerEs },
};

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

// Domain concepts shared by both languages: a word that starts with one of these stems (or equals a word
// without `*`) also fires `k:<concept>`. Synonyms the training data has not seen yet ("interfono", "RTU",
// "datafono") then still vote with their family, which is what generalises to unseen wording.
const CONCEPT_LEXICON: Record<string, string> = {
  voice: `call* calling llam* voz voice* audio* sound* sonido* hear* oir oigo oimos oye* oyen escuch* volte
    voicemail buzon ring* suena* sonar timbr* phone* telefon* interfon* intercom* 112 emergenc* cli callerid
    colg* hang* cuelg* minut* mute* echo eco hablan talk*`,
  dial: `dial* marc* descolg* busy ocupad*`,
  sms: `sms* text* texto* message* mensaj* smsc shortcode* mt mo xsmscmd xcmserror`,
  csd: `csd hscsd baud* bps dialup scada rtu datalogger* registrador* circuit* circuito* conmut* analog* carrier
    portadora xnocarrier xcbst xatdial xconnectbaud xbaudrate xvmodem xhscsd`,
  data: `data datos dato internet ip apn* pdp attach* conect* connect* conexion* online offline upload* subir
    cloud nube backend* server* servidor* dns vpn* latenc* ping* speed* velocidad* slow* lent* bandwidth ancho
    throughput kbps mbps mb gb megas lte 4g 5g 3g nb catm roam* itiner* reporting heartbeat* http* mqtt tcp udp
    session* sesion* traffic* trafico* naveg* brows* xpdpcmd xcgdcont xregstat xhostname`,
  case: `case* caso* ticket* incident* incidencia* request* solicitud* order* pedido* shipped shipping seguimiento
    tracking news novedad* update* actualiz* status estado* reported reporte reportado opened abri abierta
    pending pendiente* escal* respuesta* response reply esper* waiting wait xcaseid`,
  human: `human* person* agent* agente* operator* operador* representat* colleague* companer* someone alguien
    somebody anybody engineer* ingenier* technician* tecnico* manager* comercial* gestor* expert* especialista*
    specialist* bot bots robot* real`,
  admin: `bill* invoice* factur* price* precio* pricing cost* cuesta pay* pag* contract* contrato* office* oficina*
    opening horario* job* empleo* privacy privacidad gdpr rgpd api cdr* export* report informe* portab* porting
    devol* return* refund* reembols* discount* descuento* subscription* suscrip* terms condicion* vat iva
    account* cuenta* login password contrasena portal web website* webpage*`,
  presales: `recommend* recomend* buy comprar compra quote presupuesto* demo datasheet ficha catalog* catalogo
    offer* oferta* best mejor`,
  device: `meter* contador* medidor* alarm* tracker* localizador* rastreador* router* charger* cargador* pos tpv
    datafono* vending expendedor* gateway* pasarela* sensor* camera* camara* module* modulo* lift* elevator*
    ascensor* unit units unidad* device* dispositiv* equipo* terminal* telematic* truck* camion* vehicle*
    vehicul* fleet* flota* modem* modems`,
  fail: `fail* fall* error* broken roto* rota* down caid* cae* never nunca ningun* sin cannot cant stopped dejaron
    dejo problem* problema* issue* not`,
};

// Multi-word concepts, matched on the folded message: who is to be called decides between agent and voice,
// "data call" is CSD rather than data, "company data" is account admin rather than connectivity.
const CONCEPT_PHRASES: Array<[RegExp, string]> = [
  [
    /\b(?:call|ring|phone|contact|email)\s+(?:me|us)\b|\bcall\s?backs?\b|\bllam(?:ame|adme|enme|arme|adnos|arnos)\b|\b(?:me|nos)\s+(?:llam|telefone|contact)\w*|\bdevolv\w* la llamada|\b(?:number|phone) (?:to|i can|we can) (?:call|ring)|\bnumero (?:al que|para|de) (?:llamar|soporte|contacto)|\btelefono (?:para llamar|de soporte|de contacto)/,
    'k:callme',
  ],
  [
    /\b(?:what|which|a|your|give me a|dame un|que|algun|vuestro|un)\s+(?:phone\s+|support\s+)?(?:number|numero|telefono)\b.{0,25}\b(?:call|ring|llamar|support|soporte)\b|\b(?:contacto|hablar|hable|llame|llamen)\s+conmigo\b/,
    'k:callme',
  ],
  [/\bvoice calls?\b|\bllamadas? de voz\b|\bvoz sobre\b|\bvoice over\b/, 'k:voicecall'],
  [
    /\bdata calls?\b|\bllamadas? de datos\b|\bgsm data\b|\bdatos gsm\b|\bmodem calls?\b|\bllamadas? (?:al|por|de|del) modem\b|\bdial[- ]?(?:in|up)\b|\bcircuit[- ]switched\b/,
    'k:datacall',
  ],
  [
    /\b(?:company|contact|billing|account|personal) (?:details|data|person|address)\b|\bdatos (?:de la empresa|de contacto|de facturacion|personales|fiscales)\b|\bpersona de contacto\b|\b(?:data|datos) protection\b|\bproteccion de datos\b/,
    'k:admindata',
  ],
];

const CONCEPT_EXACT = new Map<string, string[]>();
const CONCEPT_PREFIXES: Array<[string, string]> = [];
for (const [concept, words] of Object.entries(CONCEPT_LEXICON)) {
  for (const word of words.split(/\s+/).filter(Boolean)) {
    if (word.endsWith('*')) CONCEPT_PREFIXES.push([word.slice(0, -1), `k:${concept}`]);
    else CONCEPT_EXACT.set(word, [...(CONCEPT_EXACT.get(word) ?? []), `k:${concept}`]);
  }
}

function conceptsOf(word: string): string[] {
  const out = [...(CONCEPT_EXACT.get(word) ?? [])];
  for (const [prefix, concept] of CONCEPT_PREFIXES)
    if (word.startsWith(prefix) && !out.includes(concept)) out.push(concept);
  return out;
}

/** Turns one message into sparse binary feature names for the intent model of one language. */
export class Featurizer {
  private readonly tokenizer: { tokenize(text: string): string[] };
  private readonly stem: (word: string) => string;
  private readonly stopWords: ReadonlySet<string>;
  // Stemming dominates classification time; a bounded memo keeps throughput high on repeated vocabulary.
  private readonly stemMemo = new Map<string, string>();
  private readonly conceptCache = new Map<string, string[]>();

  /**
   * @param stopWords the language's function words, folded (the word file's `stopWords`): they carry no intent.
   */
  constructor(
    readonly lang: Lang,
    stopWords: ReadonlySet<string>,
  ) {
    const analyzer = ANALYZERS[lang];
    this.tokenizer = analyzer.tokenizer();
    this.stem = (word) => analyzer.stemmer.stem(word);
    this.stopWords = stopWords;
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
    const folded = foldText(prepared).replace(/\d+/g, (n) => (CONCEPT_EXACT.has(n) ? ` ${n} ` : ' 0 '));
    const stems: string[] = [];
    const concepts = new Set<string>();
    for (const [pattern, concept] of CONCEPT_PHRASES) if (pattern.test(folded)) concepts.add(concept);
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
    const concepts = conceptsOf(word);
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
