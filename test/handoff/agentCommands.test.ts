import { expect } from 'chai';
import { parseAgentCommand, wantsBackToBot } from '../../bot/handoff/agentCommands.js';

describe('parseAgentCommand', () => {
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
    ['transfer to agent-7', { kind: 'transfer', target: { agentId: 'agent-7' } }],
    ['transferir agent-7', { kind: 'transfer', target: { agentId: 'agent-7' } }],
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
      'Resolver esto lleva un rato',
      'picking it up now',
      '',
    ]) {
      expect(parseAgentCommand(text), text).to.equal(undefined);
    }
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
  });
});
