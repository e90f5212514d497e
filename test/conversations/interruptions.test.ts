import { expect } from 'chai';
import { useTestServer } from '../helpers/server.js';
import { allText, choicesOf, Conversation, type Reply } from '../helpers/conversation.js';
import { ADMIN_TOKEN, caseIdIn, getCase, Knowledge, OPENERS, type Lang } from './driver.js';

/** Interruptions in the middle of a troubleshooting flow, in both languages, over HTTP. */
describe('conversations: interruptions mid-flow', function () {
  this.timeout(30_000);
  const kb = new Knowledge();
  const server = useTestServer({ ADMIN_TOKEN });
  let n = 0;

  /** An unidentified customer in the data flow, at the "SIM state" question; returns the case id. */
  async function midFlow(lang: Lang): Promise<{ c: Conversation; caseId: string; first: Reply[] }> {
    n += 1;
    const c = new Conversation(server.baseUrl, {
      userId: `anon-int-${n}`,
      locale: lang === 'es' ? 'es-ES' : 'en-GB',
    });
    await c.join();
    const first = await c.say(OPENERS.data[lang]);
    expect(kb.promptIn(first, lang)).to.include({ flowId: 'sim_state', nodeId: 'ask_active' });
    return { c, caseId: caseIdIn(first), first };
  }

  const askActive = (lang: Lang) => kb.t(lang, 'flows.sim_state.ask_active');
  const askAbroad = (lang: Lang) => kb.t(lang, 'flows.data.ask_abroad');

  for (const [lang, help] of [
    ['en', 'help'],
    ['es', 'ayuda'],
  ] as const) {
    it(`"${help}" shows the help text, then the same question again, and the flow goes on (${lang})`, async () => {
      const { c, caseId } = await midFlow(lang);
      const replies = await c.say(help);
      const text = allText(replies);
      expect(text).to.include(kb.t(lang, 'bot.help'));
      expect(text).to.not.include(kb.t(lang, 'bot.error.failure'));
      expect(replies[replies.length - 1]?.text).to.equal(askActive(lang));
      expect(choicesOf(replies)).to.include(kb.t(lang, 'flows.sim_state.ask_active.activated'));
      const next = await c.say(kb.t(lang, 'flows.sim_state.ask_active.activated'));
      expect(kb.promptIn(next, lang)).to.include({ flowId: 'data', nodeId: 'ask_abroad' });
      expect((await getCase(server.baseUrl, caseId)).status).to.equal('open');
    });
  }

  for (const [lang, cancel] of [
    ['en', 'cancel'],
    ['es', 'cancelar'],
  ] as const) {
    it(`"${cancel}" stops the flow and keeps the case open (${lang})`, async () => {
      const { c, caseId } = await midFlow(lang);
      const replies = await c.say(cancel);
      const caseNote = kb.t(lang, 'bot.caseKept', { caseId });
      expect(allText(replies)).to.include(kb.t(lang, 'bot.cancelled', { caseNote }));
      expect(kb.promptIn(replies, lang)).to.equal(undefined);
      // The flow is gone: its answer is no longer taken as one.
      const after = await c.say(kb.t(lang, 'flows.sim_state.ask_active.activated'));
      expect(allText(after)).to.not.include(askAbroad(lang));
      expect((await getCase(server.baseUrl, caseId)).status).to.equal('open');
    });
  }

  for (const [lang, restart] of [
    ['en', 'start over'],
    ['es', 'empezar de nuevo'],
  ] as const) {
    it(`"${restart}" ends the flow, keeps the case and offers the topics again (${lang})`, async () => {
      const { c, caseId } = await midFlow(lang);
      await c.say(kb.t(lang, 'flows.sim_state.ask_active.activated'));
      const replies = await c.say(restart);
      const caseNote = kb.t(lang, 'bot.caseKept', { caseId });
      expect(allText(replies)).to.include(kb.t(lang, 'bot.restart', { caseNote }));
      expect(choicesOf(replies)).to.deep.equal(
        ['data', 'sms', 'voice', 'csd', 'case_status', 'agent'].map((k) => kb.t(lang, `bot.choice.${k}`)),
      );
      // Picking a topic starts that flow from the top.
      const again = await c.say(kb.t(lang, 'bot.choice.sms'));
      expect(allText(again)).to.include(kb.t(lang, 'flows.sms.intro'));
      expect((await getCase(server.baseUrl, caseId)).status).to.equal('open');
    });
  }

  for (const [lang, stop] of [
    ['en', 'cancel'],
    ['es', 'empezar de nuevo'],
  ] as const) {
    it(`after "${stop}", the same problem described again continues the case: no second case (${lang})`, async () => {
      const { c, caseId } = await midFlow(lang);
      const userId = `anon-int-${n}`;
      await c.say(stop);
      const again = await c.say(OPENERS.data[lang]);
      expect(allText(again)).to.include(kb.t(lang, 'bot.case.continued', { caseId }));
      expect(caseIdIn(again), 'the same case number').to.equal(caseId);
      expect(kb.promptIn(again, lang), 'the checks start again').to.include({ nodeId: 'ask_active' });
      const cases = await fetch(`${server.baseUrl}/api/cases`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      const mine = (
        (await cases.json()) as { cases: Array<{ id: string; contactUserId: string }> }
      ).cases.filter((x) => x.contactUserId === userId);
      expect(mine.map((x) => x.id)).to.deep.equal([caseId]);
      // Another service is another problem: a new case.
      await c.say(stop);
      const sms = await c.say(OPENERS.sms[lang]);
      expect(caseIdIn(sms)).to.not.equal(caseId);
    });
  }

  for (const [lang, person] of [
    ['en', 'talk to a person'],
    ['es', 'quiero hablar con una persona'],
  ] as const) {
    it(`"${person}" hands the flow's case over from any step (${lang})`, async () => {
      for (const answersBefore of [0, 1]) {
        const { c, caseId } = await midFlow(lang);
        if (answersBefore) {
          const next = await c.say(kb.t(lang, 'flows.sim_state.ask_active.activated'));
          expect(kb.promptIn(next, lang)).to.include({ nodeId: 'ask_abroad' });
        }
        const replies = await c.say(person);
        expect(allText(replies)).to.include(kb.t(lang, 'bot.handoff.customer_request', { caseId }));
        const api = await getCase(server.baseUrl, caseId);
        expect(api.status).to.equal('queued');
        expect(api.handoffReason).to.equal('customer_request');
      }
    });
  }

  for (const lang of ['en', 'es'] as const) {
    it(`two answers in a row that fit no option hand over as not understood, in the flow's language (${lang})`, async () => {
      const { c, caseId } = await midFlow(lang);
      const first = await c.say('xyzzy plugh');
      expect(allText(first)).to.include(kb.t(lang, 'bot.flow.didNotUnderstand'));
      expect(first[first.length - 1]?.text).to.equal(askActive(lang));
      const second = await c.say('qwerty asdf');
      expect(allText(second)).to.include(kb.t(lang, 'bot.handoff.not_understood', { caseId }));
      const api = await getCase(server.baseUrl, caseId);
      expect(api.status).to.equal('queued');
      expect(api.handoffReason).to.equal('not_understood');
    });
  }

  it('one unclear answer followed by a good one carries on (the count resets)', async () => {
    const { c } = await midFlow('en');
    await c.say('xyzzy plugh');
    const ok = await c.say('Activated');
    expect(kb.promptIn(ok, 'en')).to.include({ nodeId: 'ask_abroad' });
    const unclear = await c.say('banana');
    expect(allText(unclear)).to.include(kb.t('en', 'bot.flow.didNotUnderstand'));
    expect(unclear[unclear.length - 1]?.text).to.equal(askAbroad('en'));
  });
});
