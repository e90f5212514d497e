import { expect } from 'chai';
import { choicesOf, type Conversation, customerConversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();
const APN_COMMAND = 'AT+CGDCONT=1,"IP","iot.firstline.example"';

/**
 * Issue 12, round 3: asking what to type gets the command even when the message names the error; support
 * hours come from their article; orders in Latin-American Spanish ("ocupamos chips", "líneas") are orders; a
 * SIM named in a request is on its case; a VIP report about many SIMs reaches a person at once, at P1.
 */
describe('customer conversations: round three (instructions, hours, orders, requests, VIP fleets)', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es', userId = 'demo-user'): Conversation =>
    customerConversation(server.baseUrl, stub.url, lang, userId);

  for (const [lang, question] of [
    ['en', 'what do I enter on the gateway to set the APN? it keeps replying ERROR'],
    ['en', 'the exact command for the APN please, our installer gets an error'],
    ['es', '¿qué pongo en el módem para el APN? me da error'],
    ['es', 'pásame el comando AT para el APN, el instalador tiene un problema'],
  ] as const) {
    it(`${lang}: "${question}" gets the pasteable command and no case`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(question);
      expect(joined(replies)).to.contain(APN_COMMAND);
      expect(joined(replies)).to.not.match(/[“”]/);
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
  }

  it('pasted modem output with the question is evidence: it is troubleshot (a case)', async () => {
    const conv = customer('en');
    await conv.say('what command do I type? the modem answers +CME ERROR: 10');
    expect(await casesOf(server.baseUrl, conv.id)).to.have.length(1);
  });

  for (const [lang, question] of [
    ['en', 'is anybody there on saturdays?'],
    ['en', 'are your agents around on sundays?'],
    ['es', '¿atienden los domingos?'],
    ['es', 'cuál es vuestro horario de soporte?'],
  ] as const) {
    it(`${lang}: "${question}" gets the support hours article, no case and no queue`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(question);
      expect(joined(replies)).to.contain('24/7');
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
  }

  for (const [lang, message, quantity] of [
    ['es', 'ocupo 30 chips nuevos, nano, plan IoT Connect EU, mándenlos a Calle 10 #45, Medellín', '30'],
    [
      'es',
      'requerimos 120 líneas más, micro sim, plan IoT Connect EU, enviarlas a Av. Reforma 222, CDMX',
      '120',
    ],
    [
      'en',
      'we need 60 more chips, nano, IoT Connect EU plan, ship them to 4 Dock Street, Hull HU1 1AA',
      '60',
    ],
  ] as const) {
    it(`${lang}: "${message}" is an order with everything read from the message`, async () => {
      const conv = customer(lang);
      const first = await conv.say(message);
      expect(choicesOf(first)).to.include(t(lang, 'bot.request.send'));
      const replies = await conv.say(lang === 'es' ? 'sí' : 'yes');
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('order');
      expect(c?.request?.quantity).to.equal(quantity);
      expect(c?.request?.address).to.match(/\d/);
      await expectLanguage(replies, lang);
    });
  }

  it('es: a bare "sí, correcto" is not taken as the delivery address', async () => {
    const conv = customer('es');
    await conv.say('ocupamos 25 chips más, nano, plan IoT Connect EU');
    const replies = await conv.say('sí, correcto');
    expect(joined(replies)).to.contain(t('es', 'request.ask.address'));
  });

  for (const [lang, message, sim] of [
    ['en', 'please suspend 8946070000000000027, the vehicle was scrapped', '8946070000000000027'],
    ['en', 'can you switch 8946070000000000050 to a plan with roaming in Germany?', '8946070000000000050'],
    ['es', 'queremos dar de baja la 8946070000000000043, el equipo se retiró', '8946070000000000043'],
  ] as const) {
    it(`${lang}: "${message}" opens a request with the SIM on the case`, async () => {
      const conv = customer(lang);
      await conv.say(message);
      await conv.say(lang === 'es' ? 'sí' : 'yes');
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('service_request');
      expect(c?.sims).to.deep.equal([sim]);
    });
  }

  for (const [lang, message, count] of [
    ['en', 'around 800 meters in Tromsø went offline overnight', 800],
    ['en', 'hundreds of our meters are not reporting', undefined],
    ['es', 'se han caído 500 contadores en Stavanger', 500],
  ] as const) {
    it(`${lang} VIP: "${message}" is P1 and handed to a person at once`, async () => {
      const conv = customer(lang, 'demo-vip');
      const replies = await conv.say(message);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.status).to.equal('queued');
      expect(c?.handoffReason).to.equal('vip_incident');
      expect(c?.priority.level).to.equal('P1');
      if (count) expect(c?.affectedCount).to.equal(count);
      await expectLanguage(replies, lang);
    });
  }
});
