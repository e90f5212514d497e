import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { restBesideMeta } from '../../bot/nlu/metaRequest.js';
import { wordEnds } from '../../bot/nlu/normalize.js';
import { messageWords } from '../../bot/nlu/words/vocabulary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('what a message says beside going back to the bot', () => {
  it('wordEnds: where each folded word ends in the text as typed', () => {
    for (const text of [
      "Déjalo, it's +CSQ: 18,99 — vale",
      'ñandú   x',
      '+ 0043 +46701234019',
      '🙂 sim 0027',
    ]) {
      const ends = wordEnds(text);
      expect(ends, text).to.have.length(messageWords(text).length);
      // The text cut at each end holds exactly that many words.
      ends.forEach((end, i) => expect(messageWords(text.slice(0, end)), text).to.have.length(i + 1));
    }
  });

  it('keeps what follows the take-back in the same clause, typed without a comma', async () => {
    const { kb } = await loadKnowledgeBase(path.join(root, 'knowledge'));
    if (!kb) throw new Error('knowledge does not load');
    for (const [text, rest] of [
      [
        'no wait forget it ill try you first the tracker ending in zero two seven isnt sending data',
        'the tracker ending in zero two seven isnt sending data',
      ],
      [
        'bueno no déjalo sigo contigo la sim acaba en cero veintisiete y no tiene datos',
        'la sim acaba en cero veintisiete y no tiene datos',
      ],
      ['Bueno no, mejor dígame usted qué APN le pongo al equipo.', 'qué APN le pongo al equipo.'],
    ] as const)
      expect(restBesideMeta(text, kb, { withoutPerson: true }), text).to.equal(rest);
    for (const text of [
      'back to the bot please',
      'no wait forget it ill try you first',
      'volver al bot, gracias',
    ])
      expect(restBesideMeta(text, kb, { withoutPerson: true }), text).to.equal(undefined);
  });

  it('keeps an opening "¿" with the clause it opens, and drops it with a language request it opened', async () => {
    const { kb } = await loadKnowledgeBase(path.join(root, 'knowledge'));
    if (!kb) throw new Error('knowledge does not load');
    for (const [text, rest] of [
      [
        'Perdone, ¿le importaría que siguiéramos en español? Me expreso mejor. Es la SIM que acaba en 0050.',
        'Me expreso mejor. Es la SIM que acaba en 0050.',
      ],
      ['Contésteme en español, por favor, ¿qué APN lleva la SIM 0027?', '¿qué APN lleva la SIM 0027?'],
    ] as const)
      expect(restBesideMeta(text, kb), text).to.equal(rest);
  });
});
