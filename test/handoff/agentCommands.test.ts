import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  parseAgentCommand as parse,
  tappedBackToBot,
  textForBot,
  type AgentCommand,
} from '../../bot/handoff/agentCommands.js';
import { wantsBackToBotWords } from '../../bot/nlu/words/deskWords.js';
import { loadVocabulary } from '../../bot/nlu/words/loadWords.js';
import { Vocabulary } from '../../bot/nlu/words/vocabulary.js';

const knowledgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');

describe('parseAgentCommand', () => {
  // The desk's command words are the shipped word lists' (agentCommand.*): no words of its own.
  let words = new Vocabulary([]);
  before(async () => {
    words = await loadVocabulary(knowledgeDir);
  });
  const parseAgentCommand = (text: string | undefined, value?: unknown): AgentCommand | undefined =>
    parse(words, text, value);
  const wantsBackToBot = (text: string): boolean => wantsBackToBotWords(words, text);
  const cases: Array<[string, unknown]> = [
    ['queue', { kind: 'queue' }],
    ['cola', { kind: 'queue' }],
    ['/queue', { kind: 'queue' }],
    ['pick next', { kind: 'pick_next' }],
    ['coger siguiente', { kind: 'pick_next' }],
    ['pick cs-123', { kind: 'pick', caseId: 'CS-123' }],
    ['coger CS-10001', { kind: 'pick', caseId: 'CS-10001' }],
    ['note customer rebooted the router', { kind: 'note', text: 'customer rebooted the router' }],
    ['nota el cliente reinició', { kind: 'note', text: 'el cliente reinició' }],
    ['transfer queue', { kind: 'transfer', target: 'queue' }],
    ['transferir cola', { kind: 'transfer', target: 'queue' }],
    ['transfer to agent-7', { kind: 'transfer', target: { name: 'agent-7' } }],
    ['transferir agent-7', { kind: 'transfer', target: { name: 'agent-7' } }],
    ['transfer CS-12 to network', { kind: 'transfer', target: { name: 'network' }, caseId: 'CS-12' }],
    ['switch CS-10002', { kind: 'switch', caseId: 'CS-10002' }],
    ['cambiar cs-10002', { kind: 'switch', caseId: 'CS-10002' }],
    ['CS-10002: Yes Sam, still here', { kind: 'send', caseId: 'CS-10002', text: 'Yes Sam, still here' }],
    ['cs-7 : hola', { kind: 'send', caseId: 'CS-7', text: 'hola' }],
    [
      '@CS-10002 checking your trackers',
      { kind: 'send', caseId: 'CS-10002', text: 'checking your trackers' },
    ],
    ['cases', { kind: 'mine' }],
    ['mis casos', { kind: 'mine' }],
    ['available', { kind: 'availability', availability: 'available' }],
    ['ausente', { kind: 'availability', availability: 'away' }],
    ['decline CS-4', { kind: 'decline', caseId: 'CS-4' }],
    ['handback', { kind: 'handback' }],
    ['devolver CS-3', { kind: 'handback', caseId: 'CS-3' }],
    ['resolve', { kind: 'resolve' }],
    ['resolver', { kind: 'resolve' }],
    ['resolve CS-9: APN fixed', { kind: 'resolve', caseId: 'CS-9', summary: 'APN fixed' }],
    ['release', { kind: 'release' }],
    ['liberar', { kind: 'release' }],
    ['help', { kind: 'help' }],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}"`, () => expect(parseAgentCommand(text)).to.deep.equal(expected));
  }

  it('leaves chat for the customer alone', () => {
    for (const text of [
      'Hi, can you restart the modem?',
      'resolved it?',
      'picking it up now',
      'CS-10001 is fixed',
      '',
    ]) {
      expect(parseAgentCommand(text), text).to.equal(undefined);
    }
  });

  it('turns a message that starts with a command word but does not parse into a usage hint, never chat', () => {
    const usage: Array<[string, string]> = [
      ['transfer billing team', 'transfer'],
      ['Transferir al equipo de facturación', 'transfer'],
      ['pick', 'pick'],
      ['pick it up for me', 'pick'],
      ['coger el caso', 'pick'],
      ['tomar CS-abc', 'pick'],
      ['resolve moved SIM to voice plan', 'resolve'],
      ['Resolver esto lleva un rato', 'resolve'],
      ['note', 'note'],
      ['/nota', 'note'],
    ];
    for (const [text, command] of usage) {
      expect(parseAgentCommand(text), text).to.deep.equal({ kind: 'usage', command });
    }
    // A command word only counts as the whole first word.
    for (const text of ['picking it up now', 'resolved it?', 'notes are attached', 'transferred already']) {
      expect(parseAgentCommand(text), text).to.equal(undefined);
    }
  });

  it('answers likely typos of commands in both languages instead of treating them as chat', () => {
    for (const [text, suggestion] of [
      ['qeue', 'queue'],
      ['queu', 'queue'],
      ['resovle', 'resolve'],
      ['resovle CS-10001', 'resolve'],
      ['pikc next', 'pick'],
      ['swtich CS-2', 'switch'],
      ['trasnfer', 'transfer'],
      ['ayudda', 'ayuda'],
      ['resolevr', 'resolver'],
      ['coal', 'cola'],
      ['trasnferir a la cola', 'transferir'],
    ] as const) {
      expect(parseAgentCommand(text), text).to.deep.include({ kind: 'typo', suggestion });
    }
    // Ordinary words near a command word are chat: greetings, inflections, longer sentences.
    for (const text of [
      'hola',
      'Hello',
      'Hola Lucía, ¿sigue sin internet?',
      'Yes Sam, still here, checking your trackers',
      'resolved! the APN was wrong',
      'picked up the logs, one moment',
      'noted, thanks',
      'Lola, ¿sigue ahí?',
    ]) {
      expect(parseAgentCommand(text), text).to.equal(undefined);
    }
  });

  it('answers an unknown /command as such', () => {
    expect(parseAgentCommand('/frobnicate now')).to.deep.equal({ kind: 'unknown', word: 'frobnicate' });
    expect(parseAgentCommand('!status')).to.deep.equal({ kind: 'unknown', word: 'status' });
  });

  it("reads the text after the bot's @mention (Teams channels), leaving other mentions alone", () => {
    const mention = (name: string, id: string) => ({
      type: 'mention',
      text: `<at>${name}</at>`,
      mentioned: { id, name },
    });
    expect(
      textForBot({
        text: '<at>Firstline</at> queue',
        recipient: { id: '28:bot', name: 'Firstline' },
        entities: [mention('Firstline', '28:bot')],
      }),
    ).to.equal('queue');
    expect(
      textForBot({
        text: '<at>Firstline Dev</at> pick next',
        recipient: { id: '28:bot', name: 'Firstline Dev' },
        entities: [mention('Firstline Dev', '28:bot')],
      }),
    ).to.equal('pick next');
    // No entity (other channels): a leading <at>Firstline</at> or @Firstline still counts.
    expect(
      textForBot({ text: '<at>Firstline</at>  resolve', recipient: { id: 'firstline', name: 'Firstline' } }),
    ).to.equal('resolve');
    expect(
      textForBot({ text: '@Firstline: cola', recipient: { id: 'firstline', name: 'Firstline' } }),
    ).to.equal('cola');
    // A colleague's mention is part of the message.
    expect(
      textForBot({
        text: '<at>Maria</at> can you take CS-3?',
        recipient: { id: '28:bot', name: 'Firstline' },
        entities: [mention('Maria', '29:maria')],
      }),
    ).to.equal('<at>Maria</at> can you take CS-3?');
  });

  it('reads card Action.Submit values and refuses malformed ones', () => {
    expect(parseAgentCommand(undefined, { deskAction: 'pick', caseId: 'cs-10002' })).to.deep.equal({
      kind: 'pick',
      caseId: 'CS-10002',
    });
    expect(parseAgentCommand(undefined, { deskAction: 'queue' })).to.deep.equal({ kind: 'queue' });
    expect(parseAgentCommand(undefined, { deskAction: 'resolve', caseId: 'CS-1' })).to.deep.equal({
      kind: 'resolve',
      caseId: 'CS-1',
    });
    expect(parseAgentCommand(undefined, { deskAction: 'pick', caseId: '../etc' })).to.equal(undefined);
  });

  it('recognises "back to the bot" in both languages', () => {
    expect(wantsBackToBot('I want to go back to the bot')).to.equal(true);
    expect(wantsBackToBot('quiero volver al bot')).to.equal(true);
    expect(wantsBackToBot('my robot is broken')).to.equal(false);
    expect(tappedBackToBot({ deskAction: 'back_to_bot' })).to.equal(true);
    expect(tappedBackToBot({ deskAction: 'queue' })).to.equal(false);
  });

  it('leaves the queue on short "cancel" / "leave the queue" phrases only, not on real requests', () => {
    for (const text of [
      'cancel',
      'Cancel.',
      'cancel please',
      'please, cancel',
      'cancelar',
      '¡Cancelar!',
      'cancelar, por favor',
      'salir de la cola',
      'Quiero salir de la cola',
      'leave the queue',
      'I want to leave the queue',
    ]) {
      expect(wantsBackToBot(text), text).to.equal(true);
    }
    for (const text of [
      'cancel my order',
      'I want to cancel my order 4711',
      'cancelar el pedido',
      'no quiero cancelar',
      "don't cancel",
      'do not leave the queue',
      'the SIMs left the queue of activations',
    ]) {
      expect(wantsBackToBot(text), text).to.equal(false);
    }
  });
});
