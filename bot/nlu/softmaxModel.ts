import { z } from 'zod';

/** Hyper-parameters of the multinomial logistic regression. */
export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { epochs: 40, learningRate: 0.2, l2: 1e-4, seed: 7 };

/** The serialised model, as stored in the cache. */
export const SerializedModelSchema = z.object({
  labels: z.array(z.string()).min(2),
  features: z.array(z.string()),
  /** Row-major: one row of `labels.length` weights per feature. */
  weights: z.array(z.number()),
  bias: z.array(z.number()),
});
export type SerializedModel = z.infer<typeof SerializedModelSchema>;

/** One scored label. */
export interface LabelScore {
  label: string;
  probability: number;
}

/** A deterministic PRNG so that training (and therefore cached models and evaluation) is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp((scores[i] ?? 0) - max);
    scores[i] = e;
    sum += e;
  }
  for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] ?? 0) / sum;
}

/**
 * Multinomial logistic regression over sparse binary features. Written here rather than using natural's
 * LogisticRegressionClassifier because that one scores every vocabulary entry for every message, which
 * does not reach the required throughput; this one touches only the features present in the message.
 */
export class SoftmaxModel {
  private readonly index: Map<string, number>;

  private constructor(
    readonly labels: readonly string[],
    private readonly features: readonly string[],
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {
    this.index = new Map(features.map((f, i) => [f, i]));
  }

  /** Train on feature sets with labels; classes are re-weighted so rare intents are not drowned by data. */
  static train(
    samples: ReadonlyArray<{ features: readonly string[]; label: string }>,
    labels: readonly string[],
    options: TrainingOptions = DEFAULT_TRAINING,
  ): SoftmaxModel {
    const featureIndex = new Map<string, number>();
    const encoded = samples.map((s) => {
      const ids = s.features.map((f) => {
        let id = featureIndex.get(f);
        if (id === undefined) {
          id = featureIndex.size;
          featureIndex.set(f, id);
        }
        return id;
      });
      const label = labels.indexOf(s.label);
      if (label < 0) throw new Error(`SoftmaxModel.train: unknown label "${s.label}"`);
      return { ids, label };
    });
    const k = labels.length;
    const weights = new Float64Array(featureIndex.size * k);
    const bias = new Float64Array(k);
    const counts = new Array<number>(k).fill(0);
    for (const e of encoded) counts[e.label] = (counts[e.label] ?? 0) + 1;
    // Square-root balancing: rare intents get more weight, but the real prior (mostly data) still counts.
    const classWeight = counts.map((c) => (c > 0 ? Math.sqrt(encoded.length / (k * c)) : 0));
    const random = mulberry32(options.seed);
    const order = encoded.map((_, i) => i);
    const probs = new Float64Array(k);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
      }
      const rate = options.learningRate / (1 + epoch * 0.1);
      for (const sampleIndex of order) {
        const sample = encoded[sampleIndex];
        if (!sample) continue;
        probs.set(bias);
        for (const id of sample.ids)
          for (let c = 0; c < k; c++) probs[c] = (probs[c] ?? 0) + (weights[id * k + c] ?? 0);
        softmaxInPlace(probs);
        const w = classWeight[sample.label] ?? 1;
        for (let c = 0; c < k; c++) {
          const gradient = w * ((probs[c] ?? 0) - (c === sample.label ? 1 : 0));
          bias[c] = (bias[c] ?? 0) - rate * gradient;
          for (const id of sample.ids) {
            const at = id * k + c;
            weights[at] = (weights[at] ?? 0) * (1 - rate * options.l2) - rate * gradient;
          }
        }
      }
    }
    return new SoftmaxModel(labels, [...featureIndex.keys()], weights, bias);
  }

  /** Rebuild a model from its serialised form (e.g. the cache), validated. */
  static fromJSON(data: unknown): SoftmaxModel {
    const parsed = SerializedModelSchema.parse(data);
    if (
      parsed.weights.length !== parsed.features.length * parsed.labels.length ||
      parsed.bias.length !== parsed.labels.length
    ) {
      throw new Error('SoftmaxModel.fromJSON: weight matrix does not match features × labels');
    }
    return new SoftmaxModel(
      parsed.labels,
      parsed.features,
      Float64Array.from(parsed.weights),
      Float64Array.from(parsed.bias),
    );
  }

  toJSON(): SerializedModel {
    return {
      labels: [...this.labels],
      features: [...this.features],
      weights: Array.from(this.weights),
      bias: Array.from(this.bias),
    };
  }

  /** How many of `features` the model has seen in training. */
  known(features: readonly string[]): number {
    let n = 0;
    for (const f of features) if (this.index.has(f)) n++;
    return n;
  }

  /** Probabilities for every label, best first. */
  predict(features: readonly string[]): LabelScore[] {
    const k = this.labels.length;
    const scores = Float64Array.from(this.bias);
    for (const f of features) {
      const id = this.index.get(f);
      if (id === undefined) continue;
      for (let c = 0; c < k; c++) scores[c] = (scores[c] ?? 0) + (this.weights[id * k + c] ?? 0);
    }
    softmaxInPlace(scores);
    return this.labels
      .map((label, i) => ({ label, probability: scores[i] ?? 0 }))
      .sort((a, b) => b.probability - a.probability);
  }
}
