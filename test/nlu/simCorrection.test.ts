import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import type { KnowledgeBase } from '../../bot/knowledgeBase/knowledgeBase.js';
import { createRecognizer, type NluRecognizer } from '../../bot/nlu/recognizer.js';
import { correctedSims } from '../../bot/nlu/simCorrection.js';

const knowledgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');
const CHECKED = '8946070000000000068';

describe('a SIM taken back while another is checked (correctedSims)', function () {
  this.timeout(60_000);
  let recognizer: NluRecognizer;
  let kb: KnowledgeBase;
  before(async () => {
    recognizer = await createRecognizer({ knowledgeDir });
    const loaded = await loadKnowledgeBase(knowledgeDir, { schemas: false, tests: false });
    if (!loaded.kb) throw new Error('the shipped knowledge does not load');
    kb = loaded.kb;
  });
  const meant = (text: string): string[] | undefined => {
    const refs = correctedSims(kb.vocabulary, recognizer.recognize(text), [CHECKED]);
    return refs && [...refs.iccids.map((i) => i.value), ...refs.lastDigits];
  };

  it('switches to the SIM named after the one checked is taken back', () => {
    expect(meant('Sorry, my mistake — 0068 is fine, truck 14 is the one ending 0076')).to.deep.equal([
      '0076',
    ]);
    expect(meant("sorry, it's 0076, not 0068")).to.deep.equal(['0076']);
    expect(
      meant('Perdona, me he liado de línea: es la que acaba en 0076. La 0068 va perfectamente.'),
    ).to.deep.equal(['0076']);
  });

  it('keeps the SIM checked when the customer names it last, as theirs', () => {
    expect(
      meant(
        'la sim es 8946070000000000019... ay no espera, esa es la de mi hermano 🙈 la mía termina en 0068',
      ),
    ).to.equal(undefined);
    expect(meant('sorry, 0068 again')).to.equal(undefined);
  });
});
