import { expect } from 'chai';
import { z } from 'zod';
import type { CollectionSpec } from '../../bot/storage/collection.js';
import type { Repository } from '../../bot/storage/repository.js';
import type { Stores } from '../../bot/storage/stores.js';
import { storeUnderTest, type StoreUnderTest } from '../helpers/storeUnderTest.js';
import { TEST_STORAGE } from '../helpers/testStorage.js';

const schema = z.object({ id: z.string(), org: z.string(), tags: z.array(z.string()) });
type Item = z.infer<typeof schema>;
const ITEMS: CollectionSpec<Item, 'org' | 'tag'> = {
  name: 'items',
  schema,
  indexes: { org: (r) => r.org, tag: (r) => r.tags },
};

const scoredSchema = z.object({ id: z.string(), score: z.number(), waiting: z.boolean() });
type Scored = z.infer<typeof scoredSchema>;
const order = (a: Scored, b: Scored) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const SCORED: CollectionSpec<Scored, 'queue'> = {
  name: 'scored',
  schema: scoredSchema,
  sorted: { queue: { where: (r) => r.waiting, order } },
};

const counterSchema = z.object({ id: z.string(), n: z.number().int() });
const COUNTERS: CollectionSpec<z.infer<typeof counterSchema>> = { name: 'counters', schema: counterSchema };

/** The same suite on whichever store `TEST_STORAGE` names: the repository contract both must keep. */
describe(`Repository (${TEST_STORAGE})`, function () {
  this.timeout(20_000);
  let store: StoreUnderTest;
  let stores: Stores;
  beforeEach(async () => {
    store = await storeUnderTest();
    stores = await store.withTables(await store.open(), ['items', 'scored']);
  });
  afterEach(() => store.cleanup());

  /** A restart: this instance closes, a new one opens on the same data. */
  async function restart(): Promise<Stores> {
    await stores.close();
    stores = await store.open();
    return stores;
  }

  it('finds records by index and keeps the index in step with updates and removals', async () => {
    const repo = await stores.open(ITEMS);
    await repo.put({ id: 'a', org: 'acme', tags: ['x', 'y'] });
    await repo.put({ id: 'b', org: 'acme', tags: ['y'] });
    await repo.put({ id: 'c', org: 'nordlys', tags: [] });
    const ids = (records: Item[]) => records.map((r) => r.id).sort();
    expect(ids(repo.findBy('org', 'acme'))).to.deep.equal(['a', 'b']);
    expect(ids(repo.findBy('tag', 'y'))).to.deep.equal(['a', 'b']);
    await repo.update('a', (r) => ({ ...(r as Item), org: 'nordlys', tags: ['z'] }));
    expect(ids(repo.findBy('org', 'acme'))).to.deep.equal(['b']);
    expect(ids(repo.findBy('org', 'nordlys'))).to.deep.equal(['a', 'c']);
    expect(repo.findBy('tag', 'x')).to.deep.equal([]);
    await repo.remove('b');
    expect(repo.findBy('org', 'acme')).to.deep.equal([]);
    expect(repo.size).to.equal(2);
    expect(() => repo.findBy('nope' as 'org', 'x')).to.throw(/no index "nope"/);
  });

  it('rebuilds the indexes from the store on open, and rolls them back when a change is refused', async () => {
    const first = await stores.open(ITEMS);
    await first.put({ id: 'a', org: 'acme', tags: [] });
    const again = await (await restart()).open(ITEMS);
    expect(again.findBy('org', 'acme').map((r) => r.id)).to.deep.equal(['a']);
    let error: Error | undefined;
    try {
      await again.update('a', () => ({ id: 'a', org: 42 }) as unknown as Item);
    } catch (err) {
      error = err as Error;
    }
    expect(error).to.be.instanceOf(Error);
    expect(again.findBy('org', 'acme').map((r) => r.id)).to.deep.equal(['a']);
    const third = await (await restart()).open(ITEMS);
    expect(third.get('a')).to.deep.equal({ id: 'a', org: 'acme', tags: [] });
  });

  it('keeps a sorted index in order and ranks records by binary search through random updates', async () => {
    const repo = await stores.open(SCORED);
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 48271) % 2147483647) % n) as number;
    for (let step = 0; step < 300; step += 1) {
      const id = `r${random(60)}`;
      if (random(10) === 0) await repo.remove(id);
      else await repo.put({ id, score: random(5), waiting: random(3) > 0 });
    }
    const expected = repo.list((r) => r.waiting).sort(order);
    expect(repo.sorted('queue').map((r) => r.id)).to.deep.equal(expected.map((r) => r.id));
    for (const [place, r] of expected.entries()) expect(repo.rank('queue', r.id), r.id).to.equal(place);
    expect(repo.leading('queue', () => true, 3).map((r) => r.id)).to.deep.equal(
      expected.slice(0, 3).map((r) => r.id),
    );
    const notWaiting = repo.list((r) => !r.waiting)[0];
    if (notWaiting) expect(repo.rank('queue', notWaiting.id)).to.equal(undefined);
    expect(repo.rank('queue', 'missing')).to.equal(undefined);

    // A refused change is rolled back in the sorted index too.
    const first = expected[0];
    if (first) {
      await repo.update(first.id, () => ({ id: 'other', score: 0, waiting: true })).catch(() => undefined);
      expect(repo.sorted('queue').map((r) => r.id)).to.deep.equal(expected.map((r) => r.id));
    }
    const reopened = await (await restart()).open(SCORED);
    expect(reopened.sorted('queue').map((r) => r.id)).to.deep.equal(expected.map((r) => r.id));
    expect(() => reopened.sorted('nope' as 'queue')).to.throw(/no sorted index "nope"/);
  });

  it('tells onChange listeners about every change once it is stored, and nothing for a change that keeps the record', async () => {
    const repo = await stores.open(ITEMS);
    const seen: Array<[string, string | undefined, string | undefined]> = [];
    const stop = repo.onChange((id, next, previous) => seen.push([id, next?.org, previous?.org]));
    await repo.put({ id: 'a', org: 'acme', tags: [] });
    await repo.update('a', (r) => ({ ...(r as Item), org: 'nordlys' }));
    const kept = await repo.update('a', (r) => r as Item);
    expect(kept.org).to.equal('nordlys');
    await repo.remove('a');
    stop();
    await repo.put({ id: 'b', org: 'acme', tags: [] });
    expect(seen).to.deep.equal([
      ['a', 'acme', undefined],
      ['a', 'nordlys', 'acme'],
      ['a', undefined, 'nordlys'],
    ]);
    expect(await repo.fresh('b')).to.deep.equal({ id: 'b', org: 'acme', tags: [] });
    expect(await repo.fresh('a')).to.equal(undefined);
  });

  it('loses no update when many read-modify-write cycles of one record run at once', async () => {
    const repo = await stores.open(COUNTERS);
    await Promise.all(
      Array.from({ length: 30 }, () => repo.update('c', (cur) => ({ id: 'c', n: (cur?.n ?? 0) + 1 }))),
    );
    expect(repo.get('c')?.n).to.equal(30);
    expect((await (await restart()).open(COUNTERS)).get('c')?.n).to.equal(30);
  });

  describe('transactions', () => {
    let items: Repository<Item, 'org' | 'tag'>;
    let counters: Repository<z.infer<typeof counterSchema>>;
    beforeEach(async () => {
      items = await stores.open(ITEMS);
      counters = await stores.open(COUNTERS);
      await items.put({ id: 'a', org: 'acme', tags: [] });
    });

    it('commits the changes of several repositories together', async () => {
      const changed: string[] = [];
      items.onChange((id) => changed.push(`items/${id}`));
      counters.onChange((id) => changed.push(`counters/${id}`));
      await stores.transaction(async () => {
        await items.update('a', (r) => ({ ...(r as Item), org: 'nordlys' }));
        await counters.put({ id: 'c', n: 1 });
        // Nested: joins the outer transaction.
        await stores.transaction(() => items.put({ id: 'b', org: 'nordlys', tags: [] }));
      });
      expect(changed.sort()).to.deep.equal(['counters/c', 'items/a', 'items/b']);
      expect(
        items
          .findBy('org', 'nordlys')
          .map((r) => r.id)
          .sort(),
      ).to.deep.equal(['a', 'b']);
      const after = await restart();
      expect((await after.open(ITEMS)).get('a')?.org).to.equal('nordlys');
      expect((await after.open(COUNTERS)).get('c')?.n).to.equal(1);
    });

    it('leaves neither change when the work fails half-way, in the views and in the store', async () => {
      const changed: string[] = [];
      items.onChange((id) => changed.push(id));
      let error: Error | undefined;
      try {
        await stores.transaction(async () => {
          await items.update('a', (r) => ({ ...(r as Item), org: 'nordlys' }));
          await counters.put({ id: 'c', n: 1 });
          throw new Error('refused half-way');
        });
      } catch (err) {
        error = err as Error;
      }
      expect(error?.message).to.equal('refused half-way');
      expect(items.get('a')?.org).to.equal('acme');
      expect(items.findBy('org', 'nordlys')).to.deep.equal([]);
      expect(counters.get('c')).to.equal(undefined);
      expect(changed, 'no listener heard of a change that did not happen').to.deep.equal([]);
      // Later writes to the same records are not blocked by the failed transaction's locks.
      await counters.put({ id: 'c', n: 2 });
      const after = await restart();
      expect((await after.open(ITEMS)).get('a')?.org).to.equal('acme');
      expect((await after.open(COUNTERS)).get('c')?.n).to.equal(2);
    });

    it('includes keyed documents: they commit and roll back with the records', async () => {
      const docs = stores.documents<{ n: number }>('logs');
      await stores
        .transaction(async () => {
          await docs.replace('k', () => ({ n: 1 }));
          await counters.put({ id: 'c', n: 1 });
          throw new Error('abort');
        })
        .catch(() => undefined);
      expect(await docs.get('k')).to.equal(null);
      await stores.transaction(async () => {
        await docs.update('k', (cur) => ({ n: (cur?.data.n ?? 0) + 5 }));
        await counters.put({ id: 'c', n: 5 });
      });
      const after = await restart();
      expect((await after.documents<{ n: number }>('logs').get('k'))?.data).to.deep.equal({ n: 5 });
      expect((await after.open(COUNTERS)).get('c')?.n).to.equal(5);
    });

    it('makes a concurrent writer of the same record wait for the transaction, then build on it', async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let wrote!: () => void;
      const written = new Promise<void>((r) => (wrote = r));
      const tx = stores.transaction(async () => {
        await counters.put({ id: 'c', n: 10 });
        wrote();
        await held;
      });
      // The other writer comes once the transaction has written the record (not after a fixed time, which a
      // loaded machine may outrun: it would then write first and the transaction overwrite it).
      await written;
      const outside = counters.update('c', (cur) => ({ id: 'c', n: (cur?.n ?? 0) + 1 }));
      await new Promise((r) => setTimeout(r, 50));
      release();
      await Promise.all([tx, outside]);
      expect(counters.get('c')?.n).to.equal(11);
    });
  });

  describe('keyed documents', () => {
    it('reads, updates, replaces and deletes by key; concurrent updates of one key lose nothing', async () => {
      const docs = stores.documents<{ n: number }>('counters');
      expect(await docs.get('k')).to.equal(null);
      const first = await docs.update('k', (cur) => ({ n: (cur?.data.n ?? 0) + 1 }));
      expect(first?.data).to.deep.equal({ n: 1 });
      expect(first?.etag).to.be.a('string').and.not.empty;
      await Promise.all(
        Array.from({ length: 20 }, () => docs.update('k', (cur) => ({ n: (cur?.data.n ?? 0) + 1 }))),
      );
      const read = await docs.get('k');
      expect(read?.data).to.deep.equal({ n: 21 });
      expect(read?.etag).to.not.equal(first?.etag);
      await docs.replace('k', () => ({ n: 100 }));
      expect((await docs.get('k'))?.data).to.deep.equal({ n: 100 });
      await docs.update('k', () => undefined);
      expect(await docs.get('k')).to.equal(null);
      await docs.replace('other', () => ({ n: 5 }));
      const after = (await restart()).documents<{ n: number }>('counters');
      expect((await after.get('other'))?.data).to.deep.equal({ n: 5 });
    });
  });
});
