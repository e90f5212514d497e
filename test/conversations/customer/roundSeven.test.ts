import { expect } from 'chai';
import { type Conversation, customerConversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load } = shippedKnowledgeText();
const NORDLYS_SIM = '8946070000000000092';
const ACME_SIM = '8946070000000000019';

/**
 * Issue 12, seventh round: what the probes and the seventh blind set showed.
 */
describe('customer conversations: round seven', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es', user?: string): Conversation =>
    customerConversation(server.baseUrl, stub.url, lang, user);

  for (const [lang, words, count] of [
    ['es', 'buenas, los contadores de gas no envian lecturas desde el viernes, son unos 120', 120],
    ['es', 'las alarmas de los clientes no mandan datos desde anoche, serán como 150.', 150],
    ['en', 'our parking meters stopped sending data this morning, there are about 130 of those', 130],
    ['en', 'gas meters have had no data since Friday, around 140, all on the same plan', 140],
  ] as const) {
    it(`${lang}: "${words}" keeps the count said at the end of a clause, and it raises the priority`, async () => {
      const conv = customer(lang);
      await conv.say(words);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.affectedCount).to.equal(count);
      // Over a hundred devices of a standard fleet without data is P2; one SIM would be P3.
      expect(c?.priority.level).to.equal('P2');
    });
  }

  for (const [lang, words, count] of [
    ['en', 'our trackers abroad stopped reporting, 20 or so of them', 20],
    ['es', 'los contadores de la zona sur, 70 y pico, no mandan datos', 70],
    ['en', 'a couple hundred alarm panels have no data since the storm', 200],
    ['es', 'miles de contadores sin datos desde esta mañana', 1000],
  ] as const) {
    it(`${lang}: "${words}" keeps a rough or spelled-out count`, async () => {
      const conv = customer(lang);
      await conv.say(words);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.affectedCount).to.equal(count);
    });
  }

  for (const [lang, words] of [
    ['en', 'gateways down. urgent. get me someone now'],
    ['en', 'our meters are dead, put me through to a person asap'],
    ['es', 'contadores caídos, urgente, pásame con alguien ya'],
    ['es', 'los concentradores no mandan nada, quiero hablar con un agente'],
  ] as const) {
    it(`${lang} VIP: "${words}" reaches a person at P1 with a case about the problem`, async () => {
      const conv = customer(lang, 'demo-vip');
      await conv.say(words);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.status).to.equal('queued');
      expect(c?.severity).to.equal('outage');
      expect(c?.category).to.equal('data');
      expect(c?.priority.level).to.equal('P1');
    });
  }

  for (const [lang, words] of [
    ['en', 'urgent - the concentrator on the sim ending in 0092 lost its connection, I need an engineer'],
    ['es', 'urgente, el router con el número +47 912 34 092 no conecta, que me llame alguien'],
    ['es', 'la sim que acaba en 092 no tiene datos, es urgente'],
  ] as const) {
    it(`${lang} VIP: "${words}" puts the SIM named on the case the person gets`, async () => {
      const conv = customer(lang, 'demo-vip');
      await conv.say(words);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.status).to.equal('queued');
      expect(c?.sims).to.deep.equal([NORDLYS_SIM]);
    });
  }

  it('a SIM of another organisation named beside a request for a person is not attached', async () => {
    const conv = customer('en', 'demo-vip');
    await conv.say(`urgent, the sim ${ACME_SIM} has no data, I need a person`);
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.sims).to.deep.equal([]);
  });

  for (const [lang, words] of [
    ['en', 'can I talk to someone about a problem with my invoice?'],
    ['es', 'necesito hablar con alguien, tengo un problema con la factura'],
  ] as const) {
    it(`${lang}: "${words}" is no device problem: the person gets a question`, async () => {
      const conv = customer(lang);
      await conv.say(words);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.severity).to.equal('question');
    });
  }

  for (const [lang, words] of [
    ['es', 'quiero hablar con alguien, el router no va'],
    ['en', "let me talk to a person, my router won't connect"],
  ] as const) {
    it(`${lang} consumer with one SIM: "${words}" gives the person that SIM on the case`, async () => {
      const conv = customer(lang, 'demo-consumer');
      await conv.say(words);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.status).to.equal('queued');
      expect(c?.sims).to.deep.equal(['8946070000000000100']);
    });
  }
});
