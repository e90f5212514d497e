import type { Logger } from 'pino';
import { LANGUAGES, type Lang } from '../domain/language.js';
import type { Intent, IntentScore, Recognition, Recognizer } from './types.js';
import { INTENTS } from './types.js';
import { extractEntities } from './entities.js';
import { FEATURIZER_VERSION } from './featurizer.js';
import { IntentClassifier, type IntentPrediction } from './intentClassifier.js';
import { detectLanguage } from './language.js';
import { ModelCache } from './modelCache.js';
import { SmallTalkMatcher } from './smallTalk.js';
import { DEFAULT_TRAINING } from './softmaxModel.js';
import { loadTrainingData, type TrainingData } from './trainingData.js';
import { loadVocabulary } from './words/loadWords.js';

/** Below this top probability a message is `unclear` and the dialog asks Data / SMS / Voice / CSD. */
export const DEFAULT_THRESHOLD = 0.45;

/** Where each language's model came from, for logs and tests. */
export interface ModelInfo {
  lang: Lang;
  key: string;
  fromCache: boolean;
  cacheFile?: string;
}

/** Dependencies of the recogniser; `createRecognizer` builds them from `knowledge/`. */
export interface NluRecognizerDeps {
  classifiers: Readonly<Record<Lang, IntentClassifier>>;
  /** The current small-talk matcher (word lists are hot-reloaded with the knowledge base). */
  smallTalk: () => SmallTalkMatcher;
  threshold?: number;
  models?: readonly ModelInfo[];
}

/** Turns training examples of one file into labelled pairs. */
export function examplesOf(data: TrainingData): Array<{ text: string; intent: Intent }> {
  return INTENTS.flatMap((intent) => data.intents[intent].map((text) => ({ text, intent })));
}

/**
 * Understands one customer message: language, intent (or `unclear`), runner-up, small talk and entities.
 * Pure and synchronous once constructed, so dialogs can call it on every turn.
 */
export class NluRecognizer implements Recognizer {
  readonly threshold: number;
  readonly models: readonly ModelInfo[];
  private readonly classifiers: Readonly<Record<Lang, IntentClassifier>>;
  private readonly smallTalk: () => SmallTalkMatcher;

  constructor(deps: NluRecognizerDeps) {
    this.classifiers = deps.classifiers;
    this.smallTalk = deps.smallTalk;
    this.threshold = deps.threshold ?? DEFAULT_THRESHOLD;
    this.models = deps.models ?? [];
  }

  recognize(text: string): Recognition {
    const lang = detectLanguage(text);
    const entities = extractEntities(text);
    const smallTalk = this.smallTalk().match(text);
    const prediction = this.predict(lang, text);
    const [best, second] = prediction.scores;
    const top: IntentScore = best ?? { intent: 'other', confidence: 0 };
    const base = { text, lang, entities, ...(smallTalk ? { smallTalk: smallTalk.kind } : {}) };

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
    const intent = known && top.confidence >= this.threshold ? top.intent : 'unclear';
    return {
      ...base,
      intent,
      confidence: known ? top.confidence : 0,
      top,
      ...(second ? { runnerUp: second } : {}),
    };
  }

  private predict(lang: Lang, text: string): IntentPrediction {
    const primary = this.classifiers[lang].predict(text);
    const first = primary.scores[0]?.confidence ?? 0;
    if (first >= this.threshold && primary.coverage >= 0.5) return primary;
    // Mixed-language or misdetected messages: let the other language's model answer when it is clearly surer.
    const other = this.classifiers[lang === 'en' ? 'es' : 'en'].predict(text);
    const otherFirst = other.scores[0]?.confidence ?? 0;
    return otherFirst > first + 0.15 && other.coverage >= primary.coverage ? other : primary;
  }
}

/** Options of `createRecognizer`. */
export interface CreateRecognizerOptions {
  /** Directory holding `nlu/en.json` and `nlu/es.json`. */
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

/** Load both training files, then train each language's model or load it from the cache. */
export async function createRecognizer(options: CreateRecognizerOptions): Promise<NluRecognizer> {
  const cache = options.cacheDir ? new ModelCache(options.cacheDir, options.logger) : undefined;
  const loaded = await Promise.all(LANGUAGES.map((lang) => loadTrainingData(options.knowledgeDir, lang)));
  const models: ModelInfo[] = [];
  const classifiers = {} as Record<Lang, IntentClassifier>;
  for (const { data, text } of loaded) {
    const lang = data.language;
    const key = ModelCache.key([text, `featurizer:${FEATURIZER_VERSION}`, JSON.stringify(DEFAULT_TRAINING)]);
    const cached = cache ? await cache.read(`intent-${lang}`, key) : undefined;
    let classifier: IntentClassifier | undefined;
    if (cached !== undefined) {
      try {
        classifier = IntentClassifier.fromJSON(lang, cached);
        models.push({ lang, key, fromCache: true, cacheFile: cache?.fileFor(`intent-${lang}`, key) });
      } catch (error) {
        options.logger?.warn({ lang, err: error }, 'nlu cached model invalid, retraining');
      }
    }
    if (!classifier) {
      const started = Date.now();
      classifier = IntentClassifier.train(lang, examplesOf(data));
      const cacheFile = cache ? await cache.write(`intent-${lang}`, key, classifier.toJSON()) : undefined;
      models.push({ lang, key, fromCache: false, ...(cacheFile ? { cacheFile } : {}) });
      options.logger?.info({ lang, ms: Date.now() - started, version: data.version }, 'nlu model trained');
    }
    classifiers[lang] = classifier;
  }
  let smallTalk = options.smallTalk;
  if (!smallTalk) {
    const matcher = new SmallTalkMatcher(await loadVocabulary(options.knowledgeDir));
    smallTalk = () => matcher;
  }
  return new NluRecognizer({ classifiers, smallTalk, threshold: options.threshold, models });
}
