import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

const SIM = (digits: string): string => `8946070000000000${digits}`;

/**
 * Issue 12, thirty-seventh round — blind sets 128–133 (numbers as people write them, several needs in one message,
 * the customer's trade jargon, pasted material, negation and hedging, colloquial speech), and the service told only
 * with the SIM.
 */
describe('customer conversations: round thirty-seven', function () {
  const { play, playAs, lead, articleLead } = useCustomerRound(this);
  const article = (id: string, lang: 'en' | 'es'): string => articleLead(lang, id);

  // The first message names no service; the answer to "which SIM?" does: the SIM is checked for that service.
  for (const [lang, turns, category, finding] of [
    ['en', ['One of our units has a problem', 'it is 0068, it cannot send SMS'], 'sms', 'SMS_NOT_IN_PLAN'],
    [
      'es',
      ['Tenemos un problema con un equipo', 'la 0084, no conectan las llamadas de datos CSD'],
      'csd',
      'CSD_NOT_IN_PLAN',
    ],
  ] as const) {
    it(`${lang}: "${turns[1]}" at the SIM question checks ${category}`, async () => {
      const { cases } = await play(lang, ...turns);
      expect(cases).to.have.length(1);
      expect(cases[0]?.category).to.equal(category);
      expect(cases[0]?.findings.map((f) => f.code)).to.include(finding);
      expect(cases[0]?.handoffDetail).to.equal('plan_change_needed');
    });
  }

  it('es: a SIM alone at the question keeps the problem as it was told', async () => {
    const { cases } = await play('es', 'Tenemos un problema con un equipo', 'la 0076');
    expect(cases[0]?.category).to.equal('data');
    expect(cases[0]?.sims).to.deep.equal([SIM('076')]);
  });

  // "Thanks anyway" at the SIM question gives up the check: the bot stops, it does not ask for the SIM again.
  for (const [lang, turns] of [
    ['en', ['My tracker stopped sending data', 'no problem, thanks anyway']],
    ['es', ['Mi rastreador no manda datos', 'no pasa nada, gracias igualmente']],
  ] as const) {
    it(`${lang}: "${turns[1]}" at the SIM question stops there`, async () => {
      const { said, cases } = await play(lang, ...turns);
      expect(said).to.include(lead(lang, 'bot.cancelled'));
      expect(said).not.to.include(lead(lang, 'bot.sim.noReference'));
      expect(cases.map((c) => c.status)).to.deep.equal(['open']);
    });
  }

  // Two needs in one message: each is met.
  it('en: a voice fault beside "which of your plans include voice?" opens the incident for the fault', async () => {
    const { cases } = await play(
      'en',
      "The EV charger on SIM 0076 can't place its voice call to the service line, and which of your plans include voice anyway?",
    );
    expect(cases.map((c) => [c.type, c.handoffDetail])).to.deep.equal([['incident', 'plan_change_needed']]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('VOICE_NOT_IN_PLAN');
  });

  it('en: a VIP SIM with no session beside an APN question reaches a person at P1, and the APN is answered', async () => {
    const { said, cases } = await playAs(
      'demo-vip',
      'en',
      'Hi, hope all is well on your side. Our SIM 8946070000000000092 has had no session for two days now. Also, can you confirm which APN it should be on?',
    );
    expect(said).to.include('meter.nordlys.firstline.example');
    expect(cases.map((c) => [c.priority.level, c.handoffReason])).to.deep.equal([['P1', 'vip_incident']]);
  });

  it('en: a SIM status question and an order in one message: the status, then the order', async () => {
    const { said, cases } = await play(
      'en',
      'Is SIM 0019 still active? And separately, I need to order 200 nano SIMs for the new truck trackers.',
      'Put them on IoT Connect EU please, and ship to Acme Logistics, Hamngatan 12, 411 06 Göteborg, attn. Sam Carter.',
    );
    expect(cases.map((c) => [c.type, c.request?.quantity, c.request?.formFactor])).to.deep.equal([
      ['order', '200', '4ff'],
    ]);
    expect(said).not.to.include(lead('en', 'request.ask.change'));
  });

  it('en: a plan question and a plan change for the same SIM: the plan, then the service request', async () => {
    const { said, cases } = await play(
      'en',
      "What plan is 0068 on at the moment? We've started needing SMS on that unit, so please move it to IoT Data SMS.",
    );
    expect(said).to.include('IoT Data Only');
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', [SIM('068')]]]);
  });

  for (const [lang, turns, id] of [
    [
      'es',
      [
        'Hola, la factura de marzo nos ha llegado duplicada, ¿podéis revisarla con el equipo? Y otra cosa, ¿en qué países pueden hacer roaming nuestras SIMs?',
      ],
      'roaming_countries',
    ],
    [
      'es',
      ['¿Qué casos tengo abiertos ahora mismo? Y ya que estamos, ¿a qué hora abre soporte?'],
      'opening_hours',
    ],
  ] as const) {
    it(`${lang}: "${turns[0].slice(-50)}" is answered beside the rest (${id})`, async () => {
      const { said } = await play(lang, ...turns);
      expect(said).to.include(article(id, lang));
    });
  }

  it('es: the invoice question still goes to the team when the roaming question beside it is answered', async () => {
    const { cases } = await play(
      'es',
      'Hola, la factura de marzo nos ha llegado duplicada, ¿podéis revisarla con el equipo? Y otra cosa, ¿en qué países pueden hacer roaming nuestras SIMs?',
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
  });

  // A person asked for with a problem on a SIM named: the SIM is looked up first, so the person sees what it has.
  for (const [lang, text, finding] of [
    [
      'en',
      'Tracker 0043 has no data since this morning — can I talk to a human about it, please?',
      'DATA_LIMIT_REACHED',
    ],
    [
      'es',
      'Quiero hablar con una persona, y además os cuento: la SIM 0050 no tiene datos desde que el camión entró en Alemania.',
      'ROAMING_NOT_ALLOWED',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 45)}…" hands over with ${finding} on the case`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => c.handoffReason)).to.deep.equal(['customer_request']);
      expect(cases[0]?.findings.map((f) => f.code)).to.include(finding);
    });
  }

  it('es: works again, then "¿en qué horario puedo hablar con alguien?" gets the hours, not a person', async () => {
    const { said, cases } = await play(
      'es',
      'La SIM 8946 0700 0000 0000 019 del cargador no tiene conexión desde esta mañana.',
      'Ya va, era la antena que estaba suelta. Muchas gracias. Una pregunta: ¿en qué horario puedo hablar con alguien de soporte?',
    );
    expect(said).to.include(article('opening_hours', 'es'));
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });

  // How the data limit works, asked in the customer's own words: the article, no case.
  for (const [lang, text] of [
    [
      'en',
      'Quick question, what happens when one of our SIMs goes past its 500 MB in a month? Does it just stop, or do we get billed for the extra couple of hundred MB?',
    ],
    ['es', '¿Qué pasa cuando una SIM llega a los 500 MB del mes? ¿Se corta o sigue y se cobra aparte?'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" is answered by the data-limit article`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.include(article('data_limit', lang));
      expect(cases).to.deep.equal([]);
    });
  }

  // Fleet questions in other words: answered from the look-up, no case.
  for (const [lang, text, digits] of [
    [
      'en',
      "Of the 8 SIMs we've got with you, how many are sitting deactivated at the moment? The last 4 digits are enough.",
      '0035',
    ],
    ['es', "Mira, ¿cuáles SIMs de nosotros están en roaming ahora mismo? Necesito saberlo pa' ya", '0050'],
    [
      'es',
      'Estoy cuadrando el inventario de cajas telemáticas de la flota con las SIM: ¿cuáles tenemos desactivadas ahora mismo?',
      '0035',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" lists ${digits}`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.include(digits);
      expect(cases).to.deep.equal([]);
    });
  }

  it('en: "the status and plan of both" below a pasted asset sheet answers for each SIM', async () => {
    const { said, cases } = await play(
      'en',
      'Found these two in a box in the warehouse, from our asset sheet:\n\niccid,label,notes\n8946070000000000019,TRK-0101,spare?\n8946070000000000092,???,no label\n\nCan you tell me the status and plan of both?',
    );
    expect(said).to.include(SIM('019'));
    expect(said).not.to.match(/Nordlys|meter\.nordlys|Metering Critical/);
    expect(cases).to.deep.equal([]);
  });

  // A quantity corrected at the order's summary, in words or with "actually" after it.
  for (const [text, quantity] of [
    ['Actually, make it two hundred and fifty, we are adding a few more vans.', '250'],
    ['Ah hang on, make it 250 actually, forgot the new lot of vans', '250'],
  ] as const) {
    it(`en: "${text}" at the summary makes the order ${quantity}`, async () => {
      const { cases } = await play(
        'en',
        'Can I order 200 nano SIMs on the IoT Connect EU plan please, delivered to Acme Logistics, Unit 4 Thames Wharf, London E16 2QT. Cheers',
        text,
      );
      expect(cases.map((c) => c.request?.quantity)).to.deep.equal([quantity]);
    });
  }

  // It works again, told with the request to close: resolved (the ending policy), not withdrawn.
  for (const [lang, turns] of [
    [
      'es',
      [
        'La furgo 7, SIM terminada en 27, no manda nada desde las 11 de anoche.',
        'Listo, puesta la APN nueva y funciona desde hace un cuarto de hora. Ya lo puedes cerrar.',
      ],
    ],
    [
      'es',
      [
        'El localizador con la SIM 8946070000000000019 se desconecta varias veces al día.',
        'Ya funciona otra vez, no se ha caído ni una vez desde esta mañana. Cierra el caso.',
      ],
    ],
    [
      'en',
      [
        "The lift phone can't reach the call centre. The SIM is 8946070000000000019.",
        'Update: the engineer replaced the backup battery and the test call went straight through. All working, you can close this.',
      ],
    ],
  ] as const) {
    it(`${lang}: "${turns[1].slice(0, 50)}…" resolves the case`, async () => {
      const { cases } = await play(lang, ...turns);
      expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
    });
  }

  it('en: "Please reactivate SIM …035 … It\'s back in service now" asks for the change, it ends nothing', async () => {
    const { said, cases } = await play(
      'en',
      "Please reactivate SIM 8946070000000000035. No, it's not a fault — we suspended it ourselves last month when the truck was off the road. It's back in service now.",
    );
    expect(said).not.to.include(lead('en', 'bot.close.which'));
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', [SIM('035')]]]);
  });

  it('es: the roaming trucks in Germany that "se han quedado sin datos" are 0050, not SIMs over their limit', async () => {
    const { cases } = await play(
      'es',
      'Los que están en roaming se han quedado sin datos: serán unos doscientos camiones, todos en Alemania, desde ayer a mediodía.',
    );
    expect(cases[0]?.sims).to.deep.equal([SIM('050')]);
    expect(cases[0]?.handoffDetail).to.equal('roaming_not_allowed');
  });

  // "Back to the bot" as a first message declines nobody: a fault told next still reaches a person.
  for (const [lang, turns, detail] of [
    [
      'es',
      ['volver al bot', 'Oye, el rastreador de la SIM 0035 no se conecta para nada, ¿qué onda?'],
      'sim_not_active',
    ],
    [
      'en',
      [
        'back to the bot',
        "Our tracker on 8946070000000000050 in Germany doesn't connect. We swapped the SIM, same thing.",
      ],
      'roaming_not_allowed',
    ],
  ] as const) {
    it(`${lang}: "${turns[0]}", then a fault, hands over (${detail})`, async () => {
      const { cases } = await play(lang, ...turns);
      expect(cases.map((c) => [c.status, c.handoffDetail])).to.deep.equal([['queued', detail]]);
    });
  }

  it('es: "vuelvo con el bot… necesito saber cómo se envía un SMS con comandos AT" is answered', async () => {
    const { said, cases } = await play(
      'es',
      'Hola, vuelvo con el bot. Gracias por lo de antes; ahora necesito saber cómo se envía un SMS con comandos AT desde el módem.',
    );
    expect(said).to.include(article('send_sms', 'es'));
    expect(cases).to.deep.equal([]);
  });

  it('en → es: "¿Me lo puedes explicar también en español?" gives the answer again in Spanish', async () => {
    const { said } = await play(
      'en',
      'How do I check signal strength on the modems in our soil-moisture probes?',
      'Great. ¿Me lo puedes explicar también en español? Se lo paso al técnico de campo.',
    );
    expect(said).to.include(article('check_signal', 'es').slice(0, 20));
  });

  it('en: a SIM said to be fine beside one whose APN is wrong: the fine one is set aside, the APN told, no person', async () => {
    const { said, cases } = await play(
      'en',
      "Not the one ending 019, that one's fine. It's the other van tracker, +46 70 123 44 71 — hasn't reported since Monday.",
    );
    expect(said).to.include('iot.firstline.example');
    expect(
      cases.map((c) => [c.status, c.findings.map((f) => f.code).includes('APN_MISMATCH')]),
    ).to.deep.equal([['open', true]]);
  });

  it('en: "40 of our EV charge points dropped off" keeps 40 on the case', async () => {
    const { cases } = await play(
      'en',
      '40 of our EV charge points dropped off the CPMS overnight. They all lost the OCPP heartbeat at about 02:00.',
      "I don't have the ICCIDs to hand, the CPMS only shows the charge point IDs.",
    );
    expect(cases[0]?.affectedCount).to.be.at.least(40);
  });

  it('es: a question of its own below pasted output ("¿Qué PIN tiene la SIM y cómo lo desactivo?") is answered too', async () => {
    const { said, cases } = await play(
      'es',
      'Hola, el contador con la SIM 0019 no arranca la conexión. Al mandar AT+CPIN? responde:\n+CPIN: SIM PIN\n¿Qué PIN tiene la SIM y cómo lo desactivo para que no lo pida más?',
    );
    expect(said).to.include(article('sim_pin', 'es'));
    expect(cases[0]?.findings.map((f) => f.code)).to.include('MODEM_SIM_PIN_REQUIRED');
  });

  it('es: a VIP whose meters "de Bergen se caen" (many, no SIM named) reaches a person at once', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'es',
      'No es que no funcione, es que va a ratos: los contadores de Bergen se caen y vuelven cada pocas horas desde anteayer.',
    );
    expect(cases.map((c) => [c.priority.level, c.handoffReason])).to.deep.equal([['P1', 'vip_incident']]);
  });

  it('es: a question about one SIM and one about the fleet in one message: each answered', async () => {
    const { said, cases } = await play(
      'es',
      '¿Qué plan tiene la SIM 0076? Y otra: ¿cuáles de nuestras SIMs están en el plan IoT Nordic Data?',
    );
    expect(said).to.include('IoT Data SMS');
    expect(said).to.include(SIM('050'));
    expect(cases).to.deep.equal([]);
  });

  // Guards: what the replay of every set showed must not change.
  it('en: "Bot please, not a person" with a fleet question still declines the person for what follows', async () => {
    const { cases } = await play(
      'en',
      'Bot please, not a person — I only want to check something quickly. Which of my SIMs have no data session right now?',
    );
    expect(cases.map((c) => c.status)).not.to.include('queued');
  });

  it('es: "mandame un sms de prueba al chip 076" orders nothing', async () => {
    const { cases } = await play('es', 'mandame un sms de prueba al chip 076 asi veo si le llega');
    expect(cases.map((c) => c.type)).not.to.include('order');
  });

  it('en: "can the SIM ending 0068 send SMS? we want to put it in an alarm panel" is answered, nothing opened', async () => {
    const { said, cases } = await play(
      'en',
      'can the SIM ending 0068 send SMS? we want to put it in an alarm panel',
    );
    expect(said).to.include('IoT Data Only');
    expect(cases).to.deep.equal([]);
  });

  it('es: "Solo es informativo, funciona bien" beside a plan question closes nothing', async () => {
    const { said } = await play(
      'es',
      'Desde compras me preguntan en qué plan está la SIM acabada en 0068 y qué incluye exactamente. Solo es informativo, funciona bien.',
    );
    expect(said).to.include('IoT Data Only');
    expect(said).not.to.include(lead('es', 'bot.close.which'));
  });

  it('en: a usage dispute on a SIM named is checked, not answered with the data-limit article alone', async () => {
    const { cases } = await play(
      'en',
      "Tracker *0043 has been cut off but our own dashboard says it's only used 80 MB this month. Is your system wrong?",
    );
    expect(cases.map((c) => c.sims)).to.deep.equal([[SIM('043')]]);
  });

  it('en: "I don\'t have the numbers to hand. can\'t you see which ones have no session?" narrows the fleet', async () => {
    const { cases } = await play(
      'en',
      'Five of our trackers went quiet overnight',
      "I don't have the numbers to hand. can't you see which ones have no session?",
    );
    expect(cases[0]?.sims).to.include.members([SIM('027'), SIM('043'), SIM('050')]);
  });

  it('en: "Signal is fine, so why is it being refused?" below pasted output asks about the output, not how to check signal', async () => {
    const { said } = await play(
      'en',
      'Charger SE-GBG-0112, SIM 8946070000000000035. Output from the modem console:\n```\nAT+CSQ\n+CSQ: 24,99\nOK\nAT+CEREG?\n+CEREG: 0,3\nOK\n```\nSignal is fine, so why is it being refused?',
    );
    expect(said).not.to.include(articleLead('en', 'check_signal'));
  });

  // A person asked for with a problem told and nothing checked: the case holds what they said — no "everything we've
  // discussed" (b7-c10).
  for (const [lang, text] of [
    ['en', "My router has had no internet since yesterday, I'd like to speak to a person please"],
    ['es', 'quiero hablar con alguien, el router no va'],
  ] as const) {
    it(`${lang}: "${text}" promises no history that was never discussed`, async () => {
      const { said, cases } = await playAs('demo-consumer', lang, text);
      expect(said).not.to.include(lead(lang, 'bot.handoff.customer_request'));
      expect(cases.map((c) => c.handoffReason)).to.deep.equal(['customer_request']);
    });
  }
});
