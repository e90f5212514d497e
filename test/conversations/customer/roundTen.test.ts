import { expect } from 'chai';
import { shippedKnowledgeText } from '../../helpers/knowledgeText.js';
import { useCustomers } from '../../helpers/customers.js';
import { casesOf, expectLanguage, joined } from '../../helpers/replies.js';

const { load, t } = shippedKnowledgeText();

/** A knowledge text up to its first placeholder: what a reply rendered from it contains. */
const lead = (lang: 'en' | 'es', key: string): string => t(lang, key).split('{')[0] ?? '';

/**
 * Issue 12, tenth round — the root causes of blind sets 16 and 17 (each played once while unseen): what a message
 * asks beside "back to the bot" or another language; a count told alone while the case waits; "it works now" after
 * the cause is told; "wrong window, nothing needed"; a change asked for on a SIM named (a plan, a limit) that is no
 * order and no incident; a numbered list's markers; "the first 3 of 120"; "and another 12"; "explain me how";
 * a pasted SIM error not explained twice.
 */
describe('customer conversations: round ten', function () {
  this.timeout(60_000);
  const { server, customer } = useCustomers();
  before(load);

  for (const [lang, ask, shows] of [
    [
      'en',
      "I'd rather stay with the bot, no need for a person. How do I set the APN on the modem?",
      'AT+CGDCONT',
    ],
    ['es', 'no hace falta una persona, prefiero el bot. ¿cómo pongo el APN en el módem?', 'AT+CGDCONT'],
  ] as const) {
    it(`${lang}: "${ask}" answers the question, not "nothing to go back from"`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(ask);
      expect(joined(replies)).to.contain(shows);
      expect(joined(replies)).to.not.contain(lead(lang, 'bot.backToBot.here'));
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
  }

  it('en → es: "can you answer in Spanish? what happens when the data runs out?" switches and answers', async () => {
    const conv = customer('en');
    await conv.say('hello');
    const replies = await conv.say(
      '¿me puedes contestar en español? ¿qué pasa cuando se acaban los datos del plan?',
    );
    expect(joined(replies)).to.contain(t('es', 'bot.language.switched'));
    expect(joined(replies)).to.contain(t('es', 'bot.article.more'));
    expect(joined(replies)).to.not.contain(t('es', 'bot.whatNow'));
    await expectLanguage(replies, 'es');
  });

  for (const [lang, ask, back] of [
    [
      'en',
      'put me through to someone please',
      'forget it, back to the bot. the SIM is 8946070000000000084 and the gateway stopped reporting at 9',
    ],
    [
      'es',
      'pásame con alguien, por favor',
      'mejor no, vuelvo al bot. La tarjeta es la 8946070000000000084 y el equipo no manda datos desde las 9',
    ],
  ] as const) {
    it(`${lang}: back to the bot from the queue with the SIM and the problem: the SIM is checked at once`, async () => {
      const conv = customer(lang);
      await conv.say(ask);
      expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('queued');
      const replies = await conv.say(back);
      const cases = await casesOf(server.baseUrl, conv.id);
      expect(cases.some((c) => c.type === 'incident' && c.sims.includes('8946070000000000084'))).to.equal(
        true,
      );
      expect(joined(replies)).to.not.contain(t(lang, 'bot.whatNow'));
    });
  }

  it('en: "forget that, I\'ll carry on with you, the bot" from the queue is not read as a new request', async () => {
    const conv = customer('en');
    await conv.say('I want to talk to a person');
    const replies = await conv.say("Actually, forget that, I'll carry on with you, the bot.");
    expect(joined(replies)).to.contain(t('en', 'bot.whatNow'));
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.status).to.not.equal('queued');
  });

  for (const [lang, report, count, after] of [
    [
      'es',
      'tenemos muchos localizadores sin conexión desde esta mañana, pásame con una persona',
      '60 equipos',
      60,
    ],
    [
      'en',
      'loads of our meters stopped reporting overnight, put me through to a person',
      'about 400 meters',
      400,
    ],
  ] as const) {
    it(`${lang}: "${count}" alone while the case waits in the queue sets its count`, async () => {
      const conv = customer(lang);
      await conv.say(report);
      await conv.say(lang === 'es' ? 'quiero hablar con una persona' : 'I want to talk to a person');
      expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('queued');
      const replies = await conv.say(count);
      expect((await casesOf(server.baseUrl, conv.id))[0]?.affectedCount).to.equal(after);
      expect(joined(replies)).to.contain(lead(lang, 'bot.affectedCorrected'));
    });
  }

  it('es: "ya lo hemos activado y ahora funciona" while queued resolves the case', async () => {
    const conv = customer('es');
    await conv.say('la sim 8946070000000000035 no conecta');
    const [queued] = await casesOf(server.baseUrl, conv.id);
    expect(queued?.status).to.equal('queued');
    await conv.say('ya la activamos nosotros desde el portal y ahora funciona');
    expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('resolved');
  });

  it('en: the cause told first, then "it calls fine now, solved" mid-checks resolves the case', async () => {
    const conv = customer('en');
    await conv.say("the lift phone on +46 72 123 40 84 can't call the rescue centre");
    expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('open');
    await conv.say(
      'False alarm: the engineer had disconnected the antenna during the service. It calls fine now, solved.',
    );
    expect((await casesOf(server.baseUrl, conv.id))[0]?.status).to.equal('resolved');
  });

  it('es: "lo necesito resuelto ya, es crítico" after a problem is no "works again"', async () => {
    const conv = customer('es');
    await conv.say('contadores sin datos desde anoche, la 0043. lo necesito resuelto ya, es crítico');
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('incident');
    expect(c?.status).to.not.equal('resolved');
  });

  for (const [lang, text] of [
    ['en', 'Oops, wrong chat, nothing needed. Bye'],
    ['es', 'perdón, ventana equivocada, no necesito nada'],
  ] as const) {
    it(`${lang}: "${text}" opens nothing`, async () => {
      const conv = customer(lang);
      await conv.say(lang === 'es' ? 'hola' : 'hi');
      const replies = await conv.say(text);
      expect(joined(replies)).to.contain(t(lang, 'bot.nothingNeeded'));
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
    });
  }

  for (const [lang, ask] of [
    [
      'es',
      'quería pedir que la tarjeta 8946070000000000068 pase al plan IoT Data SMS, necesitamos mandar SMS',
    ],
    ['en', 'Request: move SIM 8946070000000000043 to a bigger data limit. It runs out of data mid-month.'],
    [
      'es',
      'Solicitud: ampliar el límite de datos de la 8946070000000000043. Se queda sin datos a mitad de mes.',
    ],
  ] as const) {
    it(`${lang}: "${ask}" is a service request, no order and no incident`, async () => {
      const conv = customer(lang);
      await conv.say(ask);
      await conv.say(lang === 'es' ? 'sí, envíalo' : 'yes, send it');
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.type).to.equal('service_request');
    });
  }

  it('es: "¿podéis comprobar la 0043? no sube las sesiones" is checked, not a service request', async () => {
    const conv = customer('es');
    await conv.say(
      '¿Podéis comprobar la 8946070000000000043? El cargador no sube las sesiones desde anoche.',
    );
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('incident');
    expect(c?.sims).to.include('8946070000000000043');
  });

  it('en: an order as a numbered list takes the quantity from its line, not the list marker', async () => {
    const conv = customer('en');
    const replies = await conv.say(
      'SIM order:\n1. Quantity: 250\n2. Type: nano (4FF)\n3. Plan: IoT Connect EU\n4. Delivery address: Acme Logistics, Dock 3, Harbour Road 7, 41101 Gothenburg, Sweden',
    );
    expect(joined(replies)).to.match(/Quantity: 250\b/);
    await conv.say('yes, send it');
    const [c] = await casesOf(server.baseUrl, conv.id);
    expect(c?.type).to.equal('order');
    expect(c?.request?.['quantity']).to.equal('250');
  });

  for (const [lang, report, count] of [
    [
      'en',
      'Trackers not sending data since last night: 8946070000000000027, 8946070000000000043 — the first 2 of 90 rows in our export.',
      90,
    ],
    [
      'es',
      'El contador 8946070000000000027 no manda lecturas, y otros 12 contadores igual en la misma zona',
      13,
    ],
    ['es', 'las 40 centralitas de alarma de Bilbao no conectan con la CRA desde anoche', 40],
  ] as const) {
    it(`${lang}: "${report}" counts ${count} affected`, async () => {
      const conv = customer(lang);
      await conv.say(report);
      const [c] = await casesOf(server.baseUrl, conv.id);
      expect(c?.affectedCount).to.equal(count);
    });
  }

  it('en: "would it be possible to explain me how I can turn off the PIN" gets the PIN article', async () => {
    const conv = customer('en');
    const replies = await conv.say(
      'Would it be possible to explain me how I can turn off the PIN request on the SIMs? Modems ask at every boot.',
    );
    expect(joined(replies)).to.contain(t('en', 'bot.article.more'));
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });

  for (const lang of ['en', 'es'] as const) {
    it(`${lang}: a pasted +CME ERROR: 10 is explained once and AT+CPIN? is not asked for again`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(
        lang === 'es'
          ? 'La tarjeta 8946070000000000019 no conecta. El técnico ha sacado esto:\nAT+CPIN?\n+CME ERROR: 10'
          : 'SIM 8946070000000000019 will not connect. The installer got this:\nAT+CPIN?\n+CME ERROR: 10',
      );
      expect(joined(replies)).to.not.contain('AT+CPIN?');
      expect(joined(replies)).to.contain(t(lang, 'flows.sim_state.sim_reseat_resolution'));
      expect(joined(replies)).to.not.contain(lead(lang, 'flows.sim_state.sim_not_ready'));
    });
  }

  for (const [lang, ask, shows] of [
    [
      'en',
      'Quick check before we install it next week: is SIM 8946070000000000084 active or not?',
      '8946070000000000084',
    ],
    [
      'es',
      '¿me podéis decir si la 0035 está activa? la montamos mañana en el remolque',
      '8946070000000000035',
    ],
  ] as const) {
    it(`${lang}: "${ask}" is answered from the look-up of that SIM, with no case`, async () => {
      const conv = customer(lang);
      const replies = await conv.say(ask);
      expect(joined(replies)).to.contain(shows);
      expect(joined(replies)).to.contain(lead(lang, 'bot.fleet.named'));
      expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });
  }

  it("en: asking whether another organisation's SIM is active says it is not found, and nothing of it", async () => {
    const conv = customer('en');
    const replies = await conv.say('is SIM 8946070000000000092 active?');
    expect(joined(replies)).to.contain(t('en', 'bot.sim.notFound', { ref: '`8946070000000000092`' }));
    expect(joined(replies)).to.not.match(/active,|Norway|Telenor/);
    expect(await casesOf(server.baseUrl, conv.id)).to.deep.equal([]);
  });
});
