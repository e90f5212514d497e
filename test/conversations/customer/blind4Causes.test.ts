import { expect } from 'chai';
import { type Conversation, customerConversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, joined } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load } = shippedKnowledgeText();
const GERMAN_SIM = '8946070000000000050';

/**
 * Issue 12, fourth round (the blind4 root causes): "outside X" in a fleet question, a filter that narrows the
 * fleet to one SIM checks it, device-noun counts, works-again phrasings, "back to the bot" as a first message.
 */
describe('customer conversations: round four (blind4 root causes)', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es'): Conversation => customerConversation(server.baseUrl, stub.url, lang);

  for (const [lang, words] of [
    ['en', 'which of our SIMs are outside Sweden right now?'],
    ['es', '¿qué SIM están fuera de Suecia ahora mismo?'],
  ] as const) {
    it(`${lang}: "${words}" lists the SIM abroad, opens no case`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(words);
      expect(joined(replies)).to.contain('0050');
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    });
  }

  for (const [lang, words, count] of [
    ['en', 'roughly 70 beacons in Germany went quiet', 70],
    ['es', 'unas 45 balizas en Alemania sin datos', 45],
  ] as const) {
    it(`${lang}: "${words}" keeps the count and checks the one German SIM`, async () => {
      const conv = customer(lang);
      await conv.say(words);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.affectedCount).to.be.at.least(count);
      expect(c?.sims).to.include(GERMAN_SIM);
      expect(c?.findings.map((f) => f.code)).to.include('ROAMING_NOT_ALLOWED');
    });
  }

  for (const [lang, first, back] of [
    ['en', 'SIM 8946070000000000019 stopped sending data', "never mind, it's back, the plug was out"],
    ['es', 'la SIM 8946070000000000084 no se conecta', 'listo, anda de nuevo'],
  ] as const) {
    it(`${lang}: "${back}" resolves the case`, async () => {
      const conv = customer(lang);
      await conv.say(first);
      await conv.say(back);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.status).to.equal('resolved');
    });
  }

  it('es: "quiero regresar con el bot" as a first message opens no case', async () => {
    const conv = customer('es');
    await conv.say('quiero regresar con el bot');
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });
});
