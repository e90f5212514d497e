import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

const SIM = (digits: string): string => `89460700000000000${digits}`;

/**
 * Issue 12, thirty-third round — the root causes of blind sets 110–115 (typed on a phone, forwarded e-mails, two
 * things in one message, angry customers, regional and non-native wording, self-corrections), played unseen in the
 * eighteenth session.
 */
describe('customer conversations: round thirty-three', function () {
  const { play, lead } = useCustomerRound(this);

  // Which plans have a service or work in a country, naming none: the plans that fit, from plans.json — no case.
  for (const [lang, text, fits, not] of [
    ['en', 'Which of your plans support CSD?', ['Legacy CSD 2G'], ['IoT Connect EU', 'IoT Data Only']],
    ['es', '¿Cuál de vuestros planes permite CSD?', ['Legacy CSD 2G'], ['IoT Connect EU', 'IoT Data SMS']],
    ['en', 'Which plan do I need for voice calls?', ['IoT Connect EU', 'Legacy CSD 2G'], ['IoT Data SMS']],
    [
      'en',
      'Do you have a plan with voice that works in Norway?',
      ['IoT Connect EU', 'Legacy CSD 2G'],
      ['IoT Data Only', 'IoT Nordic Data'],
    ],
    [
      'es',
      '¿Qué plan necesito para que los equipos manden SMS?',
      ['IoT Data SMS', 'IoT Connect EU'],
      ['IoT Data Only'],
    ],
  ] as const)
    it(`${lang}: "${text}" lists the plans that fit`, async () => {
      const { said, cases, replies } = await play(lang, text);
      const asked = said.split(lead(lang, 'bot.plan.choice.next'))[0] ?? '';
      expect(asked).to.match(/(Plans|Planes) (with|con|that work|que funcionan)/);
      for (const plan of fits) expect(asked).to.contain(`**${plan}**`);
      for (const plan of not) expect(asked).not.to.contain(`**${plan}**`);
      expect(cases).to.deep.equal([]);
      await expectLanguage(replies, lang);
    });

  // The last question asked, without what it sets aside.
  for (const [lang, text] of [
    [
      'en',
      "Which plan includes voice? We're putting in an alarm panel. Hmm, no, it sends SMS, it doesn't call. So which plans have SMS?",
    ],
    ['en', 'We need to know which plans include SMS, not voice.'],
    ['es', '¿Qué planes incluyen SMS, no voz?'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" lists the plans with SMS, not only those with voice too`, async () => {
      const { said } = await play(lang, text);
      expect(said).to.contain('**IoT Data SMS**');
    });

  it('en: a plan no plan fits says so and offers the team', async () => {
    const { said, cases } = await play('en', 'Is there a plan with CSD that works in Brazil?');
    expect(said).to.contain(lead('en', 'bot.plan.choice.none.both'));
    expect(cases).to.deep.equal([]);
  });

  // Their own SIMs, or an order with the plan asked beside it: not a question which plan has it.
  it('en: "Which of our SIMs are on a plan with voice?" asks about their SIMs', async () => {
    const { said } = await play('en', 'Which of our SIMs are on a plan with voice?');
    expect(said).not.to.contain(lead('en', 'bot.plan.choice.next'));
  });
  it('en: "We need 20 SIMs, which plan has voice?" starts an order', async () => {
    const { said } = await play('en', 'We need 20 SIMs, which plan has voice?');
    expect(said).to.contain(lead('en', 'bot.request.start.order'));
  });

  // A SIM told working beside one that is not: set aside, and the other's own cause hands the case over.
  for (const [lang, text, reason] of [
    ['es', 'Buenos días. La 0019 va bien, pero la 0035 no conecta. ¿Sabéis qué le pasa?', 'sim_not_active'],
    [
      'es',
      'Qué tal, les cuento: la 0084 anda perfecto pero la 0043 se quedó sin datos, ¿será que se le acabó el saldo?',
      'data_limit_reached',
    ],
    ['en', '0084 is fine but 0050 has had no connection since Thursday.', 'roaming_not_allowed'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" goes on with the SIM that has a cause (${reason})`, async () => {
      const { said, cases, replies } = await play(lang, text);
      expect(said).to.contain(lead(lang, 'bot.sim.healthyAside'));
      expect(said).not.to.contain(lead(lang, 'bot.sim.severalCauses'));
      expect(cases.map((c) => [c.type, c.handoffDetail])).to.deep.equal([['incident', reason]]);
      await expectLanguage(replies, lang);
    });

  it('en: two SIMs with two different causes are still "different problems" for a person', async () => {
    const { said, cases } = await play('en', '0043 and 0035 both stopped sending data this morning.');
    expect(said).to.contain(lead('en', 'bot.sim.severalCauses'));
    expect(cases.map((c) => c.handoffDetail)).to.deep.equal(['several_causes']);
  });

  // A SIM taken back in the same message, with the reason told after the take-back: only the SIM meant.
  for (const [lang, text, sim, reason] of [
    [
      'en',
      "data's dead on one of our trackers, sim ending 0043 - no wait, that's the one we swapped last month. It's the one ending in 0035.",
      '35',
      'sim_not_active',
    ],
    [
      'es',
      'Un equipo no manda datos. La 8946070000000000084. Uy, no, perdón, esa es la que sí funciona; la que falla es la 8946070000000000050.',
      '50',
      'roaming_not_allowed',
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" checks only the SIM meant`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => [c.sims, c.handoffDetail])).to.deep.equal([[[SIM(sim)], reason]]);
    });

  it('en: "0043 and, sorry, also 0035" names both', async () => {
    const { cases } = await play('en', 'No data on 0043 and, sorry, also on 0035 since this morning.');
    expect(cases.flatMap((c) => c.sims).sort()).to.deep.equal([SIM('35'), SIM('43')]);
  });

  // A word of its own is no typo of a word-list phrase: "both fine" is not "bots fine" (back to the bot).
  it('en: "…the charge controller, both fine" declines no person: the roaming cause goes to one', async () => {
    const { cases } = await play(
      'en',
      'RE: EV charger Munich hub. The charger has been offline since the weekend. Electrician checked power and the charge controller, both fine. The modem is on the Firstline SIM ending 0050. Could you please check the SIM side?',
    );
    expect(cases.map((c) => [c.status, c.handoffDetail])).to.deep.equal([['queued', 'roaming_not_allowed']]);
  });

  // "…because if something goes down on Saturday": a fault imagined, beside a question — the answer, no case.
  for (const [lang, text, answer] of [
    [
      'es',
      'teneis soporte el finde? xq si se cae algo el sabado no se a quien llamar',
      'Estoy disponible 24/7',
    ],
    [
      'en',
      "Do you have support at weekends? Because if something goes down on Saturday I don't know who to call",
      "I'm here 24/7",
    ],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" is answered, no case`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(answer);
      expect(cases).to.deep.equal([]);
    });

  // Someone who answered is no device that works again ("came back to me"): the SIM told after it is checked.
  for (const [lang, first, then] of [
    [
      'en',
      'Tracker TRK-2291 stopped sending positions yesterday, can you check the SIM?',
      'Dispatch just came back to me: the SIM number on the install sheet is 070-123 84 71',
    ],
    [
      'es',
      'El localizador de la furgoneta 7 no manda posiciones desde ayer, ¿podéis mirar la SIM?',
      'Me ha contestado el de almacén: es la que acaba en 0043',
    ],
  ] as const)
    it(`${lang}: "${then.slice(0, 40)}…" at the SIM prompt checks that SIM, resolves nothing`, async () => {
      const { cases } = await play(lang, first, then);
      expect(cases.map((c) => [c.status, c.sims, c.handoffDetail])).to.deep.equal([
        ['queued', [SIM('43')], 'data_limit_reached'],
      ]);
    });
});
