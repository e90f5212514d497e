import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

/**
 * Issue 12, thirty-fourth round (helper B) — blind sets 116–121: questions answered by the articles or the fleet
 * look-up, and a person asked for or "back to the bot".
 */
describe('customer conversations: round thirty-four (B)', function () {
  const { play } = useCustomerRound(this);

  // A person asked for in words beside the problem: "one of your technicians", "alguien de ustedes", "necesitamos que
  // un técnico…" — a person, whatever the classifier hears in the problem told.
  for (const [lang, text] of [
    [
      'en',
      "Modem on 0027 keeps dropping its session every few minutes, we've tried everything on our side. Could you put me through to one of your technicians",
    ],
    [
      'es',
      'la 0050 no levanta datos desde ayer, necesitamos que alguien de ustedes lo mire en la plataforma',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" hands over to a person`, async () => {
      const { cases, replies } = await play(lang, text);
      expect(cases.map((c) => c.handoffReason)).to.deep.equal(['customer_request']);
      await expectLanguage(replies, lang);
    });

  // The same at a question of the checks ("does it send data now?").
  for (const [lang, first, then] of [
    [
      'en',
      'The tracker on SIM 0019 only reports its position now and then.',
      'This vehicle is business critical. Kindly pass this to a member of your team, an engineer should look at it.',
    ],
    [
      'es',
      'El localizador de la SIM 0019 solo manda la posición de vez en cuando.',
      'Es un vehículo crítico para nosotros. Necesitamos que un técnico vuestro revise la línea directamente.',
    ],
  ] as const)
    it(`${lang}: "${then.slice(0, 50)}…" at the checks hands over to a person`, async () => {
      const { cases } = await play(lang, first, then);
      expect(cases.map((c) => c.handoffReason)).to.deep.equal(['customer_request']);
    });

  // Back to the bot in a message that goes on to ask: the question is answered — the person declined and what was dealt
  // with before ("lo del contrato", "an invoice") are no request of their own.
  for (const [lang, text, answer] of [
    [
      'es',
      'Ayer me atendió una compañera vuestra por lo del contrato y quedó resuelto, gracias. Hoy sigo contigo, no hace falta que me pases con nadie. ¿Cómo se manda un SMS de prueba desde el módem?',
      'AT+CMGS',
    ],
    [
      'en',
      "Your colleague sorted out an invoice for me earlier, many thanks. I'll stay with you today, no need to transfer me to anyone. My manager has asked me to find out in which countries your SIMs work.",
      'Roaming depends on the plan',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" answers the question, no case`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(answer);
      expect(cases).to.deep.equal([]);
    });

  // A question asked as a letter or passed on, with no question mark: the article that answers the words after the
  // asking phrase; a reference written with slashes names no SIM; "what occurs when" imagines a case, and a relayed
  // question imagines it for the question after it too ("¿Deja de funcionar…?").
  for (const [lang, text, answer] of [
    [
      'en',
      'Dear Sirs,\n\nOur ref.: TEC/DOC/0102\n\nFurther to the commissioning of our new depot, we should be grateful if you would set out by what means the signal level of a modem is to be verified with AT commands before the installers sign off the work.\n\nYours faithfully,\n\nJ. Smith\nAcme Logistics AB',
      'AT+CSQ',
    ],
    [
      'es',
      'Estimados señores:\n\nN/Ref.: INS/0102\n\nQuisiera saber con qué comandos AT pueden nuestros técnicos comprobar el nivel de cobertura de un equipo una vez instalado en el vehículo.\n\nAtentamente,\n\nMarta Ruiz',
      'AT+CSQ',
    ],
    [
      'en',
      'Dear Sirs, I should like to understand what occurs when a subscription exceeds its monthly allowance. Is it suspended or slowed down? Yours faithfully, P. Lind',
      'billing cycle',
    ],
    [
      'es',
      'Mi jefa quiere saber qué pasa exactamente cuando una SIM llega al límite de datos del mes. ¿Deja de funcionar o va más lenta? Es para el presupuesto.',
      'ciclo de facturación',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" answers the article, no case`, async () => {
      const { said, cases, replies } = await play(lang, text);
      expect(said).to.contain(answer);
      expect(said).not.to.contain('0102');
      expect(cases).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });

  // Terse questions: the topic first, then how ("csq how"), or a case imagined, then what happens ("y si una se queda
  // sin datos qué pasa") — the article; "any of mine", "cuáles tengo" — the fleet, filtered (its SIMs listed).
  for (const [lang, text, answer] of [
    ['en', 'csq how', 'AT+CSQ'],
    ['es', 'sms cómo se manda', 'AT+CMGS'],
    ['en', 'if one goes over its data what happens', 'billing cycle'],
    ['es', 'y si una se queda sin datos qué pasa', 'ciclo de facturación'],
    ['en', 'how many of mine are deactivated?', '0035'],
    ['es', '¿cuántas tengo en itinerancia?', '0050'],
  ] as const)
    it(`${lang}: "${text}" answers, no case`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(answer);
      expect(cases).to.deep.equal([]);
    });

  // Right after the APN article: a plan named alone is the plan the answer is for; a fragment ("con comando AT") asks
  // more of the article's topic — no case for either.
  for (const [lang, first, then, answer] of [
    ['en', 'which apn', 'IoT Nordic Data', '**IoT Nordic Data**'],
    ['es', 'qué apn', 'el plan IoT Data SMS', '**IoT Data SMS**'],
    ['en', 'which apn', 'using AT', 'Set the APN with this AT command'],
    ['es', 'qué apn', 'con comando AT', 'Configure el APN con este comando AT'],
  ] as const)
    it(`${lang}: "${then}" after the APN article answers it, no case`, async () => {
      const { said, cases } = await play(lang, first, then);
      expect(said).to.contain(answer);
      expect(cases).to.deep.equal([]);
    });
});
