import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, twenty-seventh round — what the twelfth session left out, and the root causes of the blind sets played
 * in the thirteenth.
 */
describe('customer conversations: round twenty-seven', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  it('en: "any news on the ticket I opened yesterday? the tracker still isn\'t sending anything" with no case open checks it', async () => {
    // First in the file: the consumer has no open case yet.
    const { cases, said } = await playAs(
      'demo-consumer',
      'en',
      "hi, any news on the ticket I opened yesterday? the router still isn't sending anything",
    );
    expect(said).to.contain(lead('en', 'bot.cases.noneOpenProblem'));
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', ['8946070000000000100']]]);
  });

  // Their own SIM or plan asked about without its number: the account's SIMs are looked up, with their plan and usage.
  for (const [lang, text] of [
    ['es', '¿Mi tarifa tiene datos ilimitados?'],
    ['en', 'Does my plan have unlimited data?'],
    ['en', 'what plan is my SIM on?'],
    ['es', '¿cuántos datos me quedan en mi tarifa?'],
  ] as const) {
    it(`${lang} (one SIM): "${text}" shows the SIM's plan and usage, and opens nothing`, async () => {
      const { cases, said } = await playAs('demo-consumer', lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain('8946070000000000100');
      expect(said).to.contain('Consumer Mobile Broadband');
      expect(said).to.contain('50000 MB');
    });
  }

  it('en (eight SIMs): "what plan is my SIM on?" shows each SIM with its plan', async () => {
    const { cases, said } = await play('en', 'what plan is my SIM on?');
    expect(cases).to.deep.equal([]);
    for (const plan of ['IoT Connect EU', 'IoT Nordic Data', 'IoT Data Only']) expect(said).to.contain(plan);
    expect(said).to.contain('8946070000000000084');
    expect(said).not.to.contain(lead('en', 'bot.request.offer.unanswered'));
  });

  it('en: "how do I change the APN on my SIM?" is still the article', async () => {
    const { cases, said } = await play('en', 'how do I change the APN on my SIM?');
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('AT+CGDCONT');
  });

  // "Cancel this" with a case open withdraws it — at a flow question, and while it waits for a person.
  for (const [user, lang, first, last] of [
    [
      'demo-user',
      'en',
      'Tracker 8946070000000000019 has had no data since Monday',
      "Never mind, turns out the truck was in an accident and we're replacing the whole tracker. Please cancel this.",
    ],
    [
      'demo-user',
      'en',
      "the alarm panel on the sim ending 0084 can't send texts",
      'you know what forget it we are replacing the whole panel next week anyway just cancel it',
    ],
    [
      'demo-consumer',
      'es',
      'el router no va desde ayer',
      'mira da igual me voy a cambiar de compañía cancélalo',
    ],
  ] as const) {
    it(`${lang}: "${last.slice(0, 40)}…" at the checks closes the case as withdrawn`, async () => {
      const { cases } = await playAs(user, lang, first, last);
      expect(cases.map((c) => c.status)).to.deep.equal(['closed']);
    });
  }

  it('es: "Cancela la incidencia" while the case waits for a person closes it', async () => {
    const { cases } = await play(
      'es',
      'La SIM 8946070000000000027 no tiene datos y la 0084 tampoco va muy fina',
      'Déjalo, vamos a retirar ese equipo esta semana. Cancela la incidencia, no hace falta que sigáis',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['closed']);
  });

  it('en: "please cancel this SIM" is no case withdrawn', async () => {
    const { cases } = await play(
      'en',
      'Tracker 8946070000000000019 has had no data since Monday',
      'please cancel this SIM',
    );
    expect(cases.map((c) => c.status)).not.to.include('closed');
  });

  // Works again in words the lists lacked, after the fix was done: resolved, not "the platform still shows the same".
  for (const [lang, last] of [
    ['en', "Changed the APN like you said, it's pinging now. Cheers mate"],
    ['es', 'Ya le puse el APN que me dijo y ya agarró. Muchas gracias, muy amable.'],
  ] as const) {
    it(`${lang}: "${last}" after the APN finding resolves the case`, async () => {
      const { cases, said } = await play(lang, 'SIM 8946070000000000027 has no data', last);
      expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
      expect(said).not.to.contain(lead(lang, 'bot.flow.recheck.same'));
    });
  }

  it('en: "…right. It\'s working now." at a choice question (what is not working?) resolves the case', async () => {
    const { cases } = await play(
      'en',
      "Our alarm panel on 8946070000000000019 isn't sending its SMS alerts.",
      "...right. The test alarm just came through on my phone. Typical, it works the second I complain. It's working now.",
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });

  it('en: a yes with a side question after it: the question answered and the yes taken', async () => {
    const { cases, said } = await play(
      'en',
      'Tracker 8946070000000000027 stopped sending data 3 days ago',
      "yep it's online again, data coming through. thanks! one more thing, are you open on Saturdays?",
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
    expect(said).to.contain('24/7');
  });

  // Back to the bot and the problem in one breath, with no comma between them: the problem is checked.
  for (const [lang, person, back, sim, finding] of [
    [
      'en',
      'i need to talk to someone real not a bot',
      'no wait forget it ill try you first the tracker ending in zero two seven isnt sending data',
      '8946070000000000027',
      'APN_MISMATCH',
    ],
    [
      'es',
      'quiero hablar con una persona de verdad',
      'bueno no déjalo sigo contigo la sim acaba en cero veintisiete y no tiene datos',
      '8946070000000000027',
      'APN_MISMATCH',
    ],
    [
      'en',
      'get me a human please',
      'hmm actually never mind lets just do it here the alarm panel on the sim ending 0068 wont send texts',
      '8946070000000000068',
      'SMS_NOT_IN_PLAN',
    ],
  ] as const) {
    it(`${lang}: "${back.slice(0, 45)}…" checks ${sim.slice(-4)}`, async () => {
      const { cases } = await play(lang, person, back);
      expect(cases).to.have.length(1);
      expect(cases[0]?.sims).to.deep.equal([sim]);
      expect(cases[0]?.findings.map((f) => f.code)).to.include(finding);
    });
  }

  it('es: "Bueno no, mejor dígame usted qué APN…" while queued: back with the bot, and the APN answered', async () => {
    const { cases, said } = await play(
      'es',
      'Quiero hablar con una persona',
      'Bueno no, mejor dígame usted qué APN le pongo al equipo del plan de solo datos.',
    );
    expect(cases.filter((c) => c.status === 'queued')).to.deep.equal([]);
    expect(said).to.contain('iot.firstline.example');
  });

  it('en: "Never mind the operator, I\'ll stay here" at the SIM question is no request for a person', async () => {
    const { cases } = await play(
      'en',
      "The emergency phone in our lift can't call out. This is a SAFETY issue! Give me an operator, not a bot!",
      "Never mind the operator, I'll stay here, just be quick. The SIM is 8946070000000000076.",
    );
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000076']]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('VOICE_NOT_IN_PLAN');
  });

  // A cause only the operator can remove, found after the customer declined a person: the case stays with the bot
  // (the documented policy), and the bot does not say "I am passing the case on" beside "you'd rather not wait".
  it('es: persona, "mejor lo vemos contigo", límite de datos: the case stays open, told truly', async () => {
    const { cases, said } = await play(
      'es',
      'Quiero hablar con una persona.',
      "Bueno, no, espera, mejor lo vemos contigo. La SIM 8946070000000000043 no tiene datos; en el portal pone 'Consumo: 512,4 MB / 500 MB'.",
    );
    expect(
      cases.map((c) => [c.status, c.findings.map((f) => f.code).includes('DATA_LIMIT_REACHED')]),
    ).to.deep.equal([['open', true]]);
    expect(said).to.contain(lead('es', 'bot.handoff.declined'));
    expect(said).not.to.contain(lead('es', 'flows.data.limit_handoff'));
  });

  // "All of them" with no number: the organisation's SIMs are counted.
  it('en (VIP): "All our meters dropped off" counts the 31 SIMs of the account', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'en',
      'All our meters dropped off at the same time. None of them are sending readings.',
    );
    expect(cases.map((c) => c.affectedCount)).to.deep.equal([31]);
  });

  it('es: "Son todos los camiones de la flota" counts the 8 SIMs of the account', async () => {
    const { cases } = await play(
      'es',
      'Ninguno de los localizadores manda datos desde las 03:12 UTC. Son todos los camiones de la flota, no uno solo.',
    );
    expect(cases.map((c) => c.affectedCount)).to.deep.equal([8]);
  });

  it('es: an order "con la misma tarifa que tengo" is an order, not a question about the tariff', async () => {
    const { cases, said } = await playAs(
      'demo-consumer',
      'es',
      'Hola, quiero pedir una segunda SIM para el router de la casa de la playa, con la misma tarifa que tengo ahora.',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain(lead('es', 'bot.request.start.order'));
  });

  it('es: "quiero cambiar mi tarifa … a una con más datos" is a service request', async () => {
    const { said } = await playAs(
      'demo-consumer',
      'es',
      'Hola, quiero cambiar mi tarifa de banda ancha a una con más datos',
    );
    expect(said).to.contain(lead('es', 'bot.request.start.service_request'));
  });

  it('es: "cuántas sims tenemos desactivadas ahora mismo y cuáles son" (no question mark) lists them', async () => {
    const { cases, said } = await play('es', 'cuántas sims tenemos desactivadas ahora mismo y cuáles son');
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('8946070000000000035');
  });

  // Punctuation spoken to a phone's speech-to-text.
  it('es: "a qué hora abren ustedes los sábados interrogación" is a question, answered', async () => {
    const { said } = await play('es', 'hola a qué hora abren ustedes los sábados interrogación');
    expect(said).to.contain('24/7');
  });

  it('es (consumer): one SIM named by number and ICCID is shown once', async () => {
    const { said } = await playAs(
      'demo-consumer',
      'es',
      '¿en qué estado está mi número +46731100100 (el ICCID creo que es 8946070000000000100)?',
    );
    expect(said.split('`8946070000000000100`').length - 1).to.equal(1);
  });

  it('en: "so it\'s 8946…050, go with that one" at the checks moves them to that SIM', async () => {
    const { cases } = await play(
      'en',
      'Truck 9 is in Germany and gets no data. SIM 8946070000000000019',
      "hm the CCID is different, the guys must have swapped SIMs between trucks. so it's 8946070000000000050, go with that one",
    );
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000050']]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('ROAMING_NOT_ALLOWED');
  });

  // "Don't send it yet" at a request's summary: held for the go-ahead (waiting_customer), then sent on "yes".
  it('en: "wait, don\'t send it yet" holds the order; "ok all good, send it" sends it', async () => {
    const order =
      'I want 10 nano SIMs on IoT Data Only, deliver to Acme Logistics, Hamngatan 4, 411 14 Göteborg, Sweden';
    const held = await play('en', order, "wait, don't send it yet, I'll confirm tomorrow");
    expect(held.cases.map((c) => [c.type, c.status])).to.deep.equal([['order', 'waiting_customer']]);
    expect(held.said).to.contain(lead('en', 'bot.request.held'));
    expect(held.said).not.to.contain(lead('en', 'bot.request.confirmed'));
    const sent = await play(
      'en',
      order,
      "wait, don't send it yet, I'll confirm tomorrow",
      'ok all good, send it',
    );
    expect(sent.cases.map((c) => [c.type, c.status])).to.deep.equal([['order', 'open']]);
    expect(sent.said).to.contain(lead('en', 'bot.request.confirmed'));
  });

  it('es: "No, espera, no lo envíes; primero lo tengo que consultar" holds the change, not cancels it', async () => {
    const { cases, said } = await play(
      'es',
      'Quiero pasar la SIM 8946070000000000068 al plan IoT Data SMS.',
      'No, espera, no lo envíes; primero lo tengo que consultar con mi jefe.',
    );
    expect(cases.map((c) => [c.type, c.status])).to.deep.equal([['service_request', 'waiting_customer']]);
    expect(said).to.contain(lead('es', 'bot.request.held'));
  });

  // Back with the bot, a question about the case the checks already looked at: what they found, no new case.
  for (const [lang, person, back] of [
    [
      'en',
      'need an agent. alarm panel on +46721234068 not sending SMS since 23:00',
      'forget the agent. what is wrong with it?',
    ],
    [
      'en',
      'need an agent. alarm panel on +46721234068 not sending SMS since 23:00',
      'forget the agent. how is my case going?',
    ],
  ] as const) {
    it(`${lang}: "${back}" tells what the checks found on the case`, async () => {
      const { cases, said } = await play(lang, person, back);
      expect(cases).to.have.length(1);
      expect(cases[0]?.status).to.equal('open');
      expect(said).to.contain(lead(lang, 'bot.backToBot.found'));
      expect(said).to.contain('IoT Data Only');
    });
  }

  it('es: "…no consigo entrar por WireGuard. El router dice que tiene conexión y navega bien" is no works-again', async () => {
    const { cases, said } = await playAs(
      'demo-consumer',
      'es',
      'Tengo un router 5G con vuestra SIM y desde ayer no consigo entrar por WireGuard a mi Home Assistant desde fuera de casa. El router dice que tiene conexión y navega bien.',
    );
    expect(said).not.to.contain(lead('es', 'bot.close.glad'));
    expect(cases.map((c) => c.type)).to.deep.equal(['incident']);
  });

  it('es: "En la incidencia de ayer me preguntaron… ¿Cómo miro la intensidad de la señal?" answers the signal article', async () => {
    const { cases, said } = await play(
      'es',
      'En la incidencia de ayer me preguntaron por la cobertura del equipo. ¿Cómo miro la intensidad de la señal en el módem?',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('AT+CSQ');
  });

  it('es: "todas, las 8" at "which SIM?" counts 8 affected', async () => {
    const { cases } = await play('es', 'ninguna furgo manda datos!!!', 'todas, las 8');
    expect(cases.map((c) => c.affectedCount)).to.deep.equal([8]);
  });
});
