import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, twenty-third round — the root causes of blind sets 53 (long conversations), 54 (messages dictated to a
 * phone's speech-to-text) and 55 (angry customers), each played once while unseen.
 */
describe('customer conversations: round twenty-three', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // Blind set 54: identifiers dictated digit by digit.
  for (const [lang, text, sim] of [
    [
      'en',
      'our van tracker stopped sending any data since yesterday, the ICCID is eight nine four six zero seven zero zero zero zero zero zero zero zero zero zero zero four three',
      '8946070000000000043',
    ],
    [
      'en',
      'the truck with the number plus four six seven two one two three four zero five zero has no data since it left Hamburg',
      '8946070000000000050',
    ],
    [
      'es',
      'la máquina de vending no manda las ventas, la línea es la más cuatro seis siete cero uno dos tres cuatro cuatro siete uno',
      '8946070000000000027',
    ],
  ] as const) {
    it(`${lang}: a number dictated as words ("${text.slice(0, 50)}…") names the SIM`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => c.sims)).to.deep.equal([[sim]]);
    });
  }

  // Blind set 54: terms a phone's speech-to-text misspells (the word files' `dictation`).
  for (const [lang, text, answer] of [
    [
      'en',
      "quick one what a pen do I put on the new trackers we're fitting this week",
      'iot.firstline.example',
    ],
    [
      'es',
      'cómo cambio la a pe ene en el módem de los rastreadores qué comando tengo que meter',
      'AT+CGDCONT',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 40)}…" is the APN question dictated: answered, no case`, async () => {
      const { cases, said } = await play(lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(answer);
    });
  }

  it('es: "la sin acabada en cero nueve dos … más ce e reg cero coma dos" reads the SIM and the modem output', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'es',
      'el contador del transformador con la sin acabada en cero nueve dos no manda lecturas y el módem da más ce e reg cero coma dos todo el rato',
    );
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000092']]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('MODEM_SEARCHING');
  });

  // "Does it work now?" answered with a yes for what was done and a still-broken.
  for (const [lang, first, answer, resolved] of [
    ['es', 'la sim acabada en 0027 no manda datos', 'sí ya la reiniciamos esta mañana y sigue igual', false],
    ['en', 'no data on the sim ending 0027', 'yes, rebooted it twice, still the same', false],
    ['en', 'no data on the sim ending 0027', 'yes, it is back online now', true],
  ] as const) {
    it(`${lang}: "${answer}" at "does it work now?" ${resolved ? 'resolves' : 'does not resolve'} the case`, async () => {
      const { cases } = await play(lang, first, answer);
      expect(cases[0]?.status === 'resolved').to.equal(resolved);
    });
  }

  it('en: "two three four" in prose stays words: no SIM, no count of 234', async () => {
    const { cases } = await play('en', 'two or three of our trackers have no data since this morning');
    expect(cases.map((c) => [c.sims, c.affectedCount < 10])).to.deep.equal([[[], true]]);
  });

  // Blind set 55: an order with every detail, told beside a complaint, is an order.
  for (const [lang, text, request] of [
    [
      'en',
      "THIRD time I'm trying to order SIMs. Your e-mail form is broken and your sales guy never calls back. We need 200 nano SIMs on the IoT Connect EU plan, delivered to Acme Logistics, Dockvägen 12, 417 64 Göteborg, Sweden.",
      { quantity: '200', formFactor: '4ff', plan: 'IoT Connect EU' },
    ],
    [
      'es',
      'Se me ha roto la SIM del router al sacarla, genial. Quiero una nueva, de las de tres tamaños, con el mismo plan Consumer Mobile Broadband. Enviadla a Calle Mayor 14, 3ºB, 28013 Madrid.',
      { formFactor: 'triple', plan: 'Consumer Mobile Broadband' },
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" opens an order with its details, no incident`, async () => {
      const user = lang === 'es' ? 'demo-consumer' : 'demo-user';
      const { cases } = await playAs(user, lang, text);
      expect(cases.map((c) => c.type)).to.deep.equal(['order']);
      expect(cases[0]?.request).to.include(request);
    });
  }

  it('en: an address given where the plan was asked is kept, the plan asked again, and the order opens with both', async () => {
    const { cases, said } = await play(
      'en',
      'we need to order two hundred nano sim cards for the new fleet',
      'deliver to Acme Logistics, goods in, unit 4 Harbour Road, Gothenburg',
      'I O T connect E U',
    );
    expect(said).to.contain(lead('en', 'bot.request.summary'));
    expect(cases.map((c) => [c.type, c.request?.['plan'], c.request?.['quantity']])).to.deep.equal([
      ['order', 'IoT Connect EU', '200'],
    ]);
    expect(cases[0]?.request?.['address']).to.contain('Harbour Road');
  });

  // Blind set 53: a new request told at the offer of an information request runs where its dialog lives.
  it('en: a problem told at the offer, then a how-to in the middle of its checks, is answered and the checks go on', async () => {
    const { said } = await play(
      'en',
      'And what does it mean if the first number comes back as 99?',
      'Tried it on the first gateway: +CSQ: 12,99. Is that enough to run on?',
      'Another thing: the new gateways ask for a PIN when they boot. How do we switch that off?',
    );
    expect(said).to.contain('AT+CPIN?');
    expect(said).to.contain(lead('en', 'bot.sim.askAgain'));
    expect(said).to.not.contain(lead('en', 'bot.error.failure'));
  });

  for (const [label, second, check] of [
    [
      'a fleet question',
      'which of our SIMs are roaming right now?',
      (said: string) => said.includes('8946070000000000050'),
    ],
    ['"Talk to a person"', 'Talk to a person', (said: string) => said.includes('CS-')],
  ] as const) {
    it(`en: ${label} at the offer of an information request is done, and the next message is read afresh`, async () => {
      const first = await play('en', 'do you have a price list for the IoT plans?', second);
      expect(check(first.said), first.said).to.equal(true);
      const { said } = await play(
        'en',
        'do you have a price list for the IoT plans?',
        second,
        'what APN should the trackers use?',
      );
      expect(said).to.contain('iot.firstline.example');
      expect(said).to.not.contain(lead('en', 'bot.error.failure'));
    });
  }

  for (const [first, second, takeBack] of [
    [
      'I need a human. Now.',
      "It's a tracker that keeps dropping off, SIM 8946070000000000076.",
      'Hm, so nothing wrong on your end. Cancel the human, I will get the antenna looked at first.',
    ],
    [
      'The vending machine on SIM 8946070000000000027 has gone quiet.',
      "I'd rather speak to someone from your team about this.",
      "Oh wait, before you transfer me: so the fix is just setting the right APN? Then I don't need anyone, I'll do it myself.",
    ],
  ] as const) {
    it(`en: "${takeBack.slice(0, 50)}…" while queued takes the person request back`, async () => {
      const { cases } = await play('en', first, second, takeBack);
      expect(cases.map((c) => c.status)).to.not.include('queued');
    });
  }

  it('es: "Vale, no abras nada todavía" at the offer of an information request opens nothing', async () => {
    const { cases } = await play(
      'es',
      '¿Alguna de nuestras SIM ha llegado ya al límite de datos este mes?',
      '¿Y las demás cómo van? ¿Hay alguna cerca del límite?',
      'Vale, no abras nada todavía, lo comento con mi jefe y si eso vuelvo.',
    );
    expect(cases).to.deep.equal([]);
  });

  it('es: "Volver al bot. No necesito a nadie, solo comprobad la tarjeta 8946…019" checks that SIM', async () => {
    const { cases } = await play(
      'es',
      'Volver al bot. No necesito a nadie, solo comprobad la tarjeta 8946070000000000019, por favor.',
    );
    expect(cases.map((c) => [c.sims, c.status])).to.deep.equal([[['8946070000000000019'], 'open']]);
  });

  it('es: "le ruego anule la transferencia al agente" in the middle of the checks hands nothing to a person', async () => {
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'Solicito ser atendida por una persona: el router de mi domicilio (línea terminada en 0100) no conecta desde esta mañana.',
      'Dado que la espera se prolonga, le ruego anule la transferencia al agente; continuaré con usted, si no tiene inconveniente.',
    );
    expect(cases.map((c) => c.status)).to.not.include('queued');
  });

  it('es: "Muy amable, con esto armo la presentación para gerencia" after an answer queues nobody', async () => {
    const { cases } = await play(
      'es',
      '¿Nuestras SIM funcionan en Polonia y Chequia?',
      'Muy amable, con esto armo la presentación para gerencia.',
    );
    expect(cases).to.deep.equal([]);
  });

  it('es: "Pues abrid un caso" right after a SIM look-up opens a case on that SIM, not the case list', async () => {
    const { cases } = await play(
      'es',
      '¿Me estáis diciendo que la SIM 8946070000000000043 está bloqueada? ¡Si apenas la usamos! Demostradlo.',
      'Pues abrid un caso, que alguien me lo explique con números.',
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', ['8946070000000000043']]]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('DATA_LIMIT_REACHED');
  });

  for (const [lang, text] of [
    [
      'es',
      'Mirad cuáles de nuestras SIM han llegado al límite de datos este mes, porque tenemos unidades muertas y nadie nos avisa de nada.',
    ],
    ['en', 'Check which of our SIMs have hit their data limit this month, some of the trackers are dead.'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 45)}…" checks the fleet for SIMs at their limit, and the case has them`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000043']]);
      expect(cases[0]?.findings.map((f) => f.code)).to.include('DATA_LIMIT_REACHED');
    });
  }

  for (const [lang, text] of [
    ['en', 'the new modem keeps asking for a pin number when it boots what do I do'],
    ['es', 'vale gracias y cómo le quito el pin de la sin para siempre para que no lo vuelva a pedir'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 45)}…" is the SIM PIN question: answered, no order, no case`, async () => {
      const { cases, said } = await play(lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain('AT+CPIN?');
    });
  }

  it('en: "Bot please, not a person — which of my SIMs have no data session?" checks the fleet and queues nobody', async () => {
    const { cases } = await play(
      'en',
      'Bot please, not a person — I only want to check something quickly. Which of my SIMs have no data session right now?',
    );
    expect(cases.map((c) => c.status)).to.not.include('queued');
  });

  // Blind set 53: a count told again later in a long conversation.
  it('en: "our dashboard just refreshed: it\'s 340 now" while queued gives the case its new count', async () => {
    const { cases } = await play(
      'en',
      'About 300 of our trackers stopped reporting since roughly 7 this morning.',
      'They are all over Sweden, mostly around Stockholm. Nothing changed on our side.',
      "Hold on, our dashboard just refreshed: it's 340 now, and still climbing.",
    );
    expect(cases.map((c) => c.affectedCount)).to.deep.equal([340]);
  });

  it('es: "me corrijo: son 150 en Madrid y otros 60 en Barcelona. 210 en total" gives the case 210', async () => {
    const { cases } = await play(
      'es',
      'Unos 150 localizadores nuestros han dejado de conectar desde las 9 de la mañana.',
      'Perdona, me corrijo: son 150 en Madrid y otros 60 en Barcelona. 210 en total.',
    );
    expect(cases.map((c) => c.affectedCount)).to.deep.equal([210]);
  });

  // Blind set 53: changes at the summary.
  it('en: "One change before you send it: make it 300" at the summary changes the quantity, then "send it" confirms', async () => {
    const { cases, said } = await play(
      'en',
      'we need 250 micro SIMs on IoT Connect EU, deliver to Acme Logistics, Dock 4, Hamnvägen 12, 417 64 Göteborg',
      "One change before you send it: make it 300, we're adding the Borås site.",
    );
    expect(said).to.contain(lead('en', 'bot.request.summaryUpdated'));
    expect(cases.map((c) => [c.request?.['quantity'], c.request?.['address']])).to.deep.equal([
      ['300', 'Acme Logistics, Dock 4, Hamnvägen 12, 417 64 Göteborg'],
    ]);
  });

  it('es: a new address after a colon at the summary changes the address, and its postcode is no quantity', async () => {
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'quiero pedir 1 SIM de las que se recortan con el plan Consumer Mobile Broadband, envíenmela a Calle Mayor 14, 2ºB, 28013 Madrid',
      'Uy, no, mejor a la casa del pueblo directamente: Calle de la Iglesia 3, 44100 Albarracín, Teruel.',
    );
    expect(cases.map((c) => [c.request?.['quantity'], c.request?.['address']])).to.deep.equal([
      ['1', 'Calle de la Iglesia 3, 44100 Albarracín, Teruel'],
    ]);
  });

  it('en: an order status question with the same details opens no order', async () => {
    const { cases } = await play(
      'en',
      'Has our order of 200 nano SIMs on IoT Connect EU been delivered to Acme Logistics yet?',
    );
    expect(cases.filter((c) => c.type === 'order')).to.deep.equal([]);
  });

  it('es: "ya vuelve a funcionar. Ni gracias, ¿eh?" while queued resolves the case (a tag asks for nothing)', async () => {
    const { cases } = await play(
      'es',
      'La máquina de Jönköping con la SIM 8946070000000000035 no conecta. Tercera vez que os escribo.',
      'Da igual, la hemos activado nosotros desde el portal y ya vuelve a funcionar. Ni gracias, ¿eh?',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });

  it('en: "it works again now. Could you check the other trackers too?" while queued asks more: still queued', async () => {
    const { cases } = await play(
      'en',
      'the machine on SIM 8946070000000000035 does not connect',
      'it works again now. Could you check the other trackers too?',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['queued']);
  });

  it('en (VIP): "has not reported for two days … heard NOTHING" is a data problem checked on the SIM', async () => {
    const { cases, said } = await playAs(
      'demo-vip',
      'en',
      "Meter SIM 8946070000000000092 has not reported for two days. I reported this on Monday and heard NOTHING. If this isn't escalated today we will review the contract.",
    );
    expect(cases.map((c) => [c.category, c.priority.level])).to.deep.equal([['data', 'P1']]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('NO_SESSION');
    expect(said).to.contain(lead('en', 'desk.customer.queued'));
  });
});
