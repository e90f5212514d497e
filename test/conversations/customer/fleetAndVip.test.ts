import { expect } from 'chai';
import { allText, Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();

/**
 * Issue 12, classes 8 and 9: what the customer says about the fleet narrows it (country, roaming, state) and
 * their count is kept on the case and drives its priority; "I don't know / many" is an answer to "which
 * SIM?", and an urgent VIP report reaches a person at once.
 */
describe('customer conversations: fleets, counts, and VIPs', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (userId: string, lang: 'en' | 'es'): Conversation =>
    new Conversation(server.baseUrl, {
      userId,
      locale: lang === 'es' ? 'es-ES' : 'en-GB',
      serviceUrl: stub.url,
    });
  const germanyTitle = (lang: 'en' | 'es'): string =>
    t(lang, 'simCard.fleetTitle.filtered', {
      which: t(lang, 'bot.fleet.filter.in', { countries: lang === 'es' ? 'Alemania' : 'Germany' }),
    });

  for (const [lang, message] of [
    ['en', '300 of our trackers in Germany stopped sending data'],
    ['en', 'about 300 trackers in Germany have no data since this morning'],
    ['es', 'unos 300 localizadores en Alemania no envían datos'],
  ] as const) {
    it(`${lang}: "${message}" narrows to the SIMs in Germany, checks the one there and keeps 300 on the case (priority P2)`, async () => {
      const conv = customer('demo-user', lang);
      const replies = await conv.say(message);
      const cards = allText(replies);
      expect(cards).to.contain(germanyTitle(lang));
      expect(cards).to.contain('8946070000000000050');
      expect(cards).to.not.contain('0019');
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.sims).to.deep.equal(['8946070000000000050']);
      expect(c?.findings.map((f) => f.code)).to.include('ROAMING_NOT_ALLOWED');
      expect(c?.affectedCount).to.equal(300);
      expect(c?.priority.level).to.equal('P2');
      await expectLanguage(replies, lang);
    });
  }

  for (const [lang, answer] of [
    ['en', 'the ones in Germany'],
    ['es', 'las de Alemania'],
  ] as const) {
    it(`${lang}: "${answer}" at "which SIM?" selects the fleet's German SIM and checks it`, async () => {
      const conv = customer('demo-user', lang);
      await conv.say(lang === 'es' ? 'mis rastreadores no tienen datos' : 'my trackers have no data');
      const replies = await conv.say(answer);
      expect(joined(replies)).to.not.contain(t(lang, 'bot.sim.noReference'));
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.sims).to.deep.equal(['8946070000000000050']);
      expect(c?.findings.map((f) => f.code)).to.include('ROAMING_NOT_ALLOWED');
    });
  }

  it('en: "about 200 of them" at "which SIM?" keeps the count on the case', async () => {
    const conv = customer('demo-user', 'en');
    await conv.say('our trackers have no data');
    await conv.say('about 200 of them, all over Sweden');
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.affectedCount).to.be.at.least(200);
    expect(c?.priority.level).to.equal('P2');
  });

  for (const [lang, answer] of [
    ['en', "I don't know, there are lots of them"],
    ['es', 'no lo sé, son muchos'],
  ] as const) {
    it(`${lang}: "${answer}" at "which SIM?" is an answer: the fleet is checked for them`, async () => {
      const conv = customer('demo-user', lang);
      await conv.say(lang === 'es' ? 'mis rastreadores no tienen datos' : 'my trackers have no data');
      const replies = await conv.say(answer);
      expect(joined(replies)).to.not.contain(t(lang, 'bot.sim.noReference'));
      expect(joined(replies)).to.contain(t(lang, 'bot.sim.fleetChecking'));
      await expectLanguage(replies, lang);
    });
  }

  for (const [lang, message] of [
    ['es', 'nuestros contadores no mandan lecturas desde hace 2 dias, es urgente'],
    ['en', 'our meters stopped reporting an hour ago, this is urgent'],
    ['en', 'URGENT: smart meters offline'],
  ] as const) {
    it(`${lang}: an urgent VIP report ("${message}") reaches a person in the first turn, at P1`, async () => {
      const conv = customer('demo-vip', lang);
      const replies = await conv.say(message);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.status).to.equal('queued');
      expect(c?.handoffReason).to.equal('vip_incident');
      expect(c?.priority.level).to.equal('P1');
      expect(joined(replies)).to.contain(
        t(lang, 'bot.handoff.vip_incident', { caseId: c?.id ?? '', priority: 'P1' }),
      );
      expect(joined(replies)).to.not.contain(t(lang, 'bot.sim.ask'));
      await expectLanguage(replies, lang);
    });
  }

  for (const [lang, answer] of [
    ['es', 'no lo sé, son muchos'],
    ['en', 'no idea, most of them'],
  ] as const) {
    it(`${lang}: a VIP who cannot name the SIMs ("${answer}") goes to a person at once`, async () => {
      const conv = customer('demo-vip', lang);
      await conv.say(
        lang === 'es' ? 'los contadores no mandan lecturas' : 'our meters stopped sending readings',
      );
      const replies = await conv.say(answer);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.status).to.equal('queued');
      expect(c?.priority.level).to.equal('P1');
      expect(joined(replies)).to.not.contain(t(lang, 'bot.sim.noReference'));
      await expectLanguage(replies, lang);
    });
  }
  for (const [lang, message, count] of [
    ['es', 'Tenemos como 2000 medidores caídos, necesito que alguien lo vea ya', 2000],
    ['en', 'roughly 1500 meters are down, put me through to an engineer', 1500],
    ['es', 'se nos cayeron 800 contadores, pásame con un técnico por favor', 800],
    ['es', 'se han caído todos los contadores del norte, es crítico, que alguien lo mire ya', undefined],
  ] as const) {
    it(`${lang}: a person asked for with a problem and a count ("${message}") gets a case about it, the count kept, at P1`, async () => {
      const conv = customer('demo-vip', lang);
      const replies = await conv.say(message);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.status).to.equal('queued');
      if (count) expect(c?.affectedCount).to.equal(count);
      expect(c?.severity).to.equal('outage');
      expect(c?.priority.level).to.equal('P1');
      await expectLanguage(replies, lang);
    });
  }

  for (const [lang, message] of [
    ['en', "I'd rather deal with a person, please"],
    ['es', 'quiero hablar con alguien'],
  ] as const) {
    it(`${lang}: a plain request for a person ("${message}") is no problem report: a question, one SIM`, async () => {
      const conv = customer('demo-user', lang);
      await conv.say(message);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.status).to.equal('queued');
      expect(c?.severity).to.equal('question');
      expect(c?.affectedCount).to.equal(1);
    });
  }
});
