import { expect } from 'chai';
import { Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();
/** IoT Data Only: no SMS, no voice. */
const DATA_ONLY_SIM = '8946070000000000068';

/**
 * Issue 12, seventh round (blind7): what a message asks for — the service the customer names wins over the one
 * their trade suggests; a question the knowledge answers is answered, whatever purpose it adds; "we need N
 * (more) SIMs" is an order, as a statement or a question, whatever topic the classifier guessed.
 */
describe('customer conversations: round seven (message acts)', function () {
  this.timeout(60_000);
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es'): Conversation =>
    new Conversation(server.baseUrl, { userId: 'demo-user', locale: lang === 'es' ? 'es-ES' : 'en-GB' });

  for (const [lang, report, sim] of [
    [
      'en',
      "The emergency phone in the lift at our Riverside block can't send its alarm texts any more",
      'its the sim ending in 0068',
    ],
    ['en', "the elevator emergency phone isn't texting the alarm company anymore", 'ending 0068'],
    ['es', 'el teléfono de emergencia del ascensor ya no manda los SMS de alarma', 'la que acaba en 0068'],
  ] as const) {
    it(`${lang}: "${report}" runs the SMS flow, not the voice one a lift phone suggests`, async () => {
      const conv = customer(lang);
      await conv.say(report);
      const replies = await conv.say(sim);
      expect(joined(replies)).to.not.contain(t(lang, 'flows.voice.intro'));
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.sims).to.include(DATA_ONLY_SIM);
      const findings = c?.findings.map((f) => f.code) ?? [];
      expect(findings).to.include('SMS_NOT_IN_PLAN');
      expect(findings).to.not.include('VOICE_NOT_IN_PLAN');
    });
  }

  for (const [lang, question] of [
    ['en', "What's the PIN for the SIMs you sent us? I need it to activate the alarm panels"],
    ['en', 'what PIN do the new cards have? we want to activate the panels today'],
    [
      'es',
      'Hola, ¿cuál es el PIN de las tarjetas que nos mandasteis? Lo necesito para dar de alta las centralitas de alarma',
    ],
    ['es', '¿Qué PIN traen las SIM? Vamos a activar los equipos mañana'],
    ['es', '¿me podéis decir el PIN de las tarjetas? es para dar de alta los equipos'],
  ] as const) {
    it(`${lang}: "${question}" is answered from the SIM PIN article, with no request or case`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(question);
      expect(joined(replies)).to.contain('AT+CPIN?');
      expect(joined(replies)).to.contain(t(lang, 'bot.article.more'));
      expect(joined(replies)).to.not.contain(t(lang, 'bot.request.start.service_request'));
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
  }

  it('en: "Can you activate the SIM ending 0035?" still asks for the change (a service request)', async () => {
    const conv = customer('en');
    const replies = await conv.say('Can you activate the SIM ending 0035?');
    expect(joined(replies)).to.contain(t('en', 'bot.request.start.service_request'));
  });

  const orders: Array<[lang: 'en' | 'es', message: string, quantity: string, formFactor: string]> = [
    ['es', 'Necesitamos 120 micro sims mas para los tractores de la cooperativa', '120', '3ff'],
    ['es', 'Necesitamos 200 sims mas para la cooperativa', '200', '4ff'],
    ['en', 'could we get 100 more micro sims for the tractors?', '100', '3ff'],
    ['en', 'can we get another 60 nano SIMs for the harvesters?', '60', '4ff'],
  ];
  for (const [lang, message, quantity, formFactor] of orders) {
    it(`${lang}: "${message}" is an order for ${quantity} (${formFactor}), not a person nor an incident`, async () => {
      const conv = customer(lang);
      const started = await conv.say(message);
      expect(joined(started)).to.contain(t(lang, 'bot.request.start.order'));
      expect(joined(started)).to.not.contain(t(lang, 'request.ask.quantity'));
      await expectLanguage(started, lang);
      if (joined(started).includes(t(lang, 'request.ask.formFactor')))
        await conv.say(t(lang, `request.formFactor.${formFactor}`));
      await conv.say('IoT Nordic Data');
      await conv.say('Cooperativa Campo Verde, Camino del Molino s/n, 50600 Ejea de los Caballeros');
      await conv.say(t(lang, 'bot.request.send'));
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('order');
      expect(c?.request?.['quantity']).to.equal(quantity);
      expect(c?.request?.['formFactor']).to.equal(formFactor);
      expect(c?.handoffReason).to.equal(undefined);
    });
  }

  it('en: "we need more micro sims for the tractors" is an order that asks how many', async () => {
    const conv = customer('en');
    const started = await conv.say('we need more micro sims for the tractors');
    expect(joined(started)).to.contain(t('en', 'bot.request.start.order'));
    expect(joined(started)).to.contain(t('en', 'request.ask.quantity'));
  });
});
