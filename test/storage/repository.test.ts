import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { Repository } from '../../bot/storage/repository.js';

const schema = z.object({ id: z.string(), org: z.string(), tags: z.array(z.string()) });
type Item = z.infer<typeof schema>;

describe('Repository secondary indexes', () => {
  let dir: string;
  const open = () =>
    new Repository<Item, 'org' | 'tag'>('items', dir, schema, {
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
});
