import { expect } from 'chai';
import type { Facts } from '../../bot/domain/facts.js';
import { advanceFlow, currentPrompt, startFlow, type FlowStep } from '../../bot/knowledgeBase/flowEngine.js';
import type { KnowledgeBase } from '../../bot/knowledgeBase/knowledgeBase.js';
import { buildFrom, fixtureFiles } from './fixtureKnowledge.js';

/** Through JSON, as the dialog keeps the state in conversation state. */
const stored = (step: FlowStep): FlowStep['state'] =>
  JSON.parse(JSON.stringify(step.state)) as FlowStep['state'];
const keys = (step: FlowStep): string[] => step.messages.map((m) => m.key);
const UP: Facts = {
  'sim.active': true,
  'session.active': true,
  'session.ip': '10.1.2.3',
  'plan.name': 'Plan X',
};

/**
 * The flow engine on fixture flows of its own (test/knowledgeBase/fixtures/flows): what the shipped flows ask is
 * content, tested by the editors' flow tests in knowledge/tests.
 */
describe('flow engine (fixture flows)', () => {
  let kb: KnowledgeBase;
  before(async () => {
    kb = await buildFrom(await fixtureFiles());
  });

  it('answers checks from known facts, fills placeholders, and waits at the resolution', () => {
    const step = startFlow(kb, 'data', UP, 'en');
    expect(keys(step)).to.deep.equal(['inline.data.intro.text', 'inline.data.up.text']);
    expect(step.messages.map((m) => m.text)).to.deep.equal(['Checking Plan X.', 'Session up at 10.1.2.3.']);
    expect(step.prompt).to.include({ flowId: 'data', nodeId: 'final', kind: 'yesno' });
    expect(step.trail.map((t) => `${t.flowId}.${t.nodeId}:${t.result ?? ''}`)).to.deep.equal([
      'data.intro:',
      'data.sim:sub',
      'sub.active:pass',
      'data.session:pass',
      'data.up:',
    ]);
  });

  it('a resolution: yes is resolved, no goes on (here to a handoff with its reason and text)', () => {
    const step = startFlow(kb, 'data', UP, 'es');
    expect(advanceFlow(kb, stored(step), UP, { yes: true }).outcome).to.deep.equal({ kind: 'resolved' });
    const no = advanceFlow(kb, stored(step), UP, { text: 'no' });
    expect(no.outcome).to.deep.include({ kind: 'handoff', reason: 'data_unresolved' });
    expect(no.outcome?.kind === 'handoff' && no.outcome.text.text).to.equal('Le atiende una persona.');
  });

  it('an unknown fact takes the unknown branch and asks; a yes/no answer becomes a fact', () => {
    const facts: Facts = { 'sim.active': true };
    const step = startFlow(kb, 'data', facts, 'en');
    expect(step.prompt).to.include({ nodeId: 'ask_abroad', kind: 'yesno', setsFact: 'roaming.abroad' });
    const yes = advanceFlow(kb, stored(step), facts, { yes: true });
    expect(yes.learned).to.deep.equal({ 'roaming.abroad': true });
    expect(yes.outcome).to.include({ kind: 'handoff', reason: 'roaming_not_allowed' });
    const no = advanceFlow(kb, stored(step), facts, { text: 'nope, no' });
    expect(no.prompt).to.include({ nodeId: 'ask_apn', kind: 'text', setsFact: 'apn.device' });
  });

  it('a typed answer is stored and compared with another fact, case and spaces ignored', () => {
    const facts: Facts = { 'sim.active': true, 'session.active': false, 'plan.apn': 'iot.example' };
    const asked = startFlow(kb, 'data', facts, 'en');
    const wrong = advanceFlow(kb, stored(asked), facts, { text: 'internet' });
    expect(wrong.learned).to.deep.equal({ 'apn.device': 'internet' });
    expect(wrong.messages.map((m) => m.text)).to.deep.equal(['Use iot.example, not internet.']);
    const right = advanceFlow(kb, stored(asked), facts, { text: ' IOT.example ' });
    expect(right.messages).to.deep.equal([]);
    expect(right.prompt).to.include({ nodeId: 'final' });
  });

  it('calls a sub-flow and returns; a choice sets its facts; a handoff in a sub-flow ends the flow', () => {
    const step = startFlow(kb, 'data', {}, 'en');
    expect(step.prompt).to.include({ flowId: 'sub', nodeId: 'ask_active', kind: 'choice' });
    expect(step.state.stack).to.have.length(1);
    const on = advanceFlow(kb, stored(step), {}, { choice: 'activated' });
    expect(on.learned).to.deep.equal({ 'sim.active': true });
    expect(on.prompt).to.include({ flowId: 'data', nodeId: 'ask_abroad' });
    const off = advanceFlow(kb, stored(step), {}, { choice: 'not_activated' });
    expect(off.outcome).to.include({ kind: 'handoff', reason: 'sim_not_active' });
    expect(keys(off)).to.deep.equal(['inline.sub.inactive.text']);
    expect(off.state.stack).to.deep.equal([]);
  });

  it('re-prompts on an answer that does not fit, and matches a typed choice label in any language', () => {
    const step = startFlow(kb, 'data', {}, 'en');
    const wrong = advanceFlow(kb, stored(step), {}, { choice: 'fax' });
    expect(wrong.notice).to.equal('invalid_input');
    expect(wrong.prompt?.nodeId).to.equal('ask_active');
    const typed = advanceFlow(kb, stored(step), {}, { text: 'no activada' });
    expect(typed.trail.find((t) => t.nodeId === 'ask_active')).to.include({ result: 'not_activated' });
  });

  it('renders the pending prompt in another language and continues in it', () => {
    const step = startFlow(kb, 'data', {}, 'en');
    expect(step.prompt?.text.text).to.equal('Is the SIM activated?');
    expect(currentPrompt(kb, step.state, 'es')?.text.text).to.equal('¿Está activada la SIM?');
    const next = advanceFlow(kb, stored(step), {}, { choice: 'activated' }, { lang: 'es' });
    expect(next.state.lang).to.equal('es');
    expect(next.prompt?.text.text).to.equal('¿En el extranjero?');
    expect(next.prompt?.choices.map((c) => c.label)).to.deep.equal(['Sí', 'No']);
  });

  describe('across knowledge versions', () => {
    it('continues on a new version when the pending node still exists', async () => {
      const files = await fixtureFiles();
      const flow = JSON.parse(files.get('flows/data.json') ?? '{}') as {
        nodes: Record<string, { text?: unknown }>;
      };
      (flow.nodes['final'] as { text: unknown }).text = { en: 'Is data flowing now?', es: '¿Ya hay datos?' };
      files.set('flows/data.json', JSON.stringify(flow));
      const kb2 = await buildFrom(files);
      expect(kb2.version).to.not.equal(kb.version);
      const step = startFlow(kb, 'data', UP, 'en');
      const next = advanceFlow(kb2, stored(step), UP, { yes: false });
      expect(next.notice).to.equal('continued_on_new_version');
      expect(next.state.kbVersion).to.equal(kb2.version);
      expect(next.outcome).to.include({ kind: 'handoff', reason: 'data_unresolved' });
    });

    it('restarts cleanly when the pending node is gone', async () => {
      const files = await fixtureFiles();
      const flow = JSON.parse(files.get('flows/data.json') ?? '{}') as {
        nodes: Record<string, Record<string, unknown>>;
      };
      flow.nodes['final_check'] = flow.nodes['final'] as Record<string, unknown>;
      delete flow.nodes['final'];
      for (const node of Object.values(flow.nodes))
        if (node['next'] === 'final') node['next'] = 'final_check';
      (flow.nodes['apn_check'] as { next: Record<string, string> }).next = {
        pass: 'final_check',
        fail: 'fix_apn',
        unknown: 'final_check',
      };
      files.set('flows/data.json', JSON.stringify(flow));
      const kb2 = await buildFrom(files);
      const step = startFlow(kb, 'data', UP, 'en');
      const next = advanceFlow(kb2, stored(step), UP, { yes: true });
      expect(next.notice).to.equal('restarted');
      expect(next.outcome).to.equal(undefined);
      expect(next.prompt).to.include({ flowId: 'data', nodeId: 'final_check' });
    });
  });
});
