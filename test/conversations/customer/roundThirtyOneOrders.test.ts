import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, thirty-first round — orders and service requests: the delivery address read from the first message
 * (lead-ins and an address's shape), a go-ahead typed where a field is asked, a third person's order, a hold at the
 * summary that names a field, and a hold right after a request was sent.
 */
describe('customer conversations: round thirty-one (orders)', function () {
  const { play, lead } = useCustomerRound(this);

  // The delivery address told in the first message, after a lead-in the list lacked or by its shape alone: the order
  // is complete, its summary shown, and the address is not asked.
  for (const [lang, text, address] of [
    [
      'en',
      "Hello, I was wondering whether it might be possible to order some more SIM cards? We'd need 50 of them, in the 4FF nano size if that's alright, on the IoT Connect EU plan. They could go to Acme Ltd, attn. Goods reception, Storgatan 12, 111 22 Stockholm, Sweden.",
      'Acme Ltd, attn. Goods reception, Storgatan 12, 111 22 Stockholm, Sweden',
    ],
    [
      'es',
      'El instalador necesita 20 SIM nano (4FF) con el plan IoT Connect EU, enviadas a Calle Mayor 10, 50001 Zaragoza.',
      'Calle Mayor 10, 50001 Zaragoza',
    ],
    [
      'en',
      'We need 30 nano SIMs on IoT Connect EU. Please send to Acme Logistics, Hamnvägen 12, 417 64 Göteborg.',
      'Acme Logistics, Hamnvägen 12, 417 64 Göteborg',
    ],
    [
      'es',
      'Necesitamos 15 SIM micro con el plan IoT Connect EU. Mandadlas a Talleres Pérez, Calle Mayor 10, 50001 Zaragoza.',
      'Talleres Pérez, Calle Mayor 10, 50001 Zaragoza',
    ],
    [
      'en',
      'Please order 25 nano SIMs on IoT Connect EU for our depot, Hamnvägen 12, 417 64 Göteborg. Thanks!',
      'Hamnvägen 12, 417 64 Göteborg',
    ],
    [
      'es',
      'Queremos 40 SIM nano con el plan IoT Connect EU, a la atención de Marta: Avenida de América 2, 28002 Madrid.',
      'Avenida de América 2, 28002 Madrid',
    ],
  ] as const) {
    it(`${lang}: "…${text.slice(-45)}" gives the delivery address with the order`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).not.to.contain(lead(lang, 'request.ask.address'));
      expect(said).to.contain(lead(lang, 'bot.request.summary'));
      expect(cases.map((c) => [c.type, c.request?.['address']])).to.deep.equal([['order', address]]);
    });
  }

  // A yes or a go-ahead typed where a field is asked: that field is still needed — said so, and asked again.
  for (const [lang, first, answer, field] of [
    [
      'en',
      'We need 50 nano SIMs on IoT Connect EU',
      'Yes, that all looks right to me. Please go ahead',
      'address',
    ],
    ['es', 'Necesitamos 20 SIM nano con el plan IoT Connect EU', 'Sí, confirmo el pedido', 'address'],
    ['en', "We'd like to order 30 SIMs on IoT Connect EU", 'yes please go ahead', 'formFactor'],
    ['es', 'Queremos pedir SIM nano con el plan IoT Connect EU', 'Sí, adelante', 'quantity'],
  ] as const) {
    it(`${lang}: "${answer}" where the ${field} is asked says it is still needed and asks it again`, async () => {
      const { said, cases } = await play(lang, first, answer);
      expect(said).not.to.contain(lead(lang, 'bot.request.pickOne'));
      expect(said).not.to.contain(lead(lang, 'bot.request.badNumber'));
      // One field missing says so; two or more are named (round 32).
      const still = [lead(lang, 'bot.request.stillNeeded'), lead(lang, 'bot.request.stillNeededMany')];
      expect(still.some((text) => said.includes(text))).to.equal(true);
      expect(said).to.contain(lead(lang, `request.ask.${field}`));
      expect(cases).to.deep.equal([]);
    });
  }

  it('en: go-aheads where the address is asked count no miss: the address told after them is kept', async () => {
    const { cases } = await play(
      'en',
      'We need 50 nano SIMs on IoT Connect EU',
      'Yes, go ahead',
      'Yes, please send it',
      'Acme Ltd, Storgatan 12, 111 22 Stockholm',
    );
    expect(cases.map((c) => [c.type, c.request?.['address']])).to.deep.equal([
      ['order', 'Acme Ltd, Storgatan 12, 111 22 Stockholm'],
    ]);
  });

  // Someone else needing a number of SIMs is an order, as "we need" is.
  it('es: "El jefe de obra necesita 100 SIM tamaño micro…, enviadas a …" is an order with every field', async () => {
    const { cases } = await play(
      'es',
      'El jefe de obra necesita 100 SIM tamaño micro (3FF) con el plan de solo datos, enviadas a Calle Alcalá 45, 28014 Madrid.',
    );
    expect(cases.map((c) => [c.type, c.request])).to.deep.equal([
      [
        'order',
        {
          quantity: '100',
          formFactor: '3ff',
          plan: 'IoT Data Only',
          address: 'Calle Alcalá 45, 28014 Madrid',
        },
      ],
    ]);
  });

  for (const [lang, text] of [
    ['es', 'El jefe de obra necesita 100 SIM tamaño micro (3FF) con el plan de solo datos.'],
    ['en', 'Our site manager needs 100 micro SIMs on the data-only plan.'],
    ['es', 'Mi compañero quiere 25 tarjetas SIM micro para los contadores, con el plan de solo datos.'],
    ['en', 'The installer needs 40 micro SIMs for the new cabinets, data-only plan.'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 45)}…" is an order (its address asked), no incident`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(lead(lang, 'bot.request.start.order'));
      expect(said).to.contain(lead(lang, 'request.ask.address'));
      expect(cases).to.deep.equal([]);
    });
  }

  // A hold at the summary holds the order: the field its reason names is not changed.
  for (const [lang, first, hold, address] of [
    [
      'en',
      'We need 50 nano SIMs on IoT Connect EU, delivered to Storgatan 5, 753 20 Uppsala',
      'Not yet, wait — I need to check the address with our warehouse first.',
      'Storgatan 5, 753 20 Uppsala',
    ],
    [
      'en',
      'We need 50 nano SIMs on IoT Connect EU, delivered to Storgatan 5, 753 20 Uppsala',
      'Hold on, not yet — I want to double-check the delivery address with the site manager.',
      'Storgatan 5, 753 20 Uppsala',
    ],
    [
      'es',
      'Quiero pedir 1 SIM más, nano, con el plan IoT Connect EU, enviadla a Calle del Olmo 12, 44001 Teruel',
      'Todavía no, espera: tengo que revisar la dirección con el almacén.',
      'Calle del Olmo 12, 44001 Teruel',
    ],
  ] as const) {
    it(`${lang}: "${hold.slice(0, 45)}…" at the summary holds the order, its address unchanged`, async () => {
      const { said, cases } = await play(lang, first, hold);
      expect(said).to.contain(lead(lang, 'bot.request.held'));
      expect(cases.map((c) => [c.type, c.status, c.request?.['address']])).to.deep.equal([
        ['order', 'waiting_customer', address],
      ]);
    });
  }

  // The field's name in a sentence names it; its value follows a colon or starts like one.
  for (const [lang, text] of [
    ['en', "We need 20 nano SIMs on IoT Connect EU; I'll confirm the address with the warehouse tomorrow."],
    [
      'es',
      'Necesitamos 20 SIM nano con el plan IoT Connect EU; la dirección os la confirmo mañana por la tarde.',
    ],
  ] as const) {
    it(`${lang}: "…${text.slice(-50)}" tells no address: it is asked`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(lead(lang, 'request.ask.address'));
      expect(cases).to.deep.equal([]);
    });
  }

  // Right after a request was sent, "not yet" holds that request — no incident, no SIM asked.
  for (const [lang, turns] of [
    [
      'en',
      [
        "I'd like to reactivate SIM 0035.",
        'Just bring it back as it was, same plan as before.',
        "Hold on, not yet. I need to check it with my manager first, I'll come back to it.",
      ],
    ],
    [
      'es',
      [
        'Quiero reactivar la SIM 0035.',
        'Déjela como estaba, con el mismo plan de antes.',
        'Espera, todavía no. Tengo que consultarlo con mi jefe primero.',
      ],
    ],
    [
      'en',
      [
        'We need 50 nano SIMs on IoT Connect EU, delivered to Storgatan 5, 753 20 Uppsala',
        'Looks good, go ahead',
        "Actually hold it, not yet — I need to run it past finance. I'll come back to you.",
      ],
    ],
  ] as const) {
    it(`${lang}: "${turns[2].slice(0, 40)}…" right after the request was sent holds it, no incident`, async () => {
      const { said, cases } = await play(lang, ...turns);
      expect(said).to.contain(lead(lang, 'bot.request.heldAfterSent'));
      expect(cases.map((c) => [c.type, c.status])).to.deep.equal([
        [turns[0].includes('0035') ? 'service_request' : 'order', 'waiting_customer'],
      ]);
    });
  }

  it('es: a request held after it was sent goes to the team with "Sí, está bien", or is withdrawn with "Cancelar"', async () => {
    const turns = [
      'Quiero reactivar la SIM 0035.',
      'Déjela como estaba, con el mismo plan de antes.',
      'Espera, todavía no. Tengo que consultarlo con mi jefe primero.',
    ];
    const sent = await play('es', ...turns, 'Sí, está bien');
    expect(sent.said).to.contain(lead('es', 'bot.request.confirmed'));
    expect(sent.cases.map((c) => [c.type, c.status])).to.deep.equal([['service_request', 'open']]);
    const withdrawn = await play('es', ...turns, 'Cancelar');
    expect(withdrawn.said).to.contain(lead('es', 'bot.request.withdrawn'));
    expect(withdrawn.cases.map((c) => [c.type, c.status])).to.deep.equal([['service_request', 'closed']]);
  });
});
