import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  afterWords,
  leadingAgentCommand,
  wantsBackToBotWords,
  wholeAgentCommand,
  withdrawsPersonRequest,
} from '../../bot/nlu/words/deskWords.js';
import { loadVocabulary } from '../../bot/nlu/words/loadWords.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('desk words from the word lists (for the desk command parser)', () => {
  it('reads agent commands in English and Spanish, with what follows them as written', async () => {
    const words = await loadVocabulary(path.join(root, 'knowledge'));
    expect(leadingAgentCommand(words, 'pick next')).to.deep.equal({ command: 'pick', rest: ' next' });
    expect(leadingAgentCommand(words, '/coger CS-10001')).to.deep.equal({
      command: 'pick',
      rest: ' CS-10001',
    });
    expect(leadingAgentCommand(words, 'nota: revisar el APN, ¡ojo!')).to.deep.equal({
      command: 'note',
      rest: ': revisar el APN, ¡ojo!',
    });
    expect(wholeAgentCommand(words, 'ver la cola')).to.equal('queue');
    expect(wholeAgentCommand(words, 'mis casos')).to.equal('mine');
    expect(leadingAgentCommand(words, 'hello, how can I help?')).to.equal(undefined);
    expect(wholeAgentCommand(words, 'hello, how can I help?')).to.equal(undefined);
  });

  it('keeps the words after a command as the agent wrote them', () => {
    expect(afterWords('nota: el cliente reinició el módem', 1)).to.equal(': el cliente reinició el módem');
    expect(afterWords('transfer CS-12 to network', 3)).to.equal(' to network');
    expect(afterWords('queue', 2)).to.equal('');
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

  it('reads a request for a person taken back in the first sentence, unless the customer will wait', async () => {
    const words = await loadVocabulary(path.join(root, 'knowledge'));
    expect(
      withdrawsPersonRequest(words, 'Ah, no, wait, it is not necessary. I try first with you.'),
    ).to.equal(true);
    expect(withdrawsPersonRequest(words, "ugh wait dont transfer me, i got it. what's up w 0043")).to.equal(
      true,
    );
    expect(withdrawsPersonRequest(words, 'No, espera, da igual, lo miramos tú y yo.')).to.equal(true);
    expect(withdrawsPersonRequest(words, 'no espere, cancele eso. mejor dígame cómo cambio el APN')).to.equal(
      true,
    );
    expect(withdrawsPersonRequest(words, "never mind, I'll wait")).to.equal(false);
    expect(withdrawsPersonRequest(words, 'vale, espero')).to.equal(false);
    // Only the first sentence: "the SIM is 0043. Forget it if you already have it" adds a detail.
    expect(withdrawsPersonRequest(words, 'The SIM is 0043. Forget it if you already have it.')).to.equal(
      false,
    );
  });
});
