import { expect } from 'chai';
import type { Lang } from '../../../bot/domain/language.js';
import { renderArticle } from '../../../bot/knowledgeBase/articleIndex.js';
import type { KnowledgeBase } from '../../../bot/knowledgeBase/knowledgeBase.js';
import { loadKnowledgeBase } from '../../../bot/knowledgeBase/loadKnowledgeBase.js';
import { type Conversation, customerConversation } from '../../helpers/conversation.js';
import { TEST_KNOWLEDGE_DIR } from '../../helpers/knowledgeDir.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();

/**
 * Issue 12, sixth round (the blind6 root causes): "what happens if/once…" asks how things work even when it
 * names a symptom; a question about when someone is there is answered, not queued; asking to (re)activate,
 * suspend or cancel a SIM is a service request, also when it says the SIM was cancelled "por error".
 */
describe('customer conversations: round six (blind6 root causes)', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  let kb: KnowledgeBase | undefined;
  before(load);
  before(async () => {
    kb = (await loadKnowledgeBase(TEST_KNOWLEDGE_DIR)).kb;
  });

  const customer = (lang: Lang): Conversation => customerConversation(server.baseUrl, stub.url, lang);

  /** The first line of an article's answer, as the bot renders it. */
  const articleLine = (id: string, lang: Lang): string => {
    const article = kb?.articles.get(id);
    if (!kb || !article) throw new Error(`no article ${id}`);
    return renderArticle(article, lang, kb.plans.list()).split('\n')[0] ?? '';
  };

  const answered = async (lang: Lang, question: string, article: string): Promise<void> => {
    const conv = customer(lang);
    const replies = await conv.say(question);
    expect(joined(replies)).to.contain(articleLine(article, lang));
    expect(joined(replies)).to.not.match(/CS-\d+/);
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    await expectLanguage(replies, lang);
  };

  describe('A: "what happens if…" asks how it works', () => {
    for (const [lang, question, article] of [
      ['en', 'what happens if a SIM runs out of data?', 'data_limit'],
      ['en', 'hey, what would happen once our meters use up the monthly data allowance?', 'data_limit'],
      ['en', 'what happens when a tracker goes over its data limit?', 'data_limit'],
      ['en', 'what happens when roaming is blocked?', 'roaming_countries'],
      ['es', '¿qué pasa cuando una SIM agota sus datos del mes?', 'data_limit'],
      ['es', '¿qué ocurre si un localizador se queda sin datos?', 'data_limit'],
      ['es', 'una pregunta: ¿qué pasaría si superamos el bono de datos mensual?', 'data_limit'],
    ] as const) {
      it(`${lang}: "${question}" gets the ${article} article, no case`, () =>
        answered(lang, question, article));
    }

    for (const [lang, question] of [
      ['en', 'what happens if we suspend a SIM?'],
      ['en', "what happens if the plan doesn't include SMS?"],
      ['es', '¿qué pasa si damos de baja una SIM?'],
    ] as const) {
      it(`${lang}: "${question}" with no article for it is a question for the team — no incident, no change`, async () => {
        const conv = customer(lang);
        const replies = await conv.say(question);
        expect(joined(replies)).to.contain(t(lang, 'bot.request.start.information_request'));
        // A question for the team goes to it at once (requests.json: information requests need no "send").
        const cases = await casesOf(server.baseUrl, conv.id);
        expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
        expect(cases[0]?.request?.['question']).to.equal(question);
        await expectLanguage(replies, lang);
      });
    }

    for (const [lang, report] of [
      ['en', 'our meters have no data since monday - what happens if we reboot them?'],
      ['es', 'los contadores no tienen datos desde el lunes, ¿qué pasa si los reiniciamos?'],
    ] as const) {
      it(`${lang}: a problem told before "what happens if" ("${report}") is still a problem`, async () => {
        const conv = customer(lang);
        await conv.say(report);
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.type).to.equal('incident');
      });
    }
  });

  describe('B: a question about when someone is there is answered, not queued', () => {
    for (const [lang, question] of [
      ['en', 'do you guys have someone on call on sundays? our lifts run 24/7'],
      ['en', 'is there anyone on duty at night?'],
      ['en', 'are your engineers available on bank holidays?'],
      ['es', '¿hay alguien de guardia los fines de semana?'],
      ['es', '¿tenéis técnicos disponibles por la noche? nuestros ascensores funcionan 24/7'],
      ['es', '¿atendéis en festivos?'],
    ] as const) {
      it(`${lang}: "${question}" gets the opening hours, no case, no handoff`, () =>
        answered(lang, question, 'opening_hours'));
    }

    for (const [lang, request] of [
      ['en', 'can someone call me'],
      ['en', 'I need to talk to a person now'],
      ['es', 'pásame con alguien'],
      ['es', 'quiero hablar con una persona'],
    ] as const) {
      it(`${lang}: a real request for a person ("${request}") still hands off`, async () => {
        const conv = customer(lang);
        await conv.say(request);
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.status).to.equal('queued');
      });
    }
  });

  describe('C: changing a SIM state is a service request with the SIM', () => {
    for (const [lang, request, sims] of [
      [
        'en',
        'please reactivate SIM 8946070000000000035, we deactivated it by mistake',
        ['8946070000000000035'],
      ],
      ['en', 'we cancelled 8946070000000000035 in error, can you turn it back on?', ['8946070000000000035']],
      [
        'en',
        'suspend these two SIMs: 8946070000000000019 and 8946070000000000027',
        ['8946070000000000019', '8946070000000000027'],
      ],
      [
        'es',
        'por favor, reactivad la SIM 8946070000000000035, la dimos de baja por error',
        ['8946070000000000035'],
      ],
      ['en', 'please reactivate the SIM ending 0035, it was cancelled by mistake', ['8946070000000000035']],
      ['en', 'suspend 0019 and 0027 please', ['8946070000000000019', '8946070000000000027']],
      ['es', 'dad de baja la SIM 8946070000000000019', ['8946070000000000019']],
      ['es', 'reactivad la SIM acabada en 0035, la dimos de baja por error', ['8946070000000000035']],
      ['es', 'reactiven la 8946070000000000035 por favor, fue un error nuestro', ['8946070000000000035']],
    ] as const) {
      it(`${lang}: "${request}" opens a service request on ${sims.join(', ')}`, async () => {
        const conv = customer(lang);
        const replies = await conv.say(request);
        expect(joined(replies)).to.contain(t(lang, 'bot.request.start.service_request'));
        await expectLanguage(replies, lang);
        await conv.say(t(lang, 'bot.request.send'));
        const [c] = await casesOf(server.baseUrl, conv.id);
        expect(c?.type).to.equal('service_request');
        expect(c?.sims).to.have.members([...sims]);
      });
    }

    for (const [lang, request] of [
      ['en', 'can you activate the SIMs we got last week'],
      ['es', 'activad las SIM que recibimos la semana pasada'],
    ] as const) {
      it(`${lang}: "${request}" (no SIM named) is a service request too`, async () => {
        const conv = customer(lang);
        const replies = await conv.say(request);
        expect(joined(replies)).to.contain(t(lang, 'bot.request.start.service_request'));
        expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      });
    }
  });
});
