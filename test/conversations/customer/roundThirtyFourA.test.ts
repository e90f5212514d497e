import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, thirty-fourth round (helper A) — blind sets 116–121: identifiers, pasted modem output and true wording.
 */
describe('customer conversations: round thirty-four (A)', function () {
  const { play, playAs } = useCustomerRound(this);

  const codes = (cases: readonly { findings: readonly { code: string }[] }[]): string[] =>
    cases.flatMap((c) => c.findings.map((f) => f.code));

  // "+CSQ: 99,99" is a signal "not known or not detectable" (3GPP TS 27.007): the case carries that, whatever else was
  // pasted with it (blind sets 116-121 expected poor signal because their brief said so; the brief was wrong).
  for (const [lang, text] of [
    ['en', 'Tracker on 0027 in the underground car park is offline. Modem:\n+CSQ: 99,99\nOK'],
    ['en', 'no connection on sim 0084, AT+CSQ gives +CSQ: 99,0 and AT+CEREG? gives +CEREG: 0,2'],
    ['es', 'El localizador de la 0027 en el garaje no conecta. Módem:\n+CSQ: 99,99\nOK'],
    ['es', 'sin conexión en la 0084, AT+CSQ da +CSQ: 99,0 y AT+CEREG? da +CEREG: 0,2'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" files an unknown signal on the case`, async () => {
      const { cases } = await play(lang, text);
      expect(codes(cases)).to.include('MODEM_SIGNAL_UNKNOWN');
    });

  // A national number read off a document ("según la factura es el 072-123 40 76", "the invoice says 0721234068"):
  // the document is where it was read, not what it numbers — the SIM is found. "Número de pedido 4500019233" stays
  // an order's number.
  for (const [lang, text, sim] of [
    [
      'es',
      'El GPS del camión no manda posiciones. El número de la línea según el albarán es el 072-123 40 76.',
      '8946070000000000076',
    ],
    [
      'en',
      'Tracker has no data since noon. The phone number on the invoice is 070-123 40 19.',
      '8946070000000000019',
    ],
    ['en', 'No data on the van unit; our invoice says 0721234084 for it.', '8946070000000000084'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" checks ${sim.slice(-4)}`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.flatMap((c) => c.sims)).to.deep.equal([sim]);
    });

  // The service told as working in a sentence set off by commas ("Los datos, la posición y tal, llegan normal"), or
  // several at once ("datos y SMS bien", "data and SMS are fine"): the problem is the other one. A fault told in the
  // perfect or with a pronoun ("no han llegado", "no le llegan", "have not arrived"), then a look asked for
  // ("¿Pueden mirar qué pasa?"): a problem to check, not a look-up of the SIM's state.
  for (const [lang, text, code] of [
    [
      'es',
      'Los avisos por SMS del panel no han llegado ni una vez. El número de la SIM del panel es el +46 72 123 40 68. ¿Pueden mirar qué pasa?',
      'SMS_NOT_IN_PLAN',
    ],
    [
      'es',
      'Al jefe no le llegan los avisos. El número de la SIM del panel es el +46 72 123 40 68. ¿Pueden mirar qué pasa?',
      'SMS_NOT_IN_PLAN',
    ],
    [
      'en',
      'The texts from the panel have not arrived once. The number of the SIM in the panel is +46 72 123 40 68. Can you see what is going on?',
      'SMS_NOT_IN_PLAN',
    ],
    [
      'es',
      'La alarma de la 0068 no consigue mandar los SMS. La conexión de datos, eso sí, funciona sin problemas.',
      'SMS_NOT_IN_PLAN',
    ],
    [
      'es',
      'El interfono de la 0076 no llama a la central. Los datos del equipo, posición y demás, llegan normal.',
      'VOICE_NOT_IN_PLAN',
    ],
    [
      'es',
      'el teléfono de emergencia de la 0076 no da tono al llamar. datos y SMS van bien',
      'VOICE_NOT_IN_PLAN',
    ],
    ['en', 'Lift phone on 0076 cannot call out. Data and SMS are fine.', 'VOICE_NOT_IN_PLAN'],
    [
      'en',
      'The panel on 0068 will not send its alert texts. The data link, by contrast, works normally.',
      'SMS_NOT_IN_PLAN',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" checks the failing service (${code})`, async () => {
      const { cases } = await play(lang, text);
      expect(codes(cases)).to.include(code);
      expect(cases.map((c) => c.handoffDetail)).to.deep.equal(['plan_change_needed']);
    });

  // NO CARRIER after dialling, of a voice call the customer names: voice, not CSD.
  for (const [lang, text] of [
    ['en', 'voice unit on 0076 will not place calls: ATD112; then NO CARRIER straight away'],
    ['es', 'el módulo de voz de la 0076 no llama, marca con ATD y enseguida NO CARRIER'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" is a voice problem`, async () => {
      const { cases } = await play(lang, text);
      expect(codes(cases)).to.include('VOICE_NOT_IN_PLAN');
    });

  // Whom a letter is addressed to asks nothing ("Dear Support Team," is no question about the team's hours): the fault
  // under it is checked.
  for (const [lang, text] of [
    [
      'en',
      'Dear Support Team,\n\nOur lift phone on +46 72 123 40 76 is unable to place voice calls.\n\nKind regards,\nAnna Berg',
    ],
    ['en', 'Dear Support Team,\n\nThe intercom with SIM 0076 is unable to place voice calls since Monday.'],
    [
      'es',
      'Estimado equipo de guardia:\n\nEl teléfono del ascensor, con la SIM 0076, no es capaz de realizar llamadas de voz.\n\nAtentamente,\nLuis Pardo',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" checks the SIM, no article`, async () => {
      const { cases } = await play(lang, text);
      expect(codes(cases)).to.include('VOICE_NOT_IN_PLAN');
    });

  // At "which SIM?", two digits after a SIM's article ("la 35", "the 43") are its last digits.
  for (const [lang, first, answer, sim] of [
    ['es', 'el localizador no manda datos', 'la 35', '8946070000000000035'],
    ['es', 'no hay datos en un equipo', 'es la 43 creo', '8946070000000000043'],
    ['en', 'tracker has no data', 'the 43', '8946070000000000043'],
  ] as const)
    it(`${lang}: "${answer}" at "which SIM?" checks ${sim.slice(-4)}`, async () => {
      const { cases } = await play(lang, first, answer);
      expect(cases.flatMap((c) => c.sims)).to.deep.equal([sim]);
    });

  // What a SIM named can do, asked with the SIM before the verb ("¿La 0050 puede usar datos en Alemania?") or of a
  // country ("¿el plan de la 0050 vale para Alemania?"): that SIM is looked up, no case and no article for all plans.
  for (const [lang, text] of [
    ['es', '¿La 0050 puede usar datos en Alemania?'],
    ['es', 'una duda: ¿el plan de la tarjeta 0050 vale para Alemania? no quiero líos'],
    ['es', '¿La SIM 0027 puede mandar SMS?'],
    ['en', 'Can the SIM 0050 roam in Germany? The truck goes there on Monday.'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" looks the SIM up`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(text.includes('0027') ? '8946070000000000027' : '8946070000000000050');
      expect(cases).to.deep.equal([]);
    });

  // A terse question ending the message ("cottage router, what apn"): the article, no case.
  for (const [user, lang, text, apn] of [
    ['demo-consumer', 'en', 'holiday house router, what apn', 'internet.firstline.example'],
    ['demo-consumer', 'es', 'el router de la casita, qué apn', 'internet.firstline.example'],
    ['demo-user', 'en', 'new trackers arriving, which apn', 'iot.firstline.example'],
  ] as const)
    it(`${lang}: "${text}" answers the APN, no case`, async () => {
      const { said, cases } = await playAs(user, lang, text);
      expect(said).to.contain(apn);
      expect(cases).to.deep.equal([]);
    });
});
