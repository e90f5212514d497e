import { expect } from 'chai';
import { allText, type Conversation, customerConversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, joined } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();

/**
 * Identifiers given while the case waits in the queue go on the case's SIM list (the customer's own SIMs
 * only), and a problem report that names a fleet filter and a count ("about 30 of our vending machines have had
 * no data session") keeps the count and narrows the fleet to the SIMs without a session.
 */
describe('customer conversations: SIMs given in the queue, fleet filters in reports', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es'): Conversation => customerConversation(server.baseUrl, stub.url, lang);

  for (const [lang, ask, sim, expected] of [
    [
      'es',
      'necesito hablar con un asesor',
      'es por el medidor con la SIM 8946070000000000027, no transmite',
      '8946070000000000027',
    ],
    [
      'en',
      'I want to talk to a person',
      "it's about the tracker whose SIM ends in 0043",
      '8946070000000000043',
    ],
    ['en', 'can I speak to an agent please', 'the number is +46721234076', '8946070000000000076'],
  ] as const) {
    it(`${lang}: "${sim}" while queued attaches ${expected} to the case and says so`, async () => {
      const conv = customer(lang);
      await conv.say(ask);
      const [queued] = await casesOf(server.baseUrl, conv.id);
      expect(queued?.status).to.equal('queued');
      const replies = await conv.say(sim);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.sims).to.include(expected);
      expect(joined(replies)).to.contain(
        t(lang, 'desk.customer.simsAdded', {
          sims: `${expected.slice(0, 4)}…${expected.slice(-4)}`,
          id: c?.id ?? '',
        }),
      );
    });
  }

  for (const [lang, ask, other] of [
    ['en', 'I want to talk to a person', 'it is SIM 8946070000000000092'],
    ['es', 'quiero hablar con una persona', 'es la SIM 8946070000000000092'],
  ] as const) {
    it(`${lang}: another organisation's ICCID while queued is not attached`, async () => {
      const conv = customer(lang);
      await conv.say(ask);
      const replies = await conv.say(other);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.sims).to.not.include('8946070000000000092');
      expect(joined(replies)).to.contain(t(lang, 'desk.customer.simsNotYours', { sims: '8946…0092' }));
    });
  }

  for (const [lang, message, count] of [
    ['en', 'about 30 of our vending machines have had no data session since last night', 30],
    ['en', '40 parking meters have been offline since this morning', 40],
    ['es', 'unas 25 máquinas expendedoras llevan sin sesión de datos desde ayer', 25],
  ] as const) {
    it(`${lang}: "${message}" keeps ${count} and checks only the SIMs without a session`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(message);
      const cards = allText(replies);
      expect(cards).to.contain(t(lang, 'bot.fleet.filter.noSession'));
      expect(cards).to.contain('8946…0027');
      expect(cards).to.not.contain('8946…0019');
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.affectedCount).to.equal(count);
    });
  }
});
