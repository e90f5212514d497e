import type { Lang } from '../domain/language.js';
import type { FeatureWords } from './featurizer.js';
import type { Intent } from './types.js';
import { IntentClassifier } from './intentClassifier.js';
import { scorePredictions, type EvaluationReport } from './metrics.js';

/**
 * Stratified k-fold cross-validation of the intent classifier on one language's training examples.
 * Fold membership is by position within each intent, so runs are reproducible.
 */
export function crossValidate(
  lang: Lang,
  examples: ReadonlyArray<{ text: string; intent: Intent }>,
  words: FeatureWords,
  k: number,
  threshold: number,
): EvaluationReport {
  const positions = new Map<Intent, number>();
  const fold = examples.map((e) => {
    const n = positions.get(e.intent) ?? 0;
    positions.set(e.intent, n + 1);
    return n % k;
  });
  const results: Array<{ text: string; expected: Intent; predicted: string; confidence: number }> = [];
  for (let f = 0; f < k; f++) {
    const classifier = IntentClassifier.train(
      lang,
      examples.filter((_, i) => fold[i] !== f),
      words,
    );
    examples.forEach((e, i) => {
      if (fold[i] !== f) return;
      const { scores, coverage } = classifier.predict(e.text);
      const best = scores[0];
      const confidence = best?.confidence ?? 0;
      const predicted = best && coverage > 0 && confidence >= threshold ? best.intent : 'unclear';
      results.push({ text: e.text, expected: e.intent, predicted, confidence });
    });
  }
  return scorePredictions(results);
}
