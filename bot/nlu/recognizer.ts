import type { Logger } from 'pino';
import type { Lang, SpokenLanguages } from '../domain/language.js';
import { loadLanguages } from '../knowledgeBase/loadLanguages.js';
import {
  isProblemIntent,
  type IntentScore,
  type LanguageIdentification,
  type Recognition,
  type Recognizer,
} from './types.js';
import { extractEntities } from './entities.js';
import { CountryIndex } from './entities/countries.js';
import { namedService } from './entities/services.js';
import { entityWordsOf } from './entities/entityWords.js';
import type { EntityWords } from './entities/entityWords.js';
import { Vocabulary } from './words/vocabulary.js';
import type { IntentClassifier, IntentPrediction } from './intentClassifier.js';
import { LanguageIdentifier, languageSourcesOf } from './language.js';
import { IntentModels, intentTrainingOf, type ModelInfo } from './intentModels.js';
import { SmallTalkMatcher, type SmallTalkMatch } from './smallTalk.js';
import { loadTrainingData } from './trainingData.js';
import { loadWordsFiles } from './words/loadWords.js';
import { featureWordsOf } from './words/wordSets.js';

/** Below this top probability a message is `unclear` and the dialog asks Data / SMS / Voice / CSD. */
export const DEFAULT_THRESHOLD = 0.45;

export { examplesOf, type ModelInfo } from './intentModels.js';

/** The intent classifiers by language. */
type Classifiers = Readonly<Partial<Record<Lang, IntentClassifier>>>;

/** A phrase in markdown bold or italics: `**x**`, `__x__` (a lone `*` or `_` is left alone). */
const EMPHASIS = /(\*\*|__)(?=\S)([^\n]*?\S)\1/g;

/**
 * A reply that quotes what it answers ("> How many meters are affected?\n\nI don't know — many"): the quoted lines on
 * top are the question, not the customer's words. Quoted lines below the customer's own (a forwarded e-mail) stay.
 */
function withoutLeadingQuote(text: string): string {
  const quoted = /^(?:[ \t]*>[^\n]*\n)+/.exec(text);
  if (!quoted) return text;
  const rest = text.slice(quoted[0].length);
  return rest.trim() ? rest.replace(/^\s+/, '') : text;
}

/** Dependencies of the recogniser; `createRecognizer` builds them from `knowledge/`. */
export interface NluRecognizerDeps {
  /** The classifiers, or where to get the current ones (hot-reloaded with the knowledge base). */
  classifiers: Classifiers | (() => Classifiers);
  /** The current small-talk matcher (word lists are hot-reloaded with the knowledge base). */
  smallTalk: () => SmallTalkMatcher;
  /** The current language identifier (knowledge data, hot-reloaded with the knowledge base). */
  languages: () => LanguageIdentifier;
  /** The languages spoken and the default one (`languages.json`, hot-reloaded with the knowledge base). */
  spoken: () => SpokenLanguages;
  /** The current entity words: country names, what counts are of (word lists, hot-reloaded with the knowledge). */
  entityWords: () => EntityWords;
  threshold?: number;
  models?: readonly ModelInfo[] | (() => readonly ModelInfo[]);
}

/**
 * Understands one customer message: language, intent (or `unclear`), runner-up, small talk and entities.
 * Pure and synchronous once constructed, so dialogs can call it on every turn.
 */
export class NluRecognizer implements Recognizer {
  readonly threshold: number;
  private readonly classifiers: () => Classifiers;
  private readonly smallTalk: () => SmallTalkMatcher;
  private readonly languages: () => LanguageIdentifier;
  private readonly spoken: () => SpokenLanguages;
  private readonly entityWords: () => EntityWords;
  private readonly modelInfo: () => readonly ModelInfo[];

  constructor(deps: NluRecognizerDeps) {
    const { classifiers, models } = deps;
    this.classifiers = typeof classifiers === 'function' ? classifiers : () => classifiers;
    this.smallTalk = deps.smallTalk;
    this.languages = deps.languages;
    this.spoken = deps.spoken;
    this.entityWords = deps.entityWords;
    this.threshold = deps.threshold ?? DEFAULT_THRESHOLD;
    this.modelInfo = typeof models === 'function' ? models : () => models ?? [];
  }

  /** Where the models in use came from. */
  get models(): readonly ModelInfo[] {
    return this.modelInfo();
  }

  recognize(typed: string, lastLang?: Lang, identified?: LanguageIdentification): Recognition {
    // A phone's speech-to-text ("what a pen do I put", "más cuatro seis siete cero uno …"): read as typed.
    const words = this.entityWords();
    // Markdown emphasis typed in Teams or Web Chat ("- **Plan:** IoT Data SMS") is no part of the words.
    const plain = withoutLeadingQuote(typed).replace(EMPHASIS, '$2');
    const dictated = words.counts.numbers.writeDictatedRuns(words.dictation.write(plain));
    const spoken = this.spoken();
    const fallback = spoken.resolve(lastLang);
    const lang = spoken.resolve(
      identified ? (identified.lang ?? fallback) : this.languages().detect(dictated, fallback),
    );
    // "tengo otra sim q tampoco va": the language's chat shorthand written out ("que").
    const written = words.shorthand.get(lang)?.write(dictated) ?? dictated;
    // "do I just type here? our POS terminals have no data": what is said about the chat asks nothing of us.
    const own = this.smallTalk().withoutChatCheck(written);
    const text = own || written;
    const entities = extractEntities(text, this.entityWords(), lang);
    const smallTalk: SmallTalkMatch | undefined = own
      ? this.smallTalk().match(text)
      : { kind: 'greeting', pure: true };
    const prediction = this.predict(lang, text);
    const [best, second] = prediction.scores;
    const top: IntentScore = best ?? { intent: 'other', confidence: 0 };
    const base = {
      text,
      lang,
      entities,
      ...(smallTalk ? { smallTalk: smallTalk.kind } : {}),
      ...(own ? {} : { aboutChat: true as const }),
    };

    if (smallTalk?.pure) {
      // "yes", "hola", "cancel": the dialogs act on smallTalk; as an intent it is out of scope chatter.
      const runnerUp = prediction.scores.find((s) => s.intent !== 'other');
      return {
        ...base,
        intent: 'other',
        confidence: 1,
        top: { intent: 'other', confidence: 1 },
        ...(runnerUp ? { runnerUp } : {}),
      };
    }
    // Nothing the model has ever seen (gibberish, a lone number): guessing would only mislead the dialog.
    const known = prediction.coverage > 0;
    // A problem is about the service the customer names, not the one their trade suggests: "the lift phone
    // can't send its alarm texts" is SMS, however much "lift phone" reads like voice.
    const named = isProblemIntent(top.intent) ? namedService(entities.services) : undefined;
    const intent = named ?? (known && top.confidence >= this.threshold ? top.intent : 'unclear');
    return {
      ...base,
      intent,
      confidence: known ? top.confidence : 0,
      top,
      ...(second ? { runnerUp: second } : {}),
    };
  }

  private predict(lang: Lang, text: string): IntentPrediction {
    const classifiers = this.classifiers();
    const model = classifiers[lang];
    if (!model) throw new Error(`NluRecognizer: no intent model for "${lang}"`);
    const primary = model.predict(text);
    const first = primary.scores[0]?.confidence ?? 0;
    if (first >= this.threshold && primary.coverage >= 0.5) return primary;
    // Mixed-language or misdetected messages: let another language's model answer when it is clearly surer.
    let best = primary;
    const others = Object.entries(classifiers).flatMap(([l, c]) => (l !== lang && c ? [c] : []));
    for (const other of others.map((classifier) => classifier.predict(text))) {
      const otherFirst = other.scores[0]?.confidence ?? 0;
      const bestFirst = best.scores[0]?.confidence ?? 0;
      if (otherFirst > first + 0.15 && otherFirst > bestFirst && other.coverage >= primary.coverage)
        best = other;
    }
    return best;
  }
}

/** Options of `createRecognizer`. */
export interface CreateRecognizerOptions {
  /** Directory holding `languages.json` and each language's `nlu/<lang>.json`. */
  knowledgeDir: string;
  /** Where trained models are cached, keyed by the training data's hash (e.g. `<dataDir>/cache/nlu`). */
  cacheDir?: string;
  logger?: Logger;
  threshold?: number;
  /**
   * The running bot's small talk, from the knowledge-base store (hot-reloaded); without it the word lists
   * are read once from `knowledgeDir`.
   */
  smallTalk?: () => SmallTalkMatcher;
}

/** Load every spoken language's training file, then train each language's model or load it from the cache. */
export async function createRecognizer(options: CreateRecognizerOptions): Promise<NluRecognizer> {
  const models = new IntentModels(options.cacheDir, options.logger);
  const spoken = await loadLanguages(options.knowledgeDir);
  const loaded = await Promise.all(spoken.list.map((lang) => loadTrainingData(options.knowledgeDir, lang)));
  const training = loaded.map((l) => l.data);
  const words = await loadWordsFiles(options.knowledgeDir);
  const intentTraining = intentTrainingOf(training, featureWordsOf(words));
  await models.prepare(intentTraining);
  const classifiers = models.classifiers(intentTraining);
  const vocabulary = new Vocabulary(words);
  let smallTalk = options.smallTalk;
  if (!smallTalk) {
    const matcher = new SmallTalkMatcher(vocabulary);
    smallTalk = () => matcher;
  }
  const identifier = new LanguageIdentifier(languageSourcesOf(spoken.list, { words, training }));
  const entityWords = entityWordsOf(vocabulary, new CountryIndex(words), words);
  return new NluRecognizer({
    classifiers,
    smallTalk,
    languages: () => identifier,
    spoken: () => spoken,
    entityWords: () => entityWords,
    threshold: options.threshold,
    models: models.info,
  });
}
