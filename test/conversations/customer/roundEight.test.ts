import { expect } from 'chai';
import { Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();

/**
 * Issue 12, eighth round: what the helpers' notes left open — a need told as a statement ("necesito el PIN…")
 * is the question it stands for, while needing SIMs stays an order and a change asked for stays a request;
 * "all" / "todas" alone at "which SIM?" is every SIM, like the button.
 */
describe('customer conversations: round eight', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es'): Conversation =>
    new Conversation(server.baseUrl, {
      userId: 'demo-user',
      locale: lang === 'es' ? 'es-ES' : 'en-GB',
      serviceUrl: stub.url,
    });

  for (const [lang, need, shows] of [
    ['es', 'necesito el PIN de la SIM acabada en 0043', 'AT+CPIN?'],
    ['es', 'necesito el PIN de las tarjetas nuevas', 'AT+CPIN?'],
    ['en', 'I need the PIN for the new cards', 'AT+CPIN?'],
    ['en', 'we need to know the PIN', 'AT+CPIN?'],
    ['en', 'I need the SMSC number', 'AT+CSCA?'],
    ['es', 'necesitamos el numero del centro de mensajes', 'AT+CSCA?'],
  ] as const) {
    it(`${lang}: "${need}" is answered from the article, with no case and no request`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(need);
      expect(joined(replies)).to.contain(shows);
      expect(joined(replies)).to.contain(t(lang, 'bot.article.more'));
      expect(joined(replies)).to.not.contain(t(lang, 'bot.request.start.order'));
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
  }

  for (const [lang, need] of [
    ['en', 'we need new SIMs with the right APN'],
    ['es', 'necesitamos unas tarjetas nuevas con el APN correcto'],
    ['es', 'necesito tarjetas nuevas'],
  ] as const) {
    it(`${lang}: "${need}" needs SIMs: an order, whatever article it names`, async () => {
      const replies = await customer(lang).say(need);
      expect(joined(replies)).to.contain(t(lang, 'bot.request.start.order'));
      expect(joined(replies)).to.not.contain(t(lang, 'bot.article.more'));
    });
  }

  for (const need of ['I need the data limit raised on 0043', 'we need roaming enabled on the SIM ending 0035']) {
    it(`en: "${need}" asks for a change: a service request, not an article`, async () => {
      const replies = await customer('en').say(need);
      expect(joined(replies)).to.contain(t('en', 'bot.request.start.service_request'));
    });
  }

  for (const [lang, report, all] of [
    ['en', 'our trackers stopped sending data', 'all'],
    ['en', 'the trackers have no data since this morning', 'all of them'],
    ['en', 'trackers offline', 'every one'],
    ['es', 'los localizadores no mandan datos', 'todas'],
    ['es', 'los equipos no tienen datos desde esta mañana', 'todos'],
  ] as const) {
    it(`${lang}: "${all}" at "which SIM?" checks every SIM, like the button`, async () => {
      const conv = customer(lang);
      const asked = await conv.say(report);
      expect(joined(asked)).to.contain(t(lang, 'bot.sim.ask'));
      const replies = await conv.say(all);
      expect(joined(replies)).to.not.contain(t(lang, 'bot.sim.askAgain'));
      expect(joined(replies)).to.contain(t(lang, 'bot.sim.fleetChecking'));
      expect(JSON.stringify(replies)).to.contain(t(lang, 'simCard.fleetTitle'));
      await expectLanguage(replies, lang);
    });
  }
});
