import { expect } from 'chai';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { useCustomers } from '../../helpers/customers.js';
import { casesOf, expectLanguage, joined } from '../../helpers/replies.js';

const { load, t } = shippedKnowledgeText();

/** A knowledge text up to its first placeholder: what a reply rendered from it contains. */
const lead = (lang: 'en' | 'es', key: string): string => t(lang, key).split('{')[0] ?? '';

/**
 * Issue 12, ninth round — the root causes of blind sets 12–15 (each played once while unseen): a list of SIMs
 * asked for without a question mark, or with "sims"; "what APN goes on…"; a usage report or a written statement
 * asked of the team; "why is it not passing traffic?" about a SIM named; "120 of 240 units" and "since ~14:00";
 * "ha vuelto a funcionar" while queued; a count taken back mid-flow; a modem waiting for its PIN; an SMS
 * error's advice and the number an AT command sends to; a count updated while the case waits; a short question
 * with nothing to check offered to the team; "my manager" is not a person asked for; "no rush" is no "no".
 */
describe('customer conversations: round nine', function () {
  this.timeout(60_000);
  const { server, customer } = useCustomers();
  before(load);

  for (const [lang, ask, shows] of [
    ['es', 'pásame la lista de nuestras sims que no tienen sesión de datos', '0027'],
    ['es', 'necesito el listado de las SIM sin sesión de datos ahora mismo', '0027'],
    ['es', '¿cuáles de mis sims están en roaming ahora?', '0050'],
    ['en', 'send me a list of our SIMs with no data session right now', '0027'],
  ] as const) {
    it(`${lang}: "${ask}" is answered from the SIM look-up, with no case`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(ask);
      expect(joined(replies)).to.contain(shows);
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
  }

  for (const [lang, ask] of [
    ['en', 'the installer wants to know what APN goes on the new trackers'],
    ['en', 'just the APN please, for the new units'],
    ['es', 'qué APN le configuro al router nuevo?'],
  ] as const) {
    it(`${lang}: "${ask}" gets the APN article, not a case`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(ask);
      expect(joined(replies)).to.contain('iot.firstline.example');
      expect(joined(replies)).to.contain(t(lang, 'bot.article.more'));
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    });
  }

  for (const [lang, ask] of [
    ['es', '¿nos podéis preparar un reporte del consumo por SIM del último trimestre?'],
    ['en', 'Compliance needs a written statement from you on where our traffic is stored. Can you send it?'],
  ] as const) {
    it(`${lang}: "${ask}" goes to the team as an information request at once`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(ask);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('information_request');
      expect(joined(replies)).to.contain(c?.id);
      expect(joined(replies)).to.not.contain(t(lang, 'bot.request.send'));
    });
  }

  for (const [lang, ask] of [
    ['en', "and the one in Germany, why isn't it passing traffic? it's 0050"],
    ['es', '¿y la de Alemania por qué no pasa tráfico? es la 0050'],
  ] as const) {
    it(`${lang}: "${ask}" is a problem on that SIM, not the roaming article`, async () => {
      const conv = customer(lang);
      await conv.say(ask);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('incident');
      expect(c?.sims).to.include('8946070000000000050');
    });
  }

  for (const [lang, report, count] of [
    ['en', 'since ~09:30 about 60 of 200 units have no data session', 60],
    ['es', 'desde las 14:00 tenemos 45 de 300 equipos sin datos', 45],
  ] as const) {
    it(`${lang}: "${report}" counts ${count} affected — not the hour, not the whole`, async () => {
      const conv = customer(lang);
      await conv.say(report);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.affectedCount).to.equal(count);
    });
  }

  it('es: "ha vuelto a funcionar" while the case waits in the queue resolves it; "no ha vuelto a funcionar" does not', async () => {
    const stays = customer('es');
    await stays.say('el localizador con la sim 8946070000000000050 no reporta desde hace dos días');
    expect((await casesOf(server.baseUrl, stays.id))[0]?.status).to.equal('queued');
    await stays.say('sigue igual, no ha vuelto a funcionar');
    expect((await casesOf(server.baseUrl, stays.id))[0]?.status).to.equal('queued');

    const conv = customer('es');
    await conv.say('el localizador con la sim 8946070000000000050 no reporta desde hace dos días');
    expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('queued');
    await conv.say('ah, ya está, han vuelto a conectar solos. olvídalo');
    expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('resolved');
  });

  for (const [lang, report, correction, before, after] of [
    ['es', 'tenemos 30 camiones en Portugal que no conectan desde ayer', 'corrijo: son 60, no 30', 30, 60],
    [
      'en',
      '30 of our trucks in Portugal have had no data since yesterday',
      "sorry, it's 80 trucks, not 30",
      30,
      80,
    ],
  ] as const) {
    it(`${lang}: "${correction}" mid-checks corrects the case's count and its priority`, async () => {
      const conv = customer(lang);
      await conv.say(report);
      expect((await casesOf(server.baseUrl, conv.id))[0]?.affectedCount).to.equal(before);
      const replies = await conv.say(correction);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.affectedCount).to.equal(after);
      expect(joined(replies)).to.contain(lead(lang, 'bot.affectedCorrected'));
      await expectLanguage(replies, lang);
    });
  }

  it('a count the case never held is not taken for a correction', async () => {
    const conv = customer('en');
    await conv.say('30 of our trucks in Portugal have had no data since yesterday');
    const replies = await conv.say('it is 12, not 8');
    expect((await casesOf(server.baseUrl, conv.id))[0]?.affectedCount).to.equal(30);
    expect(joined(replies)).to.not.contain(lead('en', 'bot.affectedCorrected'));
  });

  for (const [lang, report] of [
    ['en', 'the tracker on SIM 0019 does this on boot:\n> AT+CPIN?\n< +CME ERROR: 11'],
    ['es', 'el equipo de la SIM 0019 al arrancar:\nAT+CPIN?\n+CME ERROR: 11'],
  ] as const) {
    it(`${lang}: a modem waiting for its PIN is told to enter it, not to reseat the SIM or run AT+CPIN? again`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(report);
      expect(joined(replies)).to.contain(lead(lang, 'flows.sim_state.sim_pin'));
      expect(joined(replies)).to.not.contain(lead(lang, 'flows.sim_state.sim_not_ready'));
      expect(joined(replies)).to.not.contain(t(lang, 'flows.sim_state.sim_ready_resolution'));
    });
  }

  for (const [lang, ask, shows] of [
    ['en', 'modem keeps asking 4 a pin every boot, how do i kill that pls', 'AT+CLCK'],
    ['en', 'wat apn do i put on the new trackers', 'iot.firstline.example'],
  ] as const) {
    it(`${lang}: "${ask}" is a question (a question opener inside the message, typed in a hurry): its article, no case`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(ask);
      expect(joined(replies)).to.contain(shows);
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    });
  }

  it('"back 2 bot pls" as a first message queues nobody', async () => {
    const conv = customer('en');
    const replies = await conv.say('back 2 bot pls');
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    expect(joined(replies)).to.not.contain(lead('en', 'desk.customer.queued'));
  });

  it('es: "30 gps sin datos en portugal" counts 30 affected', async () => {
    const conv = customer('es');
    await conv.say('30 gps sin datos en portugal desde anoche, los de aca andan bien. q pasa??');
    expect((await casesOf(server.baseUrl, conv.id))[0]?.affectedCount).to.equal(30);
  });

  it('en: an address after a remark is the address (not a how-to), without the thanks; a form factor named again corrects the first', async () => {
    const conv = customer('en');
    await conv.say('we want to order 300 triple cut SIM cards for the new trackers');
    await conv.say('oh wait, nano instead, the others do not fit. Plan IoT Connect EU');
    const summary = await conv.say(
      'do u need the address? ok: deliver to Acme Logistics, Lagervägen 12, 721 30 Västerås, Sweden, attn Sam thx',
    );
    const said = joined(summary);
    expect(said).to.contain(t('en', 'request.formFactor.4ff'));
    expect(said).to.contain('Lagervägen 12, 721 30 Västerås, Sweden, attn Sam');
    expect(said).to.not.contain('attn Sam thx');
    expect(said).to.not.contain(t('en', 'bot.article.more'));
    await conv.say(t('en', 'bot.request.send'));
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.request).to.include({ quantity: '300', formFactor: '4ff', plan: 'IoT Connect EU' });
  });

  it('en: +CGATT: 0 pasted with a denied +CEREG is not told to check AT+CEREG?', async () => {
    const conv = customer('en');
    const replies = await conv.say(
      'Concentrator on SIM 0019 went dark at 03:12:\nAT+CEREG?\n+CEREG: 2,3\nOK\nAT+CGATT?\n+CGATT: 0\nOK',
    );
    expect(joined(replies)).to.contain(lead('en', 'modem.attachAdvice.denied').trim().slice(0, 30));
    expect(joined(replies)).to.not.contain('AT+CEREG?');
  });

  it('es: a pasted `+CSCA: ""` is read (no SMS centre set): the bot does not ask for AT+CSCA? again', async () => {
    const conv = customer('es');
    const replies = await conv.say(
      'che, los devices no mandan los SMS. Le hice AT+CSCA? y me devuelve\n+CSCA: "",129\ny el AT+CMGS tira\n+CMS ERROR: 330\nla sim termina en 0076',
    );
    const said = joined(replies);
    expect(said).to.contain(lead('es', 'finding.MODEM_SMSC_EMPTY.explanation').slice(0, 40));
    expect(said).to.not.contain('Compruébelo con `AT+CSCA?`');
  });

  for (const [lang, report, update, after] of [
    [
      'es',
      'desde anoche unos 60 camiones en Francia han dejado de enviar la posición',
      'le corrijo: son 75, no 60',
      75,
    ],
    [
      'en',
      'roughly 35 of our vans in Germany have disappeared off the tracking screen',
      "update: it's actually 52 vans now",
      52,
    ],
    [
      'es',
      'quince furgonetas en Portugal no tienen conexión de datos desde esta mañana',
      'para ser exactos, ya son 18 en total',
      18,
    ],
  ] as const) {
    it(`${lang}: "${update}" while the case waits in the queue updates its count`, async () => {
      const conv = customer(lang);
      await conv.say(report);
      await conv.say(lang === 'es' ? 'quiero hablar con una persona' : 'I want to talk to a person');
      const [queued] = await casesOf(server.baseUrl, conv.id);
      expect(queued?.status).to.equal('queued');
      const replies = await conv.say(update);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.affectedCount).to.equal(after);
      expect(joined(replies)).to.contain(lead(lang, 'bot.affectedCorrected'));
    });
  }

  it('en: a short question on a problem topic with nothing to check is answered, not opened as an incident', async () => {
    const conv = customer('en');
    const replies = await conv.say(
      'And to confirm, CSD only works over 2G/3G, not on the LTE-M plans — correct?',
    );
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    // The CSD article says it (2G/3G, not 4G only); without it the question would be offered to the team.
    expect(joined(replies)).to.contain('2G/3G');
    expect(joined(replies)).to.not.contain(lead('en', 'bot.case.opened'));
  });

  it('en: "heard back from my manager" at an order question is no request for a person; "150, not 120" corrects it', async () => {
    const conv = customer('en');
    await conv.say('we need 120 more SIM cards for the new depot');
    const replies = await conv.say(
      "Right, I've just heard back from my manager — it's 150, not 120. Nano size please.",
    );
    expect(joined(replies)).to.not.contain(lead('en', 'desk.customer.queued'));
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    await conv.say('IoT Connect EU');
    const summary = await conv.say('deliver to Acme Logistics, Unit 4 Harbour Road, Felixstowe IP11 3XX');
    expect(joined(summary)).to.contain('150').and.to.contain(t('en', 'request.formFactor.4ff'));
    const asked = await conv.say('Roughly how long do these normally take to arrive?');
    expect(joined(asked)).to.contain(lead('en', 'bot.request.questionNoted'));
    const rush = await conv.say('No rush, end of the week is fine.');
    expect(joined(rush)).to.not.contain(t('en', 'bot.request.cancelled'));
    await conv.say(t('en', 'bot.request.send'));
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('order');
    expect(c?.request?.['customerQuestions']).to.contain('how long do these normally take');
  });

  it('a follow-up question without the topic\'s words ("¿y cómo lo configuro en el módem?") after the APN article gets the next article', async () => {
    const conv = customer('en');
    await conv.say('which APN should the new units use?');
    const replies = await conv.say(
      'Hola, soy Javier. ¿Y cómo lo configuro en el módem? ¿Qué comando tengo que mandar exactamente?',
    );
    expect(joined(replies)).to.contain('AT+CGDCONT=1,"IP"');
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });

  it('es: "no es una incidencia" reports no problem', async () => {
    const conv = customer('es');
    await conv.say('Pregunta rápida, no es una incidencia: ¿cómo se cambia el APN en el módem?');
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });

  it('es: +CMS ERROR: 330 gets the SMS-centre advice, and the destination of AT+CMGS is not taken for a SIM', async () => {
    const conv = customer('es');
    const replies = await conv.say(
      'no salen los sms de alarma:\nAT+CMGF=1\nOK\nAT+CMGS="+5215512345678"\n> prueba\n+CMS ERROR: 330\n\nes la sim 0076',
    );
    const said = joined(replies);
    expect(said).to.contain('AT+CSCA="');
    expect(said).to.not.contain('+5215512345678');
    expect(said).to.not.contain(t('es', 'flows.sms.direction'));
    expect(said).to.not.contain(lead('es', 'flows.sms.mode'));
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.sims).to.deep.equal(['8946070000000000076']);
  });
});
