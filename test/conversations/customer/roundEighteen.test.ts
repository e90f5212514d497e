import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, eighteenth round — what the last round left out, and the root causes of blind sets 35 (mobile typists),
 * 36 (resellers writing for their own customers) and 37 (conversations that change topic), each played once while
 * unseen.
 */
describe('customer conversations: round eighteen', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // Two services named, one told as working: the problem is the other one, whichever the classifier prefers.
  for (const [lang, text, category] of [
    ['es', 'Los SMS sí le llegan, la llamada no. Es la SIM acabada en 0043', 'voice'],
    ['es', 'Al equipo de la sim 0043 le llegan los SMS pero no puede hacer llamadas', 'voice'],
    ['en', 'calls are ok, but no texts since monday on the sim ending 0043', 'sms'],
    ['en', 'data works fine but SMS never arrive on sim 0043', 'sms'],
  ] as const) {
    it(`${lang}: "${text}" is a ${category} problem`, async () => {
      const { cases } = await play(lang, text);
      expect(cases).to.have.length(1);
      expect(cases[0]?.category).to.equal(category);
    });
  }

  it('en: two services both failing leave the choice to the classifier (no service is dropped)', async () => {
    const { cases } = await play('en', 'voice calls fail and SMS fail too on sim 0043');
    expect(cases).to.have.length(1);
    expect(['voice', 'sms']).to.include(cases[0]?.category);
  });

  // A first message that only says who is writing: no case about nothing; the next message is read as a first one.
  for (const [lang, intro, problem] of [
    [
      'en',
      "Hi, I've got the installer for one of our clients (an alarm receiving centre in Seville) sitting next to me, he'll type his question himself.",
      'the panel on sim 0043 cannot send its alarm texts',
    ],
    [
      'es',
      'Hola, llevo la parte técnica de un apartamento turístico de un cliente en Tarifa, con un router con vuestra SIM.',
      'el router de la sim 0043 no tiene datos desde ayer',
    ],
    ['en', 'Good morning. I look after the fleet telematics for Acme.', 'tracker 0043 has no data'],
  ] as const) {
    it(`${lang}: "${intro.slice(0, 50)}…" sets the scene and opens nothing; the problem after it opens the case`, async () => {
      const scene = await play(lang, intro);
      expect(scene.cases).to.deep.equal([]);
      expect(scene.said).to.contain(lead(lang, 'bot.sceneSet'));
      const { cases } = await play(lang, intro, problem);
      expect(cases).to.have.length(1);
      expect(cases[0]?.sims).to.deep.equal(['8946070000000000043']);
    });
  }

  it('en/es: a symptom quoted from the end customer is a report, whoever tells it ("invisible on the map", "no tienen wifi")', async () => {
    const en = await play(
      'en',
      'Hello, passing on a report from one of our end customers. Quote from their dispatcher: "van 14 has been invisible on the map since lunchtime yesterday". It\'s on one of our SIMs with you.',
      "Here's the ICCID off the card: 8946 0700 0000 0000 043",
    );
    expect(en.cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', ['8946070000000000043']]]);
    const es = await playAs(
      'demo-consumer',
      'es',
      'Hola, soy quien lleva la parte técnica de una casa rural de un cliente. Me dice la dueña que "los huéspedes no tienen wifi desde el fin de semana". El router lleva vuestra SIM.',
    );
    expect(es.cases.map((c) => c.type)).to.deep.equal(['incident']);
  });

  // Questions written the way people type them.
  for (const [text, answer] of [
    ['hi whats the apn for our plan', 'iot.firstline.example'],
    ['do u have ppl working weekends', '24/7'],
    ['Fair enough. What hours does the human team work?', '24/7'],
    [
      'Question for a client of ours who runs care homes: is your team on duty at weekends if something goes down?',
      '24/7',
    ],
  ] as const) {
    it(`en: "${text.slice(0, 60)}" is answered from the articles, no case, nobody queued`, async () => {
      const { cases, said } = await play('en', text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(answer);
      expect(said).to.contain(lead('en', 'bot.article.more'));
    });
  }

  // "Back to the bot" in words the list never had, while queued for the person asked for.
  for (const [lang, ask, takeBack] of [
    [
      'en',
      'Could you put me through to a real person please?',
      "Scratch that, I'll stay with the virtual assistant.",
    ],
    ['en', 'can i talk to a human', 'actually nah'],
    ['es', 'Quiero hablar con una persona', 'No, espera, vuelvo contigo, prefiero seguir aquí.'],
  ] as const) {
    it(`${lang}: "${takeBack}" takes the person back; the case opened only for the queue is withdrawn`, async () => {
      const { cases, said } = await play(lang, ask, takeBack);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(lead(lang, 'desk.customer.leftQueueWithdrawn'));
    });
  }

  it('en: a case with a problem on it stays open when the person is taken back', async () => {
    const { cases, said } = await play(
      'en',
      'tracker 0027 not connecting',
      'get me an agent',
      "Scratch that, I'll carry on here with you instead.",
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['open']);
    expect(said).to.contain(lead('en', 'desk.customer.leftQueue'));
  });

  it('en: "No need to pass me to an agent, happy to sort this with the bot. How do I check the signal…?" is answered, nobody queued', async () => {
    const { cases, said } = await play(
      'en',
      'No need to pass me to an agent, happy to sort this with the bot. How do I check the signal strength on a modem?',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('AT+CSQ');
  });

  it('en: "move the SIM onto IoT Connect EU so it works outside the Nordics" asks for a change, ends nothing', async () => {
    const { cases } = await play(
      'en',
      'Please move the SIM ending 0050 from its Nordic plan onto IoT Connect EU so it works outside the Nordics.',
      'Yes, confirmed, please go ahead with the change.',
    );
    expect(cases.map((c) => [c.type, c.status])).to.deep.equal([['service_request', 'open']]);
  });

  for (const [lang, problem, withdraw] of [
    [
      'en',
      'Hi, the tracker on one of our vans went dark overnight. The SIM last four are 0076.',
      "Sorry, please withdraw this one. The van is in the workshop with the battery disconnected, so nothing's wrong with the line.",
    ],
    [
      'es',
      'Hola, el tótem de carga de un cliente no envía datos. El chip es el 8946 0700 0000 0000 035.',
      'Disculpen, por favor anulen este reporte. Lo abrimos por error. No hay nada que revisar.',
    ],
  ] as const) {
    it(`${lang}: "${withdraw.slice(0, 45)}…" withdraws the report (closed)`, async () => {
      const { cases } = await play(lang, problem, withdraw);
      expect(cases.map((c) => c.status)).to.deep.equal(['closed']);
    });
  }

  // The SIM being checked, taken back for another one: the case is about the SIM meant.
  for (const [lang, problem, correction, meant] of [
    [
      'en',
      'hi, the tracker in truck 14 keeps dropping offline, last four digits 0068',
      'sorry, my mistake - 0068 is truck 12 and that one is fine. Truck 14 is the one ending 0076',
      '8946070000000000076',
    ],
    [
      'es',
      'Tenemos una unidad que no conecta desde el lunes. La SIM acaba en 0019.',
      'Perdona, me he liado de línea: es la que acaba en 0035. La 0019 va perfectamente.',
      '8946070000000000035',
    ],
  ] as const) {
    it(`${lang}: "${correction.slice(0, 45)}…" moves the case to ${meant.slice(-4)} and checks it`, async () => {
      const { cases, said } = await play(lang, problem, correction);
      expect(cases).to.have.length(1);
      expect(cases[0]?.sims).to.deep.equal([meant]);
      expect(said).to.contain(lead(lang, 'bot.sim.switched'));
    });
  }

  // More about a request just sent goes on it; it opens no incident.
  for (const [lang, request, more] of [
    [
      'en',
      'Could your team send us a breakdown of data usage per SIM for last quarter? Finance needs it for cost allocation.',
      "It's for all our active SIMs, not just one.",
    ],
    ['es', '¿me podéis mandar una copia del contrato?', 'no lo encuentro x ningun lado'],
  ] as const) {
    it(`${lang}: "${more}" after the information request is added to it`, async () => {
      const { cases, said } = await play(lang, request, more);
      expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
      expect(said).to.contain(lead(lang, 'bot.request.detailAdded'));
    });
  }

  it('en: "thanks!" after the request is thanked, and "a spreadsheet would be ideal" is no second request', async () => {
    const request = 'Could your team send us a breakdown of data usage per SIM for last quarter?';
    const thanked = await play('en', request, 'thanks!');
    expect(thanked.said).not.to.contain(lead('en', 'bot.request.detailAdded'));
    const { cases, said } = await play('en', request, 'Perfect, thanks - a spreadsheet would be ideal.');
    expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
    expect(said).to.contain(lead('en', 'bot.request.detailAdded'));
  });

  it('es: "necesito q activeis una sim" asks which SIM instead of sending "1 SIM"', async () => {
    const asked = await play('es', 'necesito q activeis una sim');
    expect(asked.said).to.contain(lead('es', 'request.ask.sims'));
    const { cases } = await play('es', 'necesito q activeis una sim', 'acaba en 0035', 'si dale');
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', ['8946070000000000035']]]);
  });

  it('en: "We\'ve got a big one." counts nothing; the 47 trackers of the next sentence are the count', async () => {
    const { cases } = await play(
      'en',
      "We've got a big one. Our client Van Dijk Transport reports that 47 of their trailer trackers have sent nothing since they crossed into Germany last night.",
    );
    expect(cases[0]?.affectedCount).to.be.at.least(47);
  });

  it('en: a VIP who cannot name the SIMs ("no idea which … dozens … escalate this now") reaches a person at P1', async () => {
    const { cases, said } = await playAs(
      'demo-vip',
      'en',
      'We have an outage on the metering we run for a client in Tromsø — the head-end has had no readings for the last hour.',
      'No idea which SIMs, honestly. Dozens of them, possibly every meter in the city. Please escalate this now.',
    );
    expect(cases.map((c) => [c.status, c.priority.level])).to.deep.equal([['queued', 'P1']]);
    expect(said).not.to.contain('Noted —');
  });

  it('es: a VIP queued with no count, then "tenemos una caída de todos los contadores de Trondheim, unos 800": the case counts 800', async () => {
    const { cases, said } = await playAs(
      'demo-vip',
      'es',
      'Urgente, tenemos una caída',
      'perdón, se me envió a medias: tenemos una caída de todos los contadores de Trondheim, unos 800, urgente.',
    );
    expect(cases[0]?.affectedCount).to.equal(800);
    expect(said).to.contain(lead('es', 'bot.affectedCorrected'));
  });

  // A person declined up front, in words: answered by the bot, nobody queued.
  for (const [lang, text, answer] of [
    [
      'en',
      "Before we start: please don't route me to a human agent, I'd rather work through this with the assistant. How do I check the signal strength on a modem?",
      'AT+CSQ',
    ],
    [
      'es',
      'No hace falta que me pasen con un agente, prefiero resolverlo con el asistente. ¿Cómo compruebo si el módem está registrado en la red?',
      'AT+CEREG?',
    ],
    [
      'es',
      'Nada de pasarme a un agente, que sé cómo acaba eso. Solo dime cuál es el número del SMSC que tengo que poner en los equipos',
      'AT+CSCA',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" declines a person: answered, nobody queued`, async () => {
      const { cases, said } = await play(lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(answer);
    });
  }

  it('en: "I don\'t want to wait, get me an agent now" still asks for a person', async () => {
    const { cases } = await play('en', "I don't want to wait, get me an agent now");
    expect(cases.map((c) => c.status)).to.deep.equal(['queued']);
  });

  it('en: "suspend the sim on it NOW pls, before someone runs up a bill" is a service request, not a question about bills', async () => {
    const { cases } = await play(
      'en',
      'tracker got nicked off truck 31 tonight. suspend the sim on it NOW pls, before someone runs up a bill',
      "it's the one ending 0084",
      'yes do it',
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', ['8946070000000000084']]]);
  });

  // Words copied from the portal: a state told is no change asked for; a closed session is a symptom.
  it('en: "Session: Closed … Status: Activated" copied from the portal is a problem on that SIM', async () => {
    const { cases } = await play(
      'en',
      'Tracker on ICCID 8946070000000000027 has had Session: Closed for three days. Last network: Firstline SE, Status: Activated.',
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', ['8946070000000000027']]]);
  });

  it('en: "Service request: please change the Comm Plan of ICCID …" is a service request', async () => {
    const { cases } = await play(
      'en',
      "Service request: please change the Comm Plan of ICCID 8946070000000000050 from 'IoT Nordic Data' to 'IoT Connect EU'. That truck is now on a permanent route through Germany.",
      'Yes, go ahead and submit it.',
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['service_request']);
  });

  it('es: a problem told with portal fields ("Estado: Activada") and nothing asked is a problem, not a case question', async () => {
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'Hola, el router de casa no carga ninguna página desde ayer. En Mi cuenta pone Estado: Activada y Plan: Consumer Mobile Broadband, no entiendo qué pasa.',
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['incident']);
  });

  it('es: "lo he reiniciado y ahora navega bien" at "¿funciona ahora?" resolves the case', async () => {
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'Hola, el router no conecta a internet desde esta mañana. La SIM es la 8946070000000000100.',
      'Ya está, lo he reiniciado y ahora navega bien. ¡Gracias!',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });

  it('es: "¿Y con qué comando AT lo cambio? Mi compañero solo habla español" after the APN article is answered, nobody queued', async () => {
    const { cases, said } = await play(
      'es',
      '¿Qué APN necesitan nuestros equipos con el plan IoT Connect EU?',
      'Vale. ¿Y con qué comando AT lo cambio en el módem? Mi compañero de campo solo habla español.',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('AT+CGDCONT');
  });

  // Long messages that bury the fact that matters.
  it('en: a long story with "15 of them have gone completely dark … could you look into why?" is an incident for 15', async () => {
    const { cases } = await play(
      'en',
      "Hello. Some context first, because it matters. We've just started a new route for a furniture retailer, taking flat-pack goods from their factory in Poland up to their Swedish stores.\n\nThe first convoy went out on Monday. Since the trailers crossed into Poland, 15 of them have gone completely dark — all of them roaming there, none of them sending any data. The trucks still in Sweden and Germany are fine.\n\nPlease could you look into why they've all dropped out at the same time?",
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['incident']);
    expect(cases[0]?.affectedCount).to.be.at.least(15);
  });

  it('es: a VIP\'s long report ("no le sé decir cuáles … la lista no para de crecer … lo más urgente") reaches a person at P1', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'es',
      'Buenas noches. Le escribo desde la cuenta de Ingrid Halvorsen; yo soy Rafael Gómez, jefe de proyecto de la integración.\n\nDesde hace aproximadamente una hora, nuestro sistema de recogida de lecturas ha dejado de recibir datos de una cantidad enorme de contadores en la zona de Trondheim. No le sé decir cuáles exactamente ni cuántas SIM son, porque son muchísimos y la lista no para de crecer. Ingrid me ha dicho que esto es lo más urgente que hay.',
    );
    expect(cases.map((c) => [c.status, c.priority.level])).to.deep.equal([['queued', 'P1']]);
  });

  it('en: "That all looks right to me — yes, please go ahead and place the order" sends the order', async () => {
    const { cases } = await play(
      'en',
      'we need 40 nano SIMs on IoT Connect EU',
      'Deliver to Acme Logistics, Importgatan 12, 422 46 Hisings Backa, Sweden',
      'That all looks right to me — yes, please go ahead and place the order.',
    );
    expect(cases.map((c) => [c.type, c.request?.quantity])).to.deep.equal([['order', '40']]);
  });

  it('en: "What does a reading of +CSQ: 99,99 actually mean on the modem?" is explained, no case; on a SIM it is checked', async () => {
    const asked = await play('en', 'What does a reading of +CSQ: 99,99 actually mean on the modem?');
    expect(asked.cases).to.deep.equal([]);
    expect(asked.said).to.contain('AT+CSQ');
    const told = await play(
      'en',
      'Signal looks rubbish on one of the vans:\n+CSQ: 6,99\n+CGATT: 0\nwhat does that tell you?',
    );
    expect(told.cases.map((c) => c.type)).to.deep.equal(['incident']);
  });

  it('es: "qué APN les tiene que poner" names no APN "les"; "no hace falta que me transfiera con un agente" declines a person', async () => {
    const { cases, said } = await play(
      'es',
      'Antes que nada, no hace falta que me transfiera con un agente: prefiero resolverlo con usted. El técnico que configura los equipos nuevos me preguntó qué APN les tiene que poner. ¿Cuál es?',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('iot.firstline.example');
    expect(said).not.to.contain('`les`');
  });
});
