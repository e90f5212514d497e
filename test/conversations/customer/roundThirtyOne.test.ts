import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

const SIM = (digits: string): string => `89460700000000000${digits}`;

/**
 * Issue 12, thirty-first round — the root causes of blind sets 98–103 (second-hand reports, time-bound faults,
 * hedged customers, negations and contrasts, references back, terminology confusion), played unseen in the
 * sixteenth session.
 */
describe('customer conversations: round thirty-one', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // A SIM named by three digits with a leading zero after a device ("meter 043"), after "the SIM is", or by two digits
  // right after "sim" is the SIM: no "which SIM?".
  for (const [lang, user, text, sim] of [
    [
      'en',
      'demo-user',
      "The metering contractor says meter 043 in Block C isn't sending any readings.",
      '43',
    ],
    ['es', 'demo-vip', 'El técnico de campo dice que el contador 092 no transmite desde anteayer.', '92'],
    [
      'en',
      'demo-user',
      "The lift company says the emergency phone in lift 2 can't dial out. The SIM is 076.",
      '76',
    ],
    [
      'es',
      'demo-user',
      'La tarjeta del rastreador 043 se ha quedado sin señal, ¿se le ha acabado el saldo?',
      '43',
    ],
    [
      'en',
      'demo-user',
      "hi, caretaker just rang, the lift phone can't ring out at all. sim is 076 i think",
      '76',
    ],
    ['en', 'demo-user', 'our ev charger has had no data since the weekend, we touched nothing. sim 43', '43'],
  ] as const)
    it(`${lang}: "${text.slice(0, 60)}…" checks SIM …${sim}`, async () => {
      const { cases } = await playAs(user, lang, text);
      expect(cases.flatMap((c) => c.sims)).to.include(SIM(sim));
    });

  // Negations: "nothing is broken", "no quiero abrir ninguna incidencia", "this isn't a fault" tell no problem.
  it('en: "Nothing is broken, I\'m not reporting a problem. I only want to know which…" lists, opens nothing', async () => {
    const { said, cases } = await play(
      'en',
      "Nothing is broken, I'm not reporting a problem. I only want to know which of my SIMs are roaming outside Sweden right now.",
    );
    expect(said).to.contain(SIM('50'));
    expect(cases).to.deep.equal([]);
  });

  it('es: "No quiero abrir ninguna incidencia, solo saber cuántas…" lists, opens nothing', async () => {
    const { said, cases } = await play(
      'es',
      'No quiero abrir ninguna incidencia, solo saber cuántas de mis SIM están desactivadas ahora mismo.',
    );
    expect(said).to.contain(SIM('35'));
    expect(cases).to.deep.equal([]);
  });

  it('es: "No es nada urgente ni hay ninguna avería. ¿En qué horario…?" is answered, nothing opened', async () => {
    const { cases, said } = await play(
      'es',
      'No es nada urgente ni hay ninguna avería. ¿En qué horario puedo contactar con soporte?',
    );
    expect(said).to.contain('24/7');
    expect(cases).to.deep.equal([]);
  });

  it('en: "This isn\'t a fault … We\'d like the data limit on it raised" is a service request', async () => {
    const { cases } = await play(
      'en',
      "This isn't a fault, we know SIM 0043 hit its data limit. We'd like the data limit on it raised, please.",
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', [SIM('43')]]]);
  });

  // A question passed on ("he wants to know", "quiere saber") is a question.
  for (const [lang, text, sim] of [
    ['en', 'He wants to know which of our SIMs are roaming at the moment.', '50'],
    [
      'es',
      'El supervisor de la red de contadores quiere saber cuántas de nuestras SIM están desactivadas.',
      '35',
    ],
    ['es', 'El de logística pregunta qué SIM nuestras están en itinerancia ahora mismo.', '50'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" answers from the look-up, opens nothing`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(SIM(sim));
      expect(cases).to.deep.equal([]);
    });

  it('en: "My site manager wants to know your support opening hours" is answered, not handed to a person', async () => {
    const { said, cases } = await play(
      'en',
      'My site manager wants to know your support opening hours, in case something breaks at one of the sites over the weekend.',
    );
    expect(said).to.contain('24/7');
    expect(cases).to.deep.equal([]);
  });

  // A country left out ("not the ones in Sweden", "no me refiero a las de Suecia") is not where the SIMs are.
  it('en: "Which of my SIMs are roaming right now? Not the ones in Sweden" lists the one in Germany', async () => {
    const { said } = await play(
      'en',
      'Which of my SIMs are roaming right now? Not the ones in Sweden, I know about those.',
    );
    expect(said).to.contain(SIM('50'));
  });

  it('es: "¿Cuáles de mis SIM están en Alemania? No me refiero a las de Suecia." lists only the one in Germany', async () => {
    const { said } = await play('es', '¿Cuáles de mis SIM están en Alemania? No me refiero a las de Suecia.');
    expect(said).to.contain(SIM('50'));
    expect(said).not.to.contain(SIM('19'));
  });

  // A short follow-up to a fleet list asks the fleet again with another filter.
  it('en: "And the ones abroad?" after the data-limit list lists the SIM abroad', async () => {
    const { said, cases } = await play(
      'en',
      'Which of our SIMs have reached their data limit?',
      'And the ones abroad?',
    );
    expect(said).to.contain(SIM('50'));
    expect(said).not.to.contain(SIM('43'));
    expect(cases).to.deep.equal([]);
  });

  it('es: "¿Y desactivadas?" after the data-limit list lists the deactivated SIM', async () => {
    const { said, cases } = await play('es', '¿Qué SIM han llegado al límite de datos?', '¿Y desactivadas?');
    expect(said).to.contain(SIM('35'));
    expect(cases).to.deep.equal([]);
  });

  // The customer's words for SIMs and states: modems, chips, accounts; "switched off on your side", "used up their internet".
  for (const [text, sim] of [
    ['Which of our modems are roaming at the moment?', '50'],
    ['How many of our modems are switched off on your side, and which ones?', '35'],
    ['Which of my chips have used up their internet for the month?', '43'],
    ['Can you list the accounts that are roaming abroad right now?', '50'],
    ['how many of our 30 trackers are roaming right now?', '50'],
  ] as const)
    it(`en: "${text}" answers from the look-up`, async () => {
      const { said, cases } = await play('en', text);
      expect(said).to.contain(SIM(sim));
      expect(cases).to.deep.equal([]);
    });

  // "Back to the bot for a moment", politely: nothing else to answer; the question next is a fleet question.
  it('en: "could I go back to the bot for a moment?" then a fleet question: listed, the case not walked again', async () => {
    const { said, cases } = await play(
      'en',
      'Hello, sorry to bother you. Our camera on SIM 0043 has stopped uploading since last night.',
      "If it's no trouble, could I go back to the bot for a moment?",
      "Thank you. I'd just like to know which of our SIMs are roaming at the moment, if that's possible.",
    );
    expect(said).to.contain(SIM('50'));
    expect(said).not.to.contain(lead('en', 'flows.data.intro'));
    expect(cases.map((c) => c.sims)).to.deep.equal([[SIM('43')]]);
  });

  it('en: "could I go back to the bot for a moment?" offers nothing for the team', async () => {
    const { said } = await play(
      'en',
      'Our camera on SIM 0043 has stopped uploading since last night.',
      "If it's no trouble, could I go back to the bot for a moment?",
    );
    expect(said).not.to.contain(lead('en', 'bot.request.offer.unanswered'));
  });

  // A person asked for and taken back ("mejor volver al bot"): a problem told next is checked, and stays with the bot
  // until the customer asks for a person again (the handoff policy: older sets' "I'll try here first" want the same).
  it('es: "Pásame con un agente" · "mejor volver al bot" · a deactivated SIM is checked and kept with the bot', async () => {
    const { said, cases } = await play(
      'es',
      'Pásame con un agente, es urgente y tiene que estar antes de las 17:00.',
      'No, mejor volver al bot.',
      'La SIM 035 no conecta desde el 2 de mayo.',
    );
    expect(cases.filter((c) => c.status === 'open').map((c) => c.sims)).to.deep.equal([[SIM('35')]]);
    expect(said).to.contain(lead('es', 'bot.handoff.declined'));
  });

  it('es: "…dudas que yo no sé responder" · "volver al bot" opens no case of its own', async () => {
    const { cases } = await play(
      'es',
      'Quiero hablar con una persona: el jefe de planta tiene dudas que yo no sé responder.',
      'Vale, volver al bot.',
    );
    expect(cases.filter((c) => c.status !== 'closed')).to.deep.equal([]);
  });

  // A passage quoted in another language is someone else's words.
  it('es: a Spanish message quoting an English alarm is answered in Spanish', async () => {
    const { replies } = await play(
      'es',
      'Mi técnico me escribe en inglés: "alarm panel at site 4 not sending SMS, SIM 068". ¿Lo podéis revisar?',
    );
    await expectLanguage(replies, 'es');
  });

  // Closing a case in words while it waits: "would you mind closing the case".
  it('en: "would you mind closing the case, please?" while queued closes it', async () => {
    const { cases } = await play(
      'en',
      'Hello, I was wondering if someone could check SIM 0043 for me? The camera on it has stopped uploading.',
      "Actually, sorry, would you mind closing the case, please? We've decided to replace that unit anyway.",
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['closed']);
  });

  // A language asked for while the case waits: the switch is said, the place kept.
  it('en→es: "sorry, can you answer in Spanish?" while queued says the switch and the place', async () => {
    const { said, replies } = await play(
      'en',
      "hello, the modem with chip 035 isn't getting any signal, the alarm company says it's offline",
      'sorry, can you answer in Spanish? my colleague who handles this will read it',
    );
    expect(said).to.contain(lead('es', 'bot.language.switched'));
    await expectLanguage(replies, 'es');
  });

  // A SIM's plan asked about; "solo era una pregunta, no quiero cambiar nada" asks for no change.
  it('es: "¿Qué incluye el plan de la SIM 076?" then "no quiero cambiar nada": the SIM shown, nothing opened', async () => {
    const first = await play('es', '¿Qué incluye el plan de la SIM 076?');
    expect(first.said).to.contain('IoT Data SMS');
    expect(first.cases).to.deep.equal([]);
    const { cases } = await play(
      'es',
      '¿Qué incluye el plan de la SIM 076?',
      'O sea que lo de la voz que te preguntaba no lo tiene, ¿no? Solo era una pregunta, de momento no quiero cambiar nada.',
    );
    expect(cases).to.deep.equal([]);
  });

  // "¿Me lo podéis mirar?" about a SIM named is a check of it, not the data-limit article.
  it('es: "La SIM 043 ha llegado al data limit … ¿Me lo podéis mirar?" checks the SIM', async () => {
    const { cases } = await play(
      'es',
      'La SIM 043 ha llegado al data limit, en el dashboard pone overage. ¿Me lo podéis mirar?',
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', [SIM('43')]]]);
  });

  // The APN the modem output shows is compared with the plan's, even when the platform saw the right one last time.
  it("es: pasted +CGDCONT with the wrong APN on a SIM with a session gets the plan's APN", async () => {
    const { said } = await play(
      'es',
      'No tenemos internet en el contador de la línea 0084. He puesto la dirección del servidor que me dijeron, mirad:\nAT+CGDCONT?\n+CGDCONT: 1,"IP","internet.movil","0.0.0.0",0,0\nOK',
    );
    expect(said).to.contain('AT+CGDCONT=1,"IP","iot.firstline.example"');
  });

  // The customer's words for the APN: "the password … so it goes online", "configurar el internet en el módem".
  for (const [lang, text] of [
    [
      'en',
      'How do I put the password on the modem so it goes online? The installer is asking me what to type in for your chips',
    ],
    [
      'es',
      '¿Cómo configuro el internet en el módem? ¿Qué dirección del servidor tengo que poner para vuestros chips?',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" gets the APN command`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain('AT+CGDCONT=1,"IP","iot.firstline.example"');
      expect(cases).to.deep.equal([]);
    });

  // A language asked for at "which SIM?", with the SIM in the same message: the SIM is the answer.
  it('en→es: "¿le importaría que siguiéramos en español? … Es la SIM que acaba en 0050" checks that SIM', async () => {
    const { cases } = await play(
      'en',
      'Hi, sorry to bother you. I was hoping someone could look at a tracker that has stopped reporting.',
      'Perdone, ¿le importaría que siguiéramos en español? Me expreso mejor. Es la SIM que acaba en 0050 y el camión está en Alemania.',
    );
    expect(cases.flatMap((c) => c.sims)).to.include(SIM('50'));
  });
});
