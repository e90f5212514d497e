import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, fifteenth round — the root causes of blind sets 24–27 (field technicians, managers' e-mails, mixed
 * languages, intermittent problems; each played once while unseen).
 */
describe('customer conversations: round fifteen', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  for (const [lang, question] of [
    ['en', 'are you a bot?'],
    ['es', 'con quien hablo, eres persona o robot?'],
  ] as const) {
    it(`${lang}: "${question}" is answered (the assistant says what it is), with no case and no queue`, async () => {
      const { cases, said } = await play(lang, question);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain('Firstline');
    });
  }

  it('es: a question typed instead of answering the offer to ask the team is read afresh', async () => {
    const { cases, said } = await play(
      'es',
      'una duda antes de instalar',
      'el chip 0068 puede mandar sms? lo quiero poner en un panel de alarma',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('IoT Data Only');
  });

  it('en: "is this automated? I want a human" puts the customer through to a person', async () => {
    const { cases } = await play('en', 'is this automated? I want a human');
    expect(cases[0]?.handoffReason).to.equal('customer_request');
  });

  it('en: an order naming its PO number for the invoice is an order, with its quantity in "pcs"', async () => {
    const { cases, said } = await play(
      'en',
      'For the second phase of the roll-out we want to order new SIMs: 150 pcs of the soldered MFF2 type. Our PO number 4500019233 must be mentioned on the invoice please.',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain(lead('en', 'request.ask.plan'));
    expect(said).to.not.contain(lead('en', 'request.ask.quantity'));
  });

  it('es: the delivery address given in the first message is not asked again, and "sí, todo correcto" is no address', async () => {
    const first =
      'Desde Compras necesitamos hacer un pedido de 500 tarjetas SIM en formato triple corte, con el plan IoT Data SMS. La entrega en nuestro almacén: Acme Logistics Iberia, Calle de la Logística 7, 28906 Getafe (Madrid).';
    const { said } = await play('es', first);
    expect(said).to.not.contain(lead('es', 'request.ask.address'));
    expect(said).to.contain('28906 Getafe');
    const confirmed = await play('es', first, 'Sí, todo correcto, confirmo el pedido.');
    expect(confirmed.said).to.not.contain('Dirección de entrega: Sí');
  });

  it('en: "with the Data SMS plan" names the plan IoT Data SMS', async () => {
    const { said } = await play(
      'en',
      'Hi, we need to order 50 sims nano for the new trucks, with the Data SMS plan please',
    );
    expect(said).to.not.contain(lead('en', 'request.ask.plan'));
  });

  for (const [lang, question, answer] of [
    // Not an order: the article answers the question asked beside the purchase order.
    [
      'en',
      'Before we sign the purchase order for the next batch of trackers our integrator wants to know which APN they have to configure in the units. Is it the same one for every plan?',
      'iot.firstline.example',
    ],
    // The SIM's usage and limit, from the look-up.
    [
      'es',
      'Para el informe de costes necesito saber cuánto lleva consumido este ciclo la SIM acabada en 076 y cuál es su límite mensual de datos. No hay ninguna avería, es solo una consulta.',
      '120.5 MB de 250 MB',
    ],
    // Each plan's monthly data ({plans.dataLimits}).
    [
      'es',
      '¿Cuántos megas trae al mes el plan IoT Data Only y cuántos el IoT Data SMS?',
      'IoT Data SMS: 250 MB',
    ],
    // What a SIM named can do: its plan, from the look-up ("IoT Data Only" has no SMS).
    ['es', 'el chip 0068 puede mandar sms? lo quiero poner en un panel de alarma', 'IoT Data Only'],
    ['en', 'can SIM 0027 send SMS? we want to use it for alarm texts', 'IoT Connect EU'],
    // The opening hours, not the outage status: the outage is only imagined.
    [
      'en',
      'Our legal department is reviewing the contract. Is somebody from your side reachable at night and in the weekend if we have an outage?',
      '24/7',
    ],
  ] as const) {
    it(`${lang}: "${question.slice(0, 50)}…" is answered ("${answer}"), with no case`, async () => {
      const { cases, said } = await play(lang, question);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(answer);
    });
  }

  for (const [lang, ask] of [
    [
      'en',
      'Finance is asking for a breakdown of data usage per SIM for the last three months, ideally as a spreadsheet. Could your team send that over?',
    ],
    [
      'es',
      'Para imputar la factura de febrero necesitaríamos el detalle de consumo por SIM (datos y SMS) de ese mes. ¿Nos lo podéis enviar?',
    ],
  ] as const) {
    it(`${lang}: a document asked to be sent ("${ask.slice(0, 40)}…") is an information request`, async () => {
      const { cases, said } = await play(lang, ask);
      expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
      expect(said).to.not.contain('AT+CMGS');
      expect(said).to.not.contain(lead(lang, 'bot.sim.ask'));
    });
  }

  it('en: "Checked AT+CSCA?" in a report is no question: the SIM named is checked', async () => {
    const { cases } = await play(
      'en',
      'The wake-up SMS we send to the unit on 0068 sometimes takes ages and sometimes never shows up. Checked AT+CSCA?, rebooted, same behaviour.',
    );
    expect(cases[0]?.sims).to.deep.equal(['8946070000000000068']);
  });

  it('en: a phone number without its "+" a few words after "number" is the SIM', async () => {
    const { cases } = await play(
      'en',
      "Truck 114 stopped pinging its position Saturday night. The modem number in our TMS shows as 46701234471 (no plus, that's just how the system stores it). Can you check?",
    );
    expect(cases[0]?.sims).to.deep.equal(['8946070000000000027']);
  });

  it('en: three thousand trackers down for a business customer is P1', async () => {
    const { cases } = await play(
      'en',
      'We have a major problem. Roughly 3,000 of our trackers stopped reporting overnight — basically the whole fleet.',
    );
    expect(cases[0]?.priority.level).to.equal('P1');
  });

  it('en: "I put the apn … and restart, and now it connect!!" at "does it connect now?" resolves the case', async () => {
    const { cases } = await play(
      'en',
      'hello, sim 0027 is not making data connection since we change the modem',
      'I put the apn iot.firstline.example like you say and restart, and now it connect!! perfect',
    );
    expect(cases[0]?.status).to.equal('resolved');
  });

  it('en: "no wait, forget it, I continue here with you. The sim is …" takes the case back and checks the SIM', async () => {
    const { cases } = await play(
      'en',
      'can I talk with an agent? is about a sim that dont work',
      'no wait, forget it, I continue here with you. The sim is 8946070000000000035',
    );
    // The case opened for the person continues with the problem: no second case.
    expect(cases).to.have.length(1);
    expect(cases[0]?.findings.map((f) => f.code)).to.include('SIM_NOT_ACTIVE');
  });
  it('en: "ok, put the APN in and power cycled it" is no yes: the question is asked again, then "yep, it\'s up" resolves', async () => {
    const report = 'tracker no data, sim ending 0027';
    const done = await play('en', report, 'ok put iot.firstline.example in and power cycled it');
    expect(done.cases[0]?.status).to.not.equal('resolved');
    const { cases } = await play(
      'en',
      report,
      'ok put iot.firstline.example in and power cycled it',
      'yep its up, green light solid and its pinging the server',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });

  it("es: a VIP's outage of a neighbourhood's meters reaches a person at once, and the count told next is kept", async () => {
    const { cases } = await playAs(
      'demo-vip',
      'es',
      'tenemos un corte, los medidores del barrio no transmiten desde las 3 de la mañana',
      'son más o menos 400 contadores',
    );
    expect(cases[0]?.handoffReason).to.equal('vip_incident');
    expect(cases[0]?.affectedCount).to.equal(400);
  });
});
