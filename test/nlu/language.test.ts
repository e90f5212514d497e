import { expect } from 'chai';
import { detectLanguage } from '../../bot/nlu/language.js';

describe('nlu language detection', () => {
  const cases: Array<[string, 'en' | 'es']> = [
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
  ];
  for (const [text, lang] of cases) {
    it(`"${text}" → ${lang}`, () => expect(detectLanguage(text)).to.equal(lang));
  }
});
