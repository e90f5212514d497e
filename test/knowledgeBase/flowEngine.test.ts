import { expect } from 'chai';
import type { Facts } from '../../bot/domain/facts.js';
import type { Lang } from '../../bot/domain/language.js';
import {
  advanceFlow,
  currentPrompt,
  startFlow,
  type FlowInput,
  type FlowPrompt,
  type FlowStep,
} from '../../bot/knowledgeBase/flowEngine.js';
import type { KnowledgeBase } from '../../bot/knowledgeBase/knowledgeBase.js';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { copyKnowledge, editJson, KNOWLEDGE_DIR, removeDir } from './helpers.js';

async function load(dir: string): Promise<KnowledgeBase> {
  const { kb, errors } = await loadKnowledgeBase(dir);
  if (!kb) throw new Error(errors.map((e) => `${e.file} ${e.path}: ${e.message}`).join('\n'));
  return kb;
}

/** Everything known and healthy: the bot should ask nothing but "did it work?". */
const HEALTHY: Facts = {
  'modem.simReady': true,
  'sim.active': true,
  'sim.status': 'active',
  'sim.dataLimitReached': false,
  'plan.known': true,
  'plan.name': 'IoT Connect EU',
  'plan.apn': 'iot.firstline.example',
  'plan.data': true,
  'plan.smsMo': true,
  'plan.smsMt': true,
  'plan.voice': true,
  'plan.csd': true,
  'plan.circuitSwitchedRadio': true,
  'roaming.abroad': false,
  'apn.matchesPlan': true,
  'modem.registered': true,
  'modem.registration': 'home',
  'modem.noCarrier': false,
  'session.active': true,
  'session.ip': '10.20.30.40',
};

interface Walk {
  steps: FlowStep[];
  prompts: FlowPrompt[];
  last: FlowStep;
}

/** Walk a flow answering resolutions with `resolve`, questions with the first choice / yes / an APN. */
function walk(kb: KnowledgeBase, flowId: string, facts: Facts, lang: Lang, resolve: boolean): Walk {
  const steps = [startFlow(kb, flowId, facts, lang)];
  const prompts: FlowPrompt[] = [];
  for (let i = 0; i < 50; i += 1) {
    const step = steps[steps.length - 1] as FlowStep;
    if (step.outcome) return { steps, prompts, last: step };
    const prompt = step.prompt as FlowPrompt;
    prompts.push(prompt);
    const isResolution = kb.flow(prompt.flowId)?.nodes[prompt.nodeId]?.kind === 'resolution';
    let input: FlowInput;
    if (isResolution) input = { yes: resolve };
    else if (prompt.kind === 'text') input = { text: 'internet' };
    else if (prompt.kind === 'yesno') input = { yes: false };
    else input = { choice: (prompt.choices[0] as { id: string }).id };
    // Through JSON, as the dialog stores it in conversation state.
    const state = JSON.parse(JSON.stringify(step.state)) as FlowStep['state'];
    steps.push(advanceFlow(kb, state, facts, input));
  }
  throw new Error('flow did not finish in 50 steps');
}

const questionsIn = (kb: KnowledgeBase, w: Walk): string[] =>
  w.prompts
    .filter((p) => kb.flow(p.flowId)?.nodes[p.nodeId]?.kind === 'question')
    .map((p) => `${p.flowId}.${p.nodeId}`);

describe('flow engine', () => {
  let kb: KnowledgeBase;
  before(async () => {
    kb = await load(KNOWLEDGE_DIR);
  });

  for (const flowId of ['data', 'sms', 'voice', 'csd']) {
    for (const lang of ['en', 'es'] as const) {
      describe(`${flowId} (${lang})`, () => {
        it('walks to a resolution with unknown facts, asking the customer', () => {
          const w = walk(kb, flowId, {}, lang, true);
          expect(w.last.outcome).to.deep.equal({ kind: 'resolved' });
          expect(questionsIn(kb, w)).to.include('sim_state.ask_active');
          expect(w.last.trail.some((t) => t.kind === 'check' && t.result === 'unknown')).to.equal(true);
        });
        it('walks to a handoff with facts known, asking nothing it knows', () => {
          const w = walk(kb, flowId, HEALTHY, lang, false);
          expect(w.last.outcome?.kind).to.equal('handoff');
          expect(w.last.outcome).to.include({ reason: `${flowId}_unresolved` });
          const asked = questionsIn(kb, w);
          expect(
            asked.filter(
              (q) =>
                q.startsWith('sim_state') || q.startsWith('registration_check') || q.startsWith('apn_check'),
            ),
          ).to.deep.equal([]);
          const text = w.last.outcome?.kind === 'handoff' ? w.last.outcome.text.text : '';
          expect(text).to.equal(kb.text(lang, `flows.${flowId}.unresolved`));
          expect(
            w.last.trail.filter((t) => t.kind === 'check').every((t) => t.result !== 'unknown'),
          ).to.equal(true);
        });
        it('walks to a resolution with facts known', () => {
          const w = walk(kb, flowId, HEALTHY, lang, true);
          expect(w.last.outcome).to.deep.equal({ kind: 'resolved' });
          expect(w.steps[0]?.messages[0]?.text).to.equal(kb.text(lang, `flows.${flowId}.intro`));
        });
      });
    }
  }

  it('data with everything known asks only "did it work?" and shows the session IP', () => {
    const step = startFlow(kb, 'data', HEALTHY, 'en');
    expect(step.prompt).to.include({ flowId: 'data', nodeId: 'final', kind: 'yesno' });
    expect(step.messages.map((m) => m.text).join('\n')).to.include('10.20.30.40');
  });

  it('data: a known APN mismatch gives the AT+CGDCONT command with the plan APN filled in', () => {
    const step = startFlow(
      kb,
      'data',
      { ...HEALTHY, 'plan.apn': 'meter.nordlys.firstline.example', 'apn.matchesPlan': false },
      'es',
    );
    expect(step.prompt).to.include({ flowId: 'apn_check', nodeId: 'apn_resolution' });
    expect(step.messages.map((m) => m.text).join('\n')).to.include(
      'AT+CGDCONT=1,"IP","meter.nordlys.firstline.example"',
    );
    const done = advanceFlow(kb, step.state, HEALTHY, { text: 'sí' });
    expect(done.outcome).to.deep.equal({ kind: 'resolved' });
  });

  it('stores a typed APN as a learned fact and compares it with the plan', () => {
    const facts = { ...HEALTHY, 'apn.matchesPlan': null };
    let step = startFlow(kb, 'data', facts, 'en');
    expect(step.prompt).to.include({ nodeId: 'ask_apn', kind: 'text', setsFact: 'apn.device' });
    step = advanceFlow(kb, step.state, facts, { text: 'internet.provider' });
    expect(step.learned).to.deep.equal({ 'apn.device': 'internet.provider' });
    expect(step.state.learned['apn.device']).to.equal('internet.provider');
    expect(step.messages[0]?.key).to.equal('flows.apn_check.fix_apn');
    step = startFlow(kb, 'data', facts, 'en');
    step = advanceFlow(kb, step.state, facts, { text: 'IOT.firstline.example ' });
    expect(step.prompt).to.include({ nodeId: 'final' });
  });

  it('skips a question when the fact is known and hands off on an inactive SIM', () => {
    const step = startFlow(kb, 'sms', { ...HEALTHY, 'sim.active': false, 'sim.status': 'inventory' }, 'en');
    expect(step.outcome).to.include({ kind: 'handoff', reason: 'sim_not_active' });
    expect(step.messages.map((m) => m.text).join(' ')).to.include('"inventory"');
    expect(step.trail.map((t) => `${t.flowId}.${t.nodeId}:${t.result ?? ''}`)).to.include(
      'sim_state.check_active:fail',
    );
  });

  it('registration answers become facts', () => {
    const facts = { ...HEALTHY, 'modem.registered': null, 'modem.registration': null };
    let step = startFlow(kb, 'voice', facts, 'en');
    expect(step.prompt).to.include({ flowId: 'registration_check', nodeId: 'ask_creg' });
    step = advanceFlow(kb, step.state, facts, { choice: 'stat_3' });
    expect(step.learned).to.deep.equal({ 'modem.registration': 'denied', 'modem.registered': false });
    expect(step.outcome).to.include({ kind: 'handoff', reason: 'registration_denied' });
  });

  it('re-prompts on an answer that does not fit, and matches typed choice labels', () => {
    const start = startFlow(kb, 'sms', HEALTHY, 'en');
    expect(start.prompt).to.include({ nodeId: 'direction' });
    const wrong = advanceFlow(kb, start.state, HEALTHY, { choice: 'fax' });
    expect(wrong.notice).to.equal('invalid_input');
    expect(wrong.prompt?.nodeId).to.equal('direction');
    const typed = advanceFlow(kb, start.state, HEALTHY, { text: 'El dispositivo no recibe SMS' });
    expect(typed.trail.find((t) => t.nodeId === 'direction')).to.include({ kind: 'question', result: 'mt' });
  });

  it('changes language mid-flow', () => {
    const start = startFlow(kb, 'csd', HEALTHY, 'en');
    expect(start.prompt?.text.text).to.equal(kb.text('en', 'flows.csd.coverage'));
    expect(currentPrompt(kb, start.state, 'es')?.text.text).to.equal(kb.text('es', 'flows.csd.coverage'));
    const next = advanceFlow(kb, start.state, HEALTHY, { choice: 'cs' }, { lang: 'es' });
    expect(next.state.lang).to.equal('es');
    expect(next.messages[0]?.text).to.equal(kb.text('es', 'flows.csd.bearer'));
    expect(next.prompt?.choices.map((c) => c.label)).to.deep.equal(['Sí', 'No']);
  });

  describe('across knowledge versions', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await copyKnowledge();
    });
    afterEach(async () => {
      await removeDir(dir);
    });

    it('continues on a new version when the pending node still exists', async () => {
      await editJson(dir, 'texts/flows.en.json', (f) => {
        (f['texts'] as Record<string, string>)['flows.data.final'] = 'Is data flowing now?';
      });
      const kb2 = await load(dir);
      expect(kb2.version).to.not.equal(kb.version);
      const step = startFlow(kb, 'data', HEALTHY, 'en');
      const next = advanceFlow(kb2, step.state, HEALTHY, { yes: false });
      expect(next.notice).to.equal('continued_on_new_version');
      expect(next.state.kbVersion).to.equal(kb2.version);
      expect(next.outcome).to.include({ kind: 'handoff', reason: 'data_unresolved' });
    });

    it('restarts cleanly when the pending node is gone', async () => {
      await editJson(dir, 'flows/data.json', (f) => {
        const nodes = f['nodes'] as Record<string, Record<string, unknown>>;
        nodes['final_check'] = nodes['final'] as Record<string, unknown>;
        delete nodes['final'];
        for (const id of ['pdp_rejected', 'session_up', 'restart_session', 'first_session'])
          (nodes[id] as Record<string, unknown>)['next'] = 'final_check';
      });
      const kb2 = await load(dir);
      const step = startFlow(kb, 'data', HEALTHY, 'en');
      const next = advanceFlow(kb2, step.state, HEALTHY, { yes: true });
      expect(next.notice).to.equal('restarted');
      expect(next.outcome).to.equal(undefined);
      expect(next.prompt).to.include({ flowId: 'data', nodeId: 'final_check' });
    });
  });
});
