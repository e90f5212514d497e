import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, twenty-fifth round — what the tenth session left out, and the root causes of the blind sets played
 * in the eleventh.
 */
describe('customer conversations: round twenty-five', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // A problem told about a SIM that is not the organisation's: no incident until one of its SIMs is found.
  for (const [user, lang, first] of [
    [
      'demo-user',
      'en',
      "Can you have a look at 8946070000000000092 for me? It's been playing up all morning.",
    ],
    ['demo-consumer', 'es', '¿Me podéis mirar la SIM 8946070000000000019? Creo que está frita.'],
    ['demo-user', 'en', 'SIM ending 9999 stopped sending data this morning'],
    ['demo-consumer', 'es', 'la SIM 8946070000000000043 no navega desde ayer'],
  ] as const) {
    it(`${lang} (${user}): "${first.slice(0, 45)}…" opens no case and says the SIM is not theirs`, async () => {
      const { cases, said } = await playAs(user, lang, first);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(lead(lang, 'bot.sim.notFound'));
      expect(said).not.to.contain(lead(lang, 'bot.case.opened'));
    });
  }

  it('en: a foreign ICCID, then "it\'s the one ending 0019": one incident, on 0019 only', async () => {
    const { cases, said } = await play(
      'en',
      "Can you have a look at 8946070000000000092 for me? It's been playing up all morning.",
      "sorry, wrong number, it's the one ending 0019",
    );
    expect(cases.map((c) => [c.type, c.category, c.sims])).to.deep.equal([
      ['incident', 'data', ['8946070000000000019']],
    ]);
    expect(said).to.contain(lead('en', 'bot.case.opened'));
  });

  it('es: a foreign ICCID, then "Omitir": the incident opens without a SIM and the checks go on', async () => {
    const { cases, said } = await playAs(
      'demo-consumer',
      'es',
      'la SIM 8946070000000000043 no navega desde ayer',
      'Omitir',
    );
    expect(said).to.contain(lead('es', 'bot.case.opened'));
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', []]]);
  });

  it('en: a SIM of its own beside a foreign one opens the case at once, with its own SIM only', async () => {
    const { cases, said } = await play('en', 'SIMs 0019 and 8946070000000000092 both stopped sending data');
    expect(said).to.contain(lead('en', 'bot.case.opened'));
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000019']]);
  });

  it("es: a signature's phone numbers name no SIM: the 500 trackers' incident opens, nothing is 'not found'", async () => {
    const { cases, said } = await play(
      'es',
      'Buenas, desde las 8:00 unos 500 rastreadores no envían posición en toda España.\n\nUn saludo,\nSam Carter\nJefe de flota – Acme Logistics\nTel. +34 91 555 01 23 | Móvil +34 600 123 456',
    );
    expect(cases.map((c) => [c.type, c.affectedCount])).to.deep.equal([['incident', 500]]);
    expect(said).not.to.contain(lead('es', 'bot.sim.notFound'));
  });

  it('es: "la sim es 8946…019… ay no espera, esa es la de mi hermano, la mía termina en 0100" keeps 0100 checked', async () => {
    const { cases, said } = await playAs(
      'demo-consumer',
      'es',
      'hola!! el router de casa va a pedales desde ayer',
      'la sim es 8946070000000000019... ay no espera, esa es la del curro de mi hermano 🙈 la mía termina en 0100',
    );
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000100']]);
    expect(said).not.to.contain(lead('es', 'bot.sim.notFound'));
  });

  // A chat typed a line at a time: the SIM first, the problem next.
  it('en: "sim 0043" shows its state; "no tiene datos desde ayer" after a language switch troubleshoots 0043', async () => {
    const first = await play('en', 'sim 0043');
    expect(first.cases).to.deep.equal([]);
    expect(first.said).to.contain('8946070000000000043');
    const { cases } = await play(
      'en',
      'hi',
      'sim 0043',
      'perdona, mejor en español',
      'no tiene datos desde ayer',
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', ['8946070000000000043']]]);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('DATA_LIMIT_REACHED');
  });

  it('en (VIP): "meter 0092", then "offline 2 days now": a person has it at once, P1, on 0092', async () => {
    const { cases } = await playAs('demo-vip', 'en', 'meter 0092', 'offline 2 days now');
    expect(cases.map((c) => [c.status, c.priority.level, c.sims])).to.deep.equal([
      ['queued', 'P1', ['8946070000000000092']],
    ]);
  });

  // A line the bot did not understand, read with the next short one.
  it('es: "si me paso de los gigas del mes" · "¿me cortan?" answers the data-limit article, no case', async () => {
    const { cases, said } = await playAs(
      'demo-consumer',
      'es',
      'una duda',
      'si me paso de los gigas del mes',
      'me cortan?',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('50 GB');
  });

  it('es: a short line not understood is not joined to an answer that stands alone ("no, gracias")', async () => {
    const { said } = await playAs('demo-consumer', 'es', 'si me paso de los gigas del mes', 'No, gracias');
    expect(said).not.to.contain('50 GB');
  });

  // Usage asked of the customer's own SIMs: the look-up answers, not the article.
  for (const [user, lang, text, shown] of [
    ['demo-consumer', 'en', 'Hi, how much data have I used on my router this month?', '8946070000000000100'],
    ['demo-consumer', 'es', '¿Cuánto llevo gastado este mes?', '8946070000000000100'],
    ['demo-user', 'en', 'how much data has 0043 used?', '512.4'],
  ] as const) {
    it(`${lang} (${user}): "${text}" shows the SIM's usage, with no case`, async () => {
      const { cases, said } = await playAs(user, lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(shown);
    });
  }

  it('en: "Did you already activate 0035?" shows its state, opening no request', async () => {
    const { cases, said } = await play('en', 'Did you already activate 0035?');
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('8946070000000000035');
  });

  // How-to questions written without a question mark, or opened as "a general question".
  for (const [lang, text] of [
    ['en', 'WHAT HAPPEN WHEN ONE SIM FINISH ALL THE MB OF THE MONTH. IT STOP COMPLETE OR ONLY GO SLOW'],
    [
      'es',
      'Pregunta general: cuando una SIM agota los datos del plan en el ciclo, ¿qué hace la red? ¿Se rechaza el contexto PDP, se reduce la velocidad o seguís cobrando exceso?',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 40)}…" answers the data-limit article, with no case`, async () => {
      const { cases, said } = await play(lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain('500 MB');
    });
  }

  it('en: "Case 3318 again … three trucks are dark: 0027, 0043 and 0050": no such case, the three are checked', async () => {
    const { cases, said } = await play(
      'en',
      "Case 3318 again - it's spreading. Now three trucks are dark: 0027, 0043 and 0050.",
    );
    expect(said).to.contain(lead('en', 'bot.cases.notFound'));
    expect(cases.map((c) => [c.type, [...c.sims].sort()])).to.deep.equal([
      ['incident', ['8946070000000000027', '8946070000000000043', '8946070000000000050']],
    ]);
  });

  it('en: "No, on second thought I\'ll stay with you. The alarm unit on 8946…068 can\'t send" checks 0068', async () => {
    const { cases } = await play(
      'en',
      "Operator please. I've explained this SMS issue to three different people already.",
      "No, on second thought I'll stay with you. The alarm unit on 8946070000000000068 can't send its SMS alerts.",
    );
    expect(cases.map((c) => [c.sims, c.findings.map((f) => f.code)])).to.deep.equal([
      [['8946070000000000068'], ['SMS_NOT_IN_PLAN']],
    ]);
  });

  it('en: "No, don\'t hand it to anyone … tell me what\'s wrong yourself" while queued leaves the queue', async () => {
    const { cases } = await play(
      'en',
      "Tracker 8946070000000000050 is dead in Germany and I've had it with you lot. Escalate it.",
      "No, don't hand it to anyone, they'll just sit on it for a week. Tell me what's wrong with it yourself.",
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['open']);
  });

  it('es: "Solo dime si hay alguien de guardia por la noche" is a question answered, not a person asked for', async () => {
    const { cases } = await play(
      'es',
      'Solo dime si hay alguien de guardia por la noche, que mañana de madrugada tenemos ventana de mantenimiento.',
    );
    expect(cases).to.deep.equal([]);
  });

  // A device named by its IMEI: the SIM in it is the one checked — only among the organisation's own.
  it('es: "el equipo con imei 356938110000438 no manda datos" checks the SIM in that device (…043)', async () => {
    const { cases } = await play(
      'es',
      'hola buenas, el equipo con imei 356938110000438 no manda datos desde ayer medio dia, podeis mirar',
    );
    expect(
      cases.map((c) => [c.sims, c.findings.map((f) => f.code).includes('DATA_LIMIT_REACHED')]),
    ).to.deep.equal([[['8946070000000000043'], true]]);
  });

  it("es (demo-consumer): another organisation's device IMEI is not found and opens nothing", async () => {
    const { cases, said } = await playAs(
      'demo-consumer',
      'es',
      'el equipo con imei 356938110000438 no manda datos',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain(lead('es', 'bot.sim.notFound'));
    expect(said).not.to.contain('8946070000000000043');
  });

  it('en: a unit named only by the IMSI its modem reported (AT+CIMI) is checked on that SIM', async () => {
    const { cases } = await play(
      'en',
      "Our MQTT broker hasn't seen a CONNECT from unit TRK-0412 in weeks. Only thing I have remotely is the IMSI it reported last boot: AT+CIMI -> 240071000015857. Can you see what's up with that subscription?",
    );
    expect(
      cases.map((c) => [c.sims, c.findings.map((f) => f.code).includes('SIM_NOT_ACTIVE')]),
    ).to.deep.equal([[['8946070000000000035'], true]]);
  });

  it('en: "never completes PDP activation, CGACT returns ERROR every time" is a problem, not a request', async () => {
    const { cases } = await play(
      'en',
      'Unit with SIM 8946070000000000027 never completes PDP activation, CGACT returns ERROR every time.',
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', ['8946070000000000027']]]);
  });

  it('es: "Abre incidencia." with the case still open says it is open, and opens no second one', async () => {
    const { cases, said } = await play(
      'es',
      'Quiero hablar con una persona.',
      'Da igual, mejor sigo contigo. La SIM 8946070000000000068 no envía SMS: +CMS ERROR: 500 en el AT+CMGS.',
      'Abre incidencia.',
    );
    expect(cases).to.have.length(1);
    expect(said).to.contain(lead('es', 'bot.case.alreadyOpen').replace(/\*+$/, ''));
  });

  // Lists asked for by state.
  for (const [lang, text] of [
    [
      'en',
      "List every SIM of ours that's deactivated. Somebody cut our units off and I want to know which ones.",
    ],
    ['en', 'give me list of the sim what are deactivated'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 40)}…" lists the deactivated SIM, with no case`, async () => {
      const { cases, said } = await play(lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain('8946070000000000035');
    });
  }

  it('es (VIP): "todos los contadores de Stavanger, más de 20" keeps 20 on the P1 case', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'es',
      'Quiero confirmar la prioridad de la incidencia que abrimos ayer: se han caído todos los contadores de Stavanger, más de 20. Espero que la tengan como crítica.',
    );
    expect(cases.map((c) => [c.priority.level, c.affectedCount >= 20])).to.deep.equal([['P1', true]]);
  });

  // While the case waits for a person.
  it('en: "separate question while I have you - what APN…?" while queued is answered; the case keeps its place', async () => {
    const { cases, said } = await play(
      'en',
      'Van 14 has no mobile data since yesterday afternoon. SIM is 8946 0700 0000 0000 043',
      'OK. Separate question while I have you - what APN should the rest of our trackers be set to?',
    );
    expect(said).to.contain('iot.firstline.example');
    expect(said).to.contain(lead('en', 'desk.customer.position'));
    expect(cases.map((c) => c.status)).to.deep.equal(['queued']);
  });

  it('es: "¿cómo podemos ampliar el límite de datos?" while queued is answered (it asks how)', async () => {
    const { said, cases } = await play(
      'en',
      'SIM ending 043 has no data since yesterday.',
      'Perdona, sigo en español que me resulta más fácil: ¿cómo podemos ampliar el límite de datos?',
    );
    expect(said).to.contain('500 MB');
    expect(cases.map((c) => c.status)).to.deep.equal(['queued']);
  });

  it('es: a question about the case itself while queued ("¿con esa señal debería bastar?") is left to the agent', async () => {
    const { said } = await playAs(
      'demo-vip',
      'es',
      'El concentrador de la subestación 14 no sube lecturas desde el martes.\nAT+CSQ\n+CSQ: 6,99\nOK\nLa SIM termina en 0092.',
      'La antena está en el sótano, dentro de un armario metálico. ¿Con esa señal debería bastar o hay que sacarla fuera?',
    );
    expect(said).not.to.contain('AT+CSQ');
    expect(said).to.contain(lead('es', 'desk.customer.detailAdded'));
  });

  for (const [lang, first, second, status] of [
    [
      'en',
      'SIM ending 0043 stopped sending data yesterday.',
      "Ah, that explains it. It resets at the start of the month anyway, we'll live with it. No need to keep a ticket open for this.",
      'closed',
    ],
    ['en', 'SIM 8946070000000000035 DOWN', 'NO LEAVE IT. I WILL ACTIVATE IN THE PORTAL BY MYSELF', 'open'],
    ['es', 'HOLA NECESITO HABLAR CON AGENTE', 'NO NO CANCELA, PERDON, ERA EQUIVOCADO', undefined],
  ] as const) {
    it(`${lang}: "${second.slice(0, 45)}…" while queued takes the case from the queue`, async () => {
      const { cases } = await play(lang, first, second);
      expect(cases.map((c) => c.status)).to.deep.equal(status ? [status] : []);
    });
  }

  it('en: an urgent VIP report naming a SIM that is not theirs still reaches a person at once (P1)', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'en',
      'URGENT: meter SIM 8946070000000000019 stopped reporting, the whole substation is dark',
    );
    expect(cases.map((c) => [c.status, c.priority.level, c.sims])).to.deep.equal([['queued', 'P1', []]]);
  });
});
