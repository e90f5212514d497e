import { expect } from 'chai';
import type { Lang } from '../../../bot/domain/language.js';
import { allText, choicesOf, Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();
const APN_SIM = '8946070000000000027';
const GERMANY_SIM = '8946070000000000050';

/**
 * Issue 12, round 2 (a trial from outside): language identification from knowledge data and sticky for
 * neutral messages; pasted modem output and fleet filters at "which SIM?"; "done" and "I don't know" to
 * "does it work now?"; a person is promised only when the handoff happens; articles show only public plans and
 * the customer's own. Over the real HTTP endpoint, English and Spanish, several phrasings each.
 */
describe('customer conversations: issue 12 round 2', function () {
  this.timeout(120_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: Lang, userId = 'demo-user'): Conversation =>
    new Conversation(server.baseUrl, {
      userId,
      locale: lang === 'es' ? 'es-ES' : 'en-GB',
      serviceUrl: stub.url,
    });
  const problem = (lang: Lang): string =>
    lang === 'es' ? 'los rastreadores no tienen datos' : 'no data on our trackers';

  describe('language: from the message, sticky when it shows none', () => {
    for (const text of [
      'quiero pedir 500 sims nuevas',
      'necesito 200 tarjetas sim mas',
      'queremos 50 sims',
    ]) {
      it(`"${text}" in an English-locale chat is answered in Spanish, as an order`, async () => {
        const replies = await customer('en').say(text);
        await expectLanguage(replies, 'es');
        expect(joined(replies)).to.contain(t('es', 'bot.request.start.order'));
      });
    }
    for (const neutral of ['8946070000000000027', '0027', 'ok', '+CEREG: 0,1']) {
      it(`"${neutral}" keeps a Spanish conversation in Spanish`, async () => {
        const conv = customer('en');
        await expectLanguage(await conv.say('mis contadores no mandan datos desde ayer'), 'es');
        await expectLanguage(await conv.say(neutral), 'es');
      });
    }
  });

  describe('pasted modem output at "which SIM?" is evidence', () => {
    for (const [lang, output, key] of [
      ['en', '+CME ERROR: 10', 'finding.MODEM_SIM_NOT_INSERTED.explanation'],
      ['en', 'AT+CSQ\n+CSQ: 99,99\n\nOK', 'finding.MODEM_SIGNAL_UNKNOWN.explanation'],
      ['es', '+CEREG: 0,3', 'finding.MODEM_REGISTRATION_DENIED.explanation'],
      ['es', '+CGATT: 0', 'finding.MODEM_NOT_ATTACHED.explanation'],
    ] as const) {
      it(`${lang}: "${output.replace(/\n/g, ' ')}" is read and explained, then the SIM asked again`, async () => {
        const conv = customer(lang);
        await conv.say(problem(lang));
        const replies = await conv.say(output);
        const said = joined(replies);
        expect(said).to.contain(t(lang, key).split('{')[0]);
        expect(said).to.contain(t(lang, 'bot.sim.afterEvidence'));
        expect(said).to.not.contain(t(lang, 'bot.sim.noReference'));
        await expectLanguage(replies, lang);
      });
    }
  });

  describe('fleet filters at "which SIM?"', () => {
    for (const [lang, answer] of [
      ['en', 'the ones in Germany'],
      ['en', 'the German ones'],
      ['en', 'the roaming ones'],
      ['es', 'los de Alemania'],
      ['es', 'las alemanas'],
    ] as const) {
      it(`${lang}: "${answer}" narrows the fleet and puts its SIMs on the case`, async () => {
        const conv = customer(lang);
        await conv.say(problem(lang));
        const replies = await conv.say(answer);
        expect(joined(replies)).to.not.contain(t(lang, 'bot.sim.noReference'));
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.sims).to.include(GERMANY_SIM);
      });
    }
  });

  describe('"done" and "I don\'t know" to "does it work now?"', () => {
    for (const [lang, done] of [
      ['en', 'ok done, I changed it'],
      ['en', "I've changed it"],
      ['es', 'listo, ya lo cambié'],
      ['es', 'hecho'],
    ] as const) {
      it(`${lang}: "${done}" checks the SIM again instead of taking it as a yes`, async () => {
        const conv = customer(lang);
        await conv.say(lang === 'es' ? `la SIM ${APN_SIM} no tiene datos` : `no data on ${APN_SIM}`);
        const replies = await conv.say(done);
        expect(joined(replies)).to.contain(t(lang, 'bot.flow.recheck.same').split('{')[0]);
        expect(choicesOf(replies)).to.include(t(lang, 'flows.common.yes'));
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.status).to.equal('open');
      });
    }
    for (const [lang, unsure] of [
      ['en', "I'm not sure"],
      ['en', 'no idea'],
      ['es', 'no sé'],
      ['es', 'ni idea'],
    ] as const) {
      it(`${lang}: "${unsure}" is understood, and said twice the checks go on`, async () => {
        const conv = customer(lang);
        await conv.say(lang === 'es' ? `la SIM ${APN_SIM} no tiene datos` : `no data on ${APN_SIM}`);
        const first = await conv.say(unsure);
        expect(joined(first)).to.contain(t(lang, 'bot.flow.recheck.same').split('{')[0]);
        const second = await conv.say(unsure);
        const said = joined([...first, ...second]);
        expect(said).to.not.contain(t(lang, 'bot.flow.didNotUnderstand'));
        expect(joined(second)).to.not.contain(t(lang, 'bot.flow.recheck.same').split('{')[0]);
        await expectLanguage(second, lang);
      });
    }
  });

  describe('a person is promised only when a person takes over', () => {
    for (const [lang, first, then] of [
      ['en', '+CEREG: 0,3', 'cancel'],
      ['en', 'the modem says +CME ERROR: 13', 'Skip'],
      ['es', 'el módem dice +CEREG: 0,3', 'cancelar'],
    ] as const) {
      it(`${lang}: "${first}" then "${then}": nobody is promised, nobody is queued`, async () => {
        const conv = customer(lang);
        const said = allText([...(await conv.say(first)), ...(await conv.say(then))]);
        expect(said).to.not.match(/an agent (will|can)|un agente (revisar|puede)/i);
        const cases = await casesOf(server.baseUrl, conv.id);
        expect(cases.every((c) => c.status !== 'queued' && c.status !== 'with_agent')).to.equal(true);
      });
    }
    it('a denial on a deactivated SIM: the colleague promised is a queued case', async () => {
      const conv = customer('en');
      const said = allText(await conv.say('8946070000000000035 shows +CEREG: 0,3'));
      const [c] = await casesOf(server.baseUrl, conv.id);
      if (/colleague/i.test(said)) expect(c?.status).to.equal('queued');
    });
  });

  describe('articles show public plans and the customer’s own only (two organisations)', () => {
    for (const [lang, question] of [
      ['en', 'what APN should our trackers use?'],
      ['en', 'how do I change my APN?'],
      ['es', '¿qué APN tengo que poner?'],
    ] as const) {
      it(`${lang}: "${question}" — Acme never sees Nordlys's private plan; Nordlys sees it`, async () => {
        const acme = allText(await customer(lang).say(question));
        expect(acme).to.contain('iot.firstline.example');
        expect(acme).to.not.contain('meter.nordlys').and.to.not.contain('Metering Critical');
        const nordlys = allText(await customer(lang, 'demo-vip').say(question));
        expect(nordlys).to.contain('meter.nordlys.firstline.example');
        const stranger = allText(await customer(lang, 'someone-unknown').say(question));
        expect(stranger).to.not.contain('meter.nordlys');
      });
    }
    it('the order form offers only public and own plans', async () => {
      const conv = customer('es');
      await conv.say('queremos pedir 20 sims');
      const buttons = choicesOf(await conv.say('nano'));
      expect(buttons).to.include('IoT Connect EU').and.to.not.include('Metering Critical');
    });
  });
});
