import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

/**
 * Issue 12, seventeenth round — the root causes of blind sets 32 (field technicians dictating from site) and 33
 * (stressed customers and formal corporate writers), each played once while unseen.
 */
describe('customer conversations: round seventeen', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // A rating typed instead of tapped on the card, once the case is ended.
  for (const [lang, user, problem, fixed, rating, stars] of [
    [
      'es',
      'demo-consumer',
      'El router va fatal y se corta cada dos por tres.',
      'Bueno, lo he cambiado de sitio, junto a la ventana, y ya va bien. Ya está solucionado.',
      'Les pongo un 2 sobre 5, que para llegar hasta aquí he tenido que perder media mañana.',
      2,
    ],
    [
      'en',
      'demo-user',
      'no data on sim 0027 since this morning',
      "never mind, it's working again now",
      '4/5',
      4,
    ],
    [
      'en',
      'demo-user',
      'no data on sim 0027 since this morning',
      'it works again, thanks',
      '5 stars, thanks',
      5,
    ],
  ] as const) {
    it(`${lang}: "${rating}" rates the case just ended (${stars}) and opens nothing`, async () => {
      const { cases, said } = await playAs(user, lang, problem, fixed, rating);
      expect(cases).to.have.length(1);
      expect(cases[0]?.status).to.equal('resolved');
      expect(cases[0]?.satisfaction).to.equal(stars);
      expect(said).to.contain(lead(lang, 'followUp.thanks'));
    });
  }

  it('en: a second typed rating is told the first counts; "2 of 5 trackers still dead" rates nothing', async () => {
    const again = await play('en', 'no data on sim 0027', 'it works again', '3 out of 5', '5/5');
    expect(again.cases[0]?.satisfaction).to.equal(3);
    expect(again.said).to.contain(lead('en', 'followUp.alreadyRated'));
    const problem = await play('en', 'no data on sim 0027', 'it works again', '2 of 5 trackers still dead');
    expect(problem.cases.find((c) => c.satisfaction !== undefined)).to.equal(undefined);
  });

  // An order or request withdrawn in formal words, after it was sent.
  for (const [lang, request, confirm, withdraw] of [
    [
      'en',
      'Please accept this message as a formal order for 100 micro SIM cards on the IoT Data SMS plan, to be delivered to Acme Logistics, Goods-In, Hamnvägen 12, 211 20 Malmö.',
      'Yes, that is correct.',
      'Good afternoon - I am afraid I must ask you to disregard the order placed earlier today. The board has put the project on hold, so we no longer require these SIMs.',
    ],
    [
      'es',
      'Les solicitamos el cambio de plan de la SIM 8946070000000000068 al plan IoT Data SMS, ya que los paneles de alarma necesitan recibir SMS.',
      'Sí, correcto.',
      'Buenas tardes. Les rogamos que anulen la solicitud de cambio de plan que les enviamos esta mañana. Disculpen las molestias.',
    ],
  ] as const) {
    it(`${lang}: "${withdraw.slice(0, 60)}…" closes the request sent, opens no new one`, async () => {
      const { cases } = await play(lang, request, confirm, withdraw);
      expect(cases).to.have.length(1);
      expect(cases[0]?.status).to.equal('closed');
    });
  }

  it('es: "Den la incidencia por cerrada" at a check question closes the incident', async () => {
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'El router no conecta desde el sábado y nadie me dice nada.',
      'Mire, déjelo. Me mudo el mes que viene y ya no voy a usar el router. Den la incidencia por cerrada.',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['closed']);
  });

  it('es: "ya tira, podéis cerrarlo" after a fix is resolved, not withdrawn', async () => {
    const { cases } = await play(
      'es',
      'el equipo con la sim acabada en 0027 no conecta desde el lunes',
      'vale le he cambiado el apn como dices y ya tira, podéis cerrarlo',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });

  it('en: "pressed the agent button by mistake … carry on with the automated assistant" queues no one', async () => {
    const { cases } = await play(
      'en',
      "Apologies - I appear to have pressed the button to speak to an agent by mistake earlier. I'd rather carry on with the automated assistant, please.",
    );
    expect(cases).to.deep.equal([]);
  });

  // An order written as a form: labelled lines, whatever the message calls it.
  it('en: a procurement form (Quantity:, Card type:, Plan:, Delivery address:) is an order with its fields', async () => {
    const { said } = await play(
      'en',
      [
        'Dear Sir/Madam,',
        '',
        'Please find below our requirement for the Q3 fleet expansion:',
        '',
        'Quantity: 200',
        'Card type: standard 3-in-1 (mini/micro/nano punch-out)',
        'Plan: IoT Connect EU',
        'Delivery address: Acme Logistics, Attn: Goods-In, Hamnvägen 12, 211 20 Malmö, Sweden',
        '',
        'Kindly confirm receipt and the expected delivery date.',
        '',
        'Regards,',
        'Sam Carter',
      ].join('\n'),
    );
    expect(said).to.match(/Quantity: 200\b/);
    expect(said).to.contain('Hamnvägen 12, 211 20 Malmö, Sweden');
    expect(said).not.to.contain('Kindly confirm');
    expect(said).not.to.contain('Sam Carter');
  });

  it('es: a form in Spanish (Cantidad:, Dirección de entrega:) is an order, the plan asked; the address stops at the sign-off', async () => {
    const { said } = await play(
      'es',
      'Buenos días:\nCantidad: 40\nTipo de tarjeta: nano\nDirección de entrega: Calle Mayor 5, 28013 Madrid\nUn saludo,\nLogística',
      'IoT Connect EU',
    );
    expect(said).to.match(/Cantidad: 40\b/);
    expect(said).to.contain('Calle Mayor 5, 28013 Madrid');
    expect(said).not.to.contain('Logística');
  });

  // A formal letter telling a count of devices down is an incident, though it asks about "la incidencia".
  it('es: "aproximadamente 2.000 unidades … han dejado de reportar … el alcance de la incidencia" opens an incident', async () => {
    const { cases } = await play(
      'es',
      'Estimados señores:\n\nLes comunicamos que, desde las 04:30 de hoy, aproximadamente 2.000 unidades de seguimiento de nuestra flota que operan en España han dejado de reportar su posición.\n\nLes rogamos nos indiquen a la mayor brevedad el alcance de la incidencia y el plazo estimado de resolución.\n\nAtentamente,\nDirección de Operaciones',
    );
    expect(cases[0]?.type).to.equal('incident');
    expect(cases[0]?.affectedCount).to.be.at.least(2000);
  });

  // Counts: two words naming the kind of thing; digits glued to a word are no count.
  it('en: "a hundred and twenty of the cold chain trailers stopped reporting" keeps 120 on the case', async () => {
    const { cases } = await play(
      'en',
      'roughly a hundred and twenty of the cold chain trailers stopped reporting around six this morning, all over sweden',
    );
    expect(cases[0]?.affectedCount).to.be.at.least(120);
  });

  // Questions inside a report-like sentence.
  it('es: "cuántas de nuestras sims no tienen sesión … no hay ninguna falla" answers from the fleet, no case', async () => {
    const { cases, said } = await play(
      'es',
      'me puedes decir cuántas de nuestras sims no tienen sesión de datos ahorita? es solo para un reporte, no hay ninguna falla',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.match(/0027|0043|0050/);
  });

  it('es: "para mandar un sms de prueba desde el módem qué comandos tengo que meter" answers with the commands', async () => {
    const { cases, said } = await play(
      'es',
      'oye una cosa, para mandar un sms de prueba desde el módem qué comandos tengo que meter, que no me acuerdo',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('AT+CMGS');
  });

  // A change asked for with the SIM named inside the phrase.
  for (const [lang, text] of [
    ['en', 'can u turn the sim ending 0035 back on please, that van is going back out on the road monday'],
    ['es', 'vuelvan a activar la sim acabada en 0035 por favor, el camión sale el lunes'],
  ] as const) {
    it(`${lang}: "${text.slice(0, 45)}…" is a service request on that SIM, not an incident`, async () => {
      const { cases } = await play(lang, text, lang === 'es' ? 'Enviar' : 'Send it');
      expect(cases[0]?.type).to.equal('service_request');
      expect(cases[0]?.sims).to.deep.equal(['8946070000000000035']);
    });
  }

  it('en: of two plans named by short names, the one called a plan is ordered', async () => {
    const { said } = await play(
      'en',
      "Need 50 nano SIMs on the Data SMS plan, ASAP. After last month's fiasco, where half our alarm panels sat on data-only SIMs, I expect these to work. Ship them to Acme Logistics, Depot 3, Industrivägen 4, 417 05 Göteborg.",
    );
    expect(said).to.contain('IoT Data SMS');
    expect(said).not.to.contain('IoT Data Only');
  });

  // A question of its own beside the problem told: answered, then the problem checked.
  for (const [lang, text, answer] of [
    [
      'en',
      'Quick one and then a not-so-quick one. What actually happens when a SIM goes over its monthly data - is it cut off or just slowed down? Because truck 9 (sim ending 0043) has been dead since yesterday.',
      'IoT Connect EU: 500 MB',
    ],
    [
      'es',
      '¿Qué pasa cuando una SIM se pasa de los datos del mes, se corta o va más lenta? Porque el camión 9 (SIM acabada en 0043) no manda nada desde ayer.',
      'IoT Connect EU: 500 MB',
    ],
  ] as const) {
    it(`${lang}: a data-limit question beside a dead tracker is answered and the tracker checked`, async () => {
      const { cases, said } = await play(lang, text);
      expect(said).to.contain(answer);
      expect(cases[0]?.type).to.equal('incident');
      expect(cases[0]?.sims).to.deep.equal(['8946070000000000043']);
    });
  }

  // A city places the device in its country (countries' `places`); the sentence that asks is matched on its own.
  for (const [lang, user, text] of [
    [
      'es',
      'demo-consumer',
      'Hola, me voy un mes a Oporto a teletrabajar y quiero llevarme el router. ¿Funcionará allí con la misma tarjeta o tengo que comprar una de allí? No quiero llevarme sorpresas en la factura como la última vez con el móvil.',
    ],
    [
      'en',
      'demo-consumer',
      "We're taking the camper to Hamburg for the summer with the router in it. Will it work there with the same card, or do we need a German one? Last time the phone bill was a shock.",
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" gets the roaming answer, no case`, async () => {
      const { cases, said } = await playAs(user, lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(lead(lang, 'bot.article.more'));
      expect(said).to.contain((await roamingAnswer(lang)).split('{')[0]?.trim());
    });
  }

  // The reading an article asked for, sent bare in the next message.
  for (const [lang, question, reading] of [
    [
      'en',
      'what does csq ninety nine mean, the installer manual doesnt say',
      'right well thats what im getting on the loader at the gravel pit, 99,99, tried two different antennas already, sim ends 0050',
    ],
    [
      'es',
      '¿cómo miro la cobertura del módem?',
      'me sale 99, 99 en el equipo de la SIM acabada en 0050, ya probé otra antena',
    ],
  ] as const) {
    it(`${lang}: "${reading.slice(0, 40)}…" after the signal article is read as +CSQ: 99,99`, async () => {
      const { cases } = await play(lang, question, reading);
      expect(cases[0]?.sims).to.deep.equal(['8946070000000000050']);
      expect(cases[0]?.findings.map((f) => f.code)).to.include('MODEM_SIGNAL_UNKNOWN');
    });
  }

  it('en: a bare reading two turns after the signal article is no modem output', async () => {
    const { cases } = await play(
      'en',
      'how do I check the signal on the modem?',
      'ok thanks',
      'the tracker on sim 0050 shows 12,50 on its display and has no data',
    );
    expect(cases[0]?.findings.map((f) => f.code).filter((c) => c.startsWith('MODEM_'))).to.deep.equal([]);
  });

  // Blind 34: developers and integrators.
  for (const [lang, text] of [
    [
      'en',
      'Do you offer a webhook for SMS delivery reports, or do we have to poll your REST API for SMS status? Our integration team needs the docs before Monday.',
    ],
    [
      'es',
      '¿Me podéis pasar el rango de IPs públicas de salida del APN iot.firstline.example? Tenemos que whitelistearlo en el security group de AWS.',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" is an information request for the team`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => c.type)).to.deep.equal(['information_request']);
    });
  }

  for (const [lang, problem, fixed] of [
    [
      'en',
      'gateway on sim 0027 has had no data session for 3 days',
      "ah found it: the fw set the APN to 'internet'. pushed iot.firstline.example via OTA and it's publishing again. you can close this one",
    ],
    [
      'en',
      'MQTT disconnects every few mins on the unit with SIM ending 0019',
      'false alarm, sorry. our broker cert had expired. renewed it and everything is green again',
    ],
    [
      'es',
      'El tracker de la SIM 0050 no manda datos',
      'Ya está, lo volvimos a traer a Malmö y vuelve a publicar. Podéis cerrarlo',
    ],
  ] as const) {
    it(`${lang}: "${fixed.slice(0, 50)}…" is resolved (it works again)`, async () => {
      const { cases } = await play(lang, problem, fixed);
      expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
    });
  }

  it('es: an ICCID typed in groups of four is one SIM, its groups no last digits', async () => {
    const { cases, said } = await play(
      'es',
      'El tracker de la SIM 8946 0700 0000 0000 050 no manda datos desde que lo llevamos a Alemania',
    );
    expect(cases[0]?.sims).to.deep.equal(['8946070000000000050']);
    expect(said).not.to.contain('`8946`');
  });

  it('es: a log pasted alone in a fenced block keeps the conversation in Spanish', async () => {
    const { replies } = await play(
      'es',
      'El tracker con la SIM acabada en 0027 lleva desde el martes sin datos',
      '```\n2024-05-14T07:00:12Z ERROR [net] pdp activation failed, retrying in 60s\n2024-05-14T07:02:12Z ERROR [net] pdp activation failed, giving up\n```',
    );
    // The log says it still fails: the checks go on — in Spanish.
    await expectLanguage(replies, 'es');
    expect(replies.map((r) => r.text ?? '').join('\n')).not.to.contain(
      lead('en', 'bot.flow.didNotUnderstand'),
    );
  });
});

/** The shipped roaming article's answer in `lang`, as editors wrote it. */
async function roamingAnswer(lang: 'en' | 'es'): Promise<string> {
  const file = fileURLToPath(new URL('../../../knowledge/articles/roaming_countries.json', import.meta.url));
  const article = JSON.parse(await readFile(file, 'utf8')) as { answer: Record<string, string> };
  return article.answer[lang] ?? '';
}
