import { createRequire } from 'node:module';
import path from 'node:path';
import '../bot/nlu/quietEnv.js';
import { Featurizer } from '../bot/nlu/featurizer.js';
import { examplesOf } from '../bot/nlu/recognizer.js';
import { loadHeldOut, loadTrainingData } from '../bot/nlu/trainingData.js';
import { loadWordsFiles } from '../bot/nlu/words/loadWords.js';
import { featureWordsOf } from '../bot/nlu/words/wordSets.js';
import type { Recognizer } from '../bot/nlu/types.js';
import { loadLanguages } from '../bot/knowledgeBase/loadLanguages.js';

interface NaturalClassifier {
  addDocument(tokens: string[], label: string): void;
  train(): void;
  classify(tokens: string[]): string;
}

/** Held-out accuracy (top intent) and messages per second of one classifier. */
export interface ClassifierFigures {
  accuracy: number;
  messagesPerSecond: number;
}

/**
 * The classifier `natural` ships (BayesClassifier), trained on the same training files and fed the
 * same features as Firstline's own model — the baseline that shows why Firstline trains its own
 * logistic regression on natural's tokenizers and stemmers instead.
 */
export async function naturalBayesBaseline(root: string, seconds: number): Promise<ClassifierFigures> {
  const natural = createRequire(import.meta.url)('natural') as {
    BayesClassifier: new () => NaturalClassifier;
  };
  let correct = 0;
  let total = 0;
  const work: Array<() => void> = [];
  const features = featureWordsOf(await loadWordsFiles(path.join(root, 'knowledge')));
  for (const lang of (await loadLanguages(path.join(root, 'knowledge'))).list) {
    const { data } = await loadTrainingData(path.join(root, 'knowledge'), lang);
    const featurizer = new Featurizer(lang, features(lang));
    const classifier = new natural.BayesClassifier();
    for (const example of examplesOf(data))
      classifier.addDocument(featurizer.features(example.text), example.intent);
    classifier.train();
    const heldOut = await loadHeldOut(path.join(root, 'test', 'nlu', 'heldout', `${lang}.json`));
    for (const m of heldOut.messages) {
      total += 1;
      if (classifier.classify(featurizer.features(m.text)) === m.intent) correct += 1;
      work.push(() => void classifier.classify(featurizer.features(m.text)));
    }
  }
  return { accuracy: correct / total, messagesPerSecond: rate(work, seconds) };
}

/** Held-out accuracy of Firstline's recognizer (top intent, before the "unclear" threshold). */
export async function recognizerAccuracy(root: string, recognizer: Recognizer): Promise<number> {
  let correct = 0;
  let total = 0;
  for (const lang of (await loadLanguages(path.join(root, 'knowledge'))).list) {
    const heldOut = await loadHeldOut(path.join(root, 'test', 'nlu', 'heldout', `${lang}.json`));
    for (const m of heldOut.messages) {
      total += 1;
      if (recognizer.recognize(m.text).top.intent === m.intent) correct += 1;
    }
  }
  return correct / total;
}

function rate(work: Array<() => void>, seconds: number): number {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let count = 0;
  while (performance.now() < deadline) {
    for (const run of work) run();
    count += work.length;
  }
  return Math.round(count / ((performance.now() - started) / 1000));
}
