import { expect } from 'chai';
import { allText, Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();
const APN_SIM = '8946070000000000027';

/**
 * Issue 12, class 7: every reply of a turn is in one language — the customer's latest clear one — including
 * what the desk says about the case (the case follows the switch), and names that are ours are translated.
 */
describe("customer conversations: one language per turn, the customer's latest", function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (userId: string, locale: string): Conversation =>
    new Conversation(server.baseUrl, { userId, locale, serviceUrl: stub.url });

  it('a Spanish start then English: the handoff and the queue line come in English, and the case follows', async () => {
    const conv = customer('demo-user', 'es-ES');
    await expectLanguage(await conv.say('mis rastreadores no tienen datos'), 'es');
    const replies = await conv.say("I'd like to talk to a person, please");
    await expectLanguage(replies, 'en');
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(joined(replies)).to.contain(
      t('en', 'desk.customer.queued', { position: 1, id: c?.id ?? '' }).slice(0, 30),
    );
    expect(c?.lang).to.equal('en');
  });

  it('an English start then Spanish in the middle of the checks: the rest of the turn is Spanish', async () => {
    const conv = customer('demo-user', 'en-GB');
    await expectLanguage(await conv.say(`no data on ${APN_SIM}`), 'en');
    const replies = await conv.say('no, sigue sin funcionar');
    await expectLanguage(replies, 'es');
    expect((await casesOf(server.baseUrl, conv.id))[0]?.lang).to.equal('es');
  });

  it('a message that shows no language ("0043", a plan name) keeps the conversation\'s', async () => {
    const conv = customer('demo-user', 'es-ES');
    await conv.say('mis rastreadores no tienen datos');
    await expectLanguage(await conv.say('0043'), 'es');
  });

  it("a first message without a greeting uses the channel's locale when it shows no language itself", async () => {
    const replies = await customer('demo-user', 'es-ES').say('8946070000000000019');
    await expectLanguage(replies, 'es');
  });

  it("our own demo organisation's name is translated in the Spanish greeting", async () => {
    const welcome = allText(await customer('demo-consumer', 'es-ES').join());
    expect(welcome).to.contain('Cliente particular').and.to.not.contain('Private customer');
    expect(allText(await customer('demo-consumer', 'en-GB').join())).to.contain('Private customer');
  });

  it("a follow-up button answers in the conversation's language", async () => {
    const conv = customer('demo-user', 'es-ES');
    await conv.say(`la SIM ${APN_SIM} no tiene datos`);
    const resolved = await conv.say('sí');
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(joined(resolved)).to.contain(t('es', 'bot.resolved', { caseId: c?.id ?? '' }));
    const kept = await conv.submit({ followUpAction: 'keep_open', caseId: c?.id ?? '' });
    await expectLanguage(kept, 'es');
  });
});
