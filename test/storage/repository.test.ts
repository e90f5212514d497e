import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { LowdbRepository } from '../../bot/storage/repository.js';

const schema = z.object({ id: z.string(), org: z.string(), tags: z.array(z.string()) });
type Item = z.infer<typeof schema>;

describe('Repository secondary indexes', () => {
  let dir: string;
  const open = () =>
    new LowdbRepository<Item, 'org' | 'tag'>('items', dir, schema, {
      fsync: false,
      indexes: { org: (r) => r.org, tag: (r) => r.tags },
    }).open();
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fl-repo-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('finds records by index and keeps the index in step with updates and removals', async () => {
    const repo = await open();
    await repo.put({ id: 'a', org: 'acme', tags: ['x', 'y'] });
    await repo.put({ id: 'b', org: 'acme', tags: ['y'] });
    await repo.put({ id: 'c', org: 'nordlys', tags: [] });
    expect(
      repo
        .findBy('org', 'acme')
        .map((r) => r.id)
        .sort(),
    ).to.deep.equal(['a', 'b']);
    expect(
      repo
        .findBy('tag', 'y')
        .map((r) => r.id)
        .sort(),
    ).to.deep.equal(['a', 'b']);
    await repo.update('a', (r) => ({ ...(r as Item), org: 'nordlys', tags: ['z'] }));
    expect(repo.findBy('org', 'acme').map((r) => r.id)).to.deep.equal(['b']);
    expect(
      repo
        .findBy('org', 'nordlys')
        .map((r) => r.id)
        .sort(),
    ).to.deep.equal(['a', 'c']);
    expect(repo.findBy('tag', 'x')).to.deep.equal([]);
    await repo.remove('b');
    expect(repo.findBy('org', 'acme')).to.deep.equal([]);
    expect(() => repo.findBy('nope' as 'org', 'x')).to.throw(/no index "nope"/);
  });

  it('rebuilds the indexes from disk on open, and rolls them back when a change is refused', async () => {
    const first = await open();
    await first.put({ id: 'a', org: 'acme', tags: [] });
    const again = await open();
    expect(again.findBy('org', 'acme').map((r) => r.id)).to.deep.equal(['a']);
    let error: Error | undefined;
    try {
      await again.update('a', () => ({ id: 'a', org: 42 }) as unknown as Item);
    } catch (err) {
      error = err as Error;
    }
    expect(error).to.be.instanceOf(Error);
    expect(again.findBy('org', 'acme').map((r) => r.id)).to.deep.equal(['a']);
  });

  it('keeps a sorted index in order and ranks records by binary search through random updates', async () => {
    const scored = z.object({ id: z.string(), score: z.number(), waiting: z.boolean() });
    type Scored = z.infer<typeof scored>;
    const order = (a: Scored, b: Scored) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const repo = await new LowdbRepository<Scored, 'queue'>('scored', dir, scored, {
      fsync: false,
      sorted: { queue: { where: (r) => r.waiting, order } },
    }).open();
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 48271) % 2147483647) % n) as number;
    for (let step = 0; step < 400; step += 1) {
      const id = `r${random(60)}`;
      if (random(10) === 0) await repo.remove(id);
      else await repo.put({ id, score: random(5), waiting: random(3) > 0 });
    }
    const expected = repo.list((r) => r.waiting).sort(order);
    expect(repo.sorted('queue').map((r) => r.id)).to.deep.equal(expected.map((r) => r.id));
    for (const [place, r] of expected.entries()) expect(repo.rank('queue', r.id), r.id).to.equal(place);
    const notWaiting = repo.list((r) => !r.waiting)[0];
    if (notWaiting) expect(repo.rank('queue', notWaiting.id)).to.equal(undefined);
    expect(repo.rank('queue', 'missing')).to.equal(undefined);

    // A refused change is rolled back in the sorted index too.
    const first = expected[0];
    if (first) {
      await repo.update(first.id, () => ({ id: 'other', score: 0, waiting: true })).catch(() => undefined);
      expect(repo.sorted('queue').map((r) => r.id)).to.deep.equal(expected.map((r) => r.id));
    }
    const reopened = await new LowdbRepository<Scored, 'queue'>('scored', dir, scored, {
      fsync: false,
      sorted: { queue: { where: (r) => r.waiting, order } },
    }).open();
    expect(reopened.sorted('queue').map((r) => r.id)).to.deep.equal(expected.map((r) => r.id));
    expect(() => repo.sorted('nope' as 'queue')).to.throw(/no sorted index "nope"/);
  });
});
