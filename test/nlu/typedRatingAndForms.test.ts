import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTypedRating } from '../../bot/followUp/typedRating.js';
import { orderFormValues } from '../../bot/nlu/orderForm.js';
import { loadVocabulary } from '../../bot/nlu/words/loadWords.js';
import type { Vocabulary } from '../../bot/nlu/words/vocabulary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('typed ratings and order forms (word lists)', () => {
  let words: Vocabulary;
  before(async () => {
    words = await loadVocabulary(path.join(root, 'knowledge'));
  });

  it('reads a rating typed in either language, and nothing else as one', () => {
    const read = (text: string): number | undefined => readTypedRating(words, text);
    expect(read('4')).to.equal(4);
    expect(read('4, thanks')).to.equal(4);
    expect(read('4/5')).to.equal(4);
    expect(read('I would say 3 out of 5')).to.equal(3);
    expect(read('Les pongo un 2 sobre 5, que he perdido media mañana')).to.equal(2);
    expect(read('5 estrellas')).to.equal(5);
    expect(read('5 stars')).to.equal(5);
    expect(read('6')).to.equal(undefined);
    expect(read('2 of 5 trackers still dead')).to.equal(undefined);
    expect(read('2 of 3 SIMs')).to.equal(undefined);
    expect(read('15/5 was the date')).to.equal(undefined);
    expect(read('sim 0043')).to.equal(undefined);
  });

  it('reads the labelled lines of an order form, and no other labelled line', () => {
    expect(
      orderFormValues(
        'Dear team,\nQuantity: 200\nCard type: 3-in-1\n- Delivery address: Hamnvägen 12, Malmö\nRef: PO-7781',
        words,
      ),
    ).to.deep.equal(['200', '3-in-1', 'Hamnvägen 12, Malmö']);
    expect(orderFormValues('Cantidad: 40\nDirección de entrega: Calle Mayor 5', words)).to.have.length(2);
    expect(orderFormValues('CSQ: 99\nSeverity: 3\nICCID: 8946070000000000043', words)).to.deep.equal([]);
  });
});
