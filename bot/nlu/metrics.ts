import { INTENTS, type Intent } from './types.js';

/** Precision, recall and F1 of one intent. */
export interface IntentMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Scores of one evaluation run, in the spirit of `rasa test nlu`. */
export interface EvaluationReport {
  total: number;
  accuracy: number;
  macroF1: number;
  perIntent: Record<Intent, IntentMetrics>;
  /** confusion[expected][predicted]; predicted may be `unclear`. */
  confusion: Record<Intent, Record<string, number>>;
  errors: Array<{ text: string; expected: Intent; predicted: string; confidence: number }>;
}

/** Compute per-intent metrics and macro-F1 (over intents with support) from predictions. */
export function scorePredictions(
  results: ReadonlyArray<{ text: string; expected: Intent; predicted: string; confidence: number }>,
): EvaluationReport {
  const columns = [...INTENTS, 'unclear'];
  const confusion = Object.fromEntries(
    INTENTS.map((i) => [i, Object.fromEntries(columns.map((c) => [c, 0]))]),
  ) as Record<Intent, Record<string, number>>;
  for (const r of results) confusion[r.expected][r.predicted] = (confusion[r.expected][r.predicted] ?? 0) + 1;
  const perIntent = {} as Record<Intent, IntentMetrics>;
  const f1s: number[] = [];
  for (const intent of INTENTS) {
    const tp = confusion[intent][intent] ?? 0;
    const support = results.filter((r) => r.expected === intent).length;
    const predicted = results.filter((r) => r.predicted === intent).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perIntent[intent] = { precision, recall, f1, support };
    if (support > 0) f1s.push(f1);
  }
  const correct = results.filter((r) => r.expected === r.predicted).length;
  return {
    total: results.length,
    accuracy: results.length ? correct / results.length : 0,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    perIntent,
    confusion,
    errors: results.filter((r) => r.expected !== r.predicted).map((r) => ({ ...r })),
  };
}
