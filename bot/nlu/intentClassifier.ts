import type { Lang } from '../domain/language.js';
import { INTENTS, type Intent, type IntentScore } from './types.js';
import { Featurizer, type FeatureWords } from './featurizer.js';
import { DEFAULT_TRAINING, SoftmaxModel, type TrainingOptions } from './softmaxModel.js';

/** Intent scores for one message, best first, plus how much of the message the model knew. */
export interface IntentPrediction {
  scores: IntentScore[];
  /** Share of the message's words and domain concepts the model saw in training (0 for gibberish). */
  coverage: number;
}

/** Classifies messages of one language into intents. */
export class IntentClassifier {
  constructor(
    readonly lang: Lang,
    private readonly featurizer: Featurizer,
    private readonly model: SoftmaxModel,
  ) {}

  /** Train a classifier from labelled examples; `words` are what its features read (see {@link Featurizer}). */
  static train(
    lang: Lang,
    examples: ReadonlyArray<{ text: string; intent: Intent }>,
    words: FeatureWords,
    options: TrainingOptions = DEFAULT_TRAINING,
  ): IntentClassifier {
    const featurizer = new Featurizer(lang, words);
    const samples = examples.map((e) => ({ features: featurizer.features(e.text), label: e.intent }));
    return new IntentClassifier(lang, featurizer, SoftmaxModel.train(samples, INTENTS, options));
  }

  /** Rebuild from a serialised model (validated), trained with features read with these words. */
  static fromJSON(lang: Lang, data: unknown, words: FeatureWords): IntentClassifier {
    return new IntentClassifier(lang, new Featurizer(lang, words), SoftmaxModel.fromJSON(data));
  }

  toJSON(): unknown {
    return this.model.toJSON();
  }

  predict(text: string): IntentPrediction {
    const features = this.featurizer.features(text);
    // Words and domain concepts ("privacy" is unseen, but it is an account/admin word) the model knows.
    const words = features.filter((f) => f.startsWith('w:') || f.startsWith('k:'));
    const coverage = words.length === 0 ? 0 : this.model.known(words) / words.length;
    const scores = this.model
      .predict(features)
      .map((s) => ({ intent: s.label as Intent, confidence: s.probability }));
    return { scores, coverage };
  }
}
