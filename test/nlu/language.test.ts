import { expect } from 'chai';
import type { Lang } from '../../bot/domain/language.js';
import type { KnowledgeBase } from '../../bot/knowledgeBase/knowledgeBase.js';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { LanguageIdentifier } from '../../bot/nlu/language.js';
import { TEST_KNOWLEDGE_DIR } from '../helpers/knowledgeDir.js';

describe('nlu language identification (knowledge data)', () => {
  let kb: KnowledgeBase;
  before(async () => {
    const loaded = await loadKnowledgeBase(TEST_KNOWLEDGE_DIR);
    if (!loaded.kb) throw new Error('knowledge base did not load');
    kb = loaded.kb;
  });

  const clear: Array<[string, Lang]> = [
    ['hola', 'es'],
    ['sin datos', 'es'],
    ['no data', 'en'],
    ['vale', 'es'],
    ['sí', 'es'],
    ['yes', 'en'],
    ['ayuda', 'es'],
    ['help', 'en'],
    ['empezar de nuevo', 'es'],
    ['start over', 'en'],
    ['los contadores no envian datos desde ayer', 'es'],
    ['our trackers lost connection in Spain', 'en'],
    ['el router muestra +CEREG: 0,3', 'es'],
    ['¿conexión?', 'es'],
    // Issue 12 round 2: orders, the SIM prompt, "done" and "I don't know", in words the lists never had.
    ['quiero pedir 500 sims nuevas', 'es'],
    ['necesitamos 200 sims mas para los camiones', 'es'],
    ['los de Alemania', 'es'],
    ['the ones in Germany', 'en'],
    ['listo, ya lo cambié', 'es'],
    ['ok done, I changed it', 'en'],
    ['no sé', 'es'],
    ["I'm not sure", 'en'],
    ['ni idea', 'es'],
    ['the roaming ones', 'en'],
  ];
  for (const [text, lang] of clear) {
    it(`"${text}" → ${lang}`, () => expect(kb.languages.identify(text)).to.equal(lang));
  }

  // Nothing in these says which language: the conversation keeps its last clear one.
  const neutral = [
    'ok',
    '0043',
    '8946070000000000027',
    'IoT Connect EU',
    '+CEREG: 0,3',
    '+CSQ: 99,99\r\n\r\nOK',
    'AT+CGDCONT?\n+CGDCONT: 1,"IP","internet"\nOK',
    'CS-10012',
    'iot.firstline.example',
    'no',
    'SMS',
    'no idea',
  ];
  for (const text of neutral) {
    it(`"${text.replace(/\s+/g, ' ')}" shows no language: sticky`, () => {
      expect(kb.languages.identify(text)).to.equal(undefined);
      expect(kb.languages.detect(text, 'es')).to.equal('es');
      expect(kb.languages.detect(text, 'en')).to.equal('en');
    });
  }

  it('switches to the language a message is written in, not to the one a mixed message ends in', () => {
    expect(kb.languages.switchedTo('¿y cómo compruebo la cobertura del módem desde el portal?')).to.equal(
      'es',
    );
    expect(
      kb.languages.switchedTo('oye el tracker lleva muerto desde el lunes, can u check it pls'),
    ).to.equal(undefined);
    expect(
      kb.languages.switchedTo('The tracker on 0027 connects but no data passes. ¿Puedes revisar qué pasa?'),
    ).to.equal(undefined);
    expect(
      kb.languages.switchedTo(
        'Since yesterday our lift phones cannot place calls to the rescue centre. Son todos los del mismo edificio.',
      ),
    ).to.equal(undefined);
    // An end in a language not spoken here switches to nothing either: the conversation's language stays.
    expect(kb.languages.switchedTo('Lovely, thank you! Takk og ha en fin dag 🌷')).to.equal(undefined);
    expect(kb.languages.detect('Lovely, thank you! Takk og ha en fin dag', 'en')).to.equal('en');
  });

  it("reads the language of the customer's own words, not of a passage they quote", () => {
    const quoting =
      'Mi técnico me escribe en inglés: "alarm panel at site 4 not sending SMS, SIM 068". ¿Lo podéis revisar?';
    expect(kb.languages.identify(quoting)).to.equal('es');
    expect(kb.languages.switchedTo(quoting)).to.equal('es');
    // Nearly nothing beside the quote: the quote is all there is to read.
    expect(kb.languages.identify('"no data" on 0043')).to.equal('en');
  });

  it('needs no code for a language: a third language is identified from its data alone', () => {
    const identifier = new LanguageIdentifier([
      { lang: 'en', markers: ['the', 'and'], signs: [], suffixes: [], corpus: ['no data on the trackers'] },
      {
        lang: 'es',
        markers: ['el', 'los'],
        signs: [{ pattern: '[ñ¿]', weight: 2 }],
        suffixes: [],
        corpus: ['los contadores no tienen datos', 'los contadores no tienen datos'],
      },
    ]);
    expect(identifier.identify('the trackers')).to.equal('en');
    expect(identifier.identify('los contadores')).to.equal('es');
    expect(identifier.identify('¿año?')).to.equal('es');
    expect(identifier.identify('zorblax')).to.equal(undefined);
  });
});
