import { expect } from 'chai';
import { choicesOf, Conversation } from '../../helpers/conversation.js';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { ADMIN, casesOf, expectLanguage, joined } from '../../helpers/replies.js';
import { useTestServer } from '../../helpers/server.js';

const { load, t } = shippedKnowledgeText();
/** A knowledge text up to its first placeholder. */
const lead = (lang: 'en' | 'es', key: string): string => (t(lang, key).split('{')[0] ?? '').trim();

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
      // Everything known: the order is open at the summary (a customer who leaves there loses nothing).
      const [atSummary] = await casesOf(server.baseUrl, conv.id);
      expect(joined(summary))
        .to.contain(lead(lang, 'bot.request.summary'))
        .and.to.contain(atSummary?.id ?? '?');
      expect(atSummary?.timeline?.map((e) => e.event)).to.not.include('request_confirmed');
      const opened = await conv.say(t(lang, 'bot.request.send'));
      const [c, ...more] = await casesOf(server.baseUrl, conv.id);
      expect(more).to.deep.equal([]);
      expect(c?.id).to.equal(atSummary?.id);
      expect(c?.timeline?.map((e) => e.event)).to.include('request_confirmed');
      expect(c?.type).to.equal('order');
      expect(c?.request).to.deep.equal({
        quantity,
        formFactor: '4ff',
        plan: 'IoT Connect EU',
        address: 'Acme Logistics, Storgatan 1, 111 22 Stockholm, Sweden',
      });
      const type = t(lang, 'bot.caseType.order');
      expect(joined(opened)).to.contain(t(lang, 'bot.request.confirmed', { caseId: c?.id ?? '', type }));
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
    it(`${lang}: more detail told at a change's summary goes on the open request`, async () => {
      const conv = customer(lang);
      const first = await conv.say(message);
      expect(choicesOf(first)).to.include(t(lang, 'bot.request.send'));
      const [opened] = await casesOf(server.baseUrl, conv.id);
      expect(opened?.request?.['change']).to.not.contain(detail);
      await conv.say(detail);
      const [c, ...more] = await casesOf(server.baseUrl, conv.id);
      expect(more).to.deep.equal([]);
      expect(c?.id).to.equal(opened?.id);
      expect(c?.type).to.equal('service_request');
      expect(c?.request?.['change']).to.contain(detail);
    });
  }

  for (const [lang, order, correction, quantity] of [
    [
      'en',
      'we need 120 nano SIMs on IoT Connect EU, deliver to Acme Logistics, Unit 4 Harbour Road, Felixstowe IP11 3XX',
      'actually make it 150, not 120',
      '150',
    ],
    [
      'es',
      'queremos 40 SIM nano con el plan IoT Connect EU, enviadlas a Calle de Alcalá 45, 28014 Madrid',
      'perdón, que sean 60 y no 40',
      '60',
    ],
  ] as const) {
    it(`${lang}: a correction after the summary ("${correction}") changes the order already open, nothing new`, async () => {
      const conv = customer(lang);
      const summary = await conv.say(order);
      const [opened] = await casesOf(server.baseUrl, conv.id);
      expect(opened?.type).to.equal('order');
      expect(joined(summary)).to.contain(opened?.id ?? '?');
      const updated = await conv.say(correction);
      expect(joined(updated)).to.contain(
        t(lang, 'bot.request.summaryUpdated', { caseId: opened?.id ?? '', lines: '' }).split('\n')[0] ?? '',
      );
      await expectLanguage(updated, lang);
      // A customer who leaves here loses nothing: the order is open with the corrected quantity.
      const [c, ...more] = await casesOf(server.baseUrl, conv.id);
      expect(more).to.deep.equal([]);
      expect([c?.id, c?.status, c?.request?.['quantity']]).to.deep.equal([opened?.id, 'open', quantity]);
      expect(c?.timeline?.map((e) => e.event)).to.include('request_amended');
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
