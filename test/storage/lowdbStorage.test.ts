import { expect } from 'chai';
import type { Stores } from '../../bot/storage/stores.js';
import { storeUnderTest, type StoreUnderTest } from '../helpers/storeUnderTest.js';
import { TEST_STORAGE } from '../helpers/testStorage.js';

/** Bot state (conversation and user state) with the SDK storages' ETag semantics, on the test store. */
describe(`bot state storage (${TEST_STORAGE})`, () => {
  let store: StoreUnderTest;
  let stores: Stores;
  beforeEach(async () => {
    store = await storeUnderTest();
    stores = await store.open();
  });
  afterEach(() => store.cleanup());

  async function restart(): Promise<Stores> {
    await stores.close();
    stores = await store.open();
    return stores;
  }

  it('reads back what was written, with an eTag', async () => {
    await stores.botState.write({ 'a/b': { count: 1 } });
    const items = await stores.botState.read(['a/b', 'missing']);
    expect(items['a/b']).to.include({ count: 1 });
    expect(items['a/b']?.eTag).to.be.a('string').and.not.empty;
    expect(items).not.to.have.property('missing');
  });

  it('refuses a write with a stale eTag and accepts "*" and the current eTag', async () => {
    const storage = stores.botState;
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k']))['k']!;
    const item = { v: 2, eTag: first.eTag };
    await storage.write({ k: item });
    expect(item.eTag, 'the written item carries its new eTag').to.not.equal(first.eTag);
    await storage.write({ k: { v: 2.5, eTag: item.eTag } });
    let error: Error | undefined;
    try {
      await storage.write({ k: { v: 3, eTag: first.eTag } });
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).to.match(/eTag conflict/);
    expect((await storage.read(['k']))['k']).to.include({ v: 2.5 });
    await storage.write({ k: { v: 4, eTag: '*' } });
    expect((await storage.read(['k']))['k']).to.include({ v: 4 });
    await storage.write({ fresh: { v: 1, eTag: 'never-stored' } });
    expect((await storage.read(['fresh']))['fresh'], 'a key not stored yet is written').to.include({ v: 1 });
  });

  it('persists across instances (a restart) and deletes', async () => {
    await stores.botState.write({ 'conv/1': { hello: 'world', nested: { list: [1, 'two', null] } } });
    const again = (await restart()).botState;
    expect((await again.read(['conv/1']))['conv/1']).to.deep.include({
      hello: 'world',
      nested: { list: [1, 'two', null] },
    });
    await again.delete(['conv/1']);
    expect(await (await restart()).botState.read(['conv/1'])).to.deep.equal({});
  });

  it('loses no update when many read-modify-write cycles race with retries on conflict', async () => {
    const storage = stores.botState;
    await storage.write({ counter: { n: 0 } });
    const increment = async (): Promise<number> => {
      for (let attempt = 1; ; attempt += 1) {
        const item = (await storage.read(['counter']))['counter']!;
        try {
          await storage.write({ counter: { n: (item['n'] as number) + 1, eTag: item.eTag } });
          return attempt;
        } catch (err) {
          if (!/eTag conflict/.test((err as Error).message)) throw err;
        }
      }
    };
    const attempts = await Promise.all(Array.from({ length: 25 }, increment));
    expect((await (await restart()).botState.read(['counter']))['counter']).to.include({ n: 25 });
    expect(
      attempts.some((a) => a > 1),
      'some writers must have hit a conflict',
    ).to.equal(true);
  });
});
