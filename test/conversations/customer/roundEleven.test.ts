import { expect } from 'chai';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { useCustomers } from '../../helpers/customers.js';
import { casesOf, expectLanguage, joined } from '../../helpers/replies.js';

const { load, t } = shippedKnowledgeText();

/** A knowledge text up to its first placeholder: what a reply rendered from it contains. */
const lead = (lang: 'en' | 'es', key: string): string => t(lang, key).split('{')[0] ?? '';

/**
 * Issue 12, eleventh round — the root causes of blind sets 18 and 19 (each played once while unseen): a problem
 * told with "open a ticket" after a fleet answer; two questions in one message; a phone number without its "+";
 * "the 0035 unit"; "show me all my SIMs"; a question about a SIM with "don't open anything"; a bill beside a
 * question an article answers; "not a technical problem"; the problem told with a request for a person, checked
 * once the customer goes back to the bot; "and how do I set it?" after an article; a count with "no sé exacto".
 */
describe('customer conversations: round eleven', function () {
  this.timeout(60_000);
  const { server, customer } = useCustomers();
  before(load);

  for (const [lang, fleet, report, count] of [
    [
      'en',
      'which of our SIMs are roaming right now?',
      'OK but on our side about 35 units at the yard went dark this morning, please raise a ticket for it',
      35,
    ],
    [
      'es',
      '¿qué SIM tenemos sin sesión de datos?',
      'Vale, pero tenemos unos 45 camiones que han dejado de transmitir esta mañana, abridme un caso por eso',
      45,
    ],
  ] as const) {
    it(`${lang}: after a fleet answer, a problem told with "open a case" opens an incident with its count`, async () => {
      const conv = customer(lang);
      await conv.say(fleet);
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await conv.say(report);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('incident');
      expect(c?.affectedCount).to.equal(count);
    });
  }

  for (const [lang, ask, first, second] of [
    [
      'en',
      'Two things: which APN do the new meters need, and is someone around on Sunday nights if it all goes wrong?',
      'iot.firstline.example',
      '24/7',
    ],
    [
      'es',
      'Dos dudas: ¿qué número de centro de mensajes ponemos en los módems? Y aparte, ¿cómo mando un SMS de prueba con comandos AT?',
      'AT+CSCA?',
      'AT+CMGS',
    ],
  ] as const) {
    it(`${lang}: two questions in one message get both answers, and no case`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(ask);
      expect(joined(replies)).to.contain(first);
      expect(joined(replies)).to.contain(second);
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
  }

  it('es: a phone number written without its "+" after "número" is the SIM', async () => {
    const conv = customer('es');
    await conv.say('oiga, el localizador con número 46721234084 no manda nada desde ayer');
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.sims).to.include('8946070000000000084');
  });

  it('en: "the 0035 unit" names the SIM ending 0035, not 35 units', async () => {
    const conv = customer('en');
    await conv.say('Following up on the 0035 unit, it still has no data at all');
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.sims).to.include('8946070000000000035');
  });

  it('es: "¿me enseñas todas mis SIM y cómo están?" lists them, with no case', async () => {
    const conv = customer('es');
    const replies = await conv.say('¿me enseñas todas mis SIM y cómo están?');
    expect(joined(replies)).to.contain('8946070000000000027');
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });

  for (const [lang, ask] of [
    ['es', '¿Y por qué la 0043 no tiene sesión? Es por curiosidad, no me abras ningún caso.'],
    ['en', "why has the 0043 got no session? just curious, don't open a ticket"],
  ] as const) {
    it(`${lang}: "${ask}" answers from the look-up with what it found, and opens nothing`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(ask);
      expect(joined(replies)).to.contain('8946070000000000043');
      expect(joined(replies)).to.contain(lead(lang, 'finding.DATA_LIMIT_REACHED.explanation'));
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    });
  }

  it('en: "just tell me if my SIM +46… is OK" answers from the look-up of that SIM', async () => {
    const conv = customer('en');
    const replies = await conv.say('Just tell me if my SIM +46721234084 is OK.');
    expect(joined(replies)).to.contain('8946070000000000084');
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });

  it('en: "switching to English: when a SIM hits its limit, is it cut off?" answers the data-limit question', async () => {
    const conv = customer('es');
    await conv.say('hola, una pregunta');
    const replies = await conv.say(
      'OK, switching to English for my manager: so when a SIM hits its data limit, is it cut off or slowed down?',
    );
    expect(joined(replies)).to.contain(t('en', 'bot.article.more'));
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    await expectLanguage(replies, 'en');
  });

  it('en: a roaming question beside a worry about the bill gets the roaming answer, not a request', async () => {
    const conv = customer('en');
    const replies = await conv.say(
      'Heading off on holiday! Will the router SIM work in Spain and Portugal? We got a huge bill last time.',
    );
    expect(joined(replies)).to.contain(t('en', 'bot.article.more'));
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });

  it('en: coverage documentation asked for is still an information request', async () => {
    const conv = customer('en');
    await conv.say(
      'for a tender we need your NB-IoT coverage documentation for Finland, could someone send it?',
    );
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('information_request');
  });

  it('es: "no es un problema técnico: la factura…" is an information request, not an incident', async () => {
    const conv = customer('es');
    await conv.say(
      'Hola, no es un problema técnico: la última factura de la SIM del router ha sido mucho más alta, ¿me la podéis explicar?',
    );
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('information_request');
  });

  it('es: "aparte del caso abierto, quería pedir que ampliéis el límite de la SIM …" is a service request', async () => {
    const conv = customer('es');
    await conv.say(
      'Aparte del caso que ya tengo abierto, quería pedir que ampliéis el límite de datos de la SIM 8946070000000000043.',
    );
    await conv.say('sí, envíalo');
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('service_request');
  });

  // Since round 37 a SIM named with the problem is looked up before the person is asked for: "¿Qué le pasa a esa
  // tarjeta?" on the way back is answered with what that look-up found.
  for (const [lang, first, back, said] of [
    [
      'en',
      'Tracker on 0043 is offline, can I just talk to a real person?',
      "never mind, back to the bot, I won't wait",
      'bot.handoff.declined',
    ],
    [
      'es',
      'La centralita de la tarjeta acabada en 0035 no llama a la central receptora. Pasadme con una persona.',
      'Olvidadlo, seguimos con el bot. ¿Qué le pasa a esa tarjeta?',
      'bot.backToBot.found',
    ],
  ] as const) {
    it(`${lang}: a problem told with a request for a person is checked once the customer goes back to the bot`, async () => {
      const conv = customer(lang);
      await conv.say(first);
      const [queued] = await casesOf(server.baseUrl, conv.id);
      expect(queued?.status).to.equal('queued');
      const replies = await conv.say(back);
      const cases = await casesOf(server.baseUrl, conv.id);
      const finding = lang === 'es' ? 'SIM_NOT_ACTIVE' : 'DATA_LIMIT_REACHED';
      expect(cases.some((c) => c.findings.some((f) => f.code === finding))).to.equal(true);
      expect(joined(replies)).to.not.contain(t(lang, 'bot.whatNow'));
      // They would rather not wait: what needs a person is said, and they are not queued again.
      expect(cases.every((c) => c.status !== 'queued')).to.equal(true);
      expect(joined(replies)).to.contain(lead(lang, said));
    });
  }

  it('en: asking for a person again after declining one queues the case', async () => {
    const conv = customer('en');
    await conv.say('Tracker on 0043 is offline, can I just talk to a real person?');
    await conv.say("never mind, back to the bot, I won't wait");
    await conv.say('actually yes, I want to talk to a person');
    const cases = await casesOf(server.baseUrl, conv.id);
    expect(cases.some((c) => c.status === 'queued')).to.equal(true);
  });

  it('es → en: "and how do I set it with an AT command?" after the APN answer gets the command', async () => {
    const conv = customer('es');
    await conv.say('¿Qué APN le pongo al router nuevo?');
    const replies = await conv.say(
      'And how do I set it with an AT command? Our installer reads English only.',
    );
    expect(joined(replies)).to.contain('AT+CGDCONT=1');
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });

  it('es: "no sé exacto, unos 80 medidores" while the case waits sets its count', async () => {
    const conv = customer('es');
    await conv.say('se han caído todos los medidores del barrio');
    await conv.say('quiero hablar con una persona');
    expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('queued');
    await conv.say('No sé exacto, unos 80 medidores.');
    expect((await casesOf(server.baseUrl, conv.id))[0]?.affectedCount).to.equal(80);
  });
});
