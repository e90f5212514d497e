import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, twenty-fourth round — the root causes of blind sets 56 (customers who ask the bot to do things), 57
 * (claims the platform contradicts) and 58 (operations staff writing in Teams: markdown, quoted replies), each played
 * once while unseen.
 */
describe('customer conversations: round twenty-four', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // Queued by the bot after checks it could not finish (SIM …043 at its data limit): the person is declined.
  for (const [lang, first, decline] of [
    [
      'es',
      'el rastreador del +46701238471 no sube datos desde ayer por la tarde.',
      'No hace falta pasarlo a nadie, gracias. Ya veo lo del límite, lo gestionamos nosotros.',
    ],
    [
      'en',
      'SIM 0043 is dead, has been since yesterday. Probably one of your outages.',
      "No, I don't need to talk to anyone, just tell me what's wrong with it.",
    ],
  ] as const) {
    it(`${lang}: "${decline.slice(0, 40)}…" while queued by the bot leaves the queue; the case keeps its finding`, async () => {
      const queued = await play(lang, first);
      expect(queued.cases.map((c) => c.status)).to.deep.equal(['queued']);
      const { cases, said } = await play(lang, first, decline);
      expect(cases.map((c) => c.status)).to.deep.equal(['open']);
      expect(cases[0]?.findings.map((f) => f.code)).to.include('DATA_LIMIT_REACHED');
      expect(said).to.contain(lead(lang, 'desk.customer.leftQueue'));
    });
  }

  it('es: "ya está enviando posiciones. ¡Gracias!" while queued resolves the case', async () => {
    const { cases } = await play(
      'es',
      'el rastreador TRK-2231 (SIM 8946070000000000035) sigue sin conexión. Ticket OPS-4520.',
      'Vale, era eso: la hemos activado desde el portal y ya está enviando posiciones. ¡Gracias!',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });

  it('es: "que me escriba o me llame quien sea, me da igual" keeps the person asked for', async () => {
    const { cases } = await play(
      'es',
      'Pásame con un técnico de verdad, por favor. La SIM 0035 no registra y no pienso volver a reiniciar nada.',
      'Sí, que me escriba o me llame quien sea, me da igual.',
    );
    expect(cases.map((c) => [c.status, c.sims])).to.deep.equal([['queued', ['8946070000000000035']]]);
  });

  it('en: "it\'s back in Sweden tomorrow, so don\'t bother. Please close the case" closes, it does not resolve', async () => {
    const { cases } = await play(
      'en',
      'The tracker on 0050 has had no data since the lorry went to Hamburg.',
      "OK, it's back in Sweden tomorrow morning anyway, so don't bother. Please close the case.",
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['closed']);
  });

  // A person asked for in words, whatever topic the classifier hears in the rest.
  it('en: "I\'d like to speak to someone from your ops team" beside a problem queues the case', async () => {
    const { cases } = await play(
      'en',
      "@Firstline I'd like to speak to someone from your ops team please.\nThree trackers at the Gothenburg hub dropped at the same moment last night (INC0049920) and I need someone to look at it on the network side — not troubleshooting steps.",
    );
    expect(cases.map((c) => [c.type, c.status])).to.deep.equal([['incident', 'queued']]);
  });

  it('es: "Todo eso ya lo hemos probado … Pásame con una persona del equipo" at "does it work now?" queues it', async () => {
    const { cases } = await play(
      'es',
      'la pasarela con la SIM 8946070000000000019 se desconecta cada pocos minutos desde esta mañana.',
      'Todo eso ya lo hemos probado: APN correcto, reinicio, antena nueva. Pásame con una persona del equipo, por favor.',
    );
    expect(cases.map((c) => [c.status, c.sims])).to.deep.equal([['queued', ['8946070000000000019']]]);
  });

  it('en: "a person about SIM 0027", then "forget the person, just check it": one case, 0027 checked', async () => {
    const { cases } = await play(
      'en',
      'I want to speak to a person about SIM 0027.',
      "Actually, forget the person — can you just check it yourself? It's a tracker that stopped sending yesterday.",
    );
    expect(cases.map((c) => [c.status === 'queued', c.sims])).to.deep.equal([
      [false, ['8946070000000000027']],
    ]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('APN_MISMATCH');
  });

  // Requests on SIMs that are not the customer's organisation's.
  it("en: suspending another organisation's ICCID opens nothing and says nothing about it", async () => {
    const { cases, said } = await play(
      'en',
      "Please suspend SIM 8946070000000000092, it's in a vending machine we've pulled out of a station in Manchester.",
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain(lead('en', 'bot.request.simsNotYours'));
    for (const secret of ['Nordlys', '+4791234092', 'Metering']) expect(said).to.not.contain(secret);
  });

  it("es: a one-SIM customer naming another organisation's number is not given their own SIM instead", async () => {
    const first = await playAs(
      'demo-consumer',
      'es',
      'Buenas tardes, ¿me podéis activar la línea +46701234019? Es la de un contador que me han instalado en el garaje.',
    );
    expect(first.said).to.contain(lead('es', 'bot.request.simsNotYours'));
    expect(first.said).to.not.contain('0100');
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'Buenas tardes, ¿me podéis activar la línea +46701234019? Es la de un contador que me han instalado en el garaje.',
      'Qué raro, el técnico me dio ese número. ¿Y a nombre de quién está?',
    );
    expect(cases).to.deep.equal([]);
  });

  // Problems told as a thing to do.
  for (const [text, finding] of [
    ["Can you unblock 0043? It's stopped sending data.", 'DATA_LIMIT_REACHED'],
    [
      'Can you confirm SIM 0068 has SMS enabled? I checked in the portal and it does, but our config SMS never reach the unit.',
      'SMS_NOT_IN_PLAN',
    ],
  ] as const) {
    it(`en: "${text.slice(0, 45)}…" is troubleshot: ${finding}`, async () => {
      const { cases } = await play('en', text);
      expect(cases.map((c) => c.type)).to.deep.equal(['incident']);
      expect(cases[0]?.findings.map((f) => f.code)).to.include(finding);
    });
  }

  it('en: "what plan is SIM 0068 on?" is answered from the look-up, no case', async () => {
    const { cases, said } = await play(
      'en',
      "Quick one: what plan is SIM 0068 on? We're deciding whether to push the firmware update to that unit by SMS or over data.",
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('IoT Data Only');
  });

  // Questions answered by articles, however they end.
  for (const [user, lang, text, answer] of [
    [
      'demo-user',
      'en',
      'Before we go live with the new alarm panels I want to fire a test text from the modem. What are the AT commands for that?',
      'AT+CMGS',
    ],
    [
      'demo-user',
      'en',
      "We're setting up five new trackers this afternoon. The old installer put 'internet' as the APN on the last batch — that's the right one for your SIMs, isn't it?",
      'iot.firstline.example',
    ],
    [
      'demo-consumer',
      'es',
      '¿Me confirmas que mi tarifa tiene 100 GB al mes? Es lo que me dijeron cuando la contraté.',
      '50 GB',
    ],
    [
      'demo-consumer',
      'es',
      'Una pregunta: ¿qué pasa si me paso de los gigas este mes? En la tienda me dijeron que mi tarifa es ilimitada, pero no me fío.',
      '50 GB',
    ],
    [
      'demo-user',
      'en',
      '@Firstline quick q before our budget meeting:\n1. what happens when a tracker goes over its monthly data?\n2. is it cut off or just slowed down?\n\nNo issue right now, just planning.',
      '500 MB',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" is answered, no case`, async () => {
      const { cases, said } = await playAs(user, lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(answer);
    });
  }

  // Teams: markdown and quoted replies.
  it('en: an order written as a markdown list is read field by field (the address in bold labels too)', async () => {
    const { cases } = await play(
      'en',
      "@Firstline we'd like to order SIMs for the Q3 tracker rollout:\n- **Quantity:** 200\n- **Size:** nano (4FF)\n- **Plan:** IoT Data SMS\n- **Deliver to:** Acme Logistics, Goods-in Dock 4, Hamngatan 12, 111 47 Stockholm\n\nPO ref PO-88213.",
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['order']);
    expect(Object.values(cases[0]?.request ?? {}).join(' ')).to.contain('Hamngatan 12');
  });

  it('en: "> How many meters are affected?" quoted above "I don\'t know — many" is the answer, not a question', async () => {
    const { cases, said } = await playAs(
      'demo-vip',
      'en',
      "@Firstline meters aren't delivering readings to the head-end since about 05:00.",
      "> How many meters are affected?\n\nI don't know — many. The head-end dashboard is just a wall of red.",
    );
    expect(cases.map((c) => [c.status, c.priority.level])).to.deep.equal([['queued', 'P1']]);
    expect(said).to.not.contain('AT+CEREG');
  });

  // Blind set 59: what the bot just listed, pointed at.
  for (const [lang, question, change, sim] of [
    [
      'en',
      'Which of our SIMs have used up their data this month?',
      "raise the limit on that one please, it's a lift phone and it has to stay reachable",
      '8946070000000000043',
    ],
    [
      'es',
      '¿Qué SIM tenemos fuera de Suecia ahora mismo?',
      'Esa. Pasadla al plan IoT Connect EU, que ese camión va a estar todo el mes haciendo la ruta de Alemania',
      '8946070000000000050',
    ],
  ] as const) {
    it(`${lang}: "${change.slice(0, 30)}…" after a fleet answer listing one SIM is a request on that SIM`, async () => {
      const { cases } = await play(lang, question, change);
      expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', [sim]]]);
    });
  }

  it('en: "which hit their data limit? Raise it on all of them" answers, then requests the change on them', async () => {
    const { cases, said } = await play(
      'en',
      'Which of our SIMs have hit their data limit this month? Raise it on all of them, please.',
    );
    expect(said).to.contain('8946070000000000043');
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', ['8946070000000000043']]]);
  });

  it('en: trucks told down beside "which of our SIMs are abroad?" is troubleshot on the SIM abroad', async () => {
    const { cases } = await play(
      'en',
      '@Firstline our trucks on the Hamburg run lose connectivity as soon as they cross into Germany. Which of our SIMs are abroad right now, and is that the problem?',
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', ['8946070000000000050']]]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('ROAMING_NOT_ALLOWED');
  });

  for (const [lang, text] of [
    [
      'es',
      '¿Me podéis sacar qué tarjetas nuestras no tienen sesión de datos ahora mismo? Es solo para revisarlo, no hay ninguna incidencia abierta.',
    ],
    [
      'es',
      '¿Cuáles de nuestras SIM están desactivadas? Y no me mandes al portal, que lleva caído desde el martes.',
    ],
    ['en', 'The outage seems to be over. Can you show me which of our SIMs still have no data session?'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 45)}…" is a fleet question: answered, no case`, async () => {
      const { cases, said } = await play(lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.match(/89460700000000000\d\d/);
    });
  }

  it('en: "Can you look at three SIMs for me: 8946…" names SIMs there are: no order', async () => {
    const { cases } = await play(
      'en',
      'Morning. Can you look at three SIMs for me: 8946070000000000019, 8946070000000000027 and 8946070000000000043',
    );
    expect(cases.map((c) => c.type)).to.not.include('order');
  });

  // Blind set 61: identifiers in messy forms.
  for (const [lang, text, sim] of [
    [
      'es',
      'Buenas. El localizador de la furgoneta 9 no da señales de vida desde el lunes. La SIM es la acabada en ...35 (el número de serie del equipo es 0043-A, por si os sirve).',
      '8946070000000000035',
    ],
    [
      'es',
      'Hola, el camión de la ruta de Hamburgo lleva desde el martes sin datos.\n\nICCID 8946070000\n000000050',
      '8946070000000000050',
    ],
    ['en', "unit on 0701234019 isn't reaching our server since this morning", '8946070000000000019'],
    ['en', 'Tracker with SIM ...43 stopped sending data.', '8946070000000000043'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" names SIM …${sim.slice(-3)}`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => c.sims)).to.deep.equal([[sim]]);
    });
  }

  it("en: the SIM question's example number is no customer's SIM", async () => {
    const { said } = await play(
      'en',
      'one of our vans stopped sending data yesterday evening, can you look into it',
    );
    expect(said).to.contain(lead('en', 'bot.sim.ask'));
    expect(said).to.not.contain('+46701234019');
  });

  // Blind sets 59 and 60, while queued by the bot.
  for (const [lang, first, next, status] of [
    [
      'es',
      'El equipo de la 0035 no tira nada desde ayer, ni conecta ni nada.',
      'Vale, la hemos activado desde el portal y ya chuta, va niquelado. Gracias, tío.',
      'resolved',
    ],
    [
      'en',
      'Two of our trucks lost data: 0050 and 0019',
      "the one you said is in Germany — ok, that makes sense. no need to pass this to anyone, I'll sort the route out myself",
      'open',
    ],
  ] as const) {
    it(`${lang}: "${next.slice(0, 40)}…" while queued: ${status}`, async () => {
      const { cases } = await play(lang, first, next);
      expect(cases.map((c) => c.status)).to.deep.equal([status]);
    });
  }

  it("es: a one-SIM customer's request is opened with its SIM before the summary shows the case id", async () => {
    const { cases, said } = await playAs(
      'demo-consumer',
      'es',
      'Quiero que me subáis el límite de datos del router, me quedo corta a mitad de mes',
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', ['8946070000000000100']]]);
    expect(said).to.contain(cases[0]?.id ?? 'no case');
    expect(said).to.not.contain('****');
  });

  it('en: "can the SIM ending 0068 send SMS? we want to put it in an alarm panel" is answered, no case', async () => {
    const { cases, said } = await play(
      'en',
      'can the SIM ending 0068 send SMS? we want to put it in an alarm panel',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('IoT Data Only');
  });

  it('en: a VIP asking "which of our meter SIMs have no data session?" gets the list, no case', async () => {
    const { cases, said } = await playAs(
      'demo-vip',
      'en',
      'Which of our meter SIMs have no data session right now?',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('8946070000000000092');
  });

  it('en: "why isn\'t it passing traffic?" keeps its symptom; a closing "isn\'t it?" tag does not', async () => {
    const asked = await play(
      'en',
      "We're setting up five new trackers this afternoon. The old installer put 'internet' as the APN on the last batch — that's the right one for your SIMs, isn't it?",
    );
    expect(asked.cases).to.deep.equal([]);
    const told = await play('en', "the tracker on 0050, why isn't it passing traffic?");
    expect(told.cases.map((c) => c.type)).to.deep.equal(['incident']);
  });
});
