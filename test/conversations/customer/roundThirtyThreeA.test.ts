import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

/**
 * Issue 12, thirty-third round (helper A) — blind sets 110–115: a person asked for, taken back, or the machine
 * refused; a case ended in a flow's answer; a language asked for.
 */
describe('customer conversations: round thirty-three (A)', function () {
  const { play, lead } = useCustomerRound(this);

  // The machine refused, a person asked for ("no me pasés con la máquina", "I do not want … automated system"), or a
  // person asked for as a question ("Can I speak to a human?"): a person.
  for (const [lang, text] of [
    [
      'en',
      'I do not want to chat with automated system. Kindly connect me to your concerned executive, it is regarding our account.',
    ],
    ['en', "I don't want the machine. Connect me to an executive."],
    [
      'en',
      "Can I speak to a human? Our tracker on 0048 isn't sending data and I've already rebooted it twice.",
    ],
    [
      'es',
      'Hola. Mirá, no me pasés con la máquina, quiero hablar con una persona de carne y hueso, ¿se puede?',
    ],
    ['es', 'no quiero hablar con una máquina, pásame con un asesor ¿puede ser?'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" hands over to a person`, async () => {
      const { cases, replies } = await play(lang, text);
      expect(cases.map((c) => c.handoffReason)).to.deep.equal(['customer_request']);
      await expectLanguage(replies, lang);
    });

  // A person asked for and taken back in the same message: what follows is the turn, no person.
  for (const [lang, text] of [
    ['es', 'Quiero hablar con una persona. Bueno, no, déjalo, solo dime qué APN va en los rastreadores.'],
    ['es', 'Pásame con un agente... mejor no, olvídalo. ¿Cómo configuro el APN?'],
    ['en', 'I want to talk to an agent. Actually no, forget it - just tell me what APN the trackers need.'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" answers the APN, no case`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain('iot.firstline.example');
      expect(cases).to.deep.equal([]);
    });

  // "…never mind, let's try you first: SIM 0043 has had no data": the bot first, and a cause only the operator can fix
  // still goes to a person.
  for (const [lang, text] of [
    [
      'en',
      "Can I get a human? ...actually, never mind, let's try you first: SIM 0043 has had no data since this morning.",
    ],
    ['es', 'Quiero hablar con una persona... no, olvídalo, la SIM 0043 no tiene datos desde esta mañana.'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" hands the data limit to a person`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => c.handoffDetail)).to.deep.equal(['data_limit_reached']);
    });

  // An order being prepared put off to talk it over ("lo tengo q hablar con mi jefe. lo dejamos de momento"): held
  // unsent, no case and no person ("hablar con mi jefe" is their boss).
  for (const [lang, text] of [
    ['es', 'uf espera, lo tengo q hablar con mi jefe. lo dejamos de momento'],
    ['es', 'espera, tengo que hablarlo con mi socio, lo dejamos por ahora'],
    ['en', "hmm I need to talk to my boss first, let's leave it for now"],
    ['en', 'wait, I have to talk to my manager about this. Park it for now.'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" at the plan question holds the order unsent`, async () => {
      const start =
        lang === 'es' ? ['quiero pedir 100 sims', 'micro'] : ['I want to order 100 SIMs', 'micro'];
      const { said, cases } = await play(lang, ...start, text);
      expect(said).to.contain(lead(lang, 'bot.request.heldUnsent'));
      expect(cases).to.deep.equal([]);
    });

  // Works again, but no watch wanted and a close asked ("rather than keeping an eye on it, just close the ticket"):
  // closed, not resolved and followed up.
  for (const [lang, first, text] of [
    [
      'en',
      'Tracker on 0019 stopped sending data about an hour ago.',
      "It's back. Actually, rather than keeping an eye on it, just close the ticket - we're scrapping that unit next week anyway.",
    ],
    [
      'en',
      'Tracker on 0019 stopped sending data.',
      "working again - please close the case, we're scrapping it anyway",
    ],
    [
      'es',
      'El rastreador de la 0019 no manda datos desde hace una hora.',
      'Ya funciona. En vez de vigilarlo, cerrad el caso, ese equipo lo vamos a retirar.',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" closes the case`, async () => {
      const { cases } = await play(lang, first, text);
      expect(cases.map((c) => c.status)).to.deep.equal(['closed']);
    });

  // "Ahora sí" is now, not "if": "ya esta, ahora si llama bien" at a flow question works again.
  for (const [lang, first, text] of [
    ['es', 'el ascensor con la sim 0084 no hace llamadas', 'ya esta, ahora si llama bien'],
    ['es', 'La 0084 no tiene datos desde esta mañana.', 'ahora sí conecta, gracias'],
    [
      'es',
      'Hola, el equipo de la bodega no está mandando los SMS de aviso, el chip es el que termina en 0084.',
      'Ya, ahora sí salió el mensaje de prueba, funciona. Gracias.',
    ],
    ['en', 'The alarm panel on 0084 cannot send SMS.', 'ok, the test message went out.'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" resolves the case`, async () => {
      const { cases } = await play(lang, first, text);
      expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
    });

  // A language asked for right after an answer ("lo puedes poner en español porfa"): that answer again, in it.
  for (const [lang, asked, text] of [
    ['en', 'es', 'lo puedes poner en español porfa'],
    ['en', 'es', 'ponlo en español, porfa'],
    ['es', 'en', 'translate it into English please'],
    ['es', 'en', 'can you give it to me in English'],
  ] as const)
    it(`${lang}: "${text}" after the APN answer gives it again in ${asked}`, async () => {
      const first = lang === 'en' ? 'wat apn 4 the trackers' : 'qué APN llevan los rastreadores';
      const { said, replies } = await play(lang, first, text);
      expect(said).to.contain('iot.firstline.example');
      await expectLanguage(replies, asked);
    });

  // The language asked for wins over one named as what they cannot do ("…demasiado cabreado para escribir en inglés").
  for (const [lang, asked, text] of [
    ['en', 'es', '¿Podemos seguir en español? Estoy demasiado cabreado para escribir en inglés.'],
    ['en', 'es', '¿Seguimos en español? No puedo escribir en inglés ahora mismo.'],
    ['es', 'en', "Can we switch to English? It's hard to write in Spanish for me."],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" goes on in ${asked}`, async () => {
      const { replies } = await play(lang, 'hola', text);
      await expectLanguage(replies, asked);
    });
});
