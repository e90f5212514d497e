import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

const SIM = (digits: string): string => `89460700000000000${digits}`;

/**
 * Issue 12, thirty-second round — the root causes of blind sets 104–109 (SIMs named by phone number or IMSI, other
 * industries' jargon, screens quoted, customers who want to understand, structured messages, customers who already
 * tried everything), played unseen in the seventeenth session.
 */
describe('customer conversations: round thirty-two', function () {
  const { play, lead } = useCustomerRound(this);

  // Stock running out, or an order stated after what went wrong: an order, not a fault to troubleshoot.
  for (const [lang, text] of [
    ['en', "Our stock page says 'Reorder level reached' for micro SIMs. We'd like 5 more in 3FF."],
    [
      'en',
      "We've been swapping units around all week and now we're out of spares. I need 30 more, MFF2 solder-down.",
    ],
    ['es', "El almacén marca 'tarjetas triple corte: agotado'. Necesitamos reponer."],
    ['es', 'Las nano no entran en los lectores nuevos, no sirven. Queremos hacer un pedido de micro SIM.'],
    ['es', 'Vamos a montar cargadores nuevos en el polígono y queremos pediros tarjetas de triple corte.'],
  ] as const)
    it(`${lang}: "${text.slice(0, 60)}…" starts an order`, async () => {
      const { said, cases, replies } = await play(lang, text);
      expect(said).to.contain(lead(lang, 'bot.request.start.order'));
      expect(cases.filter((c) => c.type === 'incident')).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });

  // The problem told first, then the change named in a sentence of its own: a service request on that SIM.
  for (const [lang, text, sim] of [
    [
      'en',
      "0043 is over its data cap and the portal won't let me raise it myself. Please raise the data limit on 0043 to 1 GB.",
      '43',
    ],
    [
      'es',
      'Ya vimos que la 0068 no recibe SMS porque su plan es solo de datos. Queremos pasarla al plan IoT Data SMS.',
      '68',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 60)}…" prepares a service request`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(lead(lang, 'bot.request.start.service_request'));
      expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', [SIM(sim)]]]);
    });

  // What was already tried ("the portal shows it active", "we swapped handsets") is no change asked for.
  for (const [lang, text, sim] of [
    [
      'es',
      'El rastreador de la 0050 no transmite desde ayer. Ya lo reiniciamos, sacamos la SIM y en el portal aparece activa. ¿Qué más hacemos?',
      '50',
    ],
    [
      'en',
      "The lift phone can't dial out at all. SIM is 0076; we've swapped handsets and the portal says it is active.",
      '76',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 60)}…" is an incident on …${sim}`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', [SIM(sim)]]]);
    });

  // An IMSI names the SIM a change is asked for on.
  it('en: "We need the SIM with IMSI … switched back on" prepares a service request', async () => {
    const { said, cases } = await play(
      'en',
      'We need the SIM with IMSI 240071000015857 switched back on, please.',
    );
    expect(said).to.contain(lead('en', 'bot.request.start.service_request'));
    expect(cases.filter((c) => c.type === 'incident')).to.deep.equal([]);
  });

  // The last digits of the phone number, said as such, name the SIM; a national number's area code is no SIM.
  for (const [lang, first, answer] of [
    [
      'es',
      'Tenemos un equipo que no se conecta a la plataforma.',
      'Los cuatro últimos dígitos del número de teléfono son 4084, el ICCID no lo tengo a mano.',
    ],
    [
      'en',
      'One of our units is not connecting.',
      "The last four digits of its phone number are 4084, I don't have the ICCID with me.",
    ],
  ] as const)
    it(`${lang}: "${answer}" at "which SIM?" checks …0084`, async () => {
      const { cases } = await play(lang, first, answer);
      expect(cases.flatMap((c) => c.sims)).to.deep.equal([SIM('84')]);
    });

  it('en: "raise the data limit on 070-123 84 71" names the SIM of that number, not a SIM ending 070', async () => {
    const { said, cases } = await play(
      'en',
      'Could you raise the monthly data limit on 070-123 84 71? It runs dry every month.',
    );
    expect(said).not.to.contain(lead('en', 'bot.request.simsNotYours'));
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', [SIM('43')]]]);
  });

  // "Pass it to a technician" where a flow asks something: a person, at once.
  for (const [lang, first, answer] of [
    [
      'es',
      'El panel de alarma de la SIM 0084 no envía los SMS. Ya revisamos el centro de mensajes.',
      'Sí, eso ya está todo probado. Pásalo a un técnico.',
    ],
    [
      'en',
      'The alarm panel on SIM 0084 does not send its SMS.',
      "We've tried all of that. Pass it to an engineer please.",
    ],
  ] as const)
    it(`${lang}: "${answer}" mid-checks hands the case to a person`, async () => {
      const { said, cases } = await play(lang, first, answer);
      expect(said).to.contain(lead(lang, 'desk.customer.queued'));
      expect(cases.map((c) => [c.status, c.handoffReason])).to.deep.equal([['queued', 'customer_request']]);
    });

  // "Do you speak Spanish? It's easier for me": a language asked for, in a sentence longer than the language alone.
  for (const [lang, text, to] of [
    ['en', '¿Hablas español? Me resulta más fácil.', 'es'],
    ['es', 'Do you speak English? My colleague will read this.', 'en'],
  ] as const)
    it(`${lang}: "${text}" switches to ${to}`, async () => {
      const { said, cases } = await play(lang, lang === 'en' ? 'hello' : 'hola', text);
      expect(said).to.contain(lead(to, 'bot.language.switched'));
      expect(cases).to.deep.equal([]);
    });

  // "The session is up now" / "turned green" where the checks ask whether it works: it works — resolved.
  for (const [lang, answer] of [
    ['en', 'Changed the APN to what you said and the session is up now. Thanks.'],
    ['en', "Done. The dashboard tile just turned green: 'Online – session established'."],
    ['es', 'Cambiado. Ya tiene sesión y el panel se ha puesto en verde.'],
  ] as const)
    it(`${lang}: "${answer}" resolves the case`, async () => {
      const first = lang === 'en' ? 'SIM 0027 has no data' : 'La SIM 0027 no tiene datos';
      const { cases } = await play(lang, first, answer);
      expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
    });

  // A Spanish message with an English boot log pasted is answered in Spanish.
  it("es: a Spanish message with the modem's English boot log is answered in Spanish", async () => {
    const { said, replies } = await play(
      'es',
      'Tras actualizar el firmware, el equipo con la SIM 8946070000000000076 no pasa de aquí en el log de arranque:\n\n[boot] AT+CPIN?\n[boot] +CPIN: SIM PIN\n[boot] OK\n[boot] AT+CGATT?\n[boot] +CME ERROR: 11\n[boot] modem init failed, retrying',
    );
    await expectLanguage(replies, 'es');
    expect(said).to.contain(lead('es', 'bot.case.opened'));
  });

  // A go-ahead with two fields still missing names both, then asks the first: "one more detail" was not true.
  for (const [lang, first, yes] of [
    ['en', 'We need 40 soldered SIMs, the MFF2 chip kind.', "Yes, that's right, send it through"],
    ['es', 'Necesitamos 25 nano SIM para los caudalímetros nuevos.', 'Sí, adelante con el pedido'],
  ] as const)
    it(`${lang}: "${yes}" with the plan and the address missing names both`, async () => {
      const { said, cases } = await play(lang, first, yes);
      expect(said).to.contain(lead(lang, 'bot.request.stillNeededMany'));
      expect(said).to.contain(lead(lang, 'request.field.address'));
      expect(cases).to.deep.equal([]);
    });

  // The device back in use and the SIM asked to follow: a change asked for, nothing working again.
  it('en: "That tracker is back in service, please reactivate the SIM" prepares a service request', async () => {
    const { said, cases } = await play(
      'en',
      'Someone deactivated the wrong line in the clean-up: the SIM ending 0035. That tracker is back in service, please reactivate the SIM.',
    );
    expect(said).to.contain(lead('en', 'bot.request.start.service_request'));
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', [SIM('35')]]]);
  });

  // A SIM known only by the IMSI the device reported, and nothing heard from it: the checks on that SIM.
  it('en: "…hasn\'t seen a message from it in weeks … the IMSI is …" checks that SIM', async () => {
    const { cases } = await play(
      'en',
      "Our server hasn't seen a message from unit 7 in weeks. All I have is its IMSI from AT+CIMI: 240071000015857. What's up with it?",
    );
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', [SIM('35')]]]);
  });

  // "Won't call home": a device that cannot reach its server (data), not a voice call.
  it('en: "the EV charger on 0019 won\'t call home" runs the data checks', async () => {
    const { cases } = await play('en', "The EV charger on 0019 won't call home since this morning.");
    expect(cases.map((c) => c.category)).to.deep.equal(['data']);
  });
});
