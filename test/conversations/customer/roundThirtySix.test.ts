import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

const SIM = (digits: string): string => `8946070000000000${digits}`;

/**
 * Issue 12, thirty-sixth round — blind sets 122–127 (regional Spanish and non-native English, phone typing, messages
 * written for someone else, conversations that move on, emotion, references back), each conversation as the blind
 * set wrote it.
 */
describe('customer conversations: round thirty-six', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // "bot please" / "bot por favor" inside a refusal of the machine asks for a person, not for the bot.
  for (const [lang, text] of [
    [
      'en',
      'The tracker with SIM 8946070000000000019 is not reporting, we already rebooted it two times. Kindly connect me to one human agent only, no more bot please.',
    ],
    ['es', 'Necesito hablar con alguien de soporte, con un agente de verdad, no con un bot. Porfa.'],
  ] as const) {
    it(`${lang}: "${text.slice(-50)}" hands over to a person`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => c.handoffReason)).to.deep.equal(['customer_request']);
    });
  }

  it('en: "back to the bot please" from the queue still goes back to the bot', async () => {
    const { cases } = await play('en', 'I want to talk to a person', 'back to the bot please');
    expect(cases.map((c) => c.status)).not.to.include('queued');
  });

  // A withdrawal where the address is asked is no address: nothing is opened.
  for (const [lang, turns] of [
    [
      'en',
      [
        'want to order some sims',
        '50 mff2 soldered ones, iot data sms',
        'nvm forget it, boss says not this quarter',
      ],
    ],
    [
      'en',
      [
        'Sam asked me to get an order started for soldered SIMs (MFF2) for the pilot.',
        '50 units, plan IoT Data SMS.',
        "Actually, scratch that - Sam just messaged me that the pilot budget isn't approved yet. Please don't place anything, we'll come back later.",
      ],
    ],
  ] as const) {
    it(`${lang}: "${turns[2].slice(0, 40)}…" where the address is asked opens no order`, async () => {
      const { cases, said } = await play(lang, ...turns);
      expect(cases).to.deep.equal([]);
      expect(said).not.to.contain('Delivery address');
    });
  }

  it('en: "MFF2" in an order is the SIM type, not a quantity of 2', async () => {
    const { said } = await play(
      'en',
      'Sam asked me to get an order started for soldered SIMs (MFF2) for the pilot.',
      '50 units, plan IoT Data SMS.',
      'Deliver them to Acme Logistics, Hamngatan 12, 111 47 Stockholm.',
    );
    expect(said)
      .to.contain('50')
      .and.not.to.match(/Quantity: 2\b/);
  });

  // The plan of a SIM named beside the quantity, and "that plan" right after a plan was described: the address is next.
  for (const [lang, first, second] of [
    [
      'en',
      'We need more SIMs for the new vans.',
      '200 of them, nano size, on the same plan as 8946070000000000019.',
    ],
    ['es', 'Queremos pedir SIM nuevas.', '100, de triple corte, con el mismo plan que la que acaba en 19.'],
    [
      'en',
      "What's included in the IoT Data SMS plan?",
      "Sounds right for our new meters. We'd like 50 SIMs on that plan, the embedded MFF2 kind that gets soldered onto the board.",
    ],
  ] as const) {
    it(`${lang}: "${second.slice(0, 50)}…" takes the plan meant and asks the address`, async () => {
      const { said } = await play(lang, first, second);
      expect(said).to.contain(lead(lang, 'request.ask.address'));
    });
  }

  // While the case waits for a person, a question an article answers closely is answered.
  for (const [lang, first, question, expected] of [
    [
      'en',
      "Hi, one of our trackers stopped reporting last night. It's the SIM ending 0043.",
      'Ok. What exactly happens when a SIM reaches its monthly limit - is it cut off completely or just slowed down?',
      '500 MB',
    ],
    [
      'en',
      'SMS we send to our unit on 8946070000000000068 never arrive.',
      "Hm. What's the AT command to send an SMS from the unit itself, so I can test the other direction?",
      'AT+CMGS',
    ],
    [
      'es',
      'Nuestro lector de contadores hace una llamada de datos CSD cada noche y falla siempre. El número es +46721234084.',
      '¿Y qué configuración de portadora debería tener el módem para CSD? ¿Se usa AT+CBST?',
      'AT+CBST',
    ],
  ] as const) {
    it(`${lang}: "${question.slice(0, 45)}…" while queued is answered`, async () => {
      const { said, cases } = await play(lang, first, question);
      expect(said).to.contain(expected);
      expect(cases.map((c) => c.status)).to.deep.equal(['queued']);
    });
  }

  // Questions without a question mark, in the customer's own words.
  for (const [lang, text, expected] of [
    [
      'en',
      'Please revert with the correct APN for our IoT Connect EU SIMs, we are configuring 40 new trackers.',
      'iot.firstline.example',
    ],
    [
      'es',
      'en q paises funciona el plan iot nordic data xq queremos mandar camiones a polonia',
      'IoT Nordic Data',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 45)}…" is answered, no case`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(expected);
      expect(cases).to.deep.equal([]);
    });
  }

  it('es: "queremos pasar la SIM que acaba en 76 a IoT Connect EU, porque… llamadas de voz" is a service request', async () => {
    const { cases } = await play(
      'es',
      'Entonces queremos pasar la SIM que acaba en 76 a IoT Connect EU, porque el equipo necesita hacer llamadas de voz.',
    );
    expect(cases.map((c) => c.type)).not.to.include('incident');
  });

  // Symptoms in the words of a forwarded report, and a figure of speech that is none.
  for (const [text, sim] of [
    [
      "Hi, passing on a report from our field tech: the tracker on SIM 8946070000000000027 shows full signal but never gets an IP address. He's on site now and can change settings if you tell him what.",
      '027',
    ],
    [
      [
        "Sending this on behalf of my manager, Sam Carter (he's travelling today):",
        '',
        '"Can you ask the SIM provider why the tracker on IMSI 240071000015857 has gone completely silent? It was fine on Friday. It\'s on the blue Volvo at the Gothenburg depot."',
        '',
        "I'm his assistant, so feel free to reply to me.",
        'Maja Lind, Acme Logistics',
      ].join('\n'),
      '035',
    ],
  ] as const) {
    it(`en: "${text.slice(0, 60)}…" checks SIM …${sim}`, async () => {
      const { cases } = await play('en', text);
      expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', [SIM(sim)]]]);
    });
  }

  it('en: "Finance is breathing down my neck: could you send me a copy of our March invoice?" is an information request', async () => {
    const { cases } = await play(
      'en',
      "Finance is breathing down my neck: could you send me a copy of our March invoice? Nobody here can find it and I'm the one who gets blamed.",
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
  });

  it('es: "Vale, gracias. Era solo curiosidad, ahora mismo no hay ningún problema." after an article opens nothing', async () => {
    const { cases } = await play(
      'es',
      'Una duda, y perdona si es muy básica: ¿qué pasa cuando una SIM llega a su límite de datos del mes?',
      'Vale, entendido, gracias. Era solo curiosidad, ahora mismo no hay ningún problema.',
    );
    expect(cases).to.deep.equal([]);
  });

  // What the customer says of their own language tells why they ask for another one — no problem, no case.
  it('en→es: "Hi, sorry, my English is not very good. Can we continue in Spanish?" switches and opens nothing', async () => {
    const { replies, cases } = await play(
      'en',
      'Hi, sorry, my English is not very good. Can we continue in Spanish?',
    );
    await expectLanguage(replies, 'es');
    expect(cases).to.deep.equal([]);
  });

  it('es: "Yo prefiero que me contestéis en español" above a forwarded English mail is answered in Spanish', async () => {
    const { replies } = await play(
      'es',
      [
        'Hola, os reenvío lo que nos manda el técnico del cliente, que escribe en inglés. Yo prefiero que me contestéis en español.',
        '',
        '-----Original Message-----',
        'From: Kevin Doyle',
        'Subject: unit not registering',
        '',
        "Hi, the unit with SIM 8946070000000000035 isn't registering at all since Monday. Can you check the SIM on your side?",
      ].join('\n'),
    );
    await expectLanguage(replies, 'es');
  });

  // Two questions about the fleet in one message: each answered.
  for (const text of [
    'Kindly tell me which of our SIMs are roaming abroad right now and which one is deactivated.',
    'Which of our SIMs are deactivated, and which ones are abroad?',
  ]) {
    it(`en: "${text}" answers both`, async () => {
      const { said, cases } = await play('en', text);
      expect(said).to.contain('0050').and.to.contain('0035');
      expect(cases).to.deep.equal([]);
    });
  }

  it('en: asked for a person, then "back to the bot, it\'s a quick one: what APN does 8946…019 need?" keeps no case', async () => {
    const { cases, said } = await playAs(
      'demo-user',
      'en',
      'Can I talk to a person?',
      "Actually, back to the bot, it's a quick one: what APN does 8946070000000000019 need?",
    );
    expect(said).to.contain('iot.firstline.example');
    expect(cases).to.deep.equal([]);
  });

  it('en: "When are human agents available, in case I need one later?" is answered, nobody queued', async () => {
    const { cases, said } = await play(
      'en',
      'Are you a bot or a person? What can you actually help with?',
      'Ok. When are human agents available, in case I need one later?',
    );
    expect(said).to.contain('24/7');
    expect(cases).to.deep.equal([]);
  });

  it('en: "What are your support hours, in case this gets worse overnight?" while queued gets the opening hours', async () => {
    const { said, cases } = await play(
      'en',
      'About 40 of our trackers went offline at the same time, roughly an hour ago.',
      'What are your support hours, in case this gets worse overnight?',
    );
    expect(said).to.contain('24/7');
    expect(cases.map((c) => c.status)).to.deep.equal(['queued']);
  });

  it('en: "I changed the APN … as you told, now it is working" resolves the case', async () => {
    const { cases } = await play(
      'en',
      'SIM 8946070000000000027 is not connecting since morning, the unit shows no data session.',
      'I changed the APN to iot.firstline.example as you told, now it is working. Thanks a lot.',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });

  it('es: "Me los mandan a Av. Insurgentes Sur 1234, …" where the plan is asked is the address', async () => {
    const { said } = await play(
      'es',
      'Hola, quiero pedir 30 chips triple corte para unos rastreadores nuevos.',
      'Con el plan IoT Data SMS. Me los mandan a Av. Insurgentes Sur 1234, Col. Del Valle, 03100 Ciudad de México.',
    );
    expect(said).to.contain('Av. Insurgentes Sur 1234, Col. Del Valle, 03100 Ciudad de México');
  });

  it('es: "Gracias, era solo para la documentación." after two articles opens nothing', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'es',
      'Buenas, ¿qué APN deben llevar nuestros contadores?',
      '¿Y con qué comando AT lo configuro en el módem?',
      'Gracias, era solo para la documentación.',
    );
    expect(cases).to.deep.equal([]);
  });

  // The countries told working in a clause of their own are left out of a fleet report.
  for (const [lang, text] of [
    [
      'en',
      '300 of our trackers in Germany stopped reporting around 05:00 this morning. Trucks in Sweden and Denmark are fine. Can you see what is going on?',
    ],
    ['es', 'Tenemos 12 camiones en Alemania sin datos desde ayer. Los de Suecia van bien, solo fallan esos.'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" checks the SIM in Germany only`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => [c.sims, c.handoffReason, c.handoffDetail])).to.deep.equal([
        [[SIM('050')], 'flow_unresolved', 'roaming_not_allowed'],
      ]);
    });
  }

  // What the replay of every set showed the first fixes had taken too far.
  it('en: "Sorry, scratch that… the new trackers take micro SIMs" corrects the order, it does not drop it', async () => {
    const { said } = await play(
      'en',
      "Hi, we'd like to order 250 SIM cards for a new batch of trackers.",
      'Nano, please.',
      'Sorry, scratch that. I just checked the datasheet and the new trackers take micro SIMs.',
    );
    expect(said).to.contain(lead('en', 'request.ask.plan'));
  });

  it('es: "Espere, mejor solo 1. Lo de la caravana lo dejamos para el año que viene." corrects the order', async () => {
    const { said } = await play(
      'es',
      'Hola, quiero pedir 2 tarjetas SIM más: una para el router de la casa del pueblo y otra para la caravana.',
      'Espere, mejor solo 1. Lo de la caravana lo dejamos para el año que viene.',
    );
    expect(said).to.contain(lead('es', 'request.ask.formFactor'));
  });

  it('es: a forwarded VIP mail asking "¿Podrían pasarlo a un técnico cuanto antes?" goes to a person (P1)', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'es',
      [
        'Estimados señores:',
        '',
        'Reenvío el correo que acabamos de recibir de Nordlys Energi:',
        '',
        '«The meter on the SIM ending 0092 stopped reporting on Monday; please investigate urgently.»',
        '',
        '¿Podrían pasarlo a un técnico cuanto antes?',
      ].join('\n'),
    );
    expect(cases.map((c) => [c.type, c.priority.level, c.handoffReason])).to.deep.equal([
      ['incident', 'P1', 'vip_incident'],
    ]);
  });

  it('en: "- Delivery: Gothenburg warehouse" in an order written as a form is its address', async () => {
    const { said } = await play(
      'en',
      '**New SIM order**\n- Quantity: 200\n- Form factor: MFF2 (soldered)\n- Plan: IoT Data SMS\n- Delivery: Gothenburg warehouse',
    );
    expect(said).to.contain('Gothenburg warehouse').and.not.to.contain(lead('en', 'request.ask.address'));
  });
});
