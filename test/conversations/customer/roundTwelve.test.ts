import { expect } from 'chai';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { useCustomers } from '../../helpers/customers.js';
import { casesOf, joined } from '../../helpers/replies.js';

const { load, t } = shippedKnowledgeText();

/**
 * Issue 12, twelfth round — the root causes of blind sets 20 and 21 (each played once while unseen): terse
 * customers who drip-feed a count ("heaps, bout 300", "40 of em"), "se cayeron harto gps", "q sims…", "anyone on
 * over easter", "need info pls"; resellers who write formally for their end customers — an order with every detail
 * and "could you please arrange this?", "we would like to know which SIMs…", "no hay ninguna incidencia, es solo una
 * consulta", "¿pueden comprobar si hay una incidencia general?", "2,000 of our client's vending machines".
 */
describe('customer conversations: round twelve', function () {
  this.timeout(60_000);
  const { server, customer } = useCustomers();
  before(load);

  for (const [lang, report, count, after] of [
    ['en', 'trackers down', 'heaps, bout 250', 250],
    ['en', 'all our vans in germany no data', '30 of em', 30],
  ] as const) {
    it(`${lang}: "${count}" at the question about which SIM is the count of the case`, async () => {
      const conv = customer(lang);
      await conv.say(report);
      await conv.say(count);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.affectedCount).to.be.at.least(after);
    });
  }

  it('es: "se cayeron harto gps" is a problem, not an offer to pass a question on', async () => {
    const conv = customer('es');
    const replies = await conv.say('se cayeron harto gps');
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('incident');
    expect(joined(replies)).to.not.contain(t('es', 'bot.request.offer.unanswered').split('{')[0]);
  });

  it('es: "q sims tengo desactivadas" lists the deactivated SIMs, with no case', async () => {
    const conv = customer('es');
    const replies = await conv.say('q sims tengo desactivadas');
    expect(joined(replies)).to.contain('8946070000000000035');
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });

  it('en: "anybody on over christmas or are we on our own" gets the support-hours answer', async () => {
    const conv = customer('en');
    const replies = await conv.say('anybody on over christmas or are we on our own');
    expect(joined(replies)).to.contain('24/7');
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });

  it('en: "do u do static ips? need info pls" goes to the team as an information request', async () => {
    const conv = customer('en');
    await conv.say('do u do static ips? need info pls for the meters');
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('information_request');
  });

  for (const [lang, order, quantity] of [
    [
      'en',
      'Good afternoon,\n\nOur client Kattegat Scooters would like to order 120 SIM cards for their scooters: nano format, IoT Data Only plan, delivered to Hamngatan 4, 252 21 Helsingborg.\n\nCould you please arrange this?\n\nKind regards,\nAnna',
      '120',
    ],
    [
      'es',
      'Buenos días:\n\nEn nombre de nuestro cliente Aguas del Norte necesitan 60 SIM en formato MFF2 con el plan IoT Connect EU, para entregar en Calle Mayor 3, 26001 Logroño.\n\n¿Podrían tramitar el pedido, por favor?\n\nUn saludo cordial',
      '60',
    ],
  ] as const) {
    it(`${lang}: a reseller's order with every detail and a polite "please arrange it" is an order`, async () => {
      const conv = customer(lang);
      await conv.say(order);
      await conv.say(lang === 'es' ? 'Sí, es correcto, envíelo.' : 'Yes, all correct, please send it.');
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('order');
      expect(c?.request?.['quantity']).to.equal(quantity);
    });
  }

  it('en: "has my order of 250 SIMs been delivered?" is no new order', async () => {
    const conv = customer('en');
    await conv.say('has my order of 250 SIMs been delivered?');
    const cases = await casesOf(server.baseUrl, conv.id);
    expect(cases.some((c) => c.type === 'order')).to.equal(false);
  });

  it('en: "we would like to know which of our SIMs are roaming, no fault to report" lists them, with no case', async () => {
    const conv = customer('en');
    const replies = await conv.say(
      'Hello,\n\nFor a review with our client we would like to know which of the SIMs on our account are roaming at the moment. There is no fault to report.\n\nKind regards',
    );
    expect(joined(replies)).to.contain('8946070000000000050');
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });

  it('es: "¿en qué plan está la SIM …? No hay ninguna incidencia, es solo una consulta" answers with no case', async () => {
    const conv = customer('es');
    const replies = await conv.say(
      '¿Podrían indicarnos en qué plan está la SIM 8946070000000000084? No hay ninguna incidencia, es solo una consulta.',
    );
    expect(joined(replies)).to.contain('8946070000000000084');
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });

  it('es: "unos 300 contadores han dejado de comunicar, ¿hay una incidencia general?" opens an incident with its count', async () => {
    const conv = customer('es');
    await conv.say(
      'Nuestro cliente nos informa de que unos 300 contadores han dejado de comunicar desde las 4:00. ¿Pueden comprobar si hay una incidencia general en su red?',
    );
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('incident');
    expect(c?.affectedCount).to.equal(300);
  });

  it('en: "around 1,500 of our client\'s parking meters have lost connectivity" counts 1,500', async () => {
    const conv = customer('en');
    await conv.say(
      "Around 1,500 of our client's parking meters across Sweden have lost connectivity since 09:00.",
    );
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.affectedCount).to.equal(1500);
  });

  it('en: "all their trucks in Germany lost data — could you check our SIMs in Germany?" is a problem to check', async () => {
    const conv = customer('en');
    await conv.say(
      'Our client says all of their trucks in Germany have lost data since crossing the border. Could you check our SIMs that are in Germany?',
    );
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('incident');
  });

  it('es: "prefiero no esperar; vuelvo con el asistente. ¿Qué pasa cuando una SIM agota sus datos?" leaves the queue and answers', async () => {
    const conv = customer('es');
    await conv.say('Buenos días, quisiera hablar con un técnico, por favor.');
    expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('queued');
    const replies = await conv.say(
      'Disculpe, prefiero no esperar; vuelvo con el asistente. ¿Qué ocurre cuando una SIM agota su límite de datos?',
    );
    expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.not.equal('queued');
    expect(joined(replies)).to.contain(t('es', 'bot.article.more'));
  });
});
