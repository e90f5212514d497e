import type { Logger } from 'pino';
import type { Lang } from '../domain/language.js';
import { FEATURIZER_VERSION, type FeatureWords } from './featurizer.js';
import { IntentClassifier } from './intentClassifier.js';
import { ModelCache } from './modelCache.js';
import { DEFAULT_TRAINING } from './softmaxModel.js';
import type { TrainingData } from './trainingData.js';
import { INTENTS, type Intent } from './types.js';

/** Where each language's model came from, for logs and tests. */
export interface ModelInfo {
  lang: Lang;
  key: string;
  fromCache: boolean;
  cacheFile?: string;
}

/**
 * What one language's model is trained from: its examples (`nlu/<lang>.json`) and what its features read
 * from the word files (`stopWords`, `concepts`). One object per knowledge version.
 */
export interface IntentTraining {
  data: TrainingData;
  features: FeatureWords;
}

/** Each training file with its language's feature words. */
export function intentTrainingOf(
  training: readonly TrainingData[],
  features: (lang: string) => FeatureWords,
): IntentTraining[] {
  return training.map((data) => ({ data, features: features(data.language) }));
}

/** Turns training examples of one file into labelled pairs. */
export function examplesOf(data: TrainingData): Array<{ text: string; intent: Intent }> {
  return INTENTS.flatMap((intent) => data.intents[intent].map((text) => ({ text, intent })));
}

/** The cache key of one language's training: its examples, feature words and the code that shapes the model. */
function keyOf({ data, features }: IntentTraining): string {
  return ModelCache.key([
    JSON.stringify({ language: data.language, intents: data.intents }),
    JSON.stringify([...features.stopWords].sort()),
    `concepts:${features.concepts.digest}`,
    `featurizer:${FEATURIZER_VERSION}`,
    JSON.stringify(DEFAULT_TRAINING),
  ]);
}

/**
 * The intent classifiers of every knowledge version in use, trained from its `nlu/<lang>.json` (or read from the
 * disk cache) *before* the version is served — so new examples take effect with the version, atomically, and a
 * conversation on an older version keeps its models. Models of versions no longer in use are dropped.
 */
export class IntentModels {
  private readonly trained = new Map<string, IntentClassifier>();
  /**
   * The key of each training data object seen: {@link classifiers} runs on every message, and the key is a
   * stringify + hash of the whole training set (~5 % of a troubleshooting turn's CPU when recomputed).
   */
  private readonly keys = new WeakMap<IntentTraining, string>();
  private readonly cache: ModelCache | undefined;
  /** Where the models of the last prepared version came from. */
  info: ModelInfo[] = [];

  constructor(
    cacheDir: string | undefined,
    private readonly logger?: Logger,
    /** Models kept in memory (a few versions' worth). */
    private readonly keep = 24,
  ) {
    this.cache = cacheDir ? new ModelCache(cacheDir, logger) : undefined;
  }

  /** Train (or load) the classifiers of this training data; resolves once {@link classifiers} can answer. */
  async prepare(training: readonly IntentTraining[]): Promise<void> {
    const info: ModelInfo[] = [];
    for (const input of training) {
      const { data, features } = input;
      const lang = data.language;
      const key = this.keyOf(input);
      if (this.trained.has(key)) {
        info.push({ lang, key, fromCache: true });
        continue;
      }
      let classifier: IntentClassifier | undefined;
      const cached = this.cache ? await this.cache.read(`intent-${lang}`, key) : undefined;
      if (cached !== undefined) {
        try {
          classifier = IntentClassifier.fromJSON(lang, cached, features);
          info.push({ lang, key, fromCache: true, cacheFile: this.cache?.fileFor(`intent-${lang}`, key) });
        } catch (error) {
          this.logger?.warn({ lang, err: error }, 'nlu cached model invalid, retraining');
        }
      }
      if (!classifier) {
        const started = Date.now();
        classifier = IntentClassifier.train(lang, examplesOf(data), features);
        const cacheFile = this.cache
          ? await this.cache.write(`intent-${lang}`, key, classifier.toJSON())
          : undefined;
        info.push({ lang, key, fromCache: false, ...(cacheFile ? { cacheFile } : {}) });
        this.logger?.info({ lang, ms: Date.now() - started }, 'nlu model trained');
      }
      this.trained.set(key, classifier);
      while (this.trained.size > this.keep) {
        const oldest = this.trained.keys().next().value;
        if (oldest === undefined) break;
        this.trained.delete(oldest);
      }
    }
    this.info = info;
  }

  /** The classifiers of prepared training data, by language; throws for data never prepared. */
  classifiers(training: readonly IntentTraining[]): Readonly<Record<Lang, IntentClassifier>> {
    const out = {} as Record<Lang, IntentClassifier>;
    for (const lang of new Set(training.map((t) => t.data.language))) {
      const input = training.find((t) => t.data.language === lang);
      const classifier = input ? this.trained.get(this.keyOf(input)) : undefined;
      if (!classifier)
        throw new Error(`IntentModels: the ${lang} model of this knowledge version was never prepared`);
      out[lang] = classifier;
    }
    return out;
  }

  /** {@link keyOf}, computed once per training object (they are not changed once loaded). */
  private keyOf(input: IntentTraining): string {
    let key = this.keys.get(input);
    if (key === undefined) this.keys.set(input, (key = keyOf(input)));
    return key;
  }
}
