import { expect } from 'chai';
import { useCustomerRound } from '../../helpers/customerRound.js';

/**
 * Field technicians dictate by voice: speech-to-text writes numbers as words ("sim ends in fifty", "plus 46 70…",
 * "CEREG zero comma three", "unos ochenta"). Each is read wherever the same number in digits is.
 */
describe('customer conversations: numbers dictated in words', function () {
  const { play } = useCustomerRound(this);

  // Last digits dictated in a first message: the SIM is looked up and goes on the case.
  for (const [lang, text, iccid] of [
    ['en', 'tracker on trailer 9 dead on the map since tuesday, sim ends in fifty', '8946070000000000050'],
    ['en', 'the unit on sim nineteen isnt sending anything', '8946070000000000019'],
    [
      'es',
      'el equipo con la sim acabada en cero cero dos siete no conecta desde el lunes',
      '8946070000000000027',
    ],
    [
      'es',
      'el localizador del camión no manda posición desde ayer, sim acabada en cincuenta',
      '8946070000000000050',
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" puts the SIM dictated on the case`, async () => {
      const { cases } = await play(lang, text);
      expect(cases[0]?.type).to.equal('incident');
      expect(cases[0]?.sims).to.deep.equal([iccid]);
    });
  }

  // A phone number with its "+" said in words.
  for (const [lang, turns, iccid] of [
    [
      'en',
      [
        'unit on the flatbed keeps dropping off the map, number on the sim carrier ends in 471',
        'the full one is plus 46 70 123 84 71',
      ],
      '8946070000000000043',
    ],
    [
      'es',
      [
        'en la cabina del camión el terminal de voz no recibe llamadas, el número de la línea es más 46 72 123 40 76',
      ],
      '8946070000000000076',
    ],
  ] as const) {
    it(`${lang}: "${turns[turns.length - 1]?.slice(0, 40)}…" names the SIM by its phone number`, async () => {
      const { cases } = await play(lang, ...turns);
      expect(cases[0]?.sims).to.deep.equal([iccid]);
    });
  }

  // Modem output read out instead of pasted reaches the same findings.
  for (const [lang, text, findings] of [
    [
      'en',
      'reefer unit wont register, ran the at commands and it says CEREG zero comma three every single time, sim is the one ending 0035',
      ['MODEM_REGISTRATION_DENIED'],
    ],
    [
      'en',
      'tracker on the dumper keeps dropping out, signal reads six comma ninety nine on the CSQ and CREG is zero comma two so its just sat there searching, sim ending 0043',
      ['MODEM_SIGNAL_POOR', 'MODEM_SEARCHING'],
    ],
    [
      'en',
      'the modem does not see the card, it gives cme error ten every time, sim ending 0027',
      ['MODEM_SIM_NOT_INSERTED'],
    ],
    [
      'es',
      'el localizador no registra, el cereg da cero coma tres todo el rato, la sim acaba en 0043',
      ['MODEM_REGISTRATION_DENIED'],
    ],
    [
      'es',
      'el router no tiene datos, el csq da seis coma noventa y nueve y el creg es cero coma dos, la sim acaba en 0043',
      ['MODEM_SIGNAL_POOR', 'MODEM_SEARCHING'],
    ],
  ] as const) {
    it(`${lang}: "${text.slice(0, 50)}…" reads the modem output said in words`, async () => {
      const { cases } = await play(lang, text);
      expect(cases[0]?.findings.map((f) => f.code)).to.include.members([...findings]);
    });
  }

  // An approximate count dictated at "which SIM?" goes on the case.
  for (const [lang, turns, count] of [
    [
      'es',
      [
        'se nos han caído un montón de equipos en la zona de hamburgo, ninguno manda datos',
        'unos ochenta, puede que alguno más',
      ],
      80,
    ],
    [
      'en',
      ['a bunch of our trackers went down around hamburg, none of them sends data', 'forty odd i reckon'],
      40,
    ],
  ] as const) {
    it(`${lang}: "${turns[1]}" at "which SIM?" is the count on the case`, async () => {
      const { cases } = await play(lang, ...turns);
      expect(cases[0]?.affectedCount).to.be.at.least(count);
    });
  }
});
