import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Fleet questions the SIM look-up answers with a filter: the plan the SIMs are on, a country their plan does not
 * cover, the one left out of a state the portal counts, whatever the devices are called between "which of our" and
 * "SIMs" — and an OK at the offer to ask the team that opens a fleet question of its own. demo-user has 8 SIMs: 0019,
 * 0027, 0035 (deactivated), 0043 (over its data limit), 0084 on IoT Connect EU; 0050 on IoT Nordic Data, in Germany;
 * 0068 on IoT Data Only; 0076 on IoT Data SMS. demo-vip has 31 SIMs on Metering Critical.
 */
describe('customer conversations: fleet questions by plan and other filters', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // The plan named (by its name, without "IoT", or as customers call it) picks the SIMs on it.
  for (const [lang, text, listed, left] of [
    ['en', 'Which of our trackers are on the IoT Data SMS plan?', ['0076'], ['0019', '0068']],
    ['es', '¿Qué tarjetas tenemos en Nordic Data?', ['0050'], ['0019', '0068']],
    ['en', 'How many of our SIMs sit on the EU plan?', ['0019', '0035', '0084'], ['0050', '0076']],
    ['es', '¿Cuántas de nuestras SIM están en IoT Connect EU?', ['0027', '0043'], ['0050', '0068']],
    ['en', 'For the audit I need a list of every SIM we have on the data only plan.', ['0068'], ['0019']],
  ] as const) {
    it(`${lang}: "${text}" lists the SIMs on that plan only, with no case`, async () => {
      const { said, cases } = await play(lang, text);
      for (const sim of listed) expect(said).to.contain(sim);
      for (const sim of left) expect(said).not.to.contain(sim);
      expect(cases).to.deep.equal([]);
    });
  }

  // The plan named in a clause that leaves out: the SIMs not on it.
  for (const [lang, text] of [
    ['en', "Which of our SIMs aren't on IoT Connect EU?"],
    ['es', '¿Cuáles de nuestras SIM no están en el plan IoT Connect EU?'],
  ] as const) {
    it(`${lang}: "${text}" lists the SIMs on the other plans`, async () => {
      const { said, cases } = await play(lang, text);
      for (const sim of ['0050', '0068', '0076']) expect(said).to.contain(sim);
      for (const sim of ['0019', '0035', '0084']) expect(said).not.to.contain(sim);
      expect(cases).to.deep.equal([]);
    });
  }

  // "Which of our parking meter SIMs…", "¿cuál de nuestras tarjetas de los contadores…?": asked of the fleet, whatever
  // the devices are called, in the singular too.
  for (const [lang, text] of [
    ['en', 'Which of our parking meter SIMs have maxed out their allowance this month?'],
    ['es', '¿Cuál de nuestras tarjetas de los contadores ha alcanzado el límite este mes?'],
    ['en', 'Which of our kiosk cards have reached their limit yet?'],
    [
      'es',
      'Consulta de flota: SIM que hayan llegado al límite este ciclo, en una lista con los últimos dígitos.',
    ],
  ] as const) {
    it(`${lang}: "${text}" lists the SIM over its data limit`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain('0043');
      expect(said).not.to.contain('0019');
      expect(cases).to.deep.equal([]);
    });
  }

  // Roaming where the plan does not allow it: 0050, in Germany on a Nordic-only plan.
  for (const [lang, text] of [
    ['en', 'Is any of our SIMs sitting in a country its plan does not cover?'],
    ['es', '¿Tenemos alguna SIM en un país que su plan no cubra?'],
    ['en', 'Which of our units are outside their plan right now?'],
    ['es', '¿Cuál de nuestros equipos está fuera de la zona de su plan?'],
  ] as const) {
    it(`${lang}: "${text}" lists the SIM roaming where its plan does not allow`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain('0050');
      expect(said).not.to.contain('0019');
      expect(cases).to.deep.equal([]);
    });
  }

  // The one left out of a count of active SIMs is the one not active.
  for (const [lang, text] of [
    ['en', "The portal header shows 'Activated: 7 of 8'. Which is the odd one out?"],
    ['es', "El panel dice 'SIM activas: 7/8'. ¿Cuál es la que falta?"],
  ] as const) {
    it(`${lang}: "${text}" lists the SIM not active`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain('0035');
      expect(said).not.to.contain('0019');
      expect(cases).to.deep.equal([]);
    });
  }

  // A count on a plan and a state asked together: the SIMs in that state, with how many the plan has.
  for (const [lang, text, count] of [
    [
      'en',
      '1. How many of our SIMs are on the IoT Connect EU plan?\n2. Are any of them deactivated?',
      '5 of your SIMs are on it',
    ],
    [
      'es',
      '1. ¿Cuántas de nuestras SIM están en el plan IoT Connect EU?\n2. ¿Alguna de ellas desactivada?',
      '5 de sus SIM están en él',
    ],
  ] as const) {
    it(`${lang}: a numbered count on a plan and its deactivated SIMs answers both, with no request`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(count);
      expect(said).to.contain('0035');
      expect(said).not.to.contain('0019');
      expect(cases).to.deep.equal([]);
    });
  }

  // A VIP's count on their own plan, told to be no fault: the count, no case, no person.
  for (const [lang, text] of [
    [
      'en',
      'Inventory question\nPlan: Metering Critical\nNeeded: the number of SIMs we have on it\nNothing is broken.',
    ],
    [
      'es',
      'Consulta de inventario\nPlan: Metering Critical\nQuiero: el número de SIM que tenemos en él\nNo hay avería.',
    ],
  ] as const) {
    it(`${lang}: demo-vip's "${text.slice(0, 40)}…" answers 31, with no case`, async () => {
      const { said, cases } = await playAs('demo-vip', lang, text);
      expect(said).to.contain('31');
      expect(said).not.to.contain(lead(lang, 'bot.handoff.vip_incident'));
      expect(cases).to.deep.equal([]);
    });
  }

  // Right after a list by plan, another plan asked about in a few words lists the SIMs on it.
  for (const [lang, first, next, listed] of [
    ['en', 'Which of our SIMs are on IoT Data Only?', 'And on IoT Data SMS?', '0076'],
    ['es', '¿Qué SIM tenemos en el plan IoT Data Only?', '¿Y en el plan IoT Data SMS?', '0076'],
  ] as const) {
    it(`${lang}: "${next}" after a list by plan lists the SIMs on the other plan`, async () => {
      const { said, cases } = await play(lang, first, next);
      expect(said).to.contain(listed);
      expect(cases).to.deep.equal([]);
    });
  }

  // The one SIM a list showed is in context, but a question about its plan is no fault on it.
  for (const [lang, first, next] of [
    ['en', 'Which of our SIMs are on IoT Data Only?', 'Why does that plan come without voice?'],
    ['es', '¿Qué SIM tenemos en el plan IoT Data Only?', '¿Y por qué ese plan no incluye voz?'],
    ['en', 'Which of our SIMs are roaming abroad?', 'And why does its plan come without voice calls?'],
    [
      'es',
      '¿Cuáles de nuestras SIM están en el extranjero?',
      '¿Y por qué su plan no incluye llamadas de voz?',
    ],
  ] as const) {
    it(`${lang}: "${next}" after one SIM was listed opens no case`, async () => {
      const { cases } = await play(lang, first, next);
      expect(cases).to.deep.equal([]);
    });
  }

  // Whether something costs at all, wondered about after a fleet answer: offered to the team, nothing opened yet.
  for (const [lang, first, next] of [
    [
      'en',
      'How many of our SIMs are deactivated?',
      'Would an idle card still cost us anything if we keep it?',
    ],
    [
      'es',
      '¿Cuántas de nuestras SIM están desactivadas?',
      '¿Las tarjetas desactivadas tienen algún coste para nosotros?',
    ],
    ['en', 'Which of our SIMs are inactive?', 'Does keeping those cost us money? Why not cancel them?'],
    ['es', '¿Qué SIM tenemos desactivadas?', '¿Tener tarjetas paradas nos sigue costando algo cada mes?'],
    [
      'en',
      'Which of our SIMs are inactive?',
      'Does a suspended card still cost us anything, or can we forget it?',
    ],
  ] as const) {
    it(`${lang}: "${next}" is offered to the team, with no request opened yet`, async () => {
      const { said, cases } = await play(lang, first, next);
      expect(said).to.contain(lead(lang, 'bot.request.offer.unanswered'));
      expect(cases).to.deep.equal([]);
    });
  }

  // An OK at the offer to ask the team, followed by a fleet question: the question is answered, nothing is opened.
  for (const [lang, first, next, answer] of [
    [
      'en',
      'What is your company privacy policy?',
      'Right. How many SIMs do we have in total?',
      '8 of your 8',
    ],
    [
      'es',
      '¿Cuál es vuestra política de privacidad?',
      'Perfecto. ¿Cuántas SIM tenemos en total?',
      '8 de sus 8',
    ],
  ] as const) {
    it(`${lang}: "${next}" at the offer answers the fleet question and opens no request`, async () => {
      const { said, cases } = await play(lang, first, next);
      expect(said).to.contain(answer);
      expect(cases).to.deep.equal([]);
    });
  }
});
