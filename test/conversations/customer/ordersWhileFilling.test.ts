import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12 — what customers say while an order or service request is being filled in, before its summary (where
 * the case opens): a hold or a cancel where a field is asked, an order whose plan is "like" one of their SIMs, a SIM
 * named by its IMSI, the summary naming which of their SIMs a number is, and a question about a choice where that
 * choice is asked.
 */
describe('customer conversations: orders and service requests while the form is filled', function () {
  const { play, lead } = useCustomerRound(this);

  // "Not yet" where a field is asked: nothing was sent (no case before the summary), what they told is kept, and the
  // question is asked again; the next message still answers it.
  for (const [lang, first, hold, field] of [
    [
      'en',
      'We need 30 micro SIMs for the parking meters, delivered to Storgatan 5, 753 20 Uppsala',
      "Wait, not yet — I'll confirm with purchasing before anything goes out.",
      'plan',
    ],
    [
      'en',
      'Please order 12 nano SIMs on IoT Data Only.',
      'Hold on, not yet. Our accounts team still has to give me the PO number.',
      'address',
    ],
    [
      'es',
      'Necesitamos 30 SIM micro para los parquímetros, enviadas a Calle Mayor 10, 50001 Zaragoza',
      'Espera, todavía no, primero tengo que consultarlo con el director de obra.',
      'plan',
    ],
    [
      'es',
      'Queremos pedir 12 SIM nano con el plan IoT Data Only.',
      'Aún no, no lo mandes: tengo que confirmar la cifra con administración.',
      'address',
    ],
  ] as const) {
    it(`${lang}: "${hold.slice(0, 40)}…" where the ${field} is asked: nothing sent, the field asked again`, async () => {
      const { said, cases } = await play(lang, first, hold);
      expect(said).to.contain(lead(lang, 'bot.request.heldUnsent'));
      expect(said).to.contain(lead(lang, `request.ask.${field}`));
      expect(said).not.to.contain(lead(lang, 'bot.request.pickOne'));
      expect(said).not.to.contain(lead(lang, 'bot.request.questionKept'));
      expect(cases).to.deep.equal([]);
    });
  }

  // The hold keeps the conversation in the form: the next message answers the field asked, and the order opens.
  for (const [lang, first, hold, plan, formFactor] of [
    [
      'en',
      'We need 30 micro SIMs for the parking meters, delivered to Storgatan 5, 753 20 Uppsala',
      'Not yet please, I need to check with my boss.',
      'IoT Data Only',
      '3ff',
    ],
    [
      'es',
      'Necesitamos 30 SIM nano para los parquímetros, enviadas a Calle Mayor 10, 50001 Zaragoza',
      'Todavía no, déjame que lo hable con mi jefa.',
      'IoT Nordic Data',
      '4ff',
    ],
  ] as const) {
    it(`${lang}: after "${hold.slice(0, 30)}…" the plan told next opens the order`, async () => {
      const held = await play(lang, first, hold);
      expect(held.said).to.contain(lead(lang, 'bot.request.heldUnsent'));
      const { said, cases } = await play(lang, first, hold, plan);
      expect(said).to.contain(lead(lang, 'bot.request.summary'));
      expect(
        cases.map((c) => [c.type, c.request?.['quantity'], c.request?.['formFactor'], c.request?.['plan']]),
      ).to.deep.equal([['order', '30', formFactor, plan]]);
    });
  }

  // A cancel where a field is asked withdraws the order being prepared: nothing was sent, no case of theirs is closed.
  for (const [lang, first, cancel] of [
    [
      'en',
      'We need 8 nano SIMs for the new vans.',
      'Cancel it please, we found a box of spares in the stockroom.',
    ],
    ['en', 'Please order 8 nano SIMs for the new vans.', "Withdraw it, we don't need them after all."],
    [
      'es',
      'Necesitamos 8 SIM nano para las furgonetas nuevas.',
      'Mejor anúlalo, al final tenemos repuestos en el taller.',
    ],
    ['es', 'Quiero pedir 8 SIM nano para las furgonetas.', 'Mejor cancélalo, ya no hacen falta.'],
  ] as const) {
    it(`${lang}: "${cancel.slice(0, 40)}…" where the plan is asked withdraws the order, nothing sent`, async () => {
      const { said, cases } = await play(lang, first, cancel);
      expect(said).to.contain(lead(lang, 'bot.request.cancelled'));
      expect(said).not.to.contain(lead(lang, 'bot.close.which'));
      expect(cases).to.deep.equal([]);
    });
  }

  // An order "like" one of their SIMs is on that SIM's plan; the plan is not asked. Another organisation's SIM says
  // nothing of it: the plan is asked.
  for (const [lang, text, plan] of [
    [
      'en',
      'Could we get 15 more nano SIMs, like the one in the forklift (+46 72 123 40 76)? Ship to Storgatan 5, 753 20 Uppsala.',
      'IoT Data SMS',
    ],
    [
      'en',
      'Order 6 micro SIMs on the same plan as the SIM ending 0050, delivered to Storgatan 5, 753 20 Uppsala.',
      'IoT Nordic Data',
    ],
    [
      'es',
      'Queremos 15 SIM nano más, iguales que la del 072 123 40 68, enviadas a Calle Mayor 10, 50001 Zaragoza.',
      'IoT Data Only',
    ],
    [
      'es',
      'Necesito 6 SIM micro con el mismo plan que la de 0046 72 123 40 76, enviadas a Calle Mayor 10, 50001 Zaragoza.',
      'IoT Data SMS',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" is on that SIM's plan (${plan})`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).not.to.contain(lead(lang, 'request.ask.plan'));
      expect(cases.map((c) => [c.type, c.request?.['plan']])).to.deep.equal([['order', plan]]);
    });
  }

  for (const [lang, own, foreign] of [
    [
      'en',
      'We need 10 nano SIMs like the one on 8946070000000000076, ship to Storgatan 5, 753 20 Uppsala.',
      'We need 10 nano SIMs like the one on 8946070000000000092, ship to Storgatan 5, 753 20 Uppsala.',
    ],
    [
      'es',
      'Queremos 10 SIM nano iguales que la del 8946070000000000076, enviadas a Calle Mayor 10, 50001 Zaragoza.',
      'Queremos 10 SIM nano iguales que la del 8946070000000000092, enviadas a Calle Mayor 10, 50001 Zaragoza.',
    ],
  ] as const) {
    it(`${lang}: an order like their SIM is on its plan; like another organisation's SIM, the plan is asked`, async () => {
      const ours = await play(lang, own);
      expect(ours.cases.map((c) => [c.type, c.request?.['plan']])).to.deep.equal([['order', 'IoT Data SMS']]);
      const { said, cases } = await play(lang, foreign);
      expect(said).to.contain(lead(lang, 'request.ask.plan'));
      expect(cases).to.deep.equal([]);
    });
  }

  // A SIM named by its IMSI in a service request is that SIM: its summary shows it, no SIM is asked.
  for (const [lang, text] of [
    ['en', 'Please suspend the SIM with IMSI 240071000039614, the meter was stolen.'],
    ['en', 'Can you move IMSI 240071000039614 to the IoT Data SMS plan?'],
    ['es', 'Queremos suspender la SIM con IMSI 240071000039614 mientras el contador está en el taller.'],
    ['es', '¿Podéis pasar la SIM de IMSI 240071000039614 al plan IoT Data SMS?'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 45)}…" names SIM 0068 by its IMSI`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).not.to.contain(lead(lang, 'request.ask.sims'));
      expect(said).to.contain('…0068 (IMSI 240071000039614)');
      expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([
        ['service_request', ['8946070000000000068']],
      ]);
    });
  }

  // The summary names which of their SIMs a phone number is, by its ICCID's last four.
  for (const [lang, text, shown] of [
    ['en', 'Please raise the data limit on +46 72 123 40 50.', '…0050 (+46721234050)'],
    ['en', 'We need SMS switched on for the SIM on 070-123 40 19.', '…0019 (0701234019)'],
    ['es', 'Queremos activar los SMS en la SIM del +46 72 123 40 50.', '…0050 (+46721234050)'],
    ['es', 'Por favor, subid el límite de datos de la del 070 123 40 19.', '…0019 (0701234019)'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 45)}…" shows ${shown} in the summary`, async () => {
      const { said } = await play(lang, text);
      expect(said).to.contain(lead(lang, 'bot.request.summary'));
      expect(said).to.contain(shown);
      expect(said).not.to.contain(lead(lang, 'bot.request.simsNotYours'));
    });
  }

  // A question about a choice where that field is asked is no answer: kept (or answered), the field asked again.
  for (const [lang, first, question, field] of [
    [
      'en',
      'We want to order 20 SIMs for the new chargers.',
      'Is MFF2 robust enough for a charger that sits outside all winter?',
      'formFactor',
    ],
    [
      'en',
      'We want to order 20 SIMs for the new chargers.',
      "What exactly is triple-cut? Will it fit any modem we've got?",
      'formFactor',
    ],
    [
      'es',
      'Queremos pedir 20 SIM para los cargadores nuevos.',
      '¿Las nano caben en cualquier lector o hace falta un adaptador?',
      'formFactor',
    ],
    [
      'es',
      'Queremos pedir 20 SIM para los cargadores nuevos.',
      '¿Qué diferencia hay entre las MFF2 y las de plástico de toda la vida?',
      'formFactor',
    ],
  ] as const) {
    it(`${lang}: "${question.slice(0, 40)}…" where the ${field} is asked chooses nothing`, async () => {
      const { said, cases } = await play(lang, first, question);
      expect(said).to.contain(lead(lang, `request.ask.${field}`));
      expect(said).not.to.contain(lead(lang, 'request.ask.plan'));
      expect(cases).to.deep.equal([]);
    });
  }

  for (const [lang, question, choice] of [
    ['en', 'Which lasts longer in the cold, MFF2 or the plastic cards?', 'Fine, MFF2 it is.'],
    ['es', '¿Qué diferencia hay entre las MFF2 y las de plástico de toda la vida?', 'Vale, pues MFF2.'],
  ] as const) {
    it(`${lang}: "${choice}" after such a question is the choice, and the plan is asked next`, async () => {
      const first =
        lang === 'es'
          ? 'Queremos pedir 20 SIM para los cargadores nuevos.'
          : 'We want to order 20 SIMs for the new chargers.';
      const asked = await play(lang, first, question);
      expect(asked.said).not.to.contain(lead(lang, 'request.ask.plan'));
      const { said } = await play(lang, first, question, choice);
      expect(said).to.contain(lead(lang, 'request.ask.plan'));
    });
  }
});
