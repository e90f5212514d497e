import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateHeldOut } from '../../bot/nlu/evaluate.js';
import { createRecognizer } from '../../bot/nlu/recognizer.js';
import { loadHeldOut, loadTrainingData } from '../../bot/nlu/trainingData.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('nlu held-out evaluation', () => {
  for (const [set, lang] of [
    ['heldout', 'en'],
    ['heldout', 'es'],
    ['challenge', 'en'],
    ['challenge', 'es'],
  ] as const) {
    it(`${lang}: macro-F1 ≥ 0.90 on ≥ 100 ${set} messages never used in training`, async () => {
      const file = path.join(root, 'test', 'nlu', set, `${lang}.json`);
      const heldOut = await loadHeldOut(file);
      expect(heldOut.messages.length).to.be.at.least(100);
      const { data } = await loadTrainingData(path.join(root, 'knowledge'), lang);
      const training = new Set(
        Object.values(data.intents)
          .flat()
          .map((t) => t.toLowerCase()),
      );
      expect(heldOut.messages.filter((m) => training.has(m.text.toLowerCase()))).to.deep.equal([]);
      const recognizer = await createRecognizer({ knowledgeDir: path.join(root, 'knowledge') });
      const report = await evaluateHeldOut(recognizer, file);
      expect(report.macroF1).to.be.at.least(0.9);
    });
  }
});
