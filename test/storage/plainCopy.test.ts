import { expect } from 'chai';
import { copyPlain } from '../../bot/storage/plainCopy.js';

describe('copyPlain (the copy a case change works on)', () => {
  const record = {
    id: 'CS-1',
    n: 3.5,
    ok: false,
    none: null,
    gone: undefined,
    list: [1, 'a', null, undefined, { deep: [{ x: 1 }] }],
    nested: { a: { b: ['c'] }, empty: {}, skip: undefined },
  };

  it('equals the JSON round trip it replaces, undefined properties and items included', () => {
    expect(copyPlain(record)).to.deep.equal(JSON.parse(JSON.stringify(record)));
    expect(Object.keys(copyPlain(record))).to.not.include('gone');
  });

  it('shares no object or array with the original: mutating the copy leaves the record as it was', () => {
    const copy = copyPlain(record);
    copy.nested.a.b.push('d');
    (copy.list[4] as { deep: Array<{ x: number }> }).deep[0]!.x = 2;
    copy.list.push(9);
    expect(record.nested.a.b).to.deep.equal(['c']);
    expect(record.list).to.have.length(5);
    expect((record.list[4] as { deep: Array<{ x: number }> }).deep[0]!.x).to.equal(1);
  });
});
