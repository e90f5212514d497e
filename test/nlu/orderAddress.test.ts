import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import type { KnowledgeBase } from '../../bot/knowledgeBase/knowledgeBase.js';

const knowledgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');

describe('a delivery address told in a message is no language (OrderDetails.withoutAddress)', function () {
  this.timeout(60_000);
  let kb: KnowledgeBase;
  before(async () => {
    const loaded = await loadKnowledgeBase(knowledgeDir, { schemas: false, tests: false });
    if (!loaded.kb) throw new Error('the shipped knowledge does not load');
    kb = loaded.kb;
  });

  for (const [text, left] of [
    ['Deliver to Acme Logistics, Calle de Alcalá 45, 28014 Madrid, España', 'Deliver to'],
    ['Mandalos a Nordlys Energi, Dronning Eufemias gate 16, 0191 Oslo, Noruega.', 'Mandalos a'],
    ['Nordlys Energi, Dronning Eufemias gate 16, 0191 Oslo', 'Nordlys Energi,'],
    ['the tracker on 0043 is down since Monday', 'the tracker on 0043 is down since Monday'],
  ] as const)
    it(`"${text}" leaves "${left}"`, () => {
      expect(kb.orderDetails.withoutAddress(text).replace(/[\s.]+$/, '')).to.equal(left);
    });

  it('names of streets and towns decide no language; the words around them do', () => {
    const spoken = (text: string): string | undefined =>
      kb.languages.identify(kb.orderDetails.withoutAddress(text));
    expect(spoken('Nordlys Energi, Dronning Eufemias gate 16, 0191 Oslo')).to.equal(undefined);
    expect(spoken('Acme Logistics, Calle de Alcalá 45, 28014 Madrid')).to.equal(undefined);
    expect(
      spoken('Por favor, envíenlas a Calle de Alcalá 45, 28014 Madrid, que es nuestro almacén nuevo'),
    ).to.equal('es');
  });
});
