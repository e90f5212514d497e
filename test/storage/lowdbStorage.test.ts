import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { LowdbStorage } from '../../bot/storage/lowdbStorage.js';

describe('LowdbStorage (bot state on lowdb files)', () => {
  let dir: string;
  let storage: LowdbStorage;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fl-state-'));
    storage = new LowdbStorage(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads back what was written, with an eTag', async () => {
    await storage.write({ 'a/b': { count: 1 } });
    const items = await storage.read(['a/b', 'missing']);
    expect(items['a/b']).to.include({ count: 1 });
    expect(items['a/b']?.eTag).to.be.a('string').and.not.empty;
    expect(items).not.to.have.property('missing');
  });

  it('refuses a write with a stale eTag and accepts "*" and the current eTag', async () => {
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k']))['k']!;
    await storage.write({ k: { v: 2, eTag: first.eTag } });
    let error: Error | undefined;
    try {
      await storage.write({ k: { v: 3, eTag: first.eTag } });
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).to.match(/eTag conflict/);
    expect((await storage.read(['k']))['k']).to.include({ v: 2 });
    await storage.write({ k: { v: 4, eTag: '*' } });
    expect((await storage.read(['k']))['k']).to.include({ v: 4 });
  });

  it('persists across instances (a restart) and deletes', async () => {
    await storage.write({ 'conv/1': { hello: 'world' } });
    const again = new LowdbStorage(dir);
    expect((await again.read(['conv/1']))['conv/1']).to.include({ hello: 'world' });
    await again.delete(['conv/1']);
    expect(await new LowdbStorage(dir).read(['conv/1'])).to.deep.equal({});
  });

  it('loses no update when many read-modify-write cycles race with retries on conflict', async () => {
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
    expect((await new LowdbStorage(dir).read(['counter']))['counter']).to.include({ n: 25 });
    expect(
      attempts.some((a) => a > 1),
      'some writers must have hit a conflict',
    ).to.equal(true);
  });
});
