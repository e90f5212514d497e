import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { LowdbRepository } from '../../bot/storage/repository.js';

const schema = z.object({ id: z.string(), n: z.number() });
type Item = z.infer<typeof schema>;

describe('Repository.onChange', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fl-repo-changes-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('tells each watcher every applied change with the next and previous record, until unsubscribed', async () => {
    const repo = await new LowdbRepository<Item>('items', dir, schema, { fsync: false }).open();
    const seen: Array<[string, number | undefined, number | undefined]> = [];
    const off = repo.onChange((id, next, previous) => seen.push([id, next?.n, previous?.n]));
    await repo.put({ id: 'a', n: 1 });
    await repo.update('a', (r) => ({ ...(r as Item), n: 2 }));
    await repo.remove('a');
    await repo.remove('never-there');
    off();
    await repo.put({ id: 'b', n: 3 });
    expect(seen).to.deep.equal([
      ['a', 1, undefined],
      ['a', 2, 1],
      ['a', undefined, 2],
    ]);
  });

  it('is not called for a refused change, and a throwing watcher never fails the write', async () => {
    const repo = await new LowdbRepository<Item>('items', dir, schema, { fsync: false }).open();
    const seen: string[] = [];
    repo.onChange(() => {
      throw new Error('watcher bug');
    });
    repo.onChange((id) => seen.push(id));
    await repo.put({ id: 'a', n: 1 });
    await repo.update('a', () => ({ id: 'a', n: 'x' }) as unknown as Item).catch(() => undefined);
    expect(seen).to.deep.equal(['a']);
    expect(repo.get('a')?.n).to.equal(1);
  });
});
