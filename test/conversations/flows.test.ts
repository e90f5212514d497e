import { expect } from 'chai';
import { useTestServer } from '../helpers/server.js';
import { allText, Conversation, type Reply } from '../helpers/conversation.js';
import {
  ADMIN_TOKEN,
  caseIdIn,
  getCase,
  Knowledge,
  OPENERS,
  openerWithSim,
  walkFlow,
  type AnswerMode,
  type FlowId,
  type Lang,
  type Walk,
} from './driver.js';

const HEALTHY_SIM = '8946070000000000019';
const APN_MISMATCH_SIM = '8946070000000000027';
const SMS_SIM = '8946070000000000076';

/** Who talks: an identified customer with a SIM the bot looks up, or an unidentified one it must ask. */
type Who = { user: 'demo-user'; sim: string } | { user: 'anonymous' };

interface Scenario {
  flow: FlowId;
  lang: Lang;
  goal: 'resolve' | 'handoff';
  who: Who;
  mode: AnswerMode;
}

/** Every flow × language × outcome, with identified and unidentified customers and all answer modes. */
const SCENARIOS: Scenario[] = [
  { flow: 'data', lang: 'en', goal: 'resolve', who: { user: 'demo-user', sim: HEALTHY_SIM }, mode: 'click' },
  { flow: 'data', lang: 'en', goal: 'handoff', who: { user: 'anonymous' }, mode: 'type' },
  { flow: 'data', lang: 'es', goal: 'resolve', who: { user: 'anonymous' }, mode: 'type' },
  { flow: 'data', lang: 'es', goal: 'handoff', who: { user: 'demo-user', sim: HEALTHY_SIM }, mode: 'card' },
  { flow: 'sms', lang: 'en', goal: 'resolve', who: { user: 'anonymous' }, mode: 'card' },
  { flow: 'sms', lang: 'en', goal: 'handoff', who: { user: 'demo-user', sim: SMS_SIM }, mode: 'type' },
  { flow: 'sms', lang: 'es', goal: 'resolve', who: { user: 'demo-user', sim: HEALTHY_SIM }, mode: 'click' },
  { flow: 'sms', lang: 'es', goal: 'handoff', who: { user: 'anonymous' }, mode: 'click' },
  { flow: 'voice', lang: 'en', goal: 'resolve', who: { user: 'demo-user', sim: HEALTHY_SIM }, mode: 'type' },
  { flow: 'voice', lang: 'en', goal: 'handoff', who: { user: 'anonymous' }, mode: 'click' },
  { flow: 'voice', lang: 'es', goal: 'resolve', who: { user: 'anonymous' }, mode: 'click' },
  { flow: 'voice', lang: 'es', goal: 'handoff', who: { user: 'demo-user', sim: HEALTHY_SIM }, mode: 'type' },
  { flow: 'csd', lang: 'en', goal: 'resolve', who: { user: 'anonymous' }, mode: 'type' },
  { flow: 'csd', lang: 'en', goal: 'handoff', who: { user: 'anonymous' }, mode: 'card' },
  { flow: 'csd', lang: 'es', goal: 'resolve', who: { user: 'anonymous' }, mode: 'card' },
  { flow: 'csd', lang: 'es', goal: 'handoff', who: { user: 'anonymous' }, mode: 'type' },
];

/** Questions whose answer the look-up of a known SIM already gives. */
const KNOWN_FROM_LOOKUP = ['sim_state.ask_active', 'apn_check.ask_apn', 'data.ask_abroad'];

describe('conversations: guided troubleshooting over HTTP', function () {
  this.timeout(30_000);
  const kb = new Knowledge();
  const server = useTestServer({ ADMIN_TOKEN });
  let n = 0;

  function conversation(who: Who, lang: Lang): Conversation {
    n += 1;
    const userId = who.user === 'anonymous' ? `anon-flows-${n}` : who.user;
    return new Conversation(server.baseUrl, { userId, locale: lang === 'es' ? 'es-ES' : 'en-GB' });
  }

  /** Join, describe the problem and check the case and the flow's intro came back in `lang`. */
  async function start(
    c: Conversation,
    s: Pick<Scenario, 'flow' | 'lang' | 'who'>,
  ): Promise<{ first: Reply[]; caseId: string }> {
    await c.join();
    const opener = OPENERS[s.flow][s.lang];
    const first = await c.say(s.who.user === 'anonymous' ? opener : openerWithSim(s.flow, s.lang, s.who.sim));
    const caseId = caseIdIn(first);
    const text = allText(first);
    expect(text).to.include(kb.t(s.lang, 'bot.case.opened', { caseId }));
    expect(text).to.include(kb.t(s.lang, `flows.${s.flow}.intro`));
    if (s.who.user === 'anonymous') expect(text).to.include(kb.t(s.lang, 'bot.sim.anonymous'));
    return { first, caseId };
  }

  for (const s of SCENARIOS) {
    const whoName =
      s.who.user === 'anonymous' ? 'an unidentified customer' : `demo-user with SIM …${s.who.sim.slice(-4)}`;
    it(`${s.flow} (${s.lang}) → ${s.goal === 'resolve' ? 'resolved' : 'handoff'}: ${whoName}, answers by ${s.mode}`, async () => {
      const c = conversation(s.who, s.lang);
      const { first, caseId } = await start(c, s);
      const walk = await walkFlow(kb, c, first, { lang: s.lang, goal: s.goal, mode: s.mode });
      const end = allText(walk.last);

      // Facts from the look-up are not asked again; without a look-up the bot asks.
      if (s.who.user === 'anonymous') expect(walk.asked).to.include('sim_state.ask_active');
      else expect(walk.asked.filter((q) => KNOWN_FROM_LOOKUP.includes(q))).to.deep.equal([]);
      const finalResolution = `${s.flow}.resolution`;
      const finals = [finalResolution, 'data.final'];
      expect(
        walk.asked.some((q) => finals.includes(q)),
        `asked ${walk.asked.join(', ')}`,
      ).to.equal(true);

      const api = await getCase(server.baseUrl, caseId);
      expect(api).to.include({ id: caseId, lang: s.lang, category: s.flow });
      if (s.who.user !== 'anonymous') expect(api.sims).to.include(s.who.sim);
      expect(api.checksDone.length).to.be.greaterThan(0);
      if (s.goal === 'resolve') {
        expect(end).to.include(kb.t(s.lang, 'bot.resolved', { caseId }));
        expect(end).to.include(kb.t(s.lang, 'followUp.offer', { id: caseId }).split('{days}')[0] as string);
        expect(api.status).to.equal('resolved');
      } else {
        expect(end).to.include(kb.t(s.lang, `flows.${s.flow}.unresolved`));
        expect(end).to.include(kb.t(s.lang, 'bot.handoff.passing', { caseId }));
        expect(api.status).to.equal('queued');
        expect(api.handoffReason).to.be.a('string');
        // Everything checked goes to the agent: the "did it work? → no" is on the case.
        expect(api.checksDone.join('\n')).to.include(
          `${s.flow === 'data' ? 'data/final' : `${s.flow}/resolution`}: no`,
        );
      }
      expectLanguage(walk, s.lang);
    });
  }

  /** No reply of the walk is in the other language's flow texts. */
  function expectLanguage(walk: Walk, lang: Lang): void {
    const other: Lang = lang === 'en' ? 'es' : 'en';
    const foreign = new Set(
      Object.entries(kb.texts[other])
        .filter(
          ([key, text]) =>
            key.startsWith('flows.') &&
            !key.endsWith('.title') &&
            text !== kb.texts[lang][key] &&
            text.length > 12,
        )
        .map(([, text]) => text),
    );
    for (const reply of walk.replies)
      if (reply.text) expect(foreign.has(reply.text), `reply in ${other}: ${reply.text}`).to.equal(false);
  }

  it('a known APN mismatch gets the AT+CGDCONT instruction with the plan APN, without asking the SIM state', async () => {
    const c = conversation({ user: 'demo-user', sim: APN_MISMATCH_SIM }, 'en');
    const { first, caseId } = await start(c, {
      flow: 'data',
      lang: 'en',
      who: { user: 'demo-user', sim: APN_MISMATCH_SIM },
    });
    const text = allText(first);
    expect(text).to.include(kb.t('en', 'flows.apn_check.fix_apn', { 'plan.apn': 'iot.firstline.example' }));
    expect(text).to.include('AT+CGDCONT=1,"IP","iot.firstline.example"');
    expect(text).to.not.include(kb.t('en', 'flows.sim_state.ask_active'));
    expect(text).to.not.include(kb.t('en', 'flows.apn_check.ask_apn'));
    expect(kb.promptIn(first, 'en')).to.include({ flowId: 'apn_check', nodeId: 'apn_resolution' });
    const done = await c.say('yes');
    expect(allText(done)).to.include(kb.t('en', 'bot.resolved', { caseId }));
    expect((await getCase(server.baseUrl, caseId)).status).to.equal('resolved');
  });

  it('a healthy SIM with a live session asks only "did it work?" and shows the session IP', async () => {
    const c = conversation({ user: 'demo-user', sim: HEALTHY_SIM }, 'en');
    const { first } = await start(c, {
      flow: 'data',
      lang: 'en',
      who: { user: 'demo-user', sim: HEALTHY_SIM },
    });
    expect(kb.promptIn(first, 'en')).to.include({ flowId: 'data', nodeId: 'final' });
    expect(allText(first)).to.include(kb.t('en', 'flows.data.session_up', { 'session.ip': '10.20.0.19' }));
  });

  it('asks for the SIM when none is named, understands a typed ICCID, then skips what the look-up answered', async () => {
    const c = conversation({ user: 'demo-user', sim: HEALTHY_SIM }, 'es');
    await c.join();
    const asked = await c.say(OPENERS.data.es);
    const caseId = caseIdIn(asked);
    expect(allText(asked)).to.include(kb.t('es', 'bot.sim.ask'));
    const first = await c.say(HEALTHY_SIM);
    expect(allText(first)).to.include(kb.t('es', 'flows.data.intro'));
    const walk = await walkFlow(kb, c, first, { lang: 'es', goal: 'resolve', mode: 'type' });
    expect(walk.asked).to.deep.equal(['data.final']);
    expect(allText(walk.last)).to.include(kb.t('es', 'bot.resolved', { caseId }));
    expect((await getCase(server.baseUrl, caseId)).sims).to.deep.equal([HEALTHY_SIM]);
  });

  it('a typed APN answers the free-text question and a wrong one gets the fix with the plan APN', async () => {
    // Unidentified, the plan is unknown: the typed APN is stored and the generic advice follows.
    const anon = conversation({ user: 'anonymous' }, 'en');
    const { first } = await start(anon, { flow: 'data', lang: 'en', who: { user: 'anonymous' } });
    let replies = await anon.say(kb.t('en', 'flows.sim_state.ask_active.activated'));
    replies = await anon.say('No');
    expect(kb.promptIn(replies, 'en')).to.include({ flowId: 'apn_check', nodeId: 'ask_apn' });
    replies = await anon.say('the APN is internet.m2m');
    expect(allText(replies)).to.include(kb.t('en', 'flows.apn_check.plan_apn_unknown'));
    expect(first.length).to.be.greaterThan(0);
  });

  it('a known SIM whose plan has no CSD is handed over without questions (es)', async () => {
    const who: Who = { user: 'demo-user', sim: HEALTHY_SIM };
    const c = conversation(who, 'es');
    const { first, caseId } = await start(c, { flow: 'csd', lang: 'es', who });
    const text = allText(first);
    expect(kb.promptIn(first, 'es')).to.equal(undefined);
    expect(text).to.include(kb.t('es', 'flows.csd.not_in_plan', { 'plan.name': 'IoT Connect EU' }));
    expect(text).to.include(kb.t('es', 'flows.csd.plan_handoff'));
    expect((await getCase(server.baseUrl, caseId)).status).to.equal('queued');
  });

  it('SMS not received on a SIM with a live session skips the registration question (en)', async () => {
    const who: Who = { user: 'demo-user', sim: SMS_SIM };
    const c = conversation(who, 'en');
    const { first } = await start(c, { flow: 'sms', lang: 'en', who });
    expect(kb.promptIn(first, 'en')).to.include({ flowId: 'sms', nodeId: 'direction' });
    const replies = await c.say(kb.t('en', 'flows.sms.direction.mt'));
    expect(allText(replies)).to.include(kb.t('en', 'flows.sms.storage'));
    expect(kb.promptIn(replies, 'en')).to.include({ flowId: 'sms', nodeId: 'resolution' });
  });

  it('the follow-up card after a resolution keeps the case open (Action.Submit)', async () => {
    const who: Who = { user: 'demo-user', sim: APN_MISMATCH_SIM };
    const c = conversation(who, 'en');
    const { caseId } = await start(c, { flow: 'data', lang: 'en', who });
    const resolved = await c.say('yes');
    const card = resolved
      .flatMap((r) => r.attachments ?? [])
      .find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    const actions =
      (card?.content as { actions?: Array<{ type: string; data?: Record<string, unknown> }> } | undefined)
        ?.actions ?? [];
    const keep = actions.find((a) => a.data?.['followUpAction'] === 'keep_open');
    expect(keep?.type).to.equal('Action.Submit');
    await c.submit(keep?.data ?? {});
    expect((await getCase(server.baseUrl, caseId)).followUp?.sent).to.equal(false);
  });
});
