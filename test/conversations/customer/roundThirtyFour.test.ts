import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';
import { expectLanguage } from '../../helpers/replies.js';

const SIM = (digits: string): string => `89460700000000000${digits}`;

/**
 * Issue 12, thirty-fourth round — the root causes of blind sets 116–121 (field technicians, long narratives,
 * customers who push back, formal letters, mixed languages, terse replies) and the misses left by round thirty-three.
 */
describe('customer conversations: round thirty-four', function () {
  const { play, lead } = useCustomerRound(this);

  // The problem back right after the customer said it works: the same case reopened and put before a person.
  for (const [lang, report, works, back] of [
    [
      'en',
      'The unit on 0084 stopped sending data an hour ago.',
      'ah, it works now',
      'hmm no, it went offline again',
    ],
    ['en', '0019 has no data since noon', 'sorted, it is back', "I spoke too soon, it's down again. Sorry"],
    [
      'es',
      'El equipo de la 0084 no manda datos desde las diez.',
      'ya funciona',
      'Perdona, hablé demasiado pronto: se ha vuelto a caer.',
    ],
    ['es', 'La 0019 no tiene datos', 'vale, ya va bien', 'Nada, ha vuelto a dejar de enviar datos.'],
  ] as const)
    it(`${lang}: "${back}" after "${works}" reopens the same case for a person`, async () => {
      const { said, cases, replies } = await play(lang, report, works, back);
      expect(cases).to.have.length(1);
      expect(cases[0]?.status).to.equal('queued');
      expect(said).to.contain(lead(lang, 'followUp.reopened'));
      await expectLanguage(replies, lang);
    });

  it('en: another SIM down after one was resolved is a problem of its own, not the resolved case back', async () => {
    const { cases } = await play('en', '0084 has no data', 'it works now', '0043 stopped again too');
    const resolved = cases.find((c) => c.sims.includes(SIM('84')));
    expect(resolved?.status).to.equal('resolved');
    expect(cases.some((c) => c.sims.includes(SIM('43')))).to.equal(true);
  });

  it('en: "it is working again" after a resolved case reopens nothing', async () => {
    const { cases } = await play('en', '0084 has no data', 'it works now', 'yes it is working again, thanks');
    expect(cases.map((c) => c.status)).to.deep.equal(['resolved']);
  });
  // A note above a forwarded e-mail: its language is the note's, and the problem it reports wins over what the
  // e-mail tells the customer to ask of their operator.
  for (const [lang, note, forwarded, sim, finding] of [
    [
      'es',
      'Os reenvío lo que nos contesta el fabricante. La alarma de la SIM 0068 no manda los SMS de aviso, ¿qué pasa?',
      '---------- Forwarded message ---------\nFrom: PanelCo Support\nDear customer, the panel queues the SMS but the network refuses them. Please ask your operator to enable SMS on the SIM.\nBest regards',
      '68',
      'SMS_NOT_IN_PLAN',
    ],
    [
      'en',
      'See the installer reply below. The lift phone on 0076 cannot make any voice calls, what is wrong with the line?',
      '-----Mensaje original-----\nDe: Ascensores Norte\nEl equipo marca bien pero la red rechaza las llamadas. Por favor, pidan a su operador que active la voz en la SIM.\nUn saludo',
      '76',
      'VOICE_NOT_IN_PLAN',
    ],
  ] as const)
    it(`${lang}: a note reporting a problem over a forwarded e-mail asking for a change is checked, in the note's language`, async () => {
      const { cases, replies } = await play(lang, `${note}\n\n${forwarded}`);
      expect(cases).to.have.length(1);
      expect(cases[0]?.type).to.equal('incident');
      expect(cases[0]?.sims).to.deep.equal([SIM(sim)]);
      expect(cases[0]?.findings.map((f) => f.code)).to.include(finding);
      await expectLanguage(replies, lang);
    });
  // A delivery address's street and place names are no language: the summary stays in the conversation's, and a
  // lead-in ("mándalas a") is not part of the address.
  for (const [lang, order, address, shown] of [
    [
      'en',
      'We need 50 nano SIMs on IoT Connect EU please',
      'Acme Logistics, Calle de Alcalá 45, 28014 Madrid, España',
      'Calle de Alcalá 45, 28014 Madrid',
    ],
    [
      'es',
      'Queremos 30 SIM nano con el plan IoT Connect EU',
      'Acme Norge, Kongens gate 12, 0153 Oslo',
      'Acme Norge, Kongens gate 12, 0153 Oslo',
    ],
    [
      'es',
      'Necesitamos 40 SIM nano del plan IoT Connect EU',
      'Mandalas a Acme Danmark, Vesterbrogade 8, 1620 København, Dinamarca',
      'Acme Danmark, Vesterbrogade 8, 1620 København',
    ],
  ] as const)
    it(`${lang}: the order's summary after "${address.slice(0, 30)}…" stays in the conversation's language`, async () => {
      const { said, replies } = await play(lang, order, address);
      expect(said).to.contain(lead(lang, 'bot.request.summary'));
      expect(said).to.contain(shown);
      expect(said).not.to.match(/: (Mandalas|Deliver) /);
      await expectLanguage(replies, lang);
    });
});
