import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, sixteenth round — the root causes of blind sets 28 (chat-style writers from the Americas) and 29
 * (non-native and piecemeal writers), each played once while unseen.
 */
describe('customer conversations: round sixteen', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // A request for a person taken back in the next message, while it waits: the bot goes on with the rest.
  for (const [lang, ask, withdraw, expected] of [
    [
      'en',
      'can i talk to a real person',
      'actually nvm lemme try u first. sim 8946070000000000076 cant send sms since this morning',
      'sms',
    ],
    [
      'en',
      'Good morning, I would like to speak with a collaborator of the technical support, please.',
      'Ah, no, wait, it is not necessary. I try first with you. The SIM ending on 0043 has no data since yesterday.',
      'data',
    ],
    [
      'es',
      'Pásame con una persona, por favor.',
      'No, espera, da igual, lo miramos tú y yo. El router no tiene internet desde esta tarde, la SIM acaba en 0100.',
      'data',
    ],
    [
      'es',
      'paseme con alguien de soporte por favor',
      'no espere, cancele eso. mejor usted digame como cambio el apn en el modem',
      undefined,
    ],
  ] as const) {
    it(`${lang}: "${withdraw.slice(0, 40)}…" takes the person request back and is read`, async () => {
      const user = lang === 'es' && expected === 'data' ? 'demo-consumer' : 'demo-user';
      const { cases, said } = await playAs(user, lang, ask, withdraw);
      expect(cases.filter((c) => c.status === 'queued')).to.deep.equal([]);
      // Only a question beside the take-back: the case opened for the queue held nothing and is withdrawn.
      expect(said).to.contain(
        lead(lang, expected ? 'desk.customer.leftQueue' : 'desk.customer.leftQueueWithdrawn'),
      );
      if (expected) {
        expect(cases[0]?.category).to.equal(expected);
        expect(cases[0]?.sims).to.have.length(1);
      } else {
        expect(said).to.contain('AT+CGDCONT');
        expect(cases).to.deep.equal([]);
      }
    });
  }

  it('en: "never mind, I\'ll wait" keeps the customer in the queue', async () => {
    const { cases } = await play('en', 'can i talk to a real person', "never mind, I'll wait");
    expect(cases[0]?.status).to.equal('queued');
  });

  it('en: "back to the bot" as a first message, beside a question about the queue, answers the question', async () => {
    const { said, cases } = await play(
      'en',
      'ok the agent queue was taking forever, back to the bot pls. whats the apn for sim 019',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('iot.firstline.example');
  });

  // "does not transmit", "makes no calls", "no agarra señal": a device not doing what it does is a problem told.
  for (const [lang, text, category] of [
    [
      'en',
      'Hello, the SIM 8946070000000000043 in an EV charger does not transmit since yesterday. Is it eventually blocked on your side?',
      'data',
    ],
    [
      'en',
      'Good day. Is the SIM 8946070000000000035 actually active? Our installer says yes, but the lift phone with this SIM makes no calls since last week.',
      'voice',
    ],
    ['es', 'el router no agarra señal desde la mañana, el chip termina en 100', 'data'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" opens an incident and checks the SIM`, async () => {
      const user = text.includes('100') ? 'demo-consumer' : 'demo-user';
      const { cases } = await playAs(user, lang, text);
      expect(cases[0]?.type).to.equal('incident');
      expect(cases[0]?.category).to.equal(category);
      expect(cases[0]?.sims).to.have.length(1);
    });
  }

  it('es: modem output pasted while the case waits goes on its findings, and the customer is told what it means', async () => {
    const { cases, said } = await play(
      'es',
      'el camion que esta en alemania no manda datos, chip 0050',
      'Ah, y cuando intenta conectar sale esto: / +CSQ: 7,99 / +CEREG: 0,1 / +CGATT: 0',
    );
    const codes = cases[0]?.findings.map((f) => f.code) ?? [];
    expect(cases[0]?.status).to.equal('queued');
    expect(codes).to.include.members(['MODEM_SIGNAL_POOR', 'MODEM_NOT_ATTACHED']);
    expect(said).to.contain('+CSQ');
  });

  it('en: modem output given as an answer to a flow question goes on the case at once, with no "didn\'t catch that"', async () => {
    const { cases, said } = await play(
      'en',
      'The alarm panel sends no SMS since the software update of yesterday, the SIM is 8946070000000000076.',
      'What do you need more from me? When it sends, the modem says +CMS ERROR: 500',
    );
    expect(cases[0]?.findings.map((f) => f.code)).to.include('MODEM_SMS_ERROR');
    expect(said).to.not.contain(lead('en', 'bot.flow.didNotUnderstand'));
  });

  for (const [lang, ending] of [
    ['en', 'The van is online since five minutes. From my side the case can be closed as solved.'],
    [
      'es',
      'Ya está, ahora recibe los comandos por datos y funciona. Podéis cerrar la incidencia como resuelta.',
    ],
  ] as const) {
    it(`${lang}: asked to close it as solved, the case is resolved`, async () => {
      const { cases } = await play(lang, 'tracker on sim 0027 offline since the weekend', ending);
      expect(cases[0]?.status).to.equal('resolved');
    });
  }

  it('es: "cancelen el ticket nomas" while queued closes the case', async () => {
    const { cases } = await play(
      'es',
      'el camion que esta en alemania no manda datos, chip 0050',
      'ah ya, igual ese camion lo vendemos la otra semana. cancelen el ticket nomas, no hace falta',
    );
    expect(cases[0]?.status).to.equal('closed');
  });

  it('es: "necesito dar de baja la línea que termina en 035" prepares a service request, not a person', async () => {
    const { cases, said } = await play(
      'es',
      'che, necesito dar de baja la linea que termina en 035, ya no la usamos mas',
    );
    expect(cases.map((c) => [c.type, c.status])).to.deep.equal([['service_request', 'open']]);
    expect(said).to.contain(lead('es', 'bot.request.summary'));
    expect(said).to.contain('…035');
  });

  it('en: "is there an api we can pull sim usage from?" is an information request, not a greeting', async () => {
    const { cases, said } = await play('en', 'hey is there an api we can pull sim usage from?');
    expect(cases[0]?.type).to.equal('information_request');
    expect(said).to.not.contain(lead('en', 'bot.greeting'));
  });

  it('es: a how-to typed instead of picking an option after "oigan una duda" is not routed by its topic', async () => {
    const { cases } = await play(
      'es',
      'oigan una duda',
      'pa mandar un msj de texto desde el modem q comando le meto?',
    );
    expect(cases).to.deep.equal([]);
  });

  it('en: "ok gracias 👍" keeps an English conversation in English', async () => {
    const { said } = await play(
      'en',
      'hey the gps in the van is dead again, sim is 8946070000000000019',
      'ok gracias 👍',
    );
    expect(said).to.not.match(/caso|¿/);
  });

  it('en: "only a question, there is no problem: what happens when a SIM has used its monthly volume?" is answered', async () => {
    const { cases, said } = await play(
      'en',
      'Hello, just a question, there is no problem at the moment: what happens with a SIM once it has consumed its whole monthly data volume? Is it cut, or is the speed reduced?',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain(lead('en', 'bot.article.more'));
  });

  it('en: "which of our SIM cards are currently abroad?" is answered from the look-up', async () => {
    const { cases, said } = await play(
      'en',
      'Could you check which of our SIM cards are abroad right now? It is for a report.',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('8946070000000000050');
  });

  it('es: a fleet question typed instead of answering the offer to ask the team is answered', async () => {
    const { cases, said } = await play(
      'es',
      'Una pregunta, sin urgencia. En contabilidad dicen que pagamos líneas que no usamos.',
      'Bueno, en realidad lo que quiero saber es cuáles de nuestras SIM están desactivadas ahora mismo.',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('8946070000000000035');
  });

  it('es: a VIP\'s count with nothing counted at "which SIM?" ("ya vamos por más de 300, es urgente") reaches a person', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'es',
      'Buenas. Tenemos contadores que no reportan desde las 6 de la mañana en Trondheim.',
      'Al principio eran unos 20, pero ya vamos por más de 300 y sigue subiendo. Es urgente.',
    );
    expect(cases[0]?.affectedCount).to.be.at.least(300);
    expect(cases[0]?.status).to.equal('queued');
    expect(cases[0]?.priority.level).to.equal('P1');
  });

  it('es: a Spanish message ending in an English legal disclaimer is answered in Spanish', async () => {
    const { said } = await play(
      'es',
      'Hola, el localizador del camión 17 no reporta desde las 6:00. La SIM es la 8946070000000000084. ¿Podéis mirarlo?\n\nGracias,\nRaúl\n\n________________________________\nCONFIDENTIALITY NOTICE: This e-mail message, including any attachments, is for the sole use of the intended recipient(s) and may contain confidential and privileged information. Any unauthorized review, use, disclosure or distribution is prohibited.',
    );
    expect(said).to.contain(lead('es', 'bot.case.opened'));
  });

  it('en: a VIP forwarding a head-end alert ("Meters with missed reads: 27") gets that count on the case', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'en',
      'FW: [HES ALERT] Read failure threshold exceeded\n\nURGENT, please get someone on it now.\n\n> Severity: CRITICAL\n> Meters with 2+ consecutive missed reads: 27\n> Area: Bergen Nord',
    );
    expect(cases[0]?.affectedCount).to.be.at.least(27);
    expect(cases[0]?.status).to.equal('queued');
  });

  for (const [lang, text, article] of [
    [
      'en',
      "We're driving the camper over to France and then down to Spain in July. Will the little internet box still work over there, or do we need to buy a different card before we go?",
      'roaming_countries',
    ],
    [
      'es',
      'Buenas. Si la terminal de cobro se queda sin internet un domingo en la noche, ¿hay alguien de ustedes que me conteste o me toca esperar hasta el lunes? Es para saber, ahorita todo funciona.',
      'opening_hours',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 40)}…" is answered (${article}), with no case`, async () => {
      const { cases, said } = await playAs('demo-consumer', lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(lead(lang, 'bot.article.more'));
    });
  }

  it('en: "forget the human, I\'ll try you first" and a question after it: the question is answered', async () => {
    const { cases, said } = await play(
      'en',
      'Is there a human I can talk to?',
      "Oh go on then, forget the human, I'll try you first. A driver says his tracker is asking for a PIN code and he's never been given one. What do we tell him?",
    );
    expect(cases.filter((c) => c.status === 'queued')).to.deep.equal([]);
    expect(said).to.contain('AT+CPIN');
  });

  // How a case ends: what happened decides, not the word "close" (blind sets 28, 29 and 31).
  for (const [lang, ending, status] of [
    ['en', 'nvm it was the breaker, its up again. were good, close it out', 'resolved'],
    ['es', 'sip ya reporta de nuevo, era la antena suelta po. cierren el ticket nomas', 'resolved'],
    ['en', 'ok forget it, that unit is getting scrapped next week anyway. pls cancel the ticket', 'closed'],
  ] as const) {
    it(`${lang}: "${ending}" ends the case ${status}`, async () => {
      const { cases } = await play(lang, 'tracker on sim 0019 stopped sending positions', ending);
      expect(cases[0]?.status).to.equal(status);
    });
  }

  it('en: a forwarded purchase order ("Line 1: 250 x embedded SIM (MFF2)") is an order of 250, not an information request', async () => {
    const { cases, said } = await play(
      'en',
      'FW: Purchase Order PO-88213\n\nHi, please process the order below.\n\n> Line 1: 250 x embedded SIM (MFF2, soldered) — plan: IoT Data SMS\n> Deliver to: Acme Logistics, Unit 4 Brook Park, Warrington WA1 4RF, United Kingdom',
    );
    expect(cases.map((c) => [c.type, c.request?.['quantity']])).to.deep.equal([['order', '250']]);
    expect(said).to.contain(lead('en', 'bot.request.summary'));
    expect(said).to.contain('250');
    expect(said).to.not.contain('88213');
  });

  it('en: a greeting before a long question is no small talk: the question goes to the team', async () => {
    const { said } = await playAs(
      'demo-consumer',
      'en',
      "Hello, can you tell me when my contract for the router card actually ends? I'm thinking of cancelling once we sell the caravan and I want to know if there's a fee for leaving early.",
    );
    expect(said).to.not.contain(lead('en', 'bot.greeting'));
    // A fee for leaving early is information asked (since round thirty-three): the request opens at once.
    expect(said).to.contain(lead('en', 'bot.request.start.information_request'));
  });

  it('en: a problem told with its count, then a fleet question, opens an incident with that count', async () => {
    const { cases } = await play(
      'en',
      "Half our fleet's gone quiet since lunch — 5 utes by my count. Which of our cards have got no connection right now?",
    );
    expect(cases[0]?.type).to.equal('incident');
    expect(cases[0]?.affectedCount).to.be.at.least(5);
  });

  it('es: "de esas que vienen con los tres tamaños para recortar" is the triple-cut SIM', async () => {
    const { said } = await playAs(
      'demo-consumer',
      'es',
      'Hola, quiero pedir otra tarjeta para la autocaravana de mi hermano. Solo una, de esas que vienen con los tres tamaños para recortar. Con el plan Consumer Mobile Broadband. Me la enviáis a Calle Mayor 14, 2º B, 50001 Zaragoza.',
    );
    expect(said).to.contain(lead('es', 'bot.request.summary'));
    expect(said).to.not.contain(lead('es', 'request.ask.formFactor'));
  });
});
