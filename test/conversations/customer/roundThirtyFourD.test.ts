import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

/**
 * Issue 12, thirty-fourth round (helper D) — blind sets 116–121: orders, information and service requests, and a
 * case ended in words.
 */
describe('customer conversations: round thirty-four (D)', function () {
  const { play } = useCustomerRound(this);

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
});
