import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

const ORDER_ES =
  'Quiero pedir 100 SIM micro con el plan de datos y SMS, para enviar a Calle Mayor 15, 28013 Madrid.';

/**
 * Issue 12, twenty-eighth round — the root causes of blind sets 86–91 (non-technical, terse, e-mail style, changing
 * course, industry jargon, inquisitive customers), played unseen in the fourteenth session.
 */
describe('customer conversations: round twenty-eight', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // Withdrawn at the summary in Spanish: the open order is closed, never "updated" nor left open.
  for (const last of [
    'Uy, no, cancélalo. Al final no hacen falta, me lo acaba de decir mi jefe.',
    'Perdone, acabo de hablar con compras y al final no vamos a hacer este pedido. Cancélelo, por favor.',
    'Uy, espera. Cancela el pedido, al final lo hace mi compañero desde el portal.',
    'cancela',
  ]) {
    it(`es: "${last.slice(0, 45)}…" at the order's summary withdraws it (closed)`, async () => {
      const { cases, said } = await play('es', ORDER_ES, last);
      expect(cases.map((c) => [c.type, c.status])).to.deep.equal([['order', 'closed']]);
      expect(said).to.contain(lead('es', 'bot.request.withdrawn'));
      expect(said).not.to.contain(lead('es', 'bot.request.summaryUpdated'));
    });
  }

  it('en: "don\'t cancel it, send it" at the summary sends the order', async () => {
    const { cases } = await play(
      'en',
      'We need 20 nano SIMs on IoT Connect EU, delivered to Acme Logistics, Lindholmspiren 7, 417 56 Göteborg.',
      "don't cancel it, send it",
    );
    expect(cases.map((c) => [c.type, c.status])).to.deep.equal([['order', 'open']]);
  });

  it('es: "¿y si lo cancelo luego tiene coste?" at the summary asks, and cancels nothing', async () => {
    const { cases } = await play('es', ORDER_ES, '¿Y si lo cancelo más adelante tiene algún coste?');
    expect(cases.map((c) => c.status)).to.not.include('closed');
  });

  // Declining a person in few words, as a first message: nobody is asked for.
  for (const [lang, text] of [
    ['en', 'no human stay with bot'],
    ['es', 'sin persona, sigo con el bot'],
  ] as const) {
    it(`${lang}: "${text}" hands nothing off`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.filter((c) => c.status === 'queued')).to.deep.equal([]);
    });
  }

  it('en: "why is there no human support on sunday?" is no "back to the bot"', async () => {
    const { said } = await play('en', 'why is there no human support on sunday?');
    expect(said).not.to.contain(lead('en', 'bot.backToBot.continue'));
  });

  // Terse fleet questions: the look-up answers, nothing is opened.
  for (const [lang, text] of [
    ['en', 'inactive sims?'],
    ['es', '¿sims inactivas?'],
  ] as const) {
    it(`${lang}: "${text}" lists the deactivated SIM and opens nothing`, async () => {
      const { cases, said } = await play(lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain('8946070000000000035');
    });
  }

  // A fleet question first, the reason after it: the question is answered.
  for (const [lang, text, iccid] of [
    [
      'en',
      'Which of our SIMs have hit their data limit this cycle? A couple of TCUs went quiet on the fleet portal.',
      '8946070000000000043',
    ],
    [
      'es',
      '¿Cuáles de nuestras SIM no tienen sesión de datos ahora mismo? Quiero cruzarlo con los cargadores que salen offline en el backend.',
      '8946070000000000035',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 40)}…" answers from the look-up and opens nothing`, async () => {
      const { cases, said } = await play(lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(iccid);
    });
  }

  it('en: a problem told before the fleet question is still checked', async () => {
    const { cases } = await play(
      'en',
      'Our trucks lose connectivity as soon as they cross into Germany. Which of our SIMs are abroad right now, and is that the problem?',
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['incident']);
  });

  // "What does that mean?" about the one SIM a fleet answer listed: what the look-up found, explained — no case.
  for (const [lang, first, then, explained] of [
    [
      'es',
      '¿Qué SIM tenemos desactivadas ahora mismo?',
      '¿Y eso qué significa, que esa SIM no sirve para nada?',
      'La SIM no está activa',
    ],
    ['es', '¿Cuáles están ahora fuera de Suecia?', '¿Y eso es un problema? ¿Qué significa?', 'no permite'],
    ['en', 'Which of our SIMs are deactivated?', 'What does that mean?', 'The SIM is not active'],
  ] as const) {
    it(`${lang}: "${then}" after the fleet answer explains it and opens nothing`, async () => {
      const { cases, said } = await play(lang, first, then);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(explained);
    });
  }

  it('en: "my tracker 0043 has no data, what does that mean?" tells a fault: it is checked', async () => {
    const { cases } = await play('en', 'my tracker 0043 has no data, what does that mean?');
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', ['8946070000000000043']]]);
  });

  // While the case waits: its SIM's plan and usage from the live look-up; the plans' answer for what it would need.
  it('en: "which plan is it on?" while queued shows the case SIM\'s plan; "which plan would it need?" the plans', async () => {
    const first = await play(
      'en',
      "The lift phone on SIM 8946070000000000068 can't make calls to our call centre.",
      'Why not? Which plan is it on exactly?',
    );
    expect(first.cases.map((c) => c.status)).to.deep.equal(['queued']);
    const asked = first.replies
      .slice(-2)
      .map((r) => r.text ?? '')
      .join('\n');
    expect(asked).to.contain('IoT Data Only').and.contain('100 MB').and.contain('does not include voice');
    expect(asked).not.to.contain(lead('en', 'desk.customer.detailAdded'));
    const then = await play(
      'en',
      "The lift phone on SIM 8946070000000000068 can't make calls to our call centre.",
      'Which plan would it need then?',
    );
    const plans = then.replies
      .slice(-2)
      .map((r) => r.text ?? '')
      .join('\n');
    expect(plans).to.contain('IoT Connect EU').and.contain('voice');
  });

  it('es: "¿Cuánto hemos gastado y cuál es el límite? ¿En qué plan está?" while queued answers from the look-up', async () => {
    const { cases, replies } = await play(
      'es',
      'El localizador 8946070000000000043 no manda posiciones desde ayer.',
      '¿Cuánto hemos gastado y cuál es el límite? ¿En qué plan está?',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['queued']);
    const asked = replies
      .slice(-2)
      .map((r) => r.text ?? '')
      .join('\n');
    expect(asked).to.contain('IoT Connect EU').and.contain('512.4 MB').and.contain('500 MB');
  });

  it('es: "hasta qué hora estáis? quiero llamar por mi ticket" answers the hours', async () => {
    const { said } = await playAs(
      'demo-consumer',
      'es',
      '¿hasta qué hora estáis? quiero llamar por mi ticket',
    );
    expect(said).to.contain('24/7');
  });

  // Counts and SIMs told in few words.
  it('es: "…los localizadores de la flota al menos cinco no mandan datos" counts 5', async () => {
    const { cases } = await play(
      'es',
      'se nos han caído los localizadores de la flota al menos cinco no mandan datos desde esta mañana punto',
    );
    expect(cases.map((c) => [c.type, c.affectedCount])).to.deep.equal([['incident', 5]]);
  });

  it('es: "la del cuarenta y tres se ha quedado sin datos" is the SIM ending 43', async () => {
    const { cases } = await play('es', 'la del cuarenta y tres se ha quedado sin datos');
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000043']]);
  });

  it('en: "0043 no dta" is a data problem on that SIM', async () => {
    const { cases } = await play('en', '0043 no dta');
    expect(cases.map((c) => [c.type, c.category, c.sims])).to.deep.equal([
      ['incident', 'data', ['8946070000000000043']],
    ]);
  });

  // E-mail style: a second sign-off, the signature's phone numbers and a legal notice name no SIM and no country.
  const SIGNED = [
    'Kind regards,',
    '',
    'Priya Nair',
    'IT Infrastructure Lead',
    'Acme Logistics Ltd',
    'Tel: +44 161 496 0811 | Mobile: +44 7700 900418',
    '',
    'This e-mail and any attachments are confidential and intended solely for the addressee. Acme Logistics Ltd, registered in England and Wales.',
  ].join('\n');

  it('en: an e-mail asking which SIMs reached their limit lists them (not "last seen in the United Kingdom")', async () => {
    const { cases, said } = await play(
      'en',
      `Subject: Data usage\n\nHello,\n\nCould you let me know which of our SIMs have already reached their data limit in the current billing cycle?\n\nThank you in advance.\n\n${SIGNED}`,
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('8946070000000000043');
    expect(said).not.to.contain('United Kingdom');
  });

  it('en: an e-mail asking for the APN command answers it, and looks no signature number up', async () => {
    const { cases, said } = await play(
      'en',
      `Subject: APN configuration\n\nDear Firstline Support,\n\nCould you please confirm the exact AT command we should use to set the APN on the modem?\n\nThere is no fault at present.\n\nThank you in advance.\n\n${SIGNED}`,
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('AT+CGDCONT');
    expect(said).not.to.contain('+441614960811');
  });

  it('es: an e-mail that calls itself an information request, with no fault, opens one', async () => {
    const { cases } = await play(
      'es',
      'Asunto: Solicitud de información – apagado de redes 2G/3G\n\nEstimados señores:\n\nNecesitamos conocer las fechas previstas para el apagado de las redes 2G y 3G en Suecia y Noruega.\n\nNo tenemos ninguna incidencia abierta; es únicamente una solicitud de información para nuestra planificación.\n\nUn cordial saludo,\n\nJavier Morales\nAcme Logistics Iberia, S.L.\nTel.: +34 91 123 45 67',
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
  });

  it('en: "a dial-up data link rather than the internet" that never connects is checked as CSD', async () => {
    const { cases } = await play(
      'en',
      'Our warehouse alarm panel reports to the alarm receiving centre over a dial-up data link rather than the internet. Since we put in your SIM (8946070000000000084) the dial-up never connects.',
    );
    expect(cases.map((c) => [c.category, c.sims])).to.deep.equal([['csd', ['8946070000000000084']]]);
  });

  // The wrong SIM given first, corrected at a flow question: the case moves to the SIM meant and checks it.
  it('en: "my mistake… the one that\'s down is +46701234035" at the checks moves the case to that SIM', async () => {
    const { cases } = await play(
      'en',
      'The alarm panel on number +46701234019 has gone silent, no data coming in at all.',
      "Sorry, my mistake, that's the number of the old panel we replaced. The one that's down is +46701234035.",
    );
    expect(cases.map((c) => [c.sims, c.findings.map((f) => f.code)])).to.deep.equal([
      [['8946070000000000035'], ['SIM_NOT_ACTIVE']],
    ]);
  });

  it('es: "Espera, me he equivocado de SIM, es la 0027" at the checks moves the case to 0027', async () => {
    const { cases } = await play(
      'es',
      'La SIM 0084 del ascensor no tiene datos.',
      'Espera, me he equivocado de SIM, es la 0027.',
    );
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000027']]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('APN_MISMATCH');
  });

  // A question asked with an order: answered when an article clearly does, else kept on the order for the team.
  it('en: "We need 40 nano SIMs… How long does an order usually take to arrive?" starts the order and keeps the question', async () => {
    const first =
      'We need 40 nano SIMs for a new batch of trackers. How long does an order usually take to arrive?';
    expect((await play('en', first)).said).to.contain(lead('en', 'bot.request.questionKept'));
    const { cases } = await play(
      'en',
      first,
      'IoT Connect EU, please.',
      'Deliver them to Acme Logistics, Hamngatan 12, 111 47 Stockholm, Sweden.',
      "Yes, that's all correct — please send it.",
    );
    expect(cases.map((c) => [c.type, c.status, c.request?.['quantity']])).to.deep.equal([
      ['order', 'open', '40'],
    ]);
    expect(cases[0]?.request?.['customerQuestions']).to.contain('How long does an order usually take');
  });

  it('en: "…on the EU plan please. Also, do they ship with the PIN check disabled?" answers the PIN question', async () => {
    const { said } = await play(
      'en',
      'We need 15 new SIMs for a batch of EV chargers going in next month, on the EU plan please. Also, do they ship with the PIN check disabled?',
    );
    expect(said).to.contain(lead('en', 'bot.request.start.order'));
    expect(said).to.contain('AT+CPIN');
  });

  it('en: checks going on without a SIM take the SIM named later ("Typo again, sorry: 8946…027")', async () => {
    const { cases, said } = await play(
      'en',
      'SIM 8946070000000000092 in one of our trackers has no data.',
      "What do you mean it's not one of ours? Let me look again... sorry, it's 8946070000000000028.",
      'Typo again, sorry: 8946070000000000027.',
    );
    expect(said).to.contain(lead('en', 'bot.sim.nowChecking'));
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000027']]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('APN_MISMATCH');
  });

  it('en: "no wait, are you open on Saturdays?" at the summary asks — the order is not cancelled', async () => {
    const { cases } = await play(
      'en',
      'We need 20 nano SIMs on IoT Connect EU, delivered to Acme Logistics, Lindholmspiren 7, 417 56 Göteborg.',
      'no wait, are you open on Saturdays?',
    );
    expect(cases.map((c) => [c.type, c.status])).to.deep.equal([['order', 'open']]);
  });

  it('es: "…¿Podrían ponerme en contacto con un agente, por favor?" in an e-mail hands off to a person', async () => {
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'Estimados señores:\n\nQuisiera tratar con una persona de su equipo la posibilidad de cambiar de tarifa. ¿Podrían ponerme en contacto con un agente, por favor?\n\nUn saludo,\n\nLucía Romero\nTel.: +34 655 21 87 43',
    );
    expect(cases.map((c) => [c.status, c.handoffReason])).to.deep.equal([['queued', 'customer_request']]);
  });
});
