import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { requestedLanguage } from '../../bot/nlu/languageRequest.js';
import { oneTypoApart } from '../../bot/nlu/words/typo.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('language requests and typos in the word lists', () => {
  it('reads the language a customer asks for, whatever language the message is in', async () => {
    const { kb } = await loadKnowledgeBase(path.join(root, 'knowledge'));
    if (!kb) throw new Error('knowledge does not load');
    for (const [text, lang] of [
      ['can we continue in Spanish? what now?', 'es'],
      ['¿Podemos seguir en español? Mi compañero no habla inglés.', 'es'],
      ['sorry, can we switch to English?', 'en'],
      ['English please', 'en'],
      ['en castellano, por favor', 'es'],
      ['hablemos en inglés', 'en'],
      // The last language asked for; the last answer again in one ("give us that in English").
      ['Sorry — my colleague started this in Spanish. Can we carry on in English?', 'en'],
      ['could you give us that in English?', 'en'],
      ['¿me lo pones en español?', 'es'],
      ['Perdone, ¿le importaría que siguiéramos en español? Me expreso mejor.', 'es'],
    ] as const)
      expect(requestedLanguage(text, kb), text).to.equal(lang);
    for (const text of [
      'the manual of our modem is in Spanish and says the APN is wrong',
      'no data on sim 0027 since yesterday',
      'mi compañero no habla inglés y el router no tiene datos desde ayer',
      // Someone else writing in a language asks for none.
      'Mi técnico me escribe en inglés: "alarm panel at site 4 not sending SMS". ¿Lo podéis revisar?',
      'our installer wrote to us in Spanish that the router has no data',
    ])
      expect(requestedLanguage(text, kb), text).to.equal(undefined);
  });

  it('reads "back to the bot" and "close the case" typed in a hurry, not other words', async () => {
    const { kb } = await loadKnowledgeBase(path.join(root, 'knowledge'));
    if (!kb) throw new Error('knowledge does not load');
    const words = kb.vocabulary;
    for (const text of ['bakc to bot pls', 'back to teh bot', 'volve al bto', 'plese colse the case'])
      expect(words.has('backToBot', text) || words.has('closeCase', text), text).to.equal(true);
    for (const text of ['back to back meetings', 'the bot is', 'close to the border'])
      expect(words.has('backToBot', text) || words.has('closeCase', text), text).to.equal(false);
    // Lists without typo tolerance stay exact.
    expect(words.has('symptom', 'no dtaa')).to.equal(false);
  });

  it('one typo: a swap (3+ letters), or a letter missing, added or changed (4+ letters)', () => {
    expect(oneTypoApart('back', 'bakc')).to.equal(true);
    expect(oneTypoApart('the', 'teh')).to.equal(true);
    expect(oneTypoApart('close', 'clse')).to.equal(true);
    expect(oneTypoApart('close', 'closse')).to.equal(true);
    expect(oneTypoApart('bot', 'bit')).to.equal(false);
    expect(oneTypoApart('back', 'back')).to.equal(false);
    expect(oneTypoApart('cierra', 'cerra')).to.equal(true);
    expect(oneTypoApart('cierra', 'cerrá')).to.equal(false);
  });
});
