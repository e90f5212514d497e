import { INTENTS, type Intent } from './types.js';

/** Precision, recall and F1 of one label (an intent, a message act, an answer). */
export interface IntentMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Scores of one evaluation run over labels `L`, in the spirit of `rasa test nlu`. */
export interface LabelReport<L extends string> {
  total: number;
  accuracy: number;
  macroF1: number;
  perIntent: Record<L, IntentMetrics>;
  /** confusion[expected][predicted]; predicted may be a label outside `L` (e.g. `unclear`). */
  confusion: Record<L, Record<string, number>>;
  errors: Array<{ text: string; expected: L; predicted: string; confidence: number }>;
}

/** Scores of the intent classifier. */
export type EvaluationReport = LabelReport<Intent>;

/** Per-label metrics and macro-F1 (over labels with support) from predictions; `extra` are more columns. */
export function scoreLabels<L extends string>(
  results: ReadonlyArray<{ text: string; expected: L; predicted: string; confidence: number }>,
  labels: readonly L[],
  extra: readonly string[] = [],
): LabelReport<L> {
  const columns = [...labels, ...extra];
  const confusion = Object.fromEntries(
    labels.map((l) => [l, Object.fromEntries(columns.map((c) => [c, 0]))]),
  ) as Record<L, Record<string, number>>;
  for (const r of results) {
    const row: Record<string, number> = confusion[r.expected];
    row[r.predicted] = (row[r.predicted] ?? 0) + 1;
  }
  const perIntent = {} as Record<L, IntentMetrics>;
  const f1s: number[] = [];
  for (const label of labels) {
    const tp = confusion[label][label] ?? 0;
    const support = results.filter((r) => r.expected === label).length;
    const predicted = results.filter((r) => r.predicted === label).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perIntent[label] = { precision, recall, f1, support };
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

/** Compute per-intent metrics and macro-F1 (over intents with support) from predictions. */
export function scorePredictions(
  results: ReadonlyArray<{ text: string; expected: Intent; predicted: string; confidence: number }>,
): EvaluationReport {
  return scoreLabels(results, INTENTS, ['unclear']);
}
