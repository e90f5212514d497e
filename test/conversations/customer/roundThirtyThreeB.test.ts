import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

const SIM = (digits: string): string => `89460700000000000${digits}`;

/**
 * Issue 12, thirty-third round (second part) — requests, orders and questions of blind sets 110–115: a change asked
 * of a SIM beside a question about it, an order's quantity written "200 nos.", information asked for in a forwarded
 * mail, a plan question told with an imagined fault.
 */
describe('customer conversations: round thirty-three (requests, orders and questions)', function () {
  const { play } = useCustomerRound(this);

  // A change asked of a SIM named is the request, whatever is asked of the SIM beside it or how it is greeted.
  for (const [lang, text, sim] of [
    [
      'es',
      'Necesito que reactivéis la SIM 0035, la vamos a reutilizar. Y de paso, ¿qué incluye el plan que tiene?',
      '35',
    ],
    [
      'es',
      'Queremos subir el límite de datos de la 0043 a 1 GB al mes y, de paso, ¿cuánto lleva consumido?',
      '43',
    ],
    ['es', '¿Podéis pasar la 0068 al plan IoT Data SMS? ¿En qué plan está ahora?', '68'],
    [
      'en',
      "Nothing is broken yet – we're planning ahead. Can you change the plan on the SIM ending 0076 to IoT Connect EU so it has voice?",
      '76',
    ],
    ['en', 'Please suspend SIM 0043 for now. Is it still active right now?', '43'],
    [
      'en',
      'Good day. Please we need you to increase the data limit on the sim ending 0043, the tracker uses more data now. How do we go about it?',
      '43',
    ],
    ['es', 'Buen día. Necesitamos que suban el límite de datos de la 0043. ¿Cómo lo hacemos?', '43'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" opens a service request on the SIM`, async () => {
      const { cases, replies } = await play(lang, text);
      expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['service_request', [SIM(sim)]]]);
      await expectLanguage(replies, lang);
    });

  // The address answered after an order: its postcode ("Pune 410501", "Sevilla 41005") and a plot's number ("Plot No.
  // 14", "Nave Nº 7") are no quantity — the quantity stays the one ordered ("200 nos. nano SIM cards").
  for (const [lang, order, address, quantity] of [
    [
      'en',
      'Hello Sir/Madam, we want to place order for 200 nos. nano SIM cards with the data + SMS plan.',
      'Delivery address is: Acme Logistics India Pvt Ltd, Plot No. 14, MIDC Industrial Area, Chakan, Pune 410501, Maharashtra.',
      '200',
    ],
    [
      'en',
      'We need 50 nano SIMs on the IoT Data SMS plan.',
      'Sorry, the address is Acme Ltd, MIDC Area, Pune 410501, Maharashtra',
      '50',
    ],
    [
      'es',
      'Queremos pedir 30 nano SIM con el plan IoT Data SMS.',
      'Perdón, la dirección: Nave Nº 7, Polígono Sur, Sevilla 41005',
      '30',
    ],
  ] as const)
    it(`${lang}: "${address.slice(0, 50)}…" after an order keeps its quantity`, async () => {
      const { cases } = await play(lang, order, address);
      expect(cases.map((c) => [c.type, c.request?.quantity])).to.deep.equal([['order', quantity]]);
    });

  // A document or a fee asked for is an information request: not a case question because a forwarded mail's header
  // says "Enviado:", nor because the status of an order is asked beside it, nor a service request for the move
  // imagined ("If I move all our SIMs…").
  for (const [lang, text] of [
    [
      'es',
      'RV: Documentación para auditoría\n\nHola,\n\n¿Nos podéis enviar copia de las facturas de marzo y abril y del contrato marco firmado?\n\nGracias,\nSam\n\n> De: Contabilidad\n> Enviado: 12/06/2024\n> Sam, los auditores necesitan las facturas de marzo y abril. ¿Puedes pedirlas?',
    ],
    [
      'es',
      'RV: facturas\n\n¿Me podéis enviar la factura de mayo?\n\n> De: Administración\n> Enviado el: lunes, 3 de junio de 2024\n> Necesitamos la factura de mayo.',
    ],
    [
      'es',
      '¿Me podéis mandar las facturas de marzo y abril? Las necesita contabilidad. Y otra cosa: ¿cómo va el pedido de tarjetas que hicimos hace dos semanas?',
    ],
    ['es', '¿Nos podéis enviar la factura de mayo? ¿Y cómo va nuestro pedido?'],
    ['en', 'Could you send us the April invoice? And how is our order going?'],
    [
      'en',
      "If I move all our SIMs to another operator, what's the cancellation fee in our contract? Seriously considering it after this month.",
    ],
    ['en', "What's the termination fee if we move our SIMs elsewhere?"],
    ['es', '¿Qué penalización tiene cancelar el contrato antes de tiempo?'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50).replace(/\n/g, ' ')}…" opens an information request`, async () => {
      const { cases, replies } = await play(lang, text);
      expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
      await expectLanguage(replies, lang);
    });

  // What the plan of a SIM named can do ("does the plan of our sim 0068 support SMS?"): answered from that SIM's plan,
  // no case — what they plan to do with it ("we are planning to put it inside an alarm panel") asks for no change.
  for (const [lang, text, sim] of [
    [
      'en',
      'Hello po! Quick question lang, does the plan of our sim 0068 support SMS? We are planning to put it inside an alarm panel that will send text alerts po. Thank you!',
      '0068',
    ],
    ['en', 'Does the plan of SIM 0027 include voice? We want to install it in a lift phone.', '0027'],
    ['en', 'Hi, does the plan on 0043 support SMS?', '0043'],
    ['es', 'Hola, ¿la tarifa de la 0027 incluye voz?', '0027'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" is answered from the SIM's plan`, async () => {
      const { said, cases, replies } = await play(lang, text);
      expect(said).to.contain(SIM(sim.slice(2)));
      expect(cases).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
});
