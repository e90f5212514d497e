import { expect } from 'chai';
import { choicesOf, Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();

/**
 * Issue 12, class 4: orders, service and information requests are recognised in both languages and collect
 * what operations needs (for an order: quantity, SIM type, plan, delivery address) before the case opens.
 */
describe('customer conversations: orders and requests', function () {
  this.timeout(60_000);
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  before(load);

  const customer = (lang: 'en' | 'es'): Conversation =>
    new Conversation(server.baseUrl, { userId: 'demo-user', locale: lang === 'es' ? 'es-ES' : 'en-GB' });

  const orders: Array<[lang: 'en' | 'es', message: string, quantity: string]> = [
    ['en', 'I want to order 500 new SIMs', '500'],
    ['en', 'we need 200 more SIM cards for a new project', '200'],
    ['en', 'can we buy 1,000 extra SIMs?', '1000'],
    ['es', 'quiero pedir 500 sims nuevas', '500'],
    ['es', 'necesito 200 tarjetas sim mas', '200'],
    ['es', 'queremos hacer un pedido de 50 tarjetas', '50'],
  ];
  for (const [lang, message, quantity] of orders) {
    it(`${lang}: "${message}" collects SIM type, plan and address, then opens an order with them`, async () => {
      const conv = customer(lang);
      const started = await conv.say(message);
      expect(joined(started)).to.contain(t(lang, 'bot.request.start.order'));
      expect(joined(started)).to.contain(t(lang, 'request.ask.formFactor'));
      // The quantity was in the message: not asked again.
      expect(joined(started)).to.not.contain(t(lang, 'request.ask.quantity'));
      await expectLanguage(started, lang);
      expect(joined(await conv.say(t(lang, 'request.formFactor.4ff')))).to.contain(
        t(lang, 'request.ask.plan'),
      );
      expect(joined(await conv.say('IoT Connect EU'))).to.contain(t(lang, 'request.ask.address'));
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      const summary = await conv.say('Acme Logistics, Storgatan 1, 111 22 Stockholm, Sweden');
      expect(joined(summary)).to.contain(quantity).and.to.contain(t(lang, 'request.formFactor.4ff'));
      await expectLanguage(summary, lang);
      const opened = await conv.say(t(lang, 'bot.request.send'));
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('order');
      expect(c?.request).to.deep.equal({
        quantity,
        formFactor: '4ff',
        plan: 'IoT Connect EU',
        address: 'Acme Logistics, Storgatan 1, 111 22 Stockholm, Sweden',
      });
      expect(joined(opened)).to.contain(t(lang, 'bot.request.opened.order', { caseId: c?.id ?? '' }));
      await expectLanguage(opened, lang);
    });
  }

  for (const [lang, message, answer, address] of [
    [
      'en',
      'we need to order 40 nano sims on IoT Connect EU',
      'deliver to Unit 4, Riverside Park, Leeds LS1 4AP',
      'Unit 4, Riverside Park, Leeds LS1 4AP',
    ],
    [
      'es',
      'queremos hacer un pedido de 250 SIM nano para el plan IoT Connect EU',
      'enviadlas a Calle de Alcalá 45, 28014 Madrid',
      'Calle de Alcalá 45, 28014 Madrid',
    ],
    [
      'es',
      'necesitamos 100 sims nano, plan IoT Connect EU',
      'Mándenlos a: Av. Insurgentes Sur 1602, CDMX.',
      'Av. Insurgentes Sur 1602, CDMX',
    ],
  ] as const) {
    it(`${lang}: an address answered with a lead-in ("${answer}") is stored without it`, async () => {
      const conv = customer(lang);
      expect(joined(await conv.say(message))).to.contain(t(lang, 'request.ask.address'));
      expect(joined(await conv.say(answer))).to.contain(address);
      await conv.say(t(lang, 'bot.request.send'));
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.request?.['address']).to.equal(address);
    });
  }

  it('en: asks the quantity when the message has none, and reads typed answers ("nano", "2")', async () => {
    const conv = customer('en');
    expect(joined(await conv.say('I would like to order SIM cards'))).to.contain(
      t('en', 'request.ask.quantity'),
    );
    expect(joined(await conv.say('about 300'))).to.contain(t('en', 'request.ask.formFactor'));
    await conv.say('nano please');
    await conv.say('2');
    const summary = await conv.say('Acme, Box 12, Malmö');
    expect(joined(summary)).to.contain('300').and.to.contain('IoT Nordic Data');
  });

  for (const [lang, message] of [
    ['en', 'please activate 20 SIMs'],
    ['en', 'we need to change the plan of our trackers'],
    ['es', 'necesitamos activar la itinerancia en 30 SIM'],
    ['es', 'quiero dar de baja 5 tarjetas'],
  ] as const) {
    it(`${lang}: "${message}" is a service request, sent after a summary`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(message);
      expect(joined(replies)).to.contain(t(lang, 'bot.request.start.service_request'));
      await expectLanguage(replies, lang);
      let last = replies;
      if (joined(last).includes(t(lang, 'request.ask.sims')))
        last = await conv.say(lang === 'es' ? 'todas' : 'all of them');
      expect(choicesOf(last)).to.include(t(lang, 'bot.request.send'));
      await conv.say(t(lang, 'bot.request.send'));
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('service_request');
      expect(c?.request?.['change']).to.equal(message);
    });
  }

  it('es: an information request is opened at once in Spanish with the question (it changes nothing: no summary to confirm)', async () => {
    const conv = customer('es');
    const replies = await conv.say('¿me podéis enviar la lista de precios?');
    expect(joined(replies)).to.contain(t('es', 'bot.request.start.information_request'));
    expect(joined(replies)).not.to.contain(t('es', 'bot.request.send'));
    await expectLanguage(replies, 'es');
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('information_request');
    expect(c?.request?.['question']).to.equal('¿me podéis enviar la lista de precios?');
    expect(joined(replies)).to.contain(c?.id);
  });

  for (const [lang, message, detail] of [
    [
      'en',
      'The tracker ending 0043 keeps hitting its data cap. Can you raise its limit to 1 GB?',
      'just that one SIM for now, thanks',
    ],
    ['es', 'Necesito que activéis otra vez la SIM 0035 para un camión nuevo', 'la semana que viene, gracias'],
  ] as const) {
    it(`${lang}: more detail told at a change's summary goes on the request and sends it`, async () => {
      const conv = customer(lang);
      const first = await conv.say(message);
      expect(choicesOf(first)).to.include(t(lang, 'bot.request.send'));
      expect(await casesOf(server.baseUrl, conv.id)).to.have.length(0);
      await conv.say(detail);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('service_request');
      expect(c?.request?.['change']).to.contain(detail);
    });
  }

  it('es: a correction told where the address was asked corrects the order instead of becoming the address', async () => {
    const conv = customer('es');
    await conv.say('Queremos pedir 120 SIM micro para los localizadores nuevos, plan IoT Connect EU');
    const fixed = await conv.say('uy perdón, que sean 150 y no 120. Y en formato nano, no micro');
    expect(joined(fixed)).to.contain(t('es', 'request.ask.address'));
    const summary = await conv.say(
      'Envío a: Acme Logistics, Calle de la Logística 8, 28823 Coslada (Madrid)',
    );
    expect(joined(summary)).to.contain('150').and.to.contain(t('es', 'request.formFactor.4ff'));
    expect(joined(summary)).to.contain('Calle de la Logística 8');
    await conv.say(t('es', 'bot.request.send'));
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.request).to.include({ quantity: '150', formFactor: '4ff' });
    expect(c?.request?.['address']).to.match(/^Acme Logistics, Calle de la Logística 8/);
  });
});
