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
import { EngineOracle } from './engineOracle.js';
import type { Case } from '../../bot/cases/caseSchema.js';
import { handoffReasonText } from '../../bot/handoff/cards.js';

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
  let oracle: EngineOracle;
  before(async () => {
    oracle = await EngineOracle.load();
  });

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
    // The flow's first words, whatever they are: what the engine says with the same facts.
    const facts = await oracle.facts(s.flow, s.who.user === 'anonymous' ? undefined : s.who.sim);
    const said = oracle.walk(s.flow, facts, [], s.lang).said[0];
    if (said) expect(text).to.include(said.text);
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

  // The dialogs, the live look-up and the engine together: the bot asks exactly what the engine asks with the
  // facts of the SIM's look-up, says what it says, and the case ends as the walk does. Which questions these
  // are is content (knowledge/tests); these tests hold whatever the flows say.
  const followsTheEngine = async (
    who: Who,
    flow: FlowId,
    lang: Lang,
    answers: string[],
  ): Promise<{ caseId: string; outcome: string; asked: string[] }> => {
    const c = conversation(who, lang);
    const { first, caseId } = await start(c, { flow, lang, who });
    const facts = await oracle.facts(flow, who.user === 'anonymous' ? undefined : who.sim);
    const { walk, last } = await oracle.follow(c, first, { flow, lang, facts, answers });
    const status = (await getCase(server.baseUrl, caseId)).status;
    if (walk.outcome.kind === 'resolved') {
      expect(allText(last)).to.include(kb.t(lang, 'bot.resolved', { caseId }));
      expect(status).to.equal('resolved');
    }
    if (walk.outcome.kind === 'handoff') expect(status).to.equal('queued');
    // A question the look-up answered is never asked: the bot asks nothing the engine did not.
    return { caseId, outcome: walk.outcome.kind, asked: walk.asked };
  };

  it('a SIM with a wrong APN: the bot asks and says what the engine does with its look-up, and ends as it does', async () => {
    const run = await followsTheEngine({ user: 'demo-user', sim: APN_MISMATCH_SIM }, 'data', 'en', ['yes']);
    expect(KNOWN_FROM_LOOKUP.filter((q) => run.asked.includes(q))).to.deep.equal([]);
  });

  it('a healthy SIM with a live session (data, both answers, both languages)', async () => {
    for (const [lang, answer] of [
      ['en', 'no'],
      ['es', 'yes'],
    ] as const) {
      const run = await followsTheEngine({ user: 'demo-user', sim: HEALTHY_SIM }, 'data', lang, [answer]);
      expect(run.outcome).to.be.oneOf(['resolved', 'handoff', 'end']);
    }
  });

  it('asks for the SIM when none is named, understands a typed ICCID, then asks only what the engine asks', async () => {
    const c = conversation({ user: 'demo-user', sim: HEALTHY_SIM }, 'es');
    await c.join();
    const asked = await c.say(OPENERS.data.es);
    const caseId = caseIdIn(asked);
    expect(allText(asked)).to.include(kb.t('es', 'bot.sim.ask'));
    const first = await c.say(HEALTHY_SIM);
    const facts = await oracle.facts('data', HEALTHY_SIM);
    const { walk } = await oracle.follow(c, first, { flow: 'data', lang: 'es', facts, answers: ['yes'] });
    expect(walk.outcome.kind).to.equal('resolved');
    expect((await getCase(server.baseUrl, caseId)).sims).to.deep.equal([HEALTHY_SIM]);
  });

  it('an unidentified customer answers in words and typed text, as the engine walks it', async () => {
    const oracleWalk = oracle.walk('data', await oracle.facts('data'), [], 'en');
    expect(oracleWalk.outcome.kind).to.equal('asks');
    const answers: string[] = [];
    // Answer every question with its first choice / no / an APN until "did it work?", then yes.
    for (let i = 0; i < 12; i += 1) {
      const w = oracle.walk('data', await oracle.facts('data'), answers, 'en');
      if (w.outcome.kind !== 'asks') break;
      const prompt = w.outcome.prompt;
      const isResolution = oracle.kb.flow(prompt.flowId)?.nodes[prompt.nodeId]?.kind === 'resolution';
      answers.push(
        isResolution
          ? 'yes'
          : prompt.kind === 'yesno'
            ? 'no'
            : prompt.kind === 'text'
              ? 'internet.m2m'
              : (prompt.choices[0]?.id ?? ''),
      );
    }
    const run = await followsTheEngine({ user: 'anonymous' }, 'data', 'en', answers);
    expect(run.outcome).to.equal('resolved');
  });

  it('a known SIM on a plan without CSD, and SMS on a SIM with a live session (es, en)', async () => {
    await followsTheEngine({ user: 'demo-user', sim: HEALTHY_SIM }, 'csd', 'es', []);
    await followsTheEngine({ user: 'demo-user', sim: SMS_SIM }, 'sms', 'en', ['mt']);
  });

  it("a flow's own handoff reason reaches the case and the agent's words for it (issue 16)", async () => {
    const run = await followsTheEngine({ user: 'demo-user', sim: '8946070000000000043' }, 'data', 'en', []);
    expect(run.outcome).to.equal('handoff');
    const walk = oracle.walk('data', await oracle.facts('data', '8946070000000000043'), [], 'en');
    const reason = walk.outcome.kind === 'handoff' ? walk.outcome.reason : '';
    const c = await getCase(server.baseUrl, run.caseId);
    expect(c).to.include({ handoffReason: 'flow_unresolved', handoffDetail: reason });
    // The card and the console say why in words: the reason's own text, not "troubleshooting ended unresolved".
    expect(handoffReasonText(c as Case, 'en', (lang, key) => oracle.kb.text(lang, key))).to.equal(
      oracle.kb.text('en', `desk.reason.${reason}`),
    );
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
