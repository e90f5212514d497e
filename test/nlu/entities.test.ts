import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractEntities as extract } from '../../bot/nlu/entities.js';
import { approximateCountAnswer } from '../../bot/nlu/entities/affected.js';
import { CountryIndex } from '../../bot/nlu/entities/countries.js';
import { luhnCheckDigit, luhnValid } from '../../bot/nlu/luhn.js';
import { loadWordsFiles } from '../../bot/nlu/words/loadWords.js';
import { messageWords, Vocabulary } from '../../bot/nlu/words/vocabulary.js';
import { foldText } from '../../bot/nlu/normalize.js';
import { entityWordsOf, type EntityWords } from '../../bot/nlu/entities/entityWords.js';
import type { Entities } from '../../bot/nlu/types.js';

const knowledgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');

const validIccid = (body: string): string => body + luhnCheckDigit(body);

describe('nlu entities', () => {
  // Country names and what counts are of are knowledge data (word lists): the shipped ones.
  let words: EntityWords = entityWordsOf(new Vocabulary([]), new CountryIndex([]), []);
  before(async () => {
    const files = await loadWordsFiles(knowledgeDir);
    words = entityWordsOf(new Vocabulary(files), new CountryIndex(files), files);
  });
  const extractEntities = (text: string): Entities => extract(text, words);
  const iccid = validIccid('894600000000000001'); // 19 digits
  const invalidIccid = iccid.slice(0, -1) + String((Number(iccid.slice(-1)) + 1) % 10);

  it('checks Luhn', () => {
    expect(luhnValid('79927398713')).to.equal(true);
    expect(luhnValid('79927398710')).to.equal(false);
    expect(luhnValid('12a4')).to.equal(false);
  });

  it('finds valid and invalid ICCIDs, spaced or dashed', () => {
    const spaced = iccid.replace(/(\d{4})/g, '$1 ').trim();
    const dashed = invalidIccid.replace(/(\d{4})/g, '$1-').replace(/-$/, '');
    const e = extractEntities(`SIMs ${spaced} and ${dashed} have no data`);
    expect(e.iccids).to.deep.equal([
      { value: iccid, valid: true, raw: spaced },
      { value: invalidIccid, valid: false, raw: dashed },
    ]);
  });

  it('normalises MSISDNs, IMSIs and IMEIs', () => {
    const e = extractEntities(
      'call +34 600 123 456 or 0046701234567; IMSI 240011234567890, IMEI 356938035643809',
    );
    expect(e.msisdns).to.deep.equal(['+34600123456', '+46701234567']);
    expect(e.imsis).to.deep.equal(['240011234567890']);
    expect(e.imeis).to.deep.equal([{ value: '356938035643809', valid: true }]);
    expect(extractEntities('IMEI 356938035643808').imeis).to.deep.equal([
      { value: '356938035643808', valid: false },
    ]);
  });

  it('does not take the number an AT command sends to or dials for a SIM', () => {
    const log =
      'AT+CMGF=1\nOK\nAT+CMGS="+5215512345678"\n> prueba 1\n+CMS ERROR: 330\nAT+CSCA="+46708000000"\nATD+4631123456;';
    expect(extractEntities(log).msisdns).to.deep.equal([]);
    expect(extractEntities(`${log}\nes la SIM +46721234076`).msisdns).to.deep.equal(['+46721234076']);
  });

  it('reads last-digit references in both languages', () => {
    expect(extractEntities('SIM ending in 4471 is down').lastDigits).to.deep.equal(['4471']);
    expect(extractEntities('la SIM acabada en 4471 y la terminada en 9912').lastDigits).to.deep.equal([
      '4471',
      '9912',
    ]);
    expect(extractEntities('last digits 0031').lastDigits).to.deep.equal(['0031']);
  });

  it('counts the affected part of a whole, and never the hour of a time of day', () => {
    const half = extractEntities('no data session since ~14:00 CET - 120 of 240 units. Mix of countries.');
    expect(half.affected?.count).to.equal(120);
    expect(extractEntities('45 de 300 equipos no conectan').affected?.count).to.equal(45);
    expect(extractEntities('12 out of 50 trackers are offline').affected?.count).to.equal(12);
    expect(extractEntities('since ~14:00 the trackers are down').affected).to.equal(undefined);
    expect(extractEntities('desde las 14h00 unos 300 contadores no envian').affected?.count).to.equal(300);
  });

  it('counts the part in "3 of our 40 trackers" and "one of our 8 units", and no hour said in words', () => {
    expect(extractEntities('3 of our 40 trackers are down').affected?.count).to.equal(3);
    expect(extractEntities('One of our 8 units has been offline for 2 days.').affected?.count).to.equal(1);
    expect(extractEntities('uno de nuestros 8 equipos no conecta').affected?.count).to.equal(1);
    expect(
      extractEntities('el datalogger no manda nada desde el martes a las 7, ya van unos tres días').affected,
    ).to.equal(undefined);
    expect(extractEntities('since 7 am the 30 trackers are down').affected?.count).to.equal(30);
  });

  it('reads a number right after one device as its name, not a count ("truck 31", "el camión 12")', () => {
    expect(extractEntities('the cab unit in truck 31 cannot make calls').affected).to.equal(undefined);
    expect(extractEntities('el camión 12 no tiene datos').affected).to.equal(undefined);
    expect(extractEntities('tenemos 12 camiones sin datos').affected?.count).to.equal(12);
    expect(extractEntities('we have trackers, 30 of them have no data').affected?.count).to.equal(30);
  });

  it('leaves out a service told working in a clause cut at its "and" ("data and positions come through fine")', () => {
    expect(
      extractEntities('the unit cannot make voice calls; data and positions are coming through fine')
        .services,
    ).to.deep.equal(['voice']);
    expect(extractEntities('the data works and the calls do not').services).to.deep.equal(['voice']);
  });

  it('counts affected devices from digits and number words', () => {
    expect(extractEntities('about 2000 SIMs have no data').affected).to.deep.equal({
      count: 2000,
      all: false,
      approximate: true,
    });
    expect(extractEntities('all 40 units are offline').affected).to.deep.equal({
      count: 40,
      all: true,
      approximate: false,
    });
    expect(extractEntities('unas 3000 SIM sin datos').affected).to.deep.equal({
      count: 3000,
      all: false,
      approximate: true,
    });
    expect(extractEntities('tres mil contadores no envian').affected?.count).to.equal(3000);
    expect(extractEntities('dos SIM no funcionan').affected?.count).to.equal(2);
    expect(extractEntities('2k devices offline').affected?.count).to.equal(2000);
    expect(extractEntities('tenemos 2.500 contadores').affected?.count).to.equal(2500);
    expect(extractEntities('all of them').affected).to.deep.equal({ all: true, approximate: false });
    expect(extractEntities('todas').affected?.all).to.equal(true);
    // The count may follow the "all": both are kept.
    expect(extractEntities('all of our roaming units have no data, about 40 of them').affected).to.deep.equal(
      {
        count: 40,
        all: true,
        approximate: true,
      },
    );
    expect(
      extractEntities('todos nuestros contadores del norte están caídos, son unos 300 medidores').affected,
    ).to.deep.equal({ count: 300, all: true, approximate: true });
    expect(extractEntities('all of a sudden no data').affected).to.equal(undefined);
    expect(extractEntities('PDP rejected cause 33 on the router').affected).to.equal(undefined);
  });

  it('takes an approximate number ending its clause as the count of what the message is about', () => {
    const count = (text: string): number | undefined => extractEntities(text).affected?.count;
    expect(count('los contadores de gas no envian lecturas desde el viernes, son unos 120')).to.equal(120);
    expect(count('our alarm panels are offline, there are about 30, all in Spain')).to.equal(30);
    expect(count('the meters report every 15 minutes, about 40')).to.equal(40);
    expect(count('son como 80')).to.equal(80);
    expect(count('we have about 30')).to.equal(30);
    // A time, a reading or an appointment names its unit, follows its code word or counts nothing named.
    expect(count('no va desde hace unos 20 minutos')).to.equal(undefined);
    expect(count('lleva caido unas 3 horas')).to.equal(undefined);
    expect(count('CSQ is about 15')).to.equal(undefined);
    expect(count('the signal is around 12')).to.equal(undefined);
    expect(count('call me at about 5')).to.equal(undefined);
  });

  it('reads rough figures, groups and vague hundreds and thousands as counts', () => {
    const affected = (text: string) => extractEntities(text).affected;
    expect(
      affected('all our units that are roaming abroad went dark, must be 15 or so of them'),
    ).to.deep.equal({
      count: 15,
      all: true,
      approximate: true,
    });
    expect(affected('the trackers in Spain, 15 or so, are down')?.count).to.equal(15);
    expect(affected('unos 60 y pico contadores sin datos')?.count).to.equal(60);
    expect(affected('a dozen meters')?.count).to.equal(12);
    expect(affected('two dozen routers')?.count).to.equal(24);
    expect(affected('una docena de alarmas')?.count).to.equal(12);
    expect(affected('a couple hundred trackers')?.count).to.equal(200);
    expect(affected('un par de contadores')?.count).to.equal(2);
    expect(affected('hundreds of meters went quiet')?.count).to.equal(100);
    expect(affected('thousands of SIMs are down')?.count).to.equal(1000);
    expect(affected('miles de contadores sin datos')?.count).to.equal(1000);
    expect(affected('we drove 50 miles')).to.equal(undefined);
  });

  it('parses pasted multi-line modem output', () => {
    const paste =
      'AT+CGDCONT=1,"IP","m2m.example.com"\r\nOK\r\nAT+CEREG?\r\n+CEREG: 0,3\r\nOK\r\n+CSQ: 7,99\r\n+CME ERROR: 10\r\n+CEREG: 2\r\n+CMS ERROR: 330\r\nNO CARRIER';
    const e = extractEntities(paste);
    expect(e.apns).to.deep.equal(['m2m.example.com']);
    expect(e.modem.map(({ raw: _raw, ...m }) => m)).to.deep.equal([
      { kind: 'creg', command: 'CEREG', n: 0, stat: 3 },
      { kind: 'csq', rssi: 7, ber: 99 },
      { kind: 'cme', code: 10 },
      { kind: 'creg', command: 'CEREG', stat: 2 },
      { kind: 'cms', code: 330 },
      { kind: 'no_carrier' },
    ]);
  });

  it('reads +CGATT, the +CGDCONT read response (its APN) and +CPIN, also with typographic quotes', () => {
    const e = extractEntities('+CGATT: 0\n+CGDCONT: 1,“IP”,“internet”\n+CPIN: SIM PIN');
    expect(e.modem.map(({ raw: _raw, ...m }) => m)).to.deep.equal([
      { kind: 'cgatt', state: 0 },
      { kind: 'cgdcont', cid: 1, pdpType: 'IP', apn: 'internet' },
      { kind: 'cpin', status: 'SIM PIN' },
    ]);
  });

  it('reads last digits however customers write them', () => {
    for (const text of [
      'SIM ending 0043',
      'ICCID ends 0043',
      '...0043 is offline',
      '…0043',
      'the ****0043 one',
      'la terminada 0043',
      'la que acaba en 0043',
    ])
      expect(extractEntities(text).lastDigits, text).to.deep.equal(['0043']);
  });

  it('reads a SIM named by its digits alone in a report, but not counts, times, codes or identifiers', () => {
    for (const [text, digits] of [
      ['no data on sim 0027', ['0027']],
      ['la 0076 no manda SMS', ['0076']],
      ['el chip 0043, porfa', ['0043']],
      ['our 0027 tracker is offline', ['0027']],
      ['SIM #0043 dead', ['0043']],
      ['the 2000 meters are offline', []],
      ['unos 300 medidores a 300 metros', []],
      ['no data since 0800', []],
      ['desde las 0930 sin datos', []],
      ['+CME ERROR: 10', []],
      ['status of CS-10001?', []],
      ['no data on 8946070000000000027', []],
      ['about 0.5 GB used', []],
      // Three digits with a leading zero anywhere, two right after a SIM noun in the singular; not a phone number's area code.
      ["meter 043 in Block C isn't sending", ['043']],
      ['El técnico dice que el contador 092 no transmite', ['092']],
      ["the lift phone can't dial out. The SIM is 076.", ['076']],
      ['no data since the weekend. sim 43', ['43']],
      ['the sims 12 hours ago', []],
      ['call me back on 070 123 45 67 please', []],
    ] as const)
      expect(extractEntities(text).lastDigits, text).to.deep.equal(digits);
    expect(extractEntities('our 0027 tracker is offline').affected?.count).to.equal(undefined);
  });

  it('reads the SMS centre of +CSCA, empty when none is set', () => {
    const empty = extractEntities('AT+CSCA?\n+CSCA: "",129\nOK').modem;
    expect(empty).to.deep.equal([{ kind: 'csca', smsc: '', raw: '+CSCA: "",129' }]);
    const set = extractEntities('+CSCA: "+46 708 000000",145');
    expect(set.modem[0]).to.include({ kind: 'csca', smsc: '+46708000000' });
    expect(set.msisdns).to.deep.equal([]);
  });

  it('ignores modem numbers out of range instead of turning them into Infinity', () => {
    const huge = '9'.repeat(400);
    const e = extractEntities(
      `+CREG: 0,${huge}\n+CEREG: ${huge}\n+CGREG: 7,1\n+CSQ: ${huge},99\n+CMS ERROR: ${huge}\n+CME ERROR: ${huge}\n+CEREG: 1,5`,
    );
    expect(e.modem.map(({ raw: _raw, ...m }) => m)).to.deep.equal([
      { kind: 'cme' },
      { kind: 'creg', command: 'CEREG', n: 1, stat: 5 },
    ]);
  });

  it('reads PDP/ESM cause codes', () => {
    const codes = (t: string): number[] => extractEntities(t).modem.map((m) => m.code ?? -1);
    expect(codes('PDP context activation rejected cause 33')).to.deep.equal([33]);
    expect(codes('ESM cause #27')).to.deep.equal([27]);
    expect(codes('rechazo con causa 29')).to.deep.equal([29]);
  });

  it('finds countries by English and Spanish name and by ISO code used as such', () => {
    expect(extractEntities('roaming in Germany and España, then Suecia').countries).to.deep.equal([
      'DE',
      'ES',
      'SE',
    ]);
    expect(extractEntities('SIMs in the United Kingdom and Noruega').countries).to.deep.equal(['GB', 'NO']);
    expect(extractEntities('devices roaming in DE, country: FR').countries).to.deep.equal(['DE', 'FR']);
    expect(extractEntities('no, it is not working').countries).to.deep.equal([]);
  });

  it('finds APNs as written', () => {
    expect(extractEntities('APN iot.example.com').apns).to.deep.equal(['iot.example.com']);
    expect(extractEntities('the apn is "internet"').apns).to.deep.equal(['internet']);
    expect(extractEntities('APN problem on our routers').apns).to.deep.equal([]);
    // A verb after "APN" in a question is no APN name.
    expect(extractEntities('¿Qué APN usa la tarjeta 0092?').apns).to.deep.equal([]);
    expect(extractEntities('which APN goes in the tracker?').apns).to.deep.equal([]);
  });

  it('normalises case ids', () => {
    expect(extractEntities('any news on CS-12345 and cs 67890?').caseIds).to.deep.equal([
      'CS-12345',
      'CS-67890',
    ]);
    expect(extractEntities('caso 12345').caseIds).to.deep.equal(['CS-12345']);
    expect(extractEntities(`case ${iccid}`).caseIds).to.deep.equal([]);
  });
  describe('a SIM taken back in the same message (takeBack)', () => {
    for (const [text, kept] of [
      ['The SIM 0005 — sorry, 0050 — has no data since this morning', ['0050']],
      ['la 0043, perdón, quiero decir la 0050, no tiene datos', ['0050']],
      ['0050, sorry 0005 — no wait, 0050 is the one', ['0050']],
      ['0043 and 0027 have no data, sorry for the short message', ['0043', '0027']],
      ['0043 y, perdón, también la 0027', ['0043', '0027']],
      ['0043, sorry, and 0027 too', ['0043', '0027']],
      ['SIM 0043 stopped yesterday and SIM 0027 today, sorry', ['0043', '0027']],
    ] as const) {
      it(`"${text}" names ${kept.join(' and ')}`, () => {
        expect(extractEntities(text).lastDigits).to.have.members([...kept]);
      });
    }

    it('an ICCID taken back for another one', () => {
      const first = validIccid('894607000000000005');
      const second = validIccid('894607000000000050');
      const e = extractEntities(`ICCID ${first}, sorry I mean ${second}, no data`);
      expect(e.iccids.map((i) => i.value)).to.deep.equal([second]);
    });
  });

  describe('counts added to the first one (added, addedWhere)', () => {
    for (const [text, count] of [
      ['120 trackers in Sweden plus 35 in Norway have no data', 155],
      ['80 contadores en Madrid y 20 en Bilbao no envían lecturas', 100],
      ['50 chargers offline, and another 30 chargers since noon', 80],
      ['120 trackers down and 3 of them are in Germany', 120],
      ['200 meters stopped 2 days ago and 3 hours later the rest', 200],
    ] as const) {
      it(`"${text}" counts ${count}`, () => {
        expect(extractEntities(text).affected?.count).to.equal(count);
      });
    }
  });

  // Speech-to-text writes what a technician dictates: numbers come as words wherever digits would.
  describe('numbers dictated in words', () => {
    const modem = (text: string): unknown[] => extractEntities(text).modem.map(({ raw: _raw, ...m }) => m);

    it('reads last digits dictated after a suffix lead-in or a SIM noun, in both languages', () => {
      const dictated: Record<string, string> = {
        'tracker on trailer 9 dead on the map since tuesday, sim ends in fifty': '50',
        'el equipo con la sim acabada en cero cero dos siete no conecta desde el lunes': '0027',
        'the unit on sim nineteen isnt sending anything': '19',
        'sim acabada en cincuenta': '50',
        'la tarjeta que termina en treinta y cinco': '35',
        'the one ending in forty-three': '43',
        'the zero zero four three is down': '0043',
      };
      for (const [text, digits] of Object.entries(dictated))
        expect(extractEntities(text).lastDigits, text).to.deep.equal([digits]);
      // One digit is a SIM counted, a number before a unit a quantity or a time: no SIM.
      const none = [
        'sim one is down',
        'a sim is down',
        'la sim una no va',
        'the sim two days ago stopped sending',
        'sim twenty two days ago stopped sending',
        'the session ends in twenty minutes',
      ];
      for (const text of none) expect(extractEntities(text).lastDigits, text).to.deep.equal([]);
      // After a SIM noun the number is in the message's language: "once" is no Spanish eleven in English.
      const once = 'what happens with a SIM once it has used its monthly volume?';
      expect(extract(once, words, 'en').lastDigits).to.deep.equal([]);
      expect(extract('la sim diecinueve no conecta', words, 'es').lastDigits).to.deep.equal(['19']);
      expect(extract('the sim ends in once', words, 'en').lastDigits).to.deep.equal([]);
    });

    it('reads dictated last digits at the "which SIM?" question and in a request, as digits are', () => {
      expect(words.suffixes.answer(foldText('sim ends in fifty'))).to.deep.equal(['50']);
      expect(words.suffixes.answer(foldText('acabada en cero cero dos siete'))).to.deep.equal(['0027']);
      expect(words.suffixes.lastDigits(foldText('la que termina en diecinueve'))).to.deep.equal(['19']);
    });

    it('writes an identifier dictated digit by digit as its digits, and leaves short runs and prose as they are', () => {
      const { numbers } = words.counts;
      expect(
        numbers.writeDictatedRuns('ICCID eight nine four six zero seven zero zero zero zero four three.'),
      ).to.equal('ICCID 894607000043.');
      expect(numbers.writeDictatedRuns('la línea más cuatro seis siete cero uno dos tres cuatro')).to.equal(
        'la línea más 46701234',
      );
      for (const prose of [
        'two or three trackers',
        'one two three four five six',
        'we counted two, three, four, five, six, seven, eight of them',
      ])
        expect(numbers.writeDictatedRuns(prose), prose).to.equal(prose);
    });

    it('reads a phone number whose "+" is said in words', () => {
      expect(extractEntities('the full one is plus 46 70 123 84 71').msisdns).to.deep.equal(['+46701238471']);
      expect(extractEntities('el número de la línea es más 46 72 123 40 76').msisdns).to.deep.equal([
        '+46721234076',
      ]);
      expect(extractEntities('Plus 46701234019 is the one').msisdns).to.deep.equal(['+46701234019']);
      // "plus" and "más" before a count or a short number name no phone.
      expect(extractEntities('120 in Sweden plus 35 in Norway').msisdns).to.deep.equal([]);
      expect(extractEntities('más de 300 contadores, más 20 en Bilbao').msisdns).to.deep.equal([]);
      expect(extractEntities('the surplus 46 70 123 84 71').msisdns).to.deep.equal([]);
    });

    it('reads registration and signal read out, the command before or after its values', () => {
      expect(modem('it says CEREG zero comma three every single time')).to.deep.equal([
        { kind: 'creg', command: 'CEREG', n: 0, stat: 3 },
      ]);
      expect(
        modem(
          'signal reads six comma ninety nine on the CSQ and CREG is zero comma two so its just sat there searching',
        ),
      ).to.deep.equal([
        { kind: 'csq', rssi: 6, ber: 99 },
        { kind: 'creg', command: 'CREG', n: 0, stat: 2 },
      ]);
      expect(modem('cereg cero coma tres')).to.deep.equal([
        { kind: 'creg', command: 'CEREG', n: 0, stat: 3 },
      ]);
      expect(modem('el csq da noventa y nueve coma noventa y nueve')).to.deep.equal([
        { kind: 'csq', rssi: 99, ber: 99 },
      ]);
      expect(modem('cereg 0 comma 5')).to.deep.equal([{ kind: 'creg', command: 'CEREG', n: 0, stat: 5 }]);
      expect(modem('cereg says 0,3')).to.deep.equal([{ kind: 'creg', command: 'CEREG', n: 0, stat: 3 }]);
      expect(modem('comes back plus cereg colon zero comma three')).to.deep.equal([
        { kind: 'creg', command: 'CEREG', n: 0, stat: 3 },
      ]);
      // What the customer said goes on the case as the modem prints it.
      expect(extractEntities('CEREG is zero comma two').modem[0]?.raw).to.equal('+CEREG: 0,2');
    });

    it('reads no modem output in prose, and pasted output once', () => {
      for (const text of [
        'we have two comma separated files',
        'the csq was fine',
        'CSQ looks ok',
        'the CSQ is 15 now',
        'CEREG went from one comma five to zero',
      ])
        expect(modem(text), text).to.deep.equal([]);
      expect(modem('+CREG: 0,5\n+CEREG: 0,3\nAT+CEREG=2\nOK')).to.deep.equal([
        { kind: 'creg', command: 'CREG', n: 0, stat: 5 },
        { kind: 'creg', command: 'CEREG', n: 0, stat: 3 },
      ]);
      expect(modem('CEREG zero comma three')).to.deep.equal(modem('+CEREG: 0,3 — CEREG zero comma three'));
    });

    it('reads an error code read out in words', () => {
      expect(modem('cme error ten')).to.deep.equal([{ kind: 'cme', code: 10 }]);
      expect(modem('me sale CME error diez cada vez')).to.deep.equal([{ kind: 'cme', code: 10 }]);
      expect(modem('cms error five hundred')).to.deep.equal([{ kind: 'cms', code: 500 }]);
      expect(modem('+CME ERROR: SIM not inserted')).to.deep.equal([{ kind: 'cme', code: 10 }]);
    });

    it('reads an approximate count in words at the "which SIM?" question, but not a quantity', () => {
      const counted = new Map([
        ['unos ochenta, puede que alguno más', 80],
        ['forty odd i reckon, all the ones outside sweden', 40],
        ['40 odd i reckon', 40],
        ['unos 80', 80],
      ]);
      const answer = (text: string) => approximateCountAnswer(messageWords(text), words.counts);
      for (const [text, count] of counted) expect(answer(text), text).to.equal(count);
      // "About two days", "más de 2 horas": a quantity, not how many SIMs.
      expect(['about two days ago', 'desde hace más de 2 horas'].map(answer)).to.deep.equal([
        undefined,
        undefined,
      ]);
    });
  });

  it('joins an ICCID broken across two lines only when the whole is a valid ICCID', () => {
    const split = extractEntities(`ICCID ${iccid.slice(0, 10)}\n${iccid.slice(10)}`);
    expect(split.iccids.map((i) => i.value)).to.deep.equal([iccid]);
    const other = validIccid('894600000000000002');
    const two = extractEntities(`${iccid}\n${other} both dead`);
    expect(two.iccids.map((i) => i.value)).to.deep.equal([iccid, other]);
    const broken = extractEntities(`ICCID ${invalidIccid.slice(0, 10)}\n${invalidIccid.slice(10)}`);
    expect(broken.iccids.filter((i) => i.valid)).to.deep.equal([]);
  });

  it('reads a number in national format as a phone number, and not a reference', () => {
    expect(extractEntities('unit on 0701234019 is not reaching our server').msisdns).to.deep.equal([
      '0701234019',
    ]);
    expect(extractEntities('see invoice 0701234019 for details').msisdns).to.deep.equal([]);
  });

  it('reads "...43" and "*0043" as last digits, but not "waited... 15 minutes" nor a serial "0043-A"', () => {
    expect(extractEntities('Tracker with SIM ...43 stopped sending data.').lastDigits).to.deep.equal(['43']);
    expect(extractEntities('the SIM is the one ending *0043').lastDigits).to.deep.equal(['0043']);
    expect(extractEntities('I waited... 15 minutes and nothing').lastDigits).to.deep.equal([]);
    expect(extractEntities('the device serial is 0043-A, if that helps').lastDigits).to.deep.equal([]);
  });

  it('reads "all … más de 20" at the end of the clause as the count of all', () => {
    expect(
      extractEntities('se han caído todos los contadores de Stavanger, más de 20.').affected,
    ).to.deep.include({
      count: 20,
      all: true,
    });
    // "around half 7, then red": a time, not seven devices.
    expect(extractEntities('the dashboard went amber around half 7, then red').affected).to.equal(undefined);
  });

  it("reads no SIM in a signature's phone numbers, but does in the customer's own lines", () => {
    const signed = extractEntities(
      'Since 8:00 about 500 trackers send no position.\n\nKind regards,\nSam Carter\nTel. +34 91 555 01 23 | Mobile +34 600 123 456',
    );
    expect([signed.msisdns, signed.lastDigits, signed.affected?.count]).to.deep.equal([[], [], 500]);
    const es = extractEntities('La SIM +46701234019 no navega.\nUn saludo,\nLucía\nMóvil +34 600 123 456');
    expect(es.msisdns).to.deep.equal(['+46701234019']);
    // A forwarded mail under the signature, after a blank line, is read.
    const forwarded = extractEntities(
      'Can you have a look?\n\nBest regards,\nJoris\n\n-----Original Message-----\nChecked the unit, SIM 8946070000000000027.',
    );
    expect(forwarded.iccids.map((i) => i.value)).to.deep.equal(['8946070000000000027']);
    // A line with digits is the customer's, whatever it opens with; so is a first line.
    expect(extractEntities('Many thanks\nSIM 0019 is still down').lastDigits).to.deep.equal(['0019']);
    expect(extractEntities('thanks in advance\nPlease confirm 0019 has SMS').lastDigits).to.deep.equal([
      '0019',
    ]);
  });

  it('reads a signature that starts after a blank line under the sign-off', () => {
    const signed = extractEntities(
      'Six of our eight vans stopped sending positions.\n\nKind regards,\n\nWilliam Ekström\nHead of Transport\nTel: +46 8 120 455 01 | Mobile: +46 70 555 91 26',
    );
    expect([signed.msisdns, signed.lastDigits]).to.deep.equal([[], []]);
    const es = extractEntities(
      'Quisiera confirmar en qué países operan nuestras SIM.\n\nSaludos cordiales,\n\nCamila Fuentes\nFono: +46 31 712 40 58 | Móvil: +56 9 8765 4321',
    );
    expect(es.msisdns).to.deep.equal([]);
  });

  it('reads a share as no count, and the count beside it', () => {
    expect(
      extractEntities('Tenemos caído el 40 % de los rastreadores de la región norte, unos 120 equipos')
        .affected?.count,
    ).to.equal(120);
    expect(
      extractEntities('About 30% of our meters, roughly 600 units, are offline').affected?.count,
    ).to.equal(600);
    expect(extractEntities('30 percent of the fleet is down').affected).to.equal(undefined);
  });

  it('reads the part of a whole when the devices are named in its sentence or the message', () => {
    expect(
      extractEntities('Los paneles de alarma no mandan los SMS. Son unos 70 de 400.').affected?.count,
    ).to.equal(70);
    expect(
      extractEntities('la mitad de los cargadores de la red caídos: 45 de 90 no reportan desde ayer').affected
        ?.count,
    ).to.equal(45);
    // A date is no part of a whole.
    expect(extractEntities('the meters stopped on the 3rd of 12.').affected).to.equal(undefined);
  });

  it('reads the count that replaces "not just one", and a count before a hyphenated kind of device', () => {
    expect(
      extractEntities(
        "it's not just one tracker any more, 6 of them have stopped sending data since last night",
      ).affected?.count,
    ).to.equal(6);
    expect(
      extractEntities('Since 03:10 UTC 6 of our LTE-M trackers stopped publishing to the broker').affected
        ?.count,
    ).to.equal(6);
  });

  it('reads last digits listed with their preposition said again', () => {
    expect(extractEntities('los chips que terminan en 068 y en 076 no reciben SMS').lastDigits).to.deep.equal(
      ['068', '076'],
    );
    expect(extractEntities('the SIMs ending in 050 and in 035 are down').lastDigits).to.deep.equal([
      '050',
      '035',
    ]);
  });
});
