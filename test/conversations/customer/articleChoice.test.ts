import { expect } from 'chai';
import { Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();

/**
 * Misses of earlier held-out sets: a question is answered by the article that answers *it* — "which command
 * shows the signal / coverage?" by the signal article (not an offer of an information request), "which
 * access point do the terminals need?" by the APN-per-plan article (which APN), not by how to change it.
 */
describe('customer conversations: the article that answers the question asked', function () {
  this.timeout(60_000);
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es'): Conversation =>
    new Conversation(server.baseUrl, { userId: 'demo-user', locale: lang === 'es' ? 'es-ES' : 'en-GB' });

  // What only each article's answer says.
  const SIGNAL = { en: '`AT+CSQ`', es: '`AT+CSQ`' };
  const APN_OF_PLAN = { en: "The APN depends on the SIM's plan", es: 'El APN depende del plan de la SIM' };
  const CHANGE_APN = { en: 'AT+CFUN=0', es: 'AT+CFUN=0' };
  type Marker = Record<'en' | 'es', string>;
  const cases: Array<[lang: 'en' | 'es', question: string, shows: Marker, not: Marker]> = [
    ['en', 'which AT command shows signal strength?', SIGNAL, CHANGE_APN],
    ['en', 'what command do I use to see the coverage?', SIGNAL, CHANGE_APN],
    ['en', 'which AT command tells me the reception?', SIGNAL, CHANGE_APN],
    ['es', '¿con qué comando AT miro la cobertura?', SIGNAL, CHANGE_APN],
    ['es', '¿cómo miro la cobertura?', SIGNAL, CHANGE_APN],
    ['es', 'con que comando veo la cobertura del modem', SIGNAL, CHANGE_APN],
    ['es', 'qué punto de acceso hay que poner en los datáfonos?', APN_OF_PLAN, CHANGE_APN],
    ['es', '¿qué punto de acceso usan los contadores?', APN_OF_PLAN, CHANGE_APN],
    ['en', 'which access point do we set on the payment terminals?', APN_OF_PLAN, CHANGE_APN],
    ['en', 'what access point should the meters use?', APN_OF_PLAN, CHANGE_APN],
    // How to change it stays the how-to article.
    ['en', 'how do I change the access point name?', CHANGE_APN, APN_OF_PLAN],
    ['es', '¿cómo cambio el punto de acceso en el módem?', CHANGE_APN, APN_OF_PLAN],
    ['en', 'which AT command sets the APN?', CHANGE_APN, APN_OF_PLAN],
    ['es', '¿qué comando pongo para el APN?', CHANGE_APN, APN_OF_PLAN],
  ];
  for (const [lang, question, shows, not] of cases) {
    it(`${lang}: "${question}" gets the article that answers it, with no case`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(question);
      const text = joined(replies);
      expect(text).to.contain(shows[lang]);
      expect(text).to.not.contain(not[lang]);
      expect(text).to.contain(t(lang, 'bot.article.more'));
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
  }
});
