import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

const SIM = (digits: string): string => `89460700000000000${digits}`;

/**
 * Issue 12, thirty-third round (helper C) — fleet, VIP and several-SIM messages of blind sets 110–115: a SIM taken
 * back and then mentioned as the reason; a VIP's device gone silent, or a report that cannot wait; a fleet question
 * taken back, or leaving a country out; many devices down, told which by their data limit or country; chat shorthand
 * for a connection ("no conn", "sin cnx"); a fault told beside a question on the plan; a SIM whose cause the customer
 * fixes on the device beside one with the operator's; "a single record" counts no devices; a plan's name names no service.
 */
describe('customer conversations: round thirty-three (C)', function () {
  const { play, playAs, lead } = useCustomerRound(this);

  // A SIM taken back, then mentioned again as the reason the correction stands: only the SIM meant.
  for (const [lang, text] of [
    ['en', "yo 0043 dead again. wait no, 0035 - 0043's the one we had topped up lol"],
    ['en', 'hey 0043 is down again. no wait, 0035. 0043 was the one we topped up'],
    ['es', 'la 0043 no conecta. no, perdón, la 0035 - la 0043 es la que recargamos'],
    ['es', 'otra vez la 0043 sin conexión. uy no, espera, es la 0035; la 0043 ya la arreglamos'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" checks only the SIM meant`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => [c.sims, c.handoffDetail])).to.deep.equal([[[SIM('35')], 'sim_not_active']]);
    });

  // A VIP's device "silent" for days is an incident a person gets at once, not a question on what they pay.
  for (const [lang, text] of [
    [
      'en',
      'Meter SIM 8946070000000000092 has been silent for two days. For what we pay you I frankly expected someone to notice before I did.',
    ],
    [
      'en',
      'Our meter on SIM 8946070000000000092 has been silent since Monday. Given what we pay, I expected you to spot it.',
    ],
    ['en', 'Meter 8946070000000000092 is silent for three days. For what we pay I expected better.'],
    [
      'es',
      'El contador de la SIM 8946070000000000092 lleva callado dos días. Por lo que pagamos esperaba que lo vierais antes.',
    ],
  ] as const)
    it(`${lang}: VIP "${text.slice(0, 50)}…" reaches a person at once`, async () => {
      const { cases } = await playAs('demo-vip', lang, text);
      expect(cases.map((c) => [c.type, c.handoffReason])).to.deep.equal([['incident', 'vip_incident']]);
    });

  // "Esto no puede esperar", "this can't wait": as urgent as "urgent" — a VIP's report goes to a person at once.
  for (const [lang, text] of [
    [
      'es',
      'Los contadores no reciben los SMS de reconfiguración. Ninguno. Y mañana a las 6 tenemos la ventana de mantenimiento. Esto no puede esperar.',
    ],
    [
      'es',
      'Los medidores no reciben los SMS de configuración y mañana tenemos la ventana de mantenimiento. No podemos esperar.',
    ],
    ['es', 'No llegan los SMS a los contadores. Esto no puede esperar más.'],
    [
      'en',
      "The meters are not receiving the reconfiguration SMS. None. Our maintenance window is tomorrow at 6. This can't wait.",
    ],
    [
      'en',
      "Config texts aren't reaching our meters and the maintenance window is tonight, we cannot wait on this.",
    ],
  ] as const)
    it(`${lang}: VIP "${text.slice(0, 50)}…" is urgent`, async () => {
      const { cases } = await playAs('demo-vip', lang, text);
      expect(cases.map((c) => [c.type, c.handoffReason])).to.deep.equal([['incident', 'vip_incident']]);
    });

  // A fleet question taken back ("perdona, no era eso"): only the question after it — no country from the first.
  for (const [lang, text] of [
    [
      'es',
      '¿Cuántas SIM tenemos en Alemania? Perdona, no era eso: ¿cuáles de nuestras SIM están desactivadas?',
    ],
    ['es', '¿Qué SIM tenemos en Alemania? Olvida eso, ¿cuáles de nuestras SIM no están activas?'],
    ['en', 'How many SIMs do we have in Germany? Sorry, not that - which of our SIMs are deactivated?'],
    ['en', 'Which of our SIMs are in Germany? Scratch that. Which ones are not active?'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" answers the question after the take-back`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(SIM('35'));
      expect(cases).to.deep.equal([]);
    });

  // "Not inside Sweden", "no están dentro de Suecia": the SIMs outside it.
  for (const [lang, text] of [
    [
      'en',
      'Good morning. Abeg I want to know which of our SIMs are roaming at the moment, that is the ones that are not inside Sweden. Just checking, nothing is wrong.',
    ],
    ['en', 'Can you list our SIMs that are not within Sweden at the moment?'],
    ['es', '¿Qué SIM nuestras están en itinerancia, las que no están dentro de Suecia?'],
    ['es', '¿Cuáles de nuestras SIM no están dentro de Suecia ahora mismo?'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" lists the SIMs outside Sweden`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(SIM('50'));
      expect(cases).to.deep.equal([]);
    });

  // Many devices down, "the ones that finished their data bundle": the SIMs over their limit, the count kept.
  for (const [lang, text, count] of [
    [
      'en',
      'Good evening, over 40 of our devices don stop to send data today. I think na the ones wey don finish their data bundle for this month.',
      40,
    ],
    [
      'en',
      'About 30 of our trackers stopped sending data, probably the ones that used up their data bundle.',
      30,
    ],
    ['es', 'Unos 30 equipos no mandan datos, creo que son a los que se les acabó el bono.', 30],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" is an incident on the SIMs over their limit`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', [SIM('43')]]]);
      expect(cases[0]?.affectedCount).to.be.at.least(count);
    });

  // "Se nos cayeron": a fault told, not a question on roaming — the SIMs in the country named.
  for (const text of [
    'Ahorita se nos cayeron como 200 rastreadores, todos los que andan en Alemania. ¿Qué pasó?',
    'Se nos cayeron unos 50 equipos, todos los que andan en Alemania. ¿Qué pasó?',
    'Ahorita se nos cayeron los localizadores que andan en Alemania, como 80. ¿Qué onda?',
  ])
    it(`es: "${text.slice(0, 50)}…" is an incident on the SIMs in Germany`, async () => {
      const { cases } = await play('es', text);
      expect(cases.map((c) => [c.type, c.sims])).to.deep.equal([['incident', [SIM('50')]]]);
    });

  // "no conn", "sin cnx": a connection lost, in chat shorthand — a problem to check, not the roaming article.
  for (const [lang, text] of [
    ['en', '0050 no conn since thurs. roaming DE. plan ok for that?? 0019 fine fyi'],
    ['en', '0050 no conn since thurs. roaming DE. plan ok for that??'],
    ['es', 'la 0050 sin cnx desde el jueves, está en Alemania. ¿el plan cubre eso?'],
    ['es', '0050 sin conex en alemania desde ayer, ¿su plan permite itinerancia?'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" checks the SIM (roaming_not_allowed)`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => [c.sims.includes(SIM('50')), c.handoffDetail])).to.deep.equal([
        [true, 'roaming_not_allowed'],
      ]);
    });

  // A fault told ("no levanta conexión", "deactivated that should be active") beside a question on the plan: the
  // problem is checked, not only the SIMs' state listed.
  for (const [lang, text] of [
    [
      'es',
      'Os paso el IMSI porque la pegatina de la tarjeta está borrada: 240071000015857. El equipo no levanta conexión de ninguna manera. Y otra cosa, ¿me decís en qué plan está esa SIM?',
    ],
    ['es', 'La SIM con IMSI 240071000015857 no levanta conexión. ¿En qué plan está?'],
    [
      'es',
      'Tenemos 15 SIM desactivadas que deberían estar activas y no sabemos qué ha pasado. ¿Además nos podéis decir en qué plan están?',
    ],
    [
      'en',
      'We have 15 SIMs deactivated that should be active and no idea what happened. Also, which plan are they on?',
    ],
    ['en', 'SIM 0035 is deactivated but it should be active. Which plan is it on, by the way?'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" is a problem on the deactivated SIM`, async () => {
      const { cases } = await play(lang, text);
      expect(cases.map((c) => [c.type, c.sims, c.handoffDetail])).to.deep.equal([
        ['incident', [SIM('35')], 'sim_not_active'],
      ]);
    });

  // Beside one operator cause, a SIM whose device asks for the wrong APN: its fix told, the checks go on with the other.
  for (const [lang, text, other, reason] of [
    [
      'en',
      'Hi - the tracker on +46 70 123 84 71 stopped uploading yesterday afternoon, and the one with IMSI 240071000007938 never came back after we flashed new firmware on its modem last week. Can you look at both please?',
      '43',
      'data_limit_reached',
    ],
    ['en', '0043 and 0027 both stopped sending data yesterday.', '43', 'data_limit_reached'],
    [
      'es',
      'La 0043 y la 0027 no mandan datos desde ayer, ¿podéis mirar las dos?',
      '43',
      'data_limit_reached',
    ],
    ['en', 'Trackers on 0035 and 0027 have been offline since the weekend.', '35', 'sim_not_active'],
    ['es', 'Los equipos de la 0035 y la 0027 llevan sin conexión desde el finde.', '35', 'sim_not_active'],
  ] as const)
    it(`${lang}: "${text.slice(0, 50)}…" tells the APN fix and goes on with ${other} (${reason})`, async () => {
      const { said, cases } = await play(lang, text);
      expect(said).to.contain(lead(lang, 'bot.sim.deviceFixAside'));
      expect(said).to.contain('AT+CGDCONT=1,"IP","iot.firstline.example"');
      expect(said).not.to.contain(lead(lang, 'bot.sim.severalCauses'));
      expect(cases.map((c) => [c.sims.includes(SIM(other)), c.handoffDetail])).to.deep.equal([
        [true, reason],
      ]);
    });

  // "hasn't uploaded a single record": one record, no count of devices — the SIM is asked for, not the fleet checked.
  for (const text of [
    'RE: RE: unit 88 not uploading\n\nPasting the thread from our telematics vendor. It hasn\'t uploaded a single record since Saturday.\n\n> The device is online in our cloud console as "connected to cellular" but no data session is established.',
    "The tracker hasn't uploaded a single record since Saturday, the vendor says no data session is established.",
    'Unit 14 has not uploaded a single record this week - no data session according to the vendor.',
  ])
    it(`en: "${text.slice(0, 50)}…" asks which SIM, then gives the APN fix`, async () => {
      const { said } = await play('en', text, '0027');
      expect(said).to.contain('iot.firstline.example');
      expect(said).not.to.contain(lead('en', 'bot.sim.severalCauses'));
    });

  // A plan called by name ("the Data SMS plan", "the data only one", "IoT Data Only") names no service of the
  // customer's: the SMS they say fails is the problem.
  for (const text of [
    "Morning. So I rang last week and told your colleague the panel was on the Data SMS plan, but I've gone through our records and that was wrong, it's the data only one, SIM 0068. Also I said it couldn't send texts - it can't receive them either, to be honest nothing SMS works on it at all.",
    "Our alarm panel on the IoT Data Only plan can't get any text messages, SIM 0068.",
    'I thought 0068 was on the Data SMS plan but no SMS works on it at all.',
  ])
    it(`en: "${text.slice(0, 50)}…" is an SMS problem (plan_change_needed)`, async () => {
      const { cases } = await play('en', text);
      expect(cases.map((c) => [c.sims, c.handoffDetail])).to.deep.equal([
        [[SIM('68')], 'plan_change_needed'],
      ]);
    });
});
