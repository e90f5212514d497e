import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

const SIM = (digits: string): string => `8946070000000000${digits}`;

/**
 * Issue 12, thirty-eighth round — blind sets 134–139 (customers who are not technical, indirect and polite phrasing,
 * intermittent symptoms, device makes and models, structured input, "why" questions) and 140–145 (coming back after
 * advice, SMS/voice/CSD, roaming and borders, roundabout answers, first-time chat users, many identifiers).
 */
describe('customer conversations: round thirty-eight', function () {
  const { play, playAs, lead, articleLead } = useCustomerRound(this);
  const codes = (c: { findings: { code: string }[] } | undefined): string[] =>
    c?.findings.map((f) => f.code) ?? [];

  // An error answering AT+CGACT=1 is the data context refused, not a modem to restart.
  for (const [lang, text] of [
    [
      'en',
      'Tracker on 0027 gets no data. Log:\nAT+CGDCONT?\n+CGDCONT: 1,"IP","internet"\nOK\nAT+CGACT=1,1\n+CME ERROR: 33',
    ],
    ['es', 'El equipo de la 0027 no tiene datos, esto sale:\nAT+CGACT=1,1\r\nERROR\r\nAT+CSQ\r\n+CSQ: 20,99'],
  ] as const) {
    it(`${lang}: a failed AT+CGACT is a rejected data connection, read with the platform`, async () => {
      const { said, cases } = await play(lang, text);
      expect(codes(cases[0])).to.include.members(['MODEM_PDP_REJECTED', 'APN_MISMATCH']);
      expect(said).to.include(lead(lang, 'modem.pdpAdvice.noCause'));
      expect(said).not.to.include(lead(lang, 'finding.MODEM_CME_ERROR.nextStep'));
    });
  }

  it("en: a GPRS +CME error answering the activation gives the network's cause", async () => {
    const { said, cases } = await play('en', 'SIM 0043, no data:\nAT+CGACT=1,1\n+CME ERROR: 133');
    expect(codes(cases[0])).to.include('MODEM_PDP_REJECTED');
    expect(said).to.include(lead('en', 'modem.pdp.33'));
  });

  // Counts around makes and models.
  for (const [lang, text, count] of [
    ['en', 'Roughly 450 Kamstrup OMNIPOWER meters around Uppsala stopped reporting at 03:00.', 450],
    ['en', 'About 60 of our Quectel BG95s on the buses lost data this morning.', 60],
    ['es', 'Unos 80 de nuestros Teltonika FMB920 en Alemania han dejado de enviar posiciones.', 80],
  ] as const) {
    it(`${lang}: "${text.slice(0, 40)}…" counts ${count}`, async () => {
      const { cases } = await play(lang, text);
      expect(cases[0]?.affectedCount).to.be.at.least(count);
    });
  }

  it('en: "SIM7600-based units" names a modem, not a SIM', async () => {
    const { said } = await play(
      'en',
      'Eight of our SIM7600-based gateways in Lund cannot make calls since noon.',
    );
    expect(said).not.to.include('7600');
  });

  it('en: an "Incident report" heading above the fields reports a fault', async () => {
    const { cases } = await play(
      'en',
      'Incident report\nAffected: ~120 trackers\nRegion: Germany\nSince: 05:30 CET\nTried: reboot on five units',
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['incident']);
    expect(cases[0]?.affectedCount).to.be.at.least(120);
    expect(cases[0]?.sims).to.include(SIM('050'));
  });

  it('es: a VIP who cannot say which SIMs yet reaches a person at once', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'es',
      'Varios concentradores de Trondheim han dejado de mandar lecturas esta mañana. No sé aún qué SIM son.',
    );
    expect(cases.map((c) => [c.priority.level, c.handoffReason])).to.deep.equal([['P1', 'vip_incident']]);
  });

  it('es: "se queda mudo" on a SIM named is a fault, not a question about cases', async () => {
    const { cases } = await play('es', 'La furgoneta de la 0050 se queda muda en cuanto cruza a Alemania.');
    expect(cases.map((c) => c.type)).to.deep.equal(['incident']);
    expect(codes(cases[0])).to.include('ROAMING_NOT_ALLOWED');
  });

  // Ending the case in words people use.
  it('en: "just close this for now" after the checks closes the case', async () => {
    const { cases } = await play(
      'en',
      'The tracker on 0019 drops out a few times a day.',
      "Fine, we'll get the installer to look at the wiring next week. Just close this for now.",
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['closed']);
  });

  it('en: "the dot is moving on the map again" after the APN fix resolves it', async () => {
    const { cases } = await play(
      'en',
      'Our van disappeared from the map, the card in it ends 0027.',
      'My colleague changed that setting and the dot is moving on the map again, thanks!',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });

  it('en: "please just close this for now" while the case waits for a person closes it', async () => {
    const { cases } = await play(
      'en',
      'SIM 0043 has been crawling since Monday.',
      "We'll deal with the data budget ourselves, please just close this for now.",
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['closed']);
  });

  // A fault told beside a "why" question about it is troubleshot.
  it('es: "sin dar señal … ¿por qué se ha desactivado?" on 0035 is a fault for a person', async () => {
    const { cases } = await play(
      'es',
      'El localizador del remolque 4 lleva días sin dar señal, es la SIM 0035. ¿Por qué está desactivada?',
    );
    expect(cases.map((c) => [c.type, c.handoffDetail])).to.deep.equal([['incident', 'sim_not_active']]);
  });

  it('es: "¿qué significa que la SIM … no tenga datos?" naming the SIM is a fault', async () => {
    const { cases } = await play(
      'es',
      '¿Qué significa que la SIM 8946 0700 0000 0000 043 no tenga datos desde ayer?',
    );
    expect(codes(cases[0])).to.include('DATA_LIMIT_REACHED');
  });

  it('es: "¿y eso qué significa?" after a fleet answer explains it, no case', async () => {
    const { cases } = await play(
      'es',
      '¿Qué SIM tenemos desactivadas?',
      '¿Y eso qué significa, que no funciona?',
    );
    expect(cases).to.deep.equal([]);
  });

  // Back with the bot from the queue, the question beside it is answered.
  it('es: "sigo contigo. Me preguntaba cuáles … están desactivadas" lists them', async () => {
    const { said } = await play(
      'es',
      '¿Me pasas con alguien del equipo?',
      'Mejor no, sigo contigo. Me preguntaba cuáles de nuestras SIM están desactivadas.',
    );
    expect(said).to.include('0035');
  });

  it('es: "sigo contigo. ¿Qué incluye el plan …? Quiero saber si…" answers the plan', async () => {
    const { said } = await play(
      'es',
      'Quiero hablar con un agente',
      'No hace falta, sigo contigo. ¿Qué incluye el plan IoT Data SMS? Quiero saber si puedo recibir alertas.',
    );
    expect(said).to.include('IoT Data SMS');
    expect(said).not.to.include(articleLead('es', 'send_sms'));
  });

  // Questions.
  it('en: a what-if question that mentions the bill is answered, no request opened', async () => {
    const { said, cases } = await play(
      'en',
      'Nothing is wrong, just curious: what happens when a SIM burns through its monthly data? Is it cut off, or do we get a big bill?',
    );
    expect(said).to.include(articleLead('en', 'data_limit'));
    expect(cases).to.deep.equal([]);
  });

  it('en: "if any of our SIM cards have gone over … which ones?" lists 0043', async () => {
    const { said, cases } = await play(
      'en',
      'Finance asked me to check if any of our SIM cards have gone over their data allowance. Which ones?',
    );
    expect(said).to.include('0043');
    expect(cases).to.deep.equal([]);
  });

  it('en: "what happens if any of our SIMs go over the limit?" is the article, not a list', async () => {
    const { said } = await play('en', 'What happens if any of our SIMs go over the data limit?');
    expect(said).to.include(articleLead('en', 'data_limit'));
    expect(said).not.to.include(SIM('043'));
  });

  it('en: "how much data does each plan include?" is the data article', async () => {
    const { said } = await play('en', 'How much data does each plan include?');
    expect(said).to.include(articleLead('en', 'data_limit'));
  });

  it('en: "we need more of those little SIM cards … 30 please" is an order', async () => {
    const { cases } = await play(
      'en',
      'We need more of those little SIM cards for the new vans. 30 please.',
      'Nano ones, on IoT Connect EU. Deliver to Acme Logistics, Hamngatan 4, 411 06 Göteborg.',
    );
    expect(cases.map((c) => [c.type, c.request?.quantity, c.request?.formFactor])).to.deep.equal([
      ['order', '30', '4ff'],
    ]);
  });

  it('es: "me preguntaba si hablo con un asistente o con una persona" is answered, no handoff', async () => {
    const { said, cases } = await play(
      'es',
      'Perdone, antes de nada me preguntaba si estoy hablando con un asistente automático o con una persona.',
    );
    expect(said).to.include(articleLead('es', 'about_assistant'));
    expect(cases).to.deep.equal([]);
  });

  it('en: "I was wondering if you could look at 0050 …" reports its fault', async () => {
    const { cases } = await play(
      'en',
      "I was wondering if you could look at SIM 0050, the trailer near Hamburg hasn't reported since Monday.",
    );
    expect(cases.map((c) => c.handoffDetail)).to.deep.equal(['roaming_not_allowed']);
  });

  it('es: "antes de abrir ninguna incidencia … ¿cómo miro la señal?" answers, opens nothing', async () => {
    const { said, cases } = await play(
      'es',
      'Antes de abrir ninguna incidencia quiero descartar la antena. ¿Cómo miro la señal con comandos AT?',
    );
    expect(said).to.include(articleLead('es', 'check_signal'));
    expect(cases).to.deep.equal([]);
  });

  it('es: the hours asked "because our problems always happen at night" open nothing', async () => {
    const { said, cases } = await play(
      'es',
      '¿Qué horario tenéis? Lo digo porque nuestros problemas siempre pasan de noche.',
    );
    expect(said).to.include(articleLead('es', 'opening_hours'));
    expect(cases).to.deep.equal([]);
  });

  it('es: "una consulta, no es avería: ¿en qué plan está la 0068?" answers the plan, no case', async () => {
    const { said, cases } = await play('es', 'Una consulta, no es avería: ¿en qué plan está la 0068?');
    expect(said).to.include('IoT Data Only');
    expect(cases).to.deep.equal([]);
  });

  // Requests.
  it('en: a SIM the customer deactivated, asked back on, is a service request', async () => {
    const { cases } = await play(
      'en',
      "SIM 0035 has been silent for weeks; we deactivated it ourselves when the unit was retired. It's going back in now, can you reactivate it?",
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', [SIM('035')]]]);
  });

  it('es: a usage report asked for, with "algunos equipos" told beside it, is an information request', async () => {
    const { cases } = await play(
      'es',
      'Necesito un informe de consumo por SIM del último trimestre. Vemos que algunos equipos van lentos a fin de mes. ¿Me lo preparáis?',
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
  });

  // Fleets and identifiers.
  it('es: the countries told working are left out: the trucks in Germany are checked', async () => {
    const { cases } = await play(
      'es',
      'Los 30 camiones de la ruta a Alemania pierden los datos en la frontera; en Suecia y Noruega van perfectos.',
    );
    expect(cases[0]?.sims).to.deep.equal([SIM('050')]);
    expect(cases[0]?.handoffDetail).to.equal('roaming_not_allowed');
  });

  it('en: "still answers the SMS command but no GPRS" is a data fault', async () => {
    const { cases } = await play(
      'en',
      'The FMC130 on SIM 0043 still answers the getinfo SMS command but there has been no GPRS since 07:00.',
    );
    expect(cases[0]?.category).to.equal('data');
    expect(codes(cases[0])).to.include('DATA_LIMIT_REACHED');
  });

  it('es: "Número: 00 46 721 234 068" names SIM 0068', async () => {
    const { cases } = await play(
      'es',
      'Datos del equipo:\n- Número: 00 46 721 234 068\n- Problema: no envía SMS',
    );
    expect(cases[0]?.sims).to.deep.equal([SIM('068')]);
    expect(codes(cases[0])).to.include('SMS_NOT_IN_PLAN');
  });

  it('en: a person asked for, with outages as the reason, is a handoff — not the outage status', async () => {
    const { cases } = await play(
      'en',
      'Request: speak to a human\nReason: two outages this week and I want to discuss it with a person',
    );
    expect(cases.map((c) => c.handoffReason)).to.deep.equal(['customer_request']);
  });

  // Sets 140–145.
  it('es: one truck abroad, and one SIM of theirs there: that SIM is checked, not the fleet', async () => {
    const { cases } = await play(
      'es',
      'Desde que el camión salió de Suecia no manda ni una posición; iba hacia Alemania.',
    );
    expect(cases.map((c) => [c.sims, c.handoffDetail])).to.deep.equal([
      [[SIM('050')], 'roaming_not_allowed'],
    ]);
  });

  it('es: one truck between two countries with many SIMs: which SIM is asked, then that one is checked', async () => {
    const first = await play(
      'es',
      'El camión que hace Noruega–Suecia volvió la semana pasada y el equipo no transmite.',
    );
    expect(first.said).to.include(lead('es', 'bot.sim.ask'));
    expect(first.cases.map((c) => c.handoffReason ?? null)).to.deep.equal([null]);
    const { cases } = await play(
      'es',
      'El camión que hace Noruega–Suecia volvió la semana pasada y el equipo no transmite.',
      'La SIM es la 0035.',
    );
    expect(cases.map((c) => c.handoffDetail)).to.deep.equal(['sim_not_active']);
  });

  it('en: "never replies" to an SMS command, on a SIM named by its IMSI, is a fault', async () => {
    const { cases } = await play(
      'en',
      'We text the *GETSTATUS# command to the tracker with IMSI 240071000015857 and it never replies. Can you check?',
    );
    expect(cases.map((c) => [c.type, c.handoffDetail])).to.deep.equal([['incident', 'sim_not_active']]);
  });

  it('es: "+46 (0)70-123 40 19" is SIM 0019 (the trunk zero in brackets dropped)', async () => {
    const { cases } = await play('es', 'El localizador no manda datos. El número es +46 (0)70-123 40 19.');
    expect(cases[0]?.sims).to.deep.equal([SIM('019')]);
  });

  it('es: "SIM con terminación 19" names SIM 0019', async () => {
    const { cases } = await play('es', 'El GPS del camión 3 no manda datos, SIM con terminación 19.');
    expect(cases[0]?.sims).to.deep.equal([SIM('019')]);
  });

  it('en: a VIP\'s "600 meters haven\'t replied to the wake-up SMS" reaches a person at P1', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'en',
      "About 600 meters near Bodø haven't replied to the SMS wake-up since 01:00, and billing runs tomorrow.",
    );
    expect(cases.map((c) => [c.type, c.priority.level, c.handoffReason])).to.deep.equal([
      ['incident', 'P1', 'vip_incident'],
    ]);
  });

  for (const [lang, text] of [
    ['en', 'hello? is this working? sorry, first time using this chat'],
    ['es', 'Perdón, es la primera vez que uso esto. ¿Esto llega a alguien?'],
  ] as const)
    it(`${lang}: "${text.slice(0, 30)}…" is a greeting: no case, no person`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.include(lead(lang, 'bot.greeting'));
      expect(cases).to.deep.equal([]);
    });

  it('en: "do I just type here?" before a fault: the fault is checked', async () => {
    const { cases } = await play(
      'en',
      'do I just type here? about 40 of our card terminals in Malmö have had no data since 8am',
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['incident']);
    expect(cases[0]?.affectedCount).to.be.at.least(40);
  });

  it('es: "¿En qué horario les puedo contactar…?" after "primera vez que escribo" is the hours', async () => {
    const { said, cases } = await play(
      'es',
      'Hola, es la primera vez que escribo por aquí. ¿En qué horario les puedo contactar?',
    );
    expect(said).to.include(articleLead('es', 'opening_hours'));
    expect(cases).to.deep.equal([]);
  });
});
