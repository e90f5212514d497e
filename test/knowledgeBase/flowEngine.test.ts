import type { FactValue } from '../../bot/domain/facts.js';
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
    const said = step.messages.map((m) => m.text).join(' ');
    expect(said).to.include(kb.text('en', 'flows.sim_state.sim_inactive'));
    expect(said).to.not.include('inventory'); // the raw platform state code is not shown
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

  describe('modem evidence steers the data flow before the "session is up" shortcut', () => {
    const keysOf = (step: FlowStep): string[] => step.messages.map((m) => m.key);

    it('a denied registration (+CEREG: 0,3) is explained and handed over, even with a live session', () => {
      const variants: Array<Record<string, FactValue>> = [
        { 'modem.registration': 'denied', 'modem.registered': false },
        { 'modem.registration': null, 'modem.registered': null, 'finding.MODEM_REGISTRATION_DENIED': true },
      ];
      for (const evidence of variants) {
        const step = startFlow(kb, 'data', { ...HEALTHY, ...evidence }, 'en');
        expect(step.outcome).to.include({ kind: 'handoff', reason: 'registration_denied' });
        expect(keysOf(step)).to.include('flows.data.registration_denied');
        expect(keysOf(step)).to.not.include('flows.data.session_up');
      }
    });

    it('PDP reject causes 8 and 33 hand over (plan/barring on our side)', () => {
      for (const cause of [8, 33]) {
        const step = startFlow(kb, 'data', { ...HEALTHY, 'modem.pdpCause': cause }, 'es');
        expect(step.outcome).to.include({ kind: 'handoff', reason: 'data_service_barred' });
        expect(keysOf(step)).to.include('flows.data.pdp_not_allowed');
        expect(step.messages.map((m) => m.text).join('\n')).to.include(String(cause));
      }
    });

    it('cause 27 gives the APN command with the plan APN; cause 29 the APN credentials', () => {
      let step = startFlow(kb, 'data', { ...HEALTHY, 'modem.pdpCause': 27 }, 'en');
      expect(keysOf(step)).to.include('flows.data.pdp_apn_instr');
      expect(step.messages.map((m) => m.text).join('\n')).to.include(
        'AT+CGDCONT=1,"IP","iot.firstline.example"',
      );
      expect(step.prompt).to.include({ flowId: 'data', nodeId: 'final' });
      const noPlan = { 'modem.pdpCause': 27, 'modem.simReady': true, 'sim.active': true };
      step = startFlow(kb, 'data', noPlan, 'en');
      expect(step.prompt).to.include({ nodeId: 'ask_abroad' });
      step = advanceFlow(kb, step.state, noPlan, { yes: false });
      expect(keysOf(step)).to.include('flows.data.pdp_apn_generic');
      expect(step.messages.map((m) => m.text).join('\n')).to.not.include('{plan.apn}');
      step = startFlow(kb, 'data', { ...HEALTHY, 'modem.pdpCause': 29 }, 'en');
      expect(keysOf(step)).to.include('flows.data.pdp_auth_instr');
      expect(step.prompt).to.include({ flowId: 'data', nodeId: 'final' });
      step = startFlow(kb, 'data', { ...HEALTHY, 'modem.pdpCause': 26 }, 'en');
      expect(keysOf(step)).to.include('flows.data.pdp_rejected');
      expect(keysOf(step)).to.not.include('flows.data.session_up');
    });

    it('a SIM the modem does not see gets the SIM/PIN instructions, not the server advice', () => {
      const step = startFlow(kb, 'data', { ...HEALTHY, 'modem.simReady': false }, 'en');
      expect(keysOf(step)).to.include('flows.sim_state.sim_not_ready');
      expect(keysOf(step)).to.not.include('flows.data.session_up');
      expect(step.prompt).to.include({ flowId: 'sim_state', nodeId: 'sim_ready_resolution' });
    });
  });

  it('data on the consumer broadband plan gives router advice instead of servers and firewalls', () => {
    for (const lang of ['en', 'es'] as const) {
      const facts = {
        ...HEALTHY,
        'plan.name': 'Consumer Mobile Broadband',
        'plan.apn': 'internet.firstline.example',
      };
      const step = startFlow(kb, 'data', facts, lang);
      expect(step.messages.map((m) => m.key)).to.include('flows.data.router_advice');
      expect(step.messages.map((m) => m.key)).to.not.include('flows.data.session_up');
      expect(step.messages.map((m) => m.text).join('\n')).to.include('internet.firstline.example');
      expect(step.prompt).to.include({ flowId: 'data', nodeId: 'final' });
    }
  });

  it('sms on a plan without any SMS explains and hands over without asking the direction', () => {
    const step = startFlow(kb, 'sms', { ...HEALTHY, 'plan.smsMo': false, 'plan.smsMt': false }, 'en');
    expect(step.prompt).to.equal(undefined);
    expect(step.outcome).to.include({ kind: 'handoff', reason: 'plan_change_needed' });
    expect(step.messages.map((m) => m.key)).to.include('flows.sms.not_in_plan');
    const oneWay = { ...HEALTHY, 'plan.smsMo': true, 'plan.smsMt': false };
    const asked = startFlow(kb, 'sms', oneWay, 'en');
    expect(asked.prompt).to.include({ nodeId: 'direction' });
    const next = advanceFlow(kb, asked.state, oneWay, { choice: 'mt' });
    expect(next.messages.map((m) => m.key)).to.include('flows.sms.direction_not_in_plan');
    expect(next.outcome).to.include({ kind: 'handoff', reason: 'plan_change_needed' });
  });

  it('registration choices carry their stat number and set modem.registration as modem evidence does', () => {
    const node = kb.flow('registration_check')?.nodes['ask_creg'];
    if (node?.kind !== 'question' || node.answer.type !== 'choice')
      throw new Error('ask_creg is not a choice');
    const expected: Record<string, string> = {
      '0': 'not_registered',
      '1': 'home',
      '2': 'searching',
      '3': 'denied',
      '4': 'unknown',
      '5': 'roaming',
    };
    const stats = node.answer.choices.filter((c) => c.id.startsWith('stat_'));
    expect(stats.map((c) => c.id.slice(5)).sort()).to.deep.equal(Object.keys(expected));
    stats.forEach((choice, i) => {
      const stat = choice.id.slice(5);
      expect(choice.sets?.['modem.registration']).to.equal(expected[stat]);
      expect(choice.sets?.['modem.registered']).to.equal(stat === '1' || stat === '5');
      for (const lang of ['en', 'es'] as const)
        expect(kb.text(lang, choice.label)).to.match(new RegExp(`^${stat} `));
      // Typing a stat 1-5 or its position means the same choice.
      if (stat !== '0') expect(i + 1).to.equal(Number(stat));
    });
  });

  it('customer texts show no raw platform codes: SIM state and roaming country', () => {
    const inactive = startFlow(
      kb,
      'data',
      { ...HEALTHY, 'sim.active': false, 'sim.status': 'inactive' },
      'es',
    );
    expect(inactive.messages.map((m) => m.text).join(' ')).to.not.match(/"inactive"/);
    const roaming = {
      ...HEALTHY,
      'roaming.abroad': true,
      'roaming.allowed': false,
      'roaming.country': 'DE',
      'plan.name': 'IoT Nordic Data',
    };
    const en = startFlow(kb, 'data', roaming, 'en')
      .messages.map((m) => m.text)
      .join(' ');
    expect(en).to.include('another country (DE)').and.to.not.include('is in DE');
    const es = startFlow(kb, 'data', roaming, 'es')
      .messages.map((m) => m.text)
      .join(' ');
    expect(es).to.include('otro país (DE)').and.to.not.include('está en DE');
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
        for (const node of Object.values(nodes)) if (node['next'] === 'final') node['next'] = 'final_check';
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
