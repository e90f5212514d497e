import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

/**
 * Issue 12, thirty-fourth round (helper D) — blind sets 116–121: orders, information and service requests, and a
 * case ended in words.
 */
describe('customer conversations: round thirty-four (D)', function () {
  const { play, lead } = useCustomerRound(this);

  // A document asked for, whatever SIMs it is about ("the invoice with the 40 extra SIMs on it"), in a letter that
  // asks for it to be sent, or needed in one sentence and asked for in the next ("¿Nos los podéis enviar?").
  for (const [lang, text] of [
    [
      'en',
      'Finance want a copy of the March invoice, the one with the 40 extra SIMs on it. Could you sort that out for me?',
    ],
    [
      'es',
      'Contabilidad me pide una copia de la factura de febrero, la de las 25 SIM nuevas. A ver si me la conseguís.',
    ],
    [
      'en',
      'Dear Sirs,\n\nOur auditors have requested copies of your invoices for October and November. I should be most grateful if you would arrange for these documents to be sent to our accounts department.\n\nYours faithfully,\n\nJ. Smith',
    ],
    [
      'es',
      'Buenas tardes. Soy Luis, de contabilidad. Este mes tenemos la revisión anual y el auditor, un señor de una firma de Valencia, nos ha pedido los papeles de todos los proveedores. Con vosotros me falta la factura de octubre, que se traspapeló cuando cambiamos de programa de facturación, y también una copia del contrato marco. No hay ninguna avería, todo va bien. Solo necesito esos dos documentos. ¿Me los podéis mandar?',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" opens an information request`, async () => {
      const { cases, replies } = await play(lang, text);
      expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
      await expectLanguage(replies, lang);
    });

  // The sizes a triple-cut card holds, listed beside it ("3-in-1 (2FF/3FF/4FF)", "recortables: mini, micro y nano"),
  // are that card, not the last size listed.
  for (const [lang, text] of [
    [
      'en',
      'We need 300 SIMs, 3-in-1 (2FF/3FF/4FF), on IoT Data SMS, delivered to Acme Logistics, Storgatan 5, 111 22 Stockholm.',
    ],
    [
      'es',
      'Queremos 120 tarjetas recortables en mini, micro y nano, con el plan IoT Connect EU. Envío a Acme Logistics, Calle Mayor 10, 50001 Zaragoza.',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" orders triple-cut SIMs`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => [c.type, c.request?.formFactor])).to.deep.equal([['order', 'triple']]);
    });

  // It works, told in a word or two ("Works.", "Funciona bien."), with "again" before the verb ("is once again
  // reporting", "nuevamente transmite") or as "everything is in order" / "data flowing": resolved.
  for (const [lang, text] of [
    ['en', 'Set the APN. Works.'],
    ['en', 'APN changed on the unit, data flowing now. Cheers'],
    [
      'en',
      'Dear Sir,\n\nI am glad to inform you that the unit is once again reporting. No further action is needed.\n\nRegards,\nR. Oakes',
    ],
    ['es', 'Cambiado el APN. Funcionando.'],
    ['es', 'Estimados: les informo de que el equipo nuevamente transmite. Todo está en orden, gracias.'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" at the APN question resolves the case`, async () => {
      const first = lang === 'es' ? 'la 0027 no tiene datos' : 'SIM 0027 has no data';
      const { cases } = await play(lang, first, text);
      expect(cases.map((c) => [c.status, c.handoffReason ?? null])).to.deep.equal([['resolved', null]]);
    });

  // "Once again" before a fault is no working again.
  it('es: "de nuevo no transmite" at the APN question resolves nothing', async () => {
    const { cases } = await play(
      'es',
      'la 0027 no tiene datos',
      'Cambiado el APN pero de nuevo no transmite.',
    );
    expect(cases.map((c) => c.status)).to.not.include('resolved');
  });

  // A change asked of a SIM named at the end of a story that tells of a delivery ("after the handover"): the change,
  // not a delivery asked about.
  for (const [lang, text] of [
    [
      'es',
      'Buenas. El mes pasado vendimos una furgoneta vieja a un autónomo de Huesca. Nadie quitó el localizador antes de la entrega y el comprador no lo quiere. Nos lo devolverá por mensajería. Es la SIM acabada en 0019. Por favor, dadla de baja.',
    ],
    [
      'en',
      'Morning. We sold an old van to a farmer last month. Nobody removed the tracker before the delivery and he has no use for it. He will post it back to us. It is the SIM ending 0019. Please deactivate it.',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" opens a service request on 0019`, async () => {
      const { cases } = await play(lang, text, lang === 'es' ? 'Sí, confirmo' : 'Yes, go ahead');
      expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([
        ['service_request', ['8946070000000000019']],
      ]);
    });

  // "Up the data limit" asks for the change.
  for (const [lang, ...turns] of [
    ['en', 'up the data limit on 0043 to 1 GB pls'],
    ['en', 'Dear Sirs, please bump the limit on our tracker SIMs, they keep running out.', '0043'],
  ] as const)
    it(`${lang}: "${turns[0]}" prepares a service request`, async () => {
      const { said, cases } = await play(lang, ...turns);
      expect(said).to.contain(lead(lang, 'bot.request.summary'));
      expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([
        ['service_request', ['8946070000000000043']],
      ]);
    });

  // A go-ahead where the SIM is asked names no SIM: asked again.
  for (const [lang, first, text] of [
    ['es', 'quiero activar una sim', 'sí, dale'],
    ['en', 'please activate a SIM for us', 'yes go ahead'],
  ] as const)
    it(`${lang}: "${text}" at the SIM question is no SIM`, async () => {
      const { said, cases } = await play(lang, first, text);
      expect(said).to.not.contain(lead(lang, 'bot.request.summary'));
      expect(cases).to.deep.equal([]);
    });
});
