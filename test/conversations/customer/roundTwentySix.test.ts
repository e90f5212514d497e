import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, twenty-sixth round — what the eleventh session left out, and the root causes of the blind sets played
 * in the twelfth.
 */
describe('customer conversations: round twenty-six', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // A plan told, with nothing wrong: what it needs is asked, and no incident is opened for devices not yet there.
  for (const [lang, text] of [
    ['en', 'Hi, we have 40 new trackers arriving next week'],
    ['en', "Next month we'll install 200 meters in Bergen"],
    ['es', 'La semana que viene llegan 40 localizadores nuevos'],
  ] as const) {
    it(`${lang}: "${text}" asks what the plan needs and opens no case`, async () => {
      const { cases, said } = await play(lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(lead(lang, 'bot.planTold'));
      expect(said).not.to.contain(lead(lang, 'bot.case.opened'));
    });
  }

  it('en: a plan told, then "we need 40 SIMs for them" prepares an order', async () => {
    const { said } = await play(
      'en',
      'Next month we will install 40 meters in Bergen',
      'we need 40 SIMs for them',
    );
    expect(said).to.contain(lead('en', 'bot.request.start.order'));
  });

  it('en: a plan with a problem told beside it is still troubleshot', async () => {
    const { cases } = await play(
      'en',
      'Next week we roll out 40 more trackers, but the ones on 0043 already have no data since Monday',
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', ['8946070000000000043']]]);
  });

  // An earlier contact referred to, and a SIM: the SIM is shown and is the next message's SIM.
  it('en: "following up on yesterday\'s chat about SIM 0076" shows 0076; "still can\'t call it" troubleshoots it', async () => {
    const first = await play('en', "Hi, following up on yesterday's chat about SIM 0076");
    expect(first.cases).to.deep.equal([]);
    expect(first.said).to.contain('8946070000000000076');
    const { cases } = await play(
      'en',
      "Hi, following up on yesterday's chat about SIM 0076",
      'we still cannot call the device',
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', ['8946070000000000076']]]);
  });

  it('es: "sigo con lo de ayer, la SIM 0043" shows 0043 and opens no case', async () => {
    const { cases, said } = await play('es', 'Hola, sigo con lo de ayer, la SIM 0043');
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('8946070000000000043');
  });

  // A question without a question mark: an alternative with "do I need to" asks, and orders nothing.
  for (const [lang, text] of [
    ['es', 'la sim va a funcionar en francia o tengo que comprar otra tarjeta'],
    ['en', 'will the sim work in france or do i need to buy another card'],
  ] as const) {
    it(`${lang}: "${text}" is a question, not an order`, async () => {
      const { cases, said } = await play(lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).not.to.contain(lead(lang, 'bot.request.start.order'));
    });
  }

  // Chat shorthand, written out in the message's language before it is read.
  it('es (consumer): "tengo otra sim, la 8946…027, q tampoco va" is a problem, not an order', async () => {
    const { cases, said } = await playAs(
      'demo-consumer',
      'es',
      'tengo otra sim, la 8946070000000000027, q tampoco va',
    );
    expect(said).not.to.contain(lead('es', 'bot.request.start.order'));
    expect(cases.filter((c) => c.type === 'order')).to.deep.equal([]);
  });

  it('es (consumer): "kiero pedir 1 sim mas" · "de las q se recortan, y el mismo plan…" fills the order', async () => {
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'hola kiero pedir 1 sim mas para otro router',
      'de las q se recortan, y el mismo plan consumer mobile broadband',
      'mandadla a c/ Mayor 7 2B, 03002 Alicante',
      'si',
    );
    expect(cases.map((c) => [c.type, c.request?.formFactor, c.request?.plan])).to.deep.equal([
      ['order', 'triple', 'Consumer Mobile Broadband'],
    ]);
  });

  // A fault told that an article on a topic of its own fixes: the article, no case.
  for (const [lang, text] of [
    ['en', 'modem keeps asking for a pin'],
    ['es', 'cada vez q reinicio el modem me pide el pin'],
  ] as const) {
    it(`${lang}: "${text}" answers the SIM PIN article and opens no case`, async () => {
      const { cases, said } = await play(lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain('AT+CPIN');
    });
  }

  // Answers to the checks' questions.
  it('es: "ok y como lo cambio?" after the APN finding answers how to set it, and the question stands', async () => {
    const { cases, said } = await play('es', 'oye el tracker 0027 no tiene data', 'ok y como lo cambio?');
    expect(said).to.contain('AT+CGDCONT');
    expect(said).not.to.contain(lead('es', 'bot.flow.didNotUnderstand'));
    expect(cases.map((c) => c.status)).to.deep.equal(['open']);
  });

  it('es: "creo q el APN esta mal, el router dice \'PDP context failed\'" is no yes to "does it work now?"', async () => {
    const { cases, said } = await play(
      'es',
      'oye el tracker 0027 no tiene data',
      "creo q el APN esta mal, el router dice 'PDP context failed'",
    );
    expect(said).not.to.contain(lead('es', 'bot.flow.didNotUnderstand'));
    expect(cases.map((c) => c.status)).to.deep.equal(['open']);
  });

  it('es (consumer): "la sim acaba en 100" at a check\'s question names the SIM checked; the question stands', async () => {
    const { said, cases } = await playAs(
      'demo-consumer',
      'es',
      'el router de casa no tiene internet',
      'la sim acaba en 100',
    );
    expect(said).to.contain('…0100');
    expect(said).not.to.contain(lead('es', 'bot.flow.didNotUnderstand'));
    expect(cases.map((c) => c.status)).to.deep.equal(['open']);
  });

  // While the case waits for a person.
  it('en: "r u even open on sundays?" while queued answers the opening hours; the case keeps its place', async () => {
    const { cases, said } = await play('en', 'can i talk to a real person', 'r u even open on sundays?');
    expect(said).to.contain('24/7');
    expect(cases.map((c) => c.status)).to.deep.equal(['queued']);
  });

  it('es: "Cierre este, por favor, para no duplicar" while queued takes the case off', async () => {
    const { cases } = await play(
      'es',
      'El camión con el chip que termina en 050 no tiene datos en Alemania desde hace dos días.',
      'Disculpe, acabo de ver que mi compañero ya levantó un reporte por esto mismo ayer. Cierre este, por favor, para no duplicar.',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['closed']);
  });

  // Reading what is asked.
  it('en: "did u reactivate 0035 already? still dead" troubleshoots 0035, no service request', async () => {
    const { cases } = await play('en', 'did u reactivate 0035 already? still dead');
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', ['8946070000000000035']]]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('SIM_NOT_ACTIVE');
  });

  it('en: "whats the ip + phone nr of sim ending 019" shows both, with no case', async () => {
    const { cases, replies } = await play('en', 'whats the ip + phone nr of sim ending 019');
    expect(cases).to.deep.equal([]);
    const shown = JSON.stringify(replies);
    expect(shown).to.contain('10.20.0.19');
    expect(shown).to.contain('+46701234019');
  });

  for (const [lang, text] of [
    [
      'en',
      "Could you bump the monthly data allowance on the vending machine SIM ending 0043? It handles card payments for the whole staff canteen and 500 MB a month just isn't enough any more.",
    ],
    [
      'es',
      'Hola. Necesitamos que la línea del chip que termina en 0076 tenga voz: le vamos a conectar un interfón de emergencia y hoy solo tiene datos y SMS.',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" prepares a service request`, async () => {
      const { said } = await play(lang, text);
      expect(said).to.contain(lead(lang, 'bot.request.start.service_request'));
    });
  }

  it('es: "¿usted es una persona o un programa?" says who answers; nobody is queued', async () => {
    const { cases, said } = await play(
      'es',
      'Perdone, antes de seguir: ¿usted es una persona o un programa? Nuestro jefe de mantenimiento quiere saber con quién estamos tratando.',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('Firstline');
  });

  it('en: "Policy question… hard cut-off or throttle? Last quarter ~40 devices went dark" answers, no case', async () => {
    const { cases, said } = await play(
      'en',
      'Policy question for our finance people: when a unit burns through its monthly data, is it a hard cut-off or do you throttle it? Last quarter ~40 devices went dark in the final week of the month and nobody could tell me why.',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('500 MB');
  });

  // Counts and SIMs in a report.
  it('es: "el 40 % de los rastreadores…, unos 120 equipos" counts 120, not 40', async () => {
    const { cases } = await play(
      'es',
      'Tenemos caído el 40 % de los rastreadores de la región norte, unos 120 equipos, desde las 7 de la mañana.',
    );
    expect(cases.map((c) => c.affectedCount)).to.deep.equal([120]);
  });

  it('es: "Son unos 70 de 400" after the panels are told counts 70', async () => {
    const { cases } = await play(
      'es',
      'Los paneles de alarma de la zona de Valencia no mandan los SMS de aviso a la central receptora. Son unos 70 de 400.',
    );
    expect(cases.map((c) => c.affectedCount)).to.deep.equal([70]);
  });

  it('es: "los chips que terminan en 068 y en 076" puts both SIMs on the case', async () => {
    const { cases } = await play(
      'es',
      'Tenemos dos equipos que no están recibiendo los SMS de configuración remota: los chips que terminan en 068 y en 076.',
    );
    expect(cases.map((c) => [...c.sims].sort())).to.deep.equal([
      ['8946070000000000068', '8946070000000000076'],
    ]);
  });

  // The fleet, asked about.
  it('en: "Thanks. I\'ll check internally…" after a fleet list opens nothing', async () => {
    const { cases, said } = await play(
      'en',
      'Which of our SIMs are deactivated right now, and how many in total?',
      "Thanks. I'll check internally before we decide what to cancel.",
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain(lead('en', 'bot.thanks'));
  });

  it('en: "Right, that\'ll be the truck on the Bremen run. Thanks, that\'s all for now." opens nothing', async () => {
    const { cases } = await play(
      'en',
      'Quick one: are any of our trackers outside Sweden at the moment?',
      "Right, that'll be the truck on the Bremen run. Thanks, that's all for now.",
    );
    expect(cases).to.deep.equal([]);
  });

  for (const text of [
    "I need a one-page health summary of all our SIMs for tomorrow's ops review: how many are active, how many have problems, and which ones I should prioritise.",
    'Can you give me a list of which of our SIMs have no data connection at the moment? Ops want to chase the units that have gone quiet.',
  ]) {
    it(`en: "${text.slice(0, 50)}…" lists the fleet and opens no case`, async () => {
      const { cases, replies } = await play('en', text);
      expect(cases).to.deep.equal([]);
      expect(JSON.stringify(replies)).to.contain('8946070000000000043');
    });
  }

  // Orders and one-SIM accounts.
  it('es (consumer): "Con la misma tarifa que la que ya tengo. Me la mandáis a…" takes the plan and the address', async () => {
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'Hola, quería pedir otra tarjeta como la que tengo para un segundo router. Solo una, tamaño micro.',
      'Con la misma tarifa que la que ya tengo. Me la mandáis a Camino de la Vega s/n, 41410 Carmona (Sevilla).',
      'Sí, así está bien.',
    );
    expect(cases.map((c) => [c.type, c.request?.plan, c.request?.formFactor])).to.deep.equal([
      ['order', 'Consumer Mobile Broadband', '3ff'],
    ]);
  });

  it('es (consumer): after another\'s SIM, "entonces mirad la mía" checks their own', async () => {
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'Hola, ¿me podéis mirar la SIM que acaba en 092? Es de un contador que tengo en la casa del pueblo.',
      'Vaya. Entonces mirad la mía, la del router de casa, que esa sí es mía.',
    );
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000100']]);
  });

  // While the case waits: SIMs given are looked at; back with the bot, the question is about them.
  it('es: a SIM given while queued is checked — its finding on the case and told; "¿Qué le pasa a la SIM?" continues it', async () => {
    const queued = await play(
      'es',
      '¿Me pasas con un técnico por favor?',
      'Es por el chip que termina en 35, el aparato no se conecta',
    );
    expect(queued.cases[0]?.findings.map((f) => f.code)).to.include('SIM_NOT_ACTIVE');
    expect(queued.said).to.contain('8946…0035');
    const { cases } = await play(
      'es',
      '¿Me pasas con un técnico por favor?',
      'Es por el chip que termina en 35, el aparato no se conecta',
      'Bueno, mira, da igual, sigo contigo. ¿Qué le pasa a la SIM?',
    );
    expect(cases.map((c) => [c.category, c.sims])).to.deep.equal([['data', ['8946070000000000035']]]);
  });

  // Orders: the choice named last, plans by what customers call them, one in words.
  it('en: "micro I think? actually wait, no — the new ones are nano. Nano." takes nano', async () => {
    const { cases } = await play(
      'en',
      'We need more SIMs for the next batch of trackers, 150 pcs',
      'hmm, what do they take... micro I think? actually wait, no — the new ones are nano. Nano.',
      'Connect EU, same as the vans',
      'Ship to Acme Logistics, Depåvägen 4, 417 05 Göteborg, Sweden',
      'yes',
    );
    expect(cases.map((c) => [c.request?.formFactor, c.request?.plan])).to.deep.equal([
      ['4ff', 'IoT Connect EU'],
    ]);
  });

  it('es: "El plan con datos y SMS. La dirección es …" takes IoT Data SMS and the address', async () => {
    const { cases } = await play(
      'es',
      'Buenas tardes, ocupamos 80 chips para unos medidores nuevos',
      'Mejor mándenlos de los que se recortan, así no fallamos',
      'El plan con datos y SMS. La dirección es Acme Logistics, Av. Insurgentes Sur 1602, 03940 Ciudad de México',
      'Sí, todo bien, confirmo',
    );
    expect(cases.map((c) => [c.request?.quantity, c.request?.formFactor, c.request?.plan])).to.deep.equal([
      ['80', 'triple', 'IoT Data SMS'],
    ]);
  });

  it('es (consumer): "Solo una, de las que se recortan, y con el mismo plan" orders one', async () => {
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'Hola, quisiera pedir otra tarjetita igual que la mía para el router de mi hija. Solo una, de las que se recortan, y con el mismo plan que tengo yo',
      'Mándenmela a Calle Mayor 12, 3ºB, 28013 Madrid',
      'Sí, todo correcto',
    );
    expect(cases.map((c) => [c.request?.quantity, c.request?.formFactor])).to.deep.equal([['1', 'triple']]);
  });

  it('en: "please switch the card 035 back on" names …035 on the service request', async () => {
    const { cases } = await play(
      'en',
      'please switch the card 035 back on right now, we need the box working today',
      'yes',
    );
    expect(cases.map((c) => [c.type, c.request?.sims])).to.deep.equal([['service_request', '…035']]);
  });

  // Questions that are not a person asked for, nor a change.
  it('en: "so if I send one anyway it\'ll get through eventually?" queues nobody', async () => {
    const { cases } = await play(
      'en',
      'Can SIM 0068 receive SMS? We want to push config to it by text',
      "so if I send one anyway it'll get through eventually?",
    );
    expect(cases.filter((c) => c.status === 'queued')).to.deep.equal([]);
  });

  it('en: "only one? I was sure we had three switched off. what about the ones that have no data session" lists, no request', async () => {
    const { cases } = await play(
      'en',
      'how many of our SIMs are deactivated at the moment?',
      'only one? I was sure we had three switched off. what about the ones that have no data session right now',
    );
    expect(cases).to.deep.equal([]);
  });

  it('en: "How many cards do we actually have with you?" lists the fleet; nobody is queued', async () => {
    const { cases, replies } = await play(
      'en',
      'Hi, I just took over this account from a colleague. How many cards do we actually have with you?',
    );
    expect(cases).to.deep.equal([]);
    expect(JSON.stringify(replies)).to.contain('8946070000000000084');
  });

  // Formal e-mails: salutation, conditionals, signature.
  it('en: support hours asked "should any of our vehicles lose connectivity" answer the hours, no case', async () => {
    const { cases, said } = await play(
      'en',
      'Dear Support Team,\n\nOur depots will be running at full capacity over the Christmas and New Year period, and our control room would like to know whether your technical support remains available during the holidays, including nights and weekends, should any of our vehicles lose connectivity.\n\nKind regards,\n\nHannah Lindqvist\nControl Room Supervisor\nControl room: +46 31 712 40 99',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('24/7');
    expect(said).not.to.contain('+46317124099');
  });

  it('es: "Estimados, muy buenos días:\\n\\nLes escribo porque necesitamos que la tarjeta … pase a un plan que incluya SMS" is a service request', async () => {
    const { said } = await play(
      'es',
      'Estimados, muy buenos días:\n\nLes escribo porque necesitamos que la tarjeta 8946070000000000068, que actualmente está en un plan de solo datos, pase a un plan que incluya SMS. En las pruebas los mensajes no salen.\n\nSaludos cordiales,\n\nIng. Ricardo Salinas\nTel.: +46 31 712 40 37',
    );
    expect(said).to.contain(lead('es', 'bot.request.start.service_request'));
  });

  it('en: "hi, first time using this chat … the card inside has this printed on it: 8946 0700 …035" checks 0035', async () => {
    const { cases } = await play(
      'en',
      'hi, first time using this chat. one of our little boxes disappeared from the app, the card inside has this printed on it: 8946 0700 0000 0000 035',
    );
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000035']]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('SIM_NOT_ACTIVE');
  });

  it('es: "¿qué significa eso del límite?" while the case waits explains the data limit; the case keeps its place', async () => {
    const { cases, said } = await play(
      'es',
      'la sim 0043 no tiene datos desde esta mañana',
      '¿qué significa eso del límite?',
    );
    expect(said).to.contain('500 MB');
    expect(cases.map((c) => c.status)).to.deep.equal(['queued']);
  });
});
