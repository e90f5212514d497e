import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

const SIM = (digits: string): string => `89460700000000000${digits}`;

/**
 * Issue 12, thirty-fifth round — what the replay of every earlier blind set on round thirty-four's merged code lost,
 * each conversation as the blind set wrote it.
 */
describe('customer conversations: round thirty-five', function () {
  const { play, playAs, articleLead } = useCustomerRound(this);

  // A "por favor" closing the delivery address is the customer's, in their language — not part of the address.
  it('es: "Enviadlas a Acme Logistics, Calle de Alcalá 120, 28009 Madrid, por favor." sums the order up in Spanish', async () => {
    const { replies, said } = await play(
      'en',
      "We'd like to order 40 micro SIMs on the IoT Data SMS plan.",
      'Enviadlas a Acme Logistics, Calle de Alcalá 120, 28009 Madrid, por favor.',
    );
    await expectLanguage(replies, 'es');
    expect(said)
      .to.contain('Acme Logistics, Calle de Alcalá 120, 28009 Madrid')
      .and.not.to.contain('por favor');
  });

  // A letter that says it requests information, asked for "por escrito" with no question mark: the team's, not an
  // article a sentence of it resembles.
  it('es: a formal letter requesting the 2G/3G switch-off dates opens an information request', async () => {
    const { cases } = await play(
      'es',
      [
        'Asunto: Solicitud de información – apagado de redes 2G/3G',
        '',
        'Estimados señores:',
        '',
        'Estamos elaborando el plan de renovación de equipos para los próximos tres años y necesitamos conocer las ' +
          'fechas previstas para el apagado de las redes 2G y 3G en Suecia y Noruega.',
        '',
        'No tenemos ninguna incidencia abierta; es únicamente una solicitud de información para nuestra ' +
          'planificación. Les agradeceríamos que nos enviaran la información por escrito.',
        '',
        'Un cordial saludo,',
      ].join('\n'),
    );
    expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
  });

  // "OCPP over data is fine, it's only the SMS commands": the sentence names two services and tells one working.
  it('en: an SMS reset that fails while "OCPP over data is fine" is an SMS problem', async () => {
    const { cases } = await play(
      'en',
      "The charger's remote reset by SMS doesn't work: we text RESET to the charge point's number and nothing " +
        "happens. OCPP over data is fine, it's only the SMS commands. SIM 8946070000000000068.",
    );
    expect(cases[0]?.category).to.equal('sms');
    expect(cases[0]?.findings.map((f) => f.code)).to.include('SMS_NOT_IN_PLAN');
  });

  // The question after a greeting is matched on its own sentence too: both of its answers are given.
  it('en: a greeting before "what\'s the AT command to set the APN?" still gets the AT command', async () => {
    const { said, cases } = await play(
      'en',
      "Hi Marta! Hope you had a good weekend 🙂 Quick question, no rush at all: what's the AT command to set the APN " +
        "on our modems? We're flashing a batch of new trackers on Monday. Cheers!",
    );
    expect(said).to.contain(articleLead('en', 'change_apn'));
    expect(cases).to.deep.equal([]);
  });

  // "como te decía" refers back: no terse question, the SIM named is checked.
  it('es: at "which SIM?", "Es la que acaba en 050, la del camión que está en Alemania, como te decía." checks it', async () => {
    const { cases } = await play(
      'es',
      'Hola, uno de nuestros rastreadores no tiene datos desde hace dos días.',
      'Es la que acaba en 050, la del camión que está en Alemania, como te decía.',
    );
    expect(cases.flatMap((c) => c.sims)).to.include(SIM('50'));
  });

  // "usa" is a Spanish verb, not the USA, and not the APN the device asked for; a phone number dilutes no question.
  it('es (VIP): "¿Qué APN usa la tarjeta con número +47 912 34 092?" answers its plan\'s APN, no case', async () => {
    const { said, cases } = await playAs(
      'demo-vip',
      'es',
      '¿Qué APN usa la tarjeta con número +47 912 34 092?',
    );
    expect(said)
      .to.contain('meter.nordlys.firstline.example')
      .and.not.to.match(/itinerancia/i);
    expect(cases).to.deep.equal([]);
  });

  // A SIM named by two digits after its article where a change is asked: the request's SIM, not asked again.
  it('es: "activar la 35" and "sí, dale" sends the service request for SIM 0035', async () => {
    const { cases } = await play('es', 'activar la 35', 'sí, dale');
    expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', [SIM('35')]]]);
  });

  // "presenta cortes de conexión frecuentes" tells a fault: the look asked for is a check, not the SIM's status alone.
  it('es: "…terminado en 0019 presenta cortes de conexión frecuentes… ¿Podría verificar la línea?" opens a case', async () => {
    const { cases } = await play(
      'es',
      'Estimado equipo de soporte:\n\nLe informo de que el rastreador con el chip terminado en 0019 presenta cortes de ' +
        'conexión frecuentes desde el lunes. ¿Podría usted verificar el estado de la línea?\n\nSaludos cordiales',
    );
    expect(cases.flatMap((c) => c.sims)).to.deep.equal([SIM('19')]);
  });

  // Pushing back on the question while answering it, with the rest of the order: the form takes all of it.
  it('es: "¿Para qué quieres saber el formato? Pues los de triple corte… Plan… mándalos a…" completes the order', async () => {
    const { said, cases } = await play(
      'es',
      'Necesito pedir 100 chips para rastreadores nuevos.',
      '¿Para qué quieres saber el formato? Pues los de triple corte, que valen para todo. Plan IoT Connect EU, y ' +
        'mándalos a Acme Logistics, Hamngatan 12, 111 47 Estocolmo, Suecia.',
    );
    expect(said).to.contain('Hamngatan 12, 111 47 Estocolmo').and.to.contain('IoT Connect EU');
    expect(cases.map((c) => [c.type, c.request?.['formFactor']])).to.deep.equal([['order', 'triple']]);
  });

  // Field jargon for a data session that will not come up is a fault on the SIM named, not a how-to question.
  for (const [lang, text] of [
    ['es', 'la 0027 no levanta contexto PDP, registra normal. ¿qué le pasa?'],
    ['en', 'the 0027 unit registers fine but the pdp context fails, what is wrong?'],
  ] as const)
    it(`${lang}: "${text}" checks SIM 0027`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.flatMap((c) => c.findings.map((f) => f.code))).to.include('APN_MISMATCH');
    });
});
