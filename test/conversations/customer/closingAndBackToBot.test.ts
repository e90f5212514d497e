import { expect } from 'chai';
import { choicesOf, Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';
import { apiJson } from '../../helpers/cases.js';

const { load, t } = shippedKnowledgeText();
const APN_SIM = '8946070000000000027';

/**
 * Issue 12, classes 5 and 6: the customer closes their own case — in words or with a button — and "back to
 * the bot" when nobody has them never queues them for a person nor changes a case's handoff reason.
 */
describe('customer conversations: closing a case, and "back to the bot"', function () {
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
  const queued = async (): Promise<number> =>
    (await apiJson<{ count: number }>(server.baseUrl, '/api/cases?status=queued', ADMIN)).count;

  describe('ending their own case in words (works again = resolved, even with "close it"; withdrawn = closed)', () => {
    for (const [lang, words] of [
      ['en', "never mind, it's working again now"],
      ['en', 'forget it, it works again'],
      ['en', 'cheers, the trackers are reporting again'],
      ['en', 'it came back by itself a minute ago'],
      ['es', 'olvídalo, ya funciona'],
      ['es', 'déjalo, ya vuelve a funcionar'],
      ['es', 'ya no hace falta, volvieron a conectar solas'],
      ['es', 'ya quedó, ya reportan'],
      ['es', 'no hace falta, ya esta solucionado, gracias'],
      ['en', "no need, it's back online now"],
      ['en', "it's fixed, please close the ticket"],
      ['es', 'ya está arreglado, cerrad el caso'],
    ] as const) {
      it(`${lang}: "${words}" in the middle of the checks resolves the case and asks for a rating`, async () => {
        const conv = customer(lang);
        await conv.say(lang === 'es' ? `la SIM ${APN_SIM} no tiene datos` : `no data on ${APN_SIM}`);
        const [open] = await casesOf(server.baseUrl, conv.id);
        const replies = await conv.say(words);
        expect(joined(replies)).to.contain(t(lang, 'bot.close.glad'));
        expect(joined(replies)).to.contain(t(lang, 'followUp.resolvedByCustomer', { id: open?.id ?? '' }));
        expect(joined(replies)).to.contain(t(lang, 'followUp.rate', { id: open?.id ?? '' }));
        expect(joined(replies)).to.not.contain(t(lang, 'bot.cancelled', { caseNote: '' }).slice(0, 12));
        const [ended] = await casesOf(server.baseUrl, conv.id);
        expect(ended?.status).to.equal('resolved');
        await expectLanguage(replies, lang);
      });
    }

    for (const [lang, words] of [
      ['en', 'never mind, it was our own firewall'],
      ['es', 'olvídelo, fue culpa nuestra'],
      ['en', 'found it - our firewall was blocking the new IP range. pls close this ticket'],
      ['en', 'the installer swapped the antenna, feel free to close this one'],
      ['es', 'cierren la incidencia, era cosa del router del cliente'],
    ] as const) {
      it(`${lang}: "${words}" closes the case (withdrawn, or closing asked for) and asks for a rating`, async () => {
        const conv = customer(lang);
        await conv.say(lang === 'es' ? `la SIM ${APN_SIM} no tiene datos` : `no data on ${APN_SIM}`);
        const [open] = await casesOf(server.baseUrl, conv.id);
        const replies = await conv.say(words);
        expect(joined(replies)).to.contain(t(lang, 'followUp.closed', { id: open?.id ?? '' }));
        expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('closed');
        await expectLanguage(replies, lang);
      });
    }

    for (const [lang, words] of [
      ['en', "don't worry, it's reporting again"],
      ['es', 'ya no hace falta, se reconectaron solas'],
    ] as const) {
      it(`${lang}: "${words}" while queued for a person leaves the queue and resolves the case`, async () => {
        const conv = customer(lang);
        await conv.say(lang === 'es' ? `la SIM ${APN_SIM} no tiene datos` : `no data on ${APN_SIM}`);
        await conv.say(lang === 'es' ? 'quiero hablar con una persona' : 'I want to talk to a person');
        expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('queued');
        const replies = await conv.say(words);
        const [ended] = await casesOf(server.baseUrl, conv.id);
        expect(ended?.status).to.equal('resolved');
        expect(joined(replies)).to.contain(t(lang, 'followUp.rate', { id: ended?.id ?? '' }));
        await expectLanguage(replies, lang);
      });
    }

    for (const [lang, ask] of [
      ['en', 'please close case {id}'],
      ['en', 'you can close {id}, thanks'],
      ['es', 'cierra el caso {id} por favor'],
      ['es', 'podéis cerrar el caso {id}'],
    ] as const) {
      it(`${lang}: "${ask}" from a new conversation closes the named case`, async () => {
        const first = customer(lang);
        await first.say(`no data on ${APN_SIM}`);
        const [c] = await casesOf(server.baseUrl, first.id);
        const id = c?.id ?? '';
        const replies = await customer(lang).say(ask.replace('{id}', id));
        expect(joined(replies)).to.contain(t(lang, 'followUp.closed', { id }));
        expect((await casesOf(server.baseUrl, first.id))[0]?.status).to.equal('closed');
        await expectLanguage(replies, lang);
      });
    }
  });

  it('with a button: the case status offers "Close case", and tapping it closes the case', async () => {
    const conv = customer('en');
    await conv.say(`no data on ${APN_SIM}`);
    const [c] = await casesOf(server.baseUrl, conv.id);
    const status = await customer('en').say(`status of ${c?.id}`);
    const button = t('en', 'bot.close.button', { caseId: c?.id ?? '' });
    expect(choicesOf(status)).to.deep.equal([button]);
    const closed = await customer('en').say(button);
    expect(joined(closed)).to.contain(t('en', 'followUp.closed', { id: c?.id ?? '' }));
    expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('closed');
  });

  describe('"back to the bot" when nobody has them', () => {
    for (const [lang, words] of [
      ['en', 'back to the bot'],
      ['en', 'I want to go back to the bot please'],
      ['es', 'volver al bot'],
      ['es', 'quiero volver con el bot'],
    ] as const) {
      it(`${lang}: "${words}" as a first message is answered by the bot: no person, no case`, async () => {
        const before = await queued();
        const conv = customer(lang);
        const replies = await conv.say(words);
        expect(joined(replies)).to.contain(t(lang, 'bot.backToBot.here'));
        expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
        expect(await queued()).to.equal(before);
        await expectLanguage(replies, lang);
      });
    }

    it("never queues again nor overwrites the handoff reason of the conversation's case", async () => {
      const conv = customer('en');
      await conv.say(`no data on ${APN_SIM}`);
      await conv.say('I want to talk to a person');
      const [handed] = await casesOf(server.baseUrl, conv.id);
      expect(handed?.status).to.equal('queued');
      expect(handed?.handoffReason).to.equal('customer_request');
      await conv.say('back to the bot'); // leaves the queue (the desk)
      const again = await conv.say('back to the bot please'); // now with the bot already
      expect(joined(again)).to.contain(t('en', 'bot.backToBot.here'));
      const [after] = await casesOf(server.baseUrl, conv.id);
      expect(after?.status).to.equal('open');
      expect(after?.handoffReason).to.equal('customer_request');
    });
  });
});
