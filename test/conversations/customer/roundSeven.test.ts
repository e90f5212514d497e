import { expect } from 'chai';
import { type Conversation, customerConversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load } = shippedKnowledgeText();

/**
 * Issue 12, seventh round: what the probes and the seventh blind set showed.
 */
describe('customer conversations: round seven', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es'): Conversation => customerConversation(server.baseUrl, stub.url, lang);

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
});
