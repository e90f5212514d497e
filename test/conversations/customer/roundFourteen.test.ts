import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Issue 12, fourteenth round — classes left open by the earlier rounds: a SIM taken back in the same message
 * ("SIM 0005 — sorry, 0050"), "that SIM" right after a question answered about a SIM, and counts added up
 * ("120 in Sweden plus 35 in Norway").
 */
describe('customer conversations: round fourteen', function () {
  const { play, lead } = useCustomerRound(this);

  for (const [lang, report] of [
    ['en', 'The SIM 0005 — sorry, 0050 — has had no data since this morning.'],
    ['en', 'Tracker 8946070000000000005, I mean 8946070000000000050, stopped sending data.'],
    ['es', 'La 0005, perdón, quiero decir la 0050, no tiene datos desde esta mañana.'],
  ] as const) {
    it(`${lang}: "${report}" checks the SIM the customer meant, not the one taken back`, async () => {
      const { cases, said } = await play(lang, report);
      expect(cases[0]?.sims).to.deep.equal(['8946070000000000050']);
      expect(said).to.not.contain('0005`');
    });
  }

  for (const [lang, question, followUp] of [
    ['en', 'Is SIM 0027 active?', 'Then why is it not sending any data??'],
    ['en', 'what state is the sim ending 0043 in', 'ok so why has that SIM got no data?'],
    ['es', '¿Está activa la SIM 0043?', '¿Y por qué no tiene datos esa SIM?'],
  ] as const) {
    it(`${lang}: "${followUp}" right after "${question}" is about that SIM`, async () => {
      expect((await play(lang, question)).cases).to.deep.equal([]);
      const { cases, said } = await play(lang, question, followUp);
      expect(cases[0]?.sims).to.have.length(1);
      expect(cases[0]?.sims[0]?.slice(-4)).to.equal(question.match(/\d{4}/)?.[0]);
      expect(said).to.not.contain(lead(lang, 'bot.sim.ask'));
    });
  }

  for (const [lang, ...turns] of [
    ['en', 'Is SIM 0027 active?', 'ok and why can the other one not get online?'],
    ['es', '¿Está activa la SIM 0043?', '¿Y por qué la otra no tiene datos?'],
    // Two turns later the SIM is no longer the one talked about.
    ['en', 'Is SIM 0027 active?', 'What APN should our trackers use?', 'why has it no data?'],
  ] as const) {
    it(`${lang}: "${turns.at(-1)}" is not about the SIM answered on before`, async () => {
      const { cases } = await play(lang, ...turns);
      expect(cases.flatMap((c) => c.sims)).to.deep.equal([]);
    });
  }

  for (const [lang, report, count] of [
    ['en', '120 trackers in Sweden plus 35 in Norway stopped sending data this morning.', 155],
    ['es', 'Tenemos 80 contadores en Madrid y 20 en Bilbao que no envían lecturas desde ayer.', 100],
    ['en', '50 chargers offline since 8, and another 30 chargers since noon.', 80],
  ] as const) {
    it(`${lang}: "${report}" adds the counts up: ${count} affected`, async () => {
      expect((await play(lang, report)).cases[0]?.affectedCount).to.equal(count);
    });
  }
  // Blind sets 24–25 (played once while unseen): dictated digits, long e-mails from managers.
  for (const [lang, answer, sim] of [
    ['en', 'sim ends zero zero four three', '8946070000000000043'],
    ['es', 'la sim acaba en cero cero dos siete', '8946070000000000027'],
  ] as const) {
    it(`${lang}: "${answer}" at the "which SIM?" question is the SIM's last digits`, async () => {
      const report =
        lang === 'es'
          ? 'el rastreador no manda datos desde anoche'
          : 'tracker stopped sending data last night';
      const { cases } = await play(lang, report, answer);
      expect(cases[0]?.sims).to.deep.equal([sim]);
    });
  }

  for (const [lang, report] of [
    [
      'en',
      'Hello support, the tracker on SIM 0043 has stopped sending since around the 20th. Our planning department is missing the km registration for the invoicing, so we need it solved this week please.',
    ],
    [
      'es',
      'Buenos días: desde esta madrugada tenemos 40 terminales sin conexión en la zona centro. Los repartidores no pueden cerrar entregas en la PDA. Necesitamos que lo tratéis como prioritario.',
    ],
    [
      'es',
      'El camión de la ruta Valencia–Hamburgo lleva desde el jueves sin mandar posiciones y el cliente nos reclama el seguimiento. El ICCID es el 8946 0700 0000 0000 050. ¿Podéis mirar qué le pasa?',
    ],
  ] as const) {
    it(`${lang}: a problem told in a long e-mail opens an incident ("${report.slice(0, 40)}…")`, async () => {
      const { cases, said } = await play(lang, report);
      expect(cases[0]?.type).to.equal('incident');
      expect(cases[0]?.status).to.not.be.oneOf(['resolved', 'closed']);
      expect(said).to.not.contain(lead(lang, 'bot.close.which'));
    });
  }
});
