import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, twenty-first round — the root causes of blind sets 47 (Nordic customers writing in a second language), 48
 * (formal and legalistic letters) and 49 (several asks in one message), each played once while unseen.
 */
describe('customer conversations: round twenty-one', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // A question asked as a letter asks it: no question mark is needed.
  for (const [lang, userId, text, answer] of [
    [
      'en',
      'demo-user',
      'We should be obliged if you would state the APN to be used on the SIMs supplied under our framework agreement.',
      'iot.firstline.example',
    ],
    ['es', 'demo-consumer', 'Le ruego me indique el horario de atención de su servicio técnico.', '24/7'],
    [
      'en',
      'demo-user',
      'Further to our review of invoice no. 2024-0871, we would be grateful if you could clarify what monthly data volume is included in the IoT Connect EU plan and what happens once a SIM exceeds that volume.',
      '500 MB',
    ],
    [
      'es',
      'demo-consumer',
      'No deseo ser atendida por un agente, pues dispongo de poco tiempo; le ruego simplemente me indique qué APN debo configurar en el router para poder navegar.',
      'internet.firstline.example',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 60)}…" is answered, with no case and no person`, async () => {
      const { cases, said } = await playAs(userId, lang, text);
      expect(cases).to.deep.equal([]);
      expect(said).to.contain(answer);
    });
  }

  it('en: "a statement of which of our SIMs are at present roaming … no fault is being reported" lists them', async () => {
    const { cases, said } = await play(
      'en',
      'Please be advised that our compliance department requires, for the quarterly audit provided for in clause 11.4, a statement of which of our SIMs are at present roaming outside Sweden. I should be obliged if you could let me have this information; no fault is being reported.',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('0050');
  });

  it('en: "we do not require the assistance of a human agent … the AT command … purchase order 44719" orders nothing', async () => {
    const { cases, said } = await play(
      'en',
      'Please be advised that we do not require the assistance of a human agent at this stage; we merely wish to ascertain the correct AT command for configuring the APN on our vehicle units, so that our subcontractor may complete the works scheduled under purchase order 44719.',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('AT+CGDCONT');
  });

  it('en: a formal order "for 250 embedded (MFF2) SIMs … to Unit 7, Harbour Industrial Estate" orders 250, and "kindly proceed" sends it', async () => {
    const { cases } = await play(
      'en',
      'Further to our telephone conversation with your account manager, we hereby place a formal order, pursuant to clause 3.2 of the framework agreement, for 250 embedded (MFF2) SIMs on the IoT Data SMS plan, the said SIMs to be delivered to Acme Logistics Ltd, Unit 7, Harbour Industrial Estate, Felixstowe IP11 3QR.',
      'We confirm that the above particulars are correct; kindly proceed with the order.',
    );
    expect(cases.map((c) => [c.type, c.request?.quantity, c.request?.formFactor])).to.deep.equal([
      ['order', '250', 'mff2'],
    ]);
  });

  it('es: "solicito el envío de 1 tarjeta SIM adicional, en formato nano" is an order', async () => {
    const { cases, said } = await playAs(
      'demo-consumer',
      'es',
      'Por medio de la presente solicito el envío de 1 tarjeta SIM adicional, en formato nano, con el plan Consumer Mobile Broadband, a la dirección Calle Mayor 14, 3º B, 28013 Madrid.',
    );
    expect(cases.filter((c) => c.type === 'incident')).to.deep.equal([]);
    expect(said).to.contain(lead('es', 'bot.request.start.order'));
  });

  for (const [lang, text] of [
    [
      'es',
      'Le ruego nos remitan copia actualizada del anexo de niveles de servicio (SLA) vigente, en el que consten los tiempos de respuesta comprometidos para cada prioridad.',
    ],
    [
      'es',
      'Por medio de la presente solicitamos nos faciliten el número del centro de servicio de SMS (SMSC) que debe configurarse en los terminales.',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 60)}…" opens no incident`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.filter((c) => c.type === 'incident')).to.deep.equal([]);
    });
  }

  // Problems told in a letter's words.
  for (const [lang, text, count] of [
    [
      'en',
      'We write to inform you that approximately 12 of our vehicles currently roaming in Germany are unable to establish any data connection whatever; we request that you investigate the position with your roaming partners.',
      12,
    ],
    [
      'es',
      'Les confirmamos por escrito que aproximadamente doscientas (200) unidades que se encuentran en itinerancia fuera de Suecia carecen de servicio de datos, y les solicitamos que lo comprueben a la mayor brevedad.',
      200,
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 60)}…" is an incident counting ${count}`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => [c.type, c.affectedCount])).to.deep.equal([['incident', count]]);
    });
  }

  it('es: "la conexión se ha restablecido … den por resuelta la incidencia y procedan a su cierre" resolves it', async () => {
    const { cases } = await playAs(
      'demo-consumer',
      'es',
      'Me dirijo a ustedes para comunicarles que el router asociado a la línea terminada en 0100 se encuentra sin conexión desde ayer por la tarde.',
      'Le comunico que, tras reiniciar el equipo conforme a sus indicaciones, la conexión se ha restablecido con normalidad, por lo que le ruego den por resuelta la incidencia y procedan a su cierre.',
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });

  it('en → es: "kindly respond in English from now on: what APN should be configured on the router?" switches and answers', async () => {
    const { said } = await playAs(
      'demo-consumer',
      'es',
      'Le ruego me indique el horario de atención de su servicio técnico.',
      'Apologies — kindly respond in English from now on, as my husband does not read Spanish: what APN should be configured on the router?',
    );
    expect(said).to.contain('internet.firstline.example');
  });

  // Blind set 47: Nordic customers.
  it('en: "the one with phone number 070-123 40 19" at "which SIM?" is the SIM with that number', async () => {
    const { cases } = await play(
      'en',
      'Good morning, we have a truck standing in Gävle and the tracker lost the connection to the mobilnett early this morning.',
      'It is the one with phone number 070-123 40 19, that is what the sticker on the box says',
    );
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000019']]);
  });

  it('en: "now the positions are coming again … Tusen takk!" resolves the case', async () => {
    const { cases } = await play(
      'en',
      'Hei, the tracker with SIM 0027 in the Kiruna truck sends nothing since 13.05.',
      "Ah, our technician found it, somebody had put 'internet' as APN. He changed it and now the positions are coming again. Tusen takk!",
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });

  it('es: "no quiero hablar con una persona, el bot está bien. Solo dime qué APN pongo en el router" gets the APN', async () => {
    const { cases, said } = await playAs(
      'demo-consumer',
      'es',
      'Hola, no quiero hablar con una persona, el bot está bien. Solo dime qué APN pongo en el router nuevo.',
    );
    expect(cases).to.deep.equal([]);
    expect(said).to.contain('internet.firstline.example');
  });

  for (const [lang, userId, text] of [
    [
      'es',
      'demo-consumer',
      'Hola, ¿ya hay un técnico trabajando en mi avería del router? La abrí el viernes por teléfono.',
    ],
    [
      'es',
      'demo-vip',
      'Hola, ¿cuántos casos tenemos abiertos con vosotros ahora mismo y qué prioridad tiene cada uno? Es para el informe de la semana.',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 60)}…" asks about their cases — none is opened`, async () => {
      const { cases } = await playAs(userId, lang, text);
      expect(cases).to.deep.equal([]);
    });
  }

  // Blind set 49: several asks in one message.
  it('en: a SIM problem and "also can u remind me what APN" — the APN answered and the problem checked', async () => {
    const { cases, said } = await play(
      'en',
      "morning - the van tracker on the sim ending 0027 hasnt sent a position since friday. also can u remind me what APN we're meant to be using, new guy is asking",
    );
    expect(cases.map((c) => c.sims)).to.deep.equal([['8946070000000000027']]);
    expect(said).to.contain('iot.firstline.example');
  });

  it('en: "can you raise the data limit on 8946…043? … and how long does that usually take?" is the change asked', async () => {
    const { said } = await play(
      'en',
      "can you raise the data limit on 8946070000000000043? it's hit the cap again. and how long does that usually take?",
    );
    expect(said).to.contain(lead('en', 'bot.request.start.service_request'));
  });

  it('es: "La 035 no funciona. ¿Me la podéis activar ya?" names the SIM for the request', async () => {
    const { said } = await play(
      'es',
      'La 035 no funciona. ¿Me la podéis activar ya? ¿Y cuánto tardáis normalmente?',
    );
    expect(said).to.contain('…035');
  });

  it('en: "please order 50 nano SIMs … Also, how many of our SIMs are active?" prepares the order', async () => {
    const { said } = await play(
      'en',
      'Hi, please order 50 nano SIMs on IoT Connect EU, delivery address Unit 4, Harbour Road, Felixstowe IP11 3XX. Also - how many of our SIMs are active right now?',
    );
    expect(said).to.contain(lead('en', 'bot.request.start.order'));
  });

  it('en: "the two ending in 050 and 035" at "which SIM?" checks both', async () => {
    const { cases } = await play(
      'en',
      'got a couple of units misbehaving since yesterday, no data coming through.',
      'the two ending in 050 and 035',
    );
    expect(cases.map((c) => [...c.sims].sort())).to.deep.equal([
      ['8946070000000000035', '8946070000000000050'],
    ]);
  });

  it('es (VIP): "¿Cuántos contadores tenemos activos? Y otra cosa: unos 25 en Bergen no reportan" is the problem, counting 25', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'es',
      '¿Cuántos contadores tenemos activos ahora mismo? Y otra cosa: unos 25 en Bergen no reportan desde anoche',
    );
    expect(cases.map((c) => [c.type, c.affectedCount])).to.deep.equal([['incident', 25]]);
  });

  it('en (VIP): "how many of our SIMs are active? and, urgent: half our substation meters went dark" reaches a person', async () => {
    const { cases } = await playAs(
      'demo-vip',
      'en',
      "how many of our SIMs are active? and second thing, this one's urgent: about half our substation meters went dark 20 minutes ago",
    );
    expect(cases.map((c) => [c.status, c.priority.level])).to.deep.equal([['queued', 'P1']]);
  });

  it('en: "it\'s back online, you can close that one. oh and do you guys work weekends?" resolves it and answers', async () => {
    const { cases, said } = await play(
      'en',
      "tracker on 0027 isn't reporting",
      "changed it to iot.firstline.example, it's back online 👍 you can close that one. oh and do you guys work weekends?",
    );
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
    expect(said).to.contain('24/7');
  });

  it('en: a long report whose background says others "reconnected fine" and then asks to check is no ending', async () => {
    const { cases } = await play(
      'en',
      paragraphs(
        'Over the weekend our IT department migrated our backend; everything came back up on Sunday and the trucks that reconnected are reporting normally.',
        'However, roughly 120 of our units show no data session at all, spread all over Sweden. IT insist it cannot be them because the others reconnected fine.',
        "Could you check from your side what's going on with these?",
      ),
    );
    expect(cases.map((c) => [c.type, c.affectedCount])).to.deep.equal([['incident', 120]]);
  });
});

/** Paragraphs of one message. */
function paragraphs(...parts: string[]): string {
  return parts.join('\n\n');
}
