import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { leadingAgentCommand, wantsBackToBotWords } from '../../bot/nlu/words/deskWords.js';
import { loadVocabulary } from '../../bot/nlu/words/loadWords.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('desk words from the word lists (for the desk command parser)', () => {
  it('reads agent commands in English and Spanish, with what follows them', async () => {
    const words = await loadVocabulary(path.join(root, 'knowledge'));
    expect(leadingAgentCommand(words, 'pick next')).to.deep.include({ command: 'pick', next: true });
    expect(leadingAgentCommand(words, 'coger el siguiente')).to.deep.include({ command: 'pick', next: true });
    expect(leadingAgentCommand(words, '/pick CS-10001')).to.deep.include({
      command: 'pick',
      next: false,
      rest: ['cs', '10001'],
    });
    expect(leadingAgentCommand(words, 'nota revisar APN')?.command).to.equal('note');
    expect(leadingAgentCommand(words, 'ver la cola')?.command).to.equal('queue');
    expect(leadingAgentCommand(words, 'hello, how can I help?')).to.equal(undefined);
  });

  it('tells "back to the bot" and a whole "cancel" from a request that only mentions cancelling', async () => {
    const words = await loadVocabulary(path.join(root, 'knowledge'));
    for (const text of [
      'back to the bot',
      'volver al bot por favor',
      'cancel',
      'salir de la cola',
      'please cancel',
    ])
      expect(wantsBackToBotWords(words, text), text).to.equal(true);
    for (const text of ['cancel my order', 'no quiero cancelar el contrato', 'the bot said something'])
      expect(wantsBackToBotWords(words, text), text).to.equal(false);
  });
});
