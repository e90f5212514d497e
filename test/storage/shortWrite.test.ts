import fs from 'node:fs';
import { mkdtemp, readdir, readFile, rm, statfs, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { fsWriteString, writeAtOver, type FsWrite } from '../../bot/storage/durableJsonFile.js';
import { Journal, journalIo, nodeJournalIo } from '../../bot/storage/journal.js';
import { ModelCache } from '../../bot/nlu/modelCache.js';
import { LowdbRepository } from '../../bot/storage/repository.js';
import { useTmpfs } from '../helpers/tmpfs.js';

const itemSchema = z.object({ id: z.string(), n: z.number(), pad: z.string() });
type Item = z.infer<typeof itemSchema>;

/** node:fs's write, but never more than `most` bytes per call — as a nearly full disk does. */
function fewBytesAtATime(most: number, calls: { count: number }): FsWrite {
  return (fd, buffer, offset, length, position, callback) => {
    calls.count += 1;
    fs.write(fd, buffer, offset, Math.min(length, most), position, callback);
  };
}

const openItems = (dir: string, journal: Journal) =>
  new LowdbRepository<Item>('items', path.join(dir, 'records', 'items'), itemSchema, { journal }).open();

/** Every line of every journal segment, checked: no NUL byte, each a complete JSON entry. */
async function segmentLines(dir: string): Promise<string[]> {
  const journalDir = path.join(dir, 'journal');
  const lines: string[] = [];
  for (const name of (await readdir(journalDir)).sort()) {
    const text = await readFile(path.join(journalDir, name), 'utf8');
    expect(text.includes('\u0000'), `${name} holds NUL bytes (a write past the end of file)`).to.equal(false);
    expect(text === '' || text.endsWith('\n'), `${name} ends in a complete line`).to.equal(true);
    for (const line of text.split('\n').filter(Boolean)) {
      expect(() => JSON.parse(line) as unknown, `${name}: ${line.slice(0, 80)}`).to.not.throw();
      lines.push(line);
    }
  }
  return lines;
}

describe('storage: short writes (fs.write may write fewer bytes than asked)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fl-short-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('the node io seam resolves to the number of bytes written, not to fs.write’s result object', async () => {
    const fd = fs.openSync(path.join(dir, 'x'), 'w');
    try {
      const written = await nodeJournalIo.write(fd, Buffer.from('hello'), 0, 5, 0);
      expect(written).to.equal(5);
      expect(await writeAtOver()(fd, Buffer.from('hello'), 1, 3, 5)).to.equal(3);
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.readFileSync(path.join(dir, 'x'), 'utf8')).to.equal('helloell');
  });

  it('the journal acknowledges a batch only once every byte is written, 3 bytes per fs.write call', async () => {
    const calls = { count: 0 };
    const { journal } = await Journal.open(dir, { io: journalIo(fewBytesAtATime(3, calls)) });
    const repo = await openItems(dir, journal);
    await Promise.all(
      Array.from({ length: 40 }, (_, n) => repo.put({ id: `i${n % 8}`, n, pad: 'x'.repeat(n) })),
    );
    await repo.put({ id: 'last', n: 1, pad: 'é'.repeat(300) });
    expect(calls.count, 'many short writes per batch').to.be.greaterThan(1000);
    expect(await segmentLines(dir)).to.have.length(41);

    // A process that dies now finds every acknowledged write in the journal.
    const { journal: second, recovery } = await Journal.open(dir);
    expect(recovery).to.deep.equal({ replayed: 9, discarded: 0 });
    const reopened = await openItems(dir, second);
    expect(reopened.get('last')?.pad).to.equal('é'.repeat(300));
    for (let i = 0; i < 8; i += 1) expect(reopened.get(`i${i}`)?.n).to.equal(32 + i);
    await second.close();
  });

  it('a durable data file is written whole through an fs.write that writes 5 bytes per call', async () => {
    const calls = { count: 0 };
    const file = path.join(dir, 'whole.json');
    const text = JSON.stringify({ text: 'ü'.repeat(500) });
    const fd = fs.openSync(file, 'w');
    try {
      await fsWriteString(fd, text, writeAtOver(fewBytesAtATime(5, calls)));
    } finally {
      fs.closeSync(fd);
    }
    expect(calls.count).to.be.at.least(Buffer.byteLength(text) / 5);
    expect(await readFile(file, 'utf8')).to.equal(text);
  });

  it('a write that makes no progress fails instead of looping', async () => {
    const stuck: FsWrite = (_fd, _buffer, _offset, _length, _position, callback) => callback(null, 0);
    const fd = fs.openSync(path.join(dir, 'stuck'), 'w');
    try {
      let error: Error | undefined;
      await fsWriteString(fd, 'abc', writeAtOver(stuck)).catch((err: Error) => (error = err));
      expect(error?.message).to.match(/made no progress/);
    } finally {
      fs.closeSync(fd);
    }
  });
});

describe('storage: the journal on a real filesystem that fills up (tmpfs)', function () {
  this.timeout(30_000);
  const disk = useTmpfs('512k');

  it('refuses a batch the disk could take only part of, and the next batch lands right after the last acknowledged byte', async () => {
    const dir = path.join(disk.dir(), 'data');
    const { journal } = await Journal.open(dir, { fsync: false });
    const repo = await openItems(dir, journal);
    await repo.put({ id: 'a', n: 1, pad: '' });
    // Leave one page free, so a 20 KB batch gets a short write and then ENOSPC.
    const free = await statfs(disk.dir());
    const filler = path.join(disk.dir(), 'filler');
    await writeFile(filler, Buffer.alloc((free.bavail - 1) * free.bsize));
    let error: Error | undefined;
    await repo.put({ id: 'big', n: 1, pad: 'y'.repeat(20_000) }).catch((err: Error) => (error = err));
    expect(error?.message, 'a batch only partly on disk is never acknowledged').to.match(/ENOSPC/);
    expect(repo.get('big')).to.equal(undefined);

    await unlink(filler);
    await repo.put({ id: 'b', n: 2, pad: '' });
    await repo.put({ id: 'big', n: 3, pad: 'z'.repeat(20_000) });
    const lines = await segmentLines(dir);
    expect(lines.map((line) => (JSON.parse(line) as { f: string }).f)).to.deep.equal([
      'records/items/a.json',
      'records/items/b.json',
      'records/items/big.json',
    ]);

    // Killed now: a new process replays exactly the acknowledged writes.
    const { journal: second, recovery } = await Journal.open(dir, { fsync: false });
    expect(recovery).to.deep.equal({ replayed: 3, discarded: 0 });
    const reopened = await openItems(dir, second);
    expect(reopened.get('big')?.n).to.equal(3);
    expect(reopened.get('b')?.n).to.equal(2);
    await second.close();
  });

  it('a replay at start-up that the full disk cannot take fails clearly and keeps the journal', async () => {
    const dir = path.join(disk.dir(), 'replay');
    const { journal } = await Journal.open(dir, { fsync: false });
    const repo = await openItems(dir, journal);
    // 40 KB: under the smallest segment that starts a checkpoint, so everything is still in the journal.
    for (let n = 0; n < 20; n += 1) await repo.put({ id: `r${n}`, n, pad: 'p'.repeat(2000) });
    // Killed here; the disk fills before the restart.
    const free = await statfs(disk.dir());
    const filler = path.join(disk.dir(), 'filler-replay');
    await writeFile(filler, Buffer.alloc(free.bavail * free.bsize));
    let error: Error | undefined;
    await Journal.open(dir, { fsync: false }).catch((err: Error) => (error = err));
    expect(error?.message)
      .to.include(dir)
      .and.to.match(/ENOSPC/)
      .and.to.include('nothing was lost');
    expect(await readdir(path.join(dir, 'journal'))).to.deep.equal(['00000001.log']);
    await unlink(filler);
    const { journal: reopened, recovery } = await Journal.open(dir, { fsync: false });
    expect(recovery.replayed).to.equal(20);
    expect((await openItems(dir, reopened)).get('r19')?.n).to.equal(19);
    await reopened.close();
  });

  it('an NLU model cache the full disk cannot take is skipped: no partial file left, no error', async () => {
    const cacheDir = path.join(disk.dir(), 'cache');
    const free = await statfs(disk.dir());
    const filler = path.join(disk.dir(), 'filler-cache');
    await writeFile(filler, Buffer.alloc((free.bavail - 1) * free.bsize));
    try {
      const cache = new ModelCache(cacheDir);
      expect(await cache.write('intent-en', 'k', { weights: 'w'.repeat(64 * 1024) })).to.equal(undefined);
      expect(await readdir(cacheDir)).to.deep.equal([]);
    } finally {
      await unlink(filler);
    }
  });
});

describe('storage: the journal on a small disk (tmpfs, 4 MB)', function () {
  this.timeout(60_000);
  const disk = useTmpfs('4m');

  it('checkpoints by the free space, not only by size: 2.5 MB of updates still replay after a kill', async () => {
    const dir = path.join(disk.dir(), 'data');
    // The default 16 MiB segment: on this disk the journal alone would hold all 2.5 MB, and replaying it would need
    // its 500 files (a 4 KiB block each) beside it — more than the disk has.
    const { journal } = await Journal.open(dir, { fsync: false });
    const repo = await openItems(dir, journal);
    for (let n = 0; n < 5; n += 1)
      for (let id = 0; id < 500; id += 1) await repo.put({ id: `r${id}`, n, pad: 'p'.repeat(900) });
    expect(journal.stats.checkpoints, 'checkpoints on a small disk').to.be.greaterThan(0);
    // Killed once the last checkpoint is done (its segments deleted): what is left in the journal replays.
    const segments = path.join(dir, 'journal');
    for (let waited = 0; (await readdir(segments)).length > 1; waited += 1) {
      if (waited > 200) throw new Error(`checkpoint never finished: ${(await readdir(segments)).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { journal: second } = await Journal.open(dir, { fsync: false });
    const reopened = await openItems(dir, second);
    for (let id = 0; id < 500; id += 1) expect(reopened.get(`r${id}`)?.n, `r${id}`).to.equal(4);
    await second.close();
  });
});
