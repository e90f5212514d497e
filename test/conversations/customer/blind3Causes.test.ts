import { expect } from 'chai';
import { choicesOf, type Conversation, customerConversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();
const SIM = (tail: string): string => `89460700000000000${tail}`;

/**
 * Issue 12, third round (the blind3 root causes): a SIM named by its last digits in the first message, "back
 * to the bot" on an open case, a language switch that is no handoff, the P1 response target, a fleet filter at
 * the SIM prompt, request routing (a change on a named SIM, a price question, a coverage question), voseo.
 */
describe('customer conversations: round three (blind3 root causes)', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es', userId = 'demo-user'): Conversation =>
    customerConversation(server.baseUrl, stub.url, lang, userId);

  describe('a SIM named by its last digits in the first message is looked up among their SIMs', () => {
    for (const [lang, words, tail, finding] of [
      ['en', 'sim 0043 stopped getting data this morning', '43', 'DATA_LIMIT_REACHED'],
      ['en', 'our 0027 tracker is offline, no data', '27', 'APN_MISMATCH'],
      ['es', 'el chip 0043 se quedó sin datos', '43', 'DATA_LIMIT_REACHED'],
      ['es', 'a la 0068 no le llegan los mensajes', '68', 'SMS_NOT_IN_PLAN'],
    ] as const) {
      it(`${lang}: "${words}" checks …${tail} without asking which SIM`, async () => {
        const conv = customer(lang);
        const replies = await conv.say(words);
        expect(joined(replies)).to.not.contain(t(lang, 'bot.sim.ask'));
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.sims).to.include(SIM(tail));
        expect(c?.findings.map((f) => f.code)).to.include(finding);
        await expectLanguage(replies, lang);
      });
    }

    for (const [lang, words] of [
      ['en', 'sim 7311 has no data'],
      ['es', 'la 7311 no tiene datos'],
    ] as const) {
      it(`${lang}: "${words}" — digits none of their SIMs end in — says so, asks again, opens nothing yet`, async () => {
        const conv = customer(lang);
        const replies = await conv.say(words);
        expect(joined(replies)).to.contain(t(lang, 'bot.sim.notFound', { ref: '`7311`' }));
        expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      });
    }

    for (const [lang, words] of [
      ['en', 'the sim ending 471 is offline'],
      ['es', 'la que termina en 471 está sin datos'],
    ] as const) {
      it(`${lang}: "${words}" — digits two of their SIMs end in — lists them as buttons, one tap checks it`, async () => {
        const conv = customer(lang);
        const replies = await conv.say(words);
        const picks = [
          t(lang, 'bot.sim.endingIn', { digits: '0027' }),
          t(lang, 'bot.sim.endingIn', { digits: '0043' }),
        ];
        expect(choicesOf(replies)).to.include.members(picks);
        await conv.say(picks[1] ?? '');
        expect((await casesOf(server.baseUrl, conv.id))[0]?.sims).to.deep.equal([SIM('43')]);
      });
    }

    for (const [lang, words] of [
      ['en', 'about 2000 meters lost data since 0800'],
      ['es', 'unos 300 contadores sin datos desde las 0930'],
    ] as const) {
      it(`${lang}: counts and times are not SIMs ("${words}")`, async () => {
        const conv = customer(lang);
        const replies = await conv.say(words);
        expect(joined(replies)).to.not.contain(t(lang, 'bot.sim.notFound', { ref: '' }).slice(0, 20));
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.affectedCount).to.be.greaterThan(1);
      });
    }
  });

  describe('"back to the bot" on an open case stays with the bot', () => {
    for (const [lang, words] of [
      ['en', 'let me stay with teh bot'],
      ['en', 'no need for a person, carry on with the bot'],
      ['es', 'volvé al bot, dale'],
      ['es', 'regresa al bot por favor'],
    ] as const) {
      it(`${lang}: "${words}" mid-checks: no queue, the question again`, async () => {
        const conv = customer(lang);
        await conv.say(lang === 'es' ? `la SIM ${SIM('19')} no tiene datos` : `no data on ${SIM('19')}`);
        const replies = await conv.say(words);
        expect(joined(replies)).to.contain(t(lang, 'bot.backToBot.continue'));
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.status).to.equal('open');
        expect(c?.sims).to.include(SIM('19'));
        await expectLanguage(replies, lang);
      });
    }

    it('while queued: "back to the bot" takes the case out of the queue and says so', async () => {
      const conv = customer('es');
      await conv.say('las alarmas de la sim 0043 no mandan sms, quiero hablar con una persona');
      expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('queued');
      const replies = await conv.say('volvé al bot');
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(joined(replies)).to.contain(t('es', 'desk.customer.leftQueue', { id: c?.id ?? '' }));
      expect(c?.status).to.equal('open');
    });

    it('while queued for a person with nothing told: "back to the bot" withdraws the empty case and says so', async () => {
      const conv = customer('es');
      await conv.say('quiero hablar con una persona');
      const [queued] = await casesOf(server.baseUrl, conv.id);
      expect(queued?.status).to.equal('queued');
      const replies = await conv.say('volvé al bot');
      expect(joined(replies)).to.contain(
        t('es', 'desk.customer.leftQueueWithdrawn', { id: queued?.id ?? '' }),
      );
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    });
  });

  describe('a language switch is not a handoff', () => {
    for (const [from, to, first, words] of [
      ['en', 'es', 'our trackers have no data', '¿podemos hablar en español? ¿y ahora qué?'],
      ['en', 'es', 'our trackers have no data', 'could you continue in Spanish, my colleague reads this'],
      ['es', 'en', 'los localizadores no tienen datos', 'can we switch to English? what now?'],
      ['es', 'en', 'los localizadores no tienen datos', 'English please'],
    ] as const) {
      it(`${from}→${to}: "${words}" at the SIM question asks it again in ${to}`, async () => {
        const conv = customer(from);
        await conv.say(first);
        const replies = await conv.say(words);
        expect(joined(replies)).to.contain(t(to, 'bot.language.switched'));
        expect(joined(replies)).to.contain(t(to, 'bot.sim.askAgain'));
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.status).to.equal('open');
        expect(c?.lang).to.equal(to);
        await expectLanguage(replies, to);
      });
    }

    it("in the middle of an order form: the form's question again, in Spanish", async () => {
      const conv = customer('en');
      await conv.say('we would like to order some new SIM cards');
      const replies = await conv.say('could you write to me in Spanish?');
      expect(joined(replies)).to.contain(t('es', 'bot.language.switched'));
      expect(joined(replies)).to.contain(t('es', 'request.ask.quantity'));
      await expectLanguage(replies, 'es');
    });

    it('with an answer in it ("in Spanish please — still nothing") the answer is taken, in Spanish', async () => {
      const conv = customer('en');
      await conv.say(`no data on ${SIM('27')}`);
      const replies = await conv.say('seguimos en español por favor, ya cambié el APN y sigue igual');
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.status).to.equal('open');
      expect(c?.lang).to.equal('es');
      await expectLanguage(replies, 'es');
    });
  });

  describe('the P1 response target is said', () => {
    for (const [lang, report, status] of [
      ['en', `urgent: ${SIM('92')} has no data`, 'any update on my case?'],
      ['es', `es urgente, la ${SIM('92')} sin datos`, '¿en qué estado está mi caso?'],
    ] as const) {
      it(`${lang}: when a VIP case is queued, and when its status is asked while waiting`, async () => {
        const conv = customer(lang, 'demo-vip');
        const queued = await conv.say(report);
        expect(joined(queued)).to.contain(t(lang, 'cases.response.P1'));
        const replies = await conv.say(status);
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.status).to.equal('queued');
        // The customer gets the status (not only "added for the agent"), with the P1 target.
        const said = t(lang, 'desk.customer.statusQueued', { id: c?.id ?? '' }).split('{')[0] ?? '';
        expect(joined(replies)).to.contain(said);
        expect(joined(replies)).to.contain(t(lang, 'cases.response.P1'));
        await expectLanguage(replies, lang);
      });
    }
  });

  for (const [lang, ask, wait] of [
    ['en', 'put me through to someone please', 'how long do I still have to wait?'],
    ['es', 'pásame con alguien, por favor', '¿cuánto falta para que me atiendan?'],
  ] as const) {
    it(`${lang}: "${wait}" while queued gets the status and the response target`, async () => {
      const conv = customer(lang);
      await conv.say(ask);
      const replies = await conv.say(wait);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.status).to.equal('queued');
      expect(joined(replies)).to.contain(t(lang, `cases.response.${c?.priority.level ?? 'P4'}`));
      await expectLanguage(replies, lang);
    });
  }

  describe('a fleet filter at the SIM prompt selects the matching SIMs', () => {
    for (const [lang, first, filter] of [
      ['en', 'about 25 of our vans abroad have no data', 'those that are in Germany'],
      ['es', 'unas 25 furgonetas no tienen datos', 'las que están en Alemania'],
    ] as const) {
      it(`${lang}: "${filter}" puts the German SIM on the case and checks it`, async () => {
        const conv = customer(lang);
        await conv.say(first);
        const replies = await conv.say(filter);
        expect(joined(replies)).to.not.contain(t(lang, 'flows.sim_state.ask_active').slice(0, 30));
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.sims).to.include(SIM('50'));
        expect(c?.findings.map((f) => f.code)).to.include('ROAMING_NOT_ALLOWED');
        await expectLanguage(replies, lang);
      });
    }
  });

  describe('request routing', () => {
    for (const [lang, words] of [
      ['en', `please increase the data limit on ${SIM('43')}, it runs out every month`],
      ['es', 'subile el límite de datos a la 0043, porfa'],
    ] as const) {
      it(`${lang}: a change on a named SIM ("${words}") is a service request`, async () => {
        const conv = customer(lang);
        const replies = await conv.say(words);
        expect(joined(replies)).to.contain(t(lang, 'bot.request.start.service_request'));
        await expectLanguage(replies, lang);
      });
    }

    for (const [lang, words] of [
      ['en', 'how much does a static IP cost per SIM?'],
      ['es', '¿cuánto cuesta la IP fija? ¿la ofrecen para todas las SIM?'],
    ] as const) {
      it(`${lang}: a price question ("${words}") is an information request, not a change`, async () => {
        const conv = customer(lang);
        const replies = await conv.say(words);
        expect(joined(replies)).to.contain(t(lang, 'bot.request.start.information_request'));
        expect(joined(replies)).to.not.contain(t(lang, 'bot.request.start.service_request'));
      });
    }

    for (const [lang, words] of [
      ['en', 'will the SIMs keep working if we ship the devices to Italy?'],
      ['es', '¿sirven los chips en Francia?'],
    ] as const) {
      it(`${lang}: a coverage question ("${words}") gets the roaming article, no case`, async () => {
        const conv = customer(lang);
        const replies = await conv.say(words);
        expect(joined(replies)).to.contain(t(lang, 'bot.article.more'));
        expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      });
    }
  });

  describe('questions that read like something else', () => {
    for (const [lang, words, article] of [
      ['en', 'the router wants a PIN after every restart, how do I turn that off?', 'sim_pin'],
      ['en', 'will somebody be there on Saturday night if something goes wrong?', 'opening_hours'],
      ['es', 'el módem pide el PIN en cada arranque, ¿cómo lo quito?', 'sim_pin'],
    ] as const) {
      it(`${lang}: "${words}" gets the ${article} article, no case`, async () => {
        const conv = customer(lang);
        const replies = await conv.say(words);
        expect(joined(replies)).to.contain(t(lang, 'bot.article.more'));
        expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      });
    }

    it('es: "¿cuáles de nuestros chips andan en roaming?" is answered from the look-up', async () => {
      const conv = customer('es');
      const replies = await conv.say('¿cuáles de nuestros chips están en roaming ahora?');
      expect(joined(replies)).to.contain('0050');
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    });
  });

  describe('voseo', () => {
    it('"fijate qué pasa con la 0043" troubleshoots the SIM named', async () => {
      const conv = customer('es');
      const replies = await conv.say('fijate qué le pasa a la 0043');
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('incident');
      expect(c?.sims).to.include(SIM('43'));
      await expectLanguage(replies, 'es');
    });

    it('"decime cómo cambio el APN" gets the article, no case', async () => {
      const conv = customer('es');
      const replies = await conv.say('decime cómo cambio el APN del módem');
      expect(joined(replies)).to.contain(t('es', 'bot.article.more'));
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    });

    it('"cerrá el caso nomás" mid-checks closes the case', async () => {
      const conv = customer('es');
      await conv.say(`la ${SIM('76')} no puede llamar`);
      const replies = await conv.say('listo, cerrá el caso nomás');
      expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('closed');
      await expectLanguage(replies, 'es');
    });
  });
});
