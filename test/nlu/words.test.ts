import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { evaluateWords } from '../../bot/nlu/evaluateWords.js';
import { createRecognizer } from '../../bot/nlu/recognizer.js';
import { Vocabulary } from '../../bot/nlu/words/vocabulary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('word lists and message acts (scored by nlu:eval)', () => {
  it('read phrases on whole words, ignoring case, accents and punctuation; word* is a prefix', () => {
    const words = new Vocabulary([
      {
        language: 'en',
        lists: { yes: ['yes', 'of course'], no: ['no'], outage: ['caid*'], dontKnow: ['no idea'] },
      },
    ]);
    expect(words.has('outage', '¿Hay una CAÍDA de la red?')).to.equal(true);
    expect(words.has('outage', 'caídas')).to.equal(true);
    expect(words.has('outage', 'recaida')).to.equal(false);
    expect(words.yesNo('Of course!')).to.equal(true);
    expect(words.yesNo('no idea')).to.equal(undefined);
    expect(words.yesNo('nothing')).to.equal(undefined);
  });

  it('read a symptom from a report negation before a device activity, at most one word apart', () => {
    const words = new Vocabulary([
      {
        language: 'en',
        lists: {
          symptom: ['no data'],
          reportNegation: ['not', 'no', 'doesn t'],
          deviceActivity: ['transmit*', 'calls', 'arrive'],
        },
      },
    ]);
    expect(words.find('symptom', 'it does not transmit since Monday').map((m) => m.phrase)).to.deep.equal([
      'not transmit',
    ]);
    expect(words.has('symptom', 'the lift phone makes no calls')).to.equal(true);
    expect(words.has('symptom', "the SMS doesn't really arrive")).to.equal(true);
    expect(words.has('symptom', 'no data')).to.equal(true);
    // Two words apart, or the activity before the negation: nothing reported.
    expect(words.has('symptom', 'not sure it transmits')).to.equal(false);
    expect(words.has('symptom', 'calls are fine, no worries')).to.equal(false);
  });

  it('message acts and typed answers reach macro-F1 ≥ 0.90 in both languages, on messages no list or article copies', async () => {
    const { kb } = await loadKnowledgeBase(path.join(root, 'knowledge'));
    if (!kb) throw new Error('knowledge does not load');
    const results = await evaluateWords({
      recognizer: await createRecognizer({ knowledgeDir: path.join(root, 'knowledge') }),
      kb,
      actsDir: path.join(root, 'test', 'nlu', 'acts'),
      answersDir: path.join(root, 'test', 'nlu', 'answers'),
    });
    for (const r of results) {
      expect(r.acts.macroF1, `${r.lang} acts`).to.be.at.least(0.9);
      expect(r.answers.macroF1, `${r.lang} answers`).to.be.at.least(0.9);
      expect(r.articles.correct, `${r.lang} articles`).to.equal(r.articles.total);
    }
    const questions = new Set(
      kb.articles
        .all()
        .flatMap((a) => Object.values(a.questions).flat())
        .map((q) => q.toLowerCase()),
    );
    for (const file of ['en.json', 'es.json', 'blind.en.json', 'blind.es.json']) {
      const set = JSON.parse(await readFile(path.join(root, 'test', 'nlu', 'acts', file), 'utf8')) as {
        messages: Array<{ text: string }>;
      };
      expect(
        set.messages.filter((m) => questions.has(m.text.toLowerCase())),
        file,
      ).to.deep.equal([]);
    }
  });
});
