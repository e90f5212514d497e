import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { encodeEnvelope } from '../../bot/storage/durableJsonFile.js';
import { DataDirCorruptError } from '../../bot/storage/errors.js';
import { Journal, nodeJournalIo, type JournalIo } from '../../bot/storage/journal.js';
import { LowdbStorage } from '../../bot/storage/lowdbStorage.js';
import { LowdbRepository } from '../../bot/storage/repository.js';

const itemSchema = z.object({ id: z.string(), n: z.number() });
const segments = async (dir: string) => (await readdir(path.join(dir, 'journal'))).sort();
const fileOf = (dir: string, id: string) => path.join(dir, 'records', 'items', `${id}.json`);
const openItems = (dir: string, journal: Journal) =>
  new LowdbRepository('items', path.join(dir, 'records', 'items'), itemSchema, { journal }).open();
const storedN = async (dir: string, id: string) =>
  (JSON.parse(await readFile(fileOf(dir, id), 'utf8')) as { data: { n: number } }).data.n;

describe('storage journal (group commit)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fl-journal-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('acknowledges concurrent writes from the journal and writes each data file once per checkpoint', async () => {
    const { journal } = await Journal.open(dir);
    const repo = await new LowdbRepository('items', path.join(dir, 'records', 'items'), itemSchema, {
      journal,
    }).open();
    await Promise.all(Array.from({ length: 60 }, (_, n) => repo.put({ id: `i${n % 6}`, n })));
    expect(repo.get('i5')?.n).to.equal(59);
    expect(journal.stats.entries).to.equal(60);
    expect(journal.stats.batches, '60 concurrent writes share a few appends + fdatasyncs').to.be.below(10);
    expect(journal.holds(fileOf(dir, 'i5')), 'only the journal has it so far').to.equal(true);
    const journalText = await readFile(path.join(dir, 'journal', (await segments(dir))[0]!), 'utf8');
    expect(journalText.trim().split('\n')).to.have.length(60);

    await journal.checkpoint();
    expect(journal.holds(fileOf(dir, 'i5'))).to.equal(false);
    expect(await storedN(dir, 'i5')).to.equal(59);
    expect(await storedN(dir, 'i0')).to.equal(54);
    expect(await segments(dir), 'the checkpointed segment is gone').to.have.length(1);
    await journal.close();
    expect(await segments(dir)).to.deep.equal([]);
  });

  it('writes one journal line for a record removed by several callers at once, and none for a missing one', async () => {
    const { journal } = await Journal.open(dir);
    const repo = await openItems(dir, journal);
    await repo.put({ id: 'a', n: 1 });
    await journal.checkpoint();
    const before = journal.stats.entries;
    // Concurrent clean-ups of the same stale record: each resolves once the one removal is durable.
    await Promise.all([repo.remove('a'), repo.remove('a'), repo.remove('a')]);
    await repo.remove('a');
    await repo.remove('never-there');
    expect(journal.stats.entries - before, 'one removal written').to.equal(1);
    await journal.close();
    const second = await Journal.open(dir);
    const reopened = await openItems(dir, second.journal);
    expect(reopened.get('a')).to.equal(undefined);
    await second.journal.close();
  });

  it('replays what a killed process left, so a new process sees every acknowledged write', async () => {
    const first = await Journal.open(dir);
    const state = new LowdbStorage(path.join(dir, 'state'), { journal: first.journal });
    const repo = await new LowdbRepository('items', path.join(dir, 'records', 'items'), itemSchema, {
      journal: first.journal,
    }).open();
    await repo.put({ id: 'a', n: 1 });
    await repo.put({ id: 'a', n: 2 });
    await repo.put({ id: 'gone', n: 1 });
    await repo.remove('gone');
    await state.write({ 'conv/1': { step: 'apn' } });
    // No close(): the process "died" here.

    const second = await Journal.open(dir);
    expect(second.recovery).to.deep.equal({ replayed: 3, discarded: 0 });
    const reopened = await new LowdbRepository('items', path.join(dir, 'records', 'items'), itemSchema, {
      journal: second.journal,
    }).open();
    expect(reopened.get('a')?.n).to.equal(2);
    expect(reopened.get('gone')).to.equal(undefined);
    const read = await new LowdbStorage(path.join(dir, 'state'), { journal: second.journal }).read([
      'conv/1',
    ]);
    expect(read['conv/1']).to.include({ step: 'apn' });
    await second.journal.close();
  });

  it('rewrites a data file a crash tore mid-checkpoint (checkpoints overwrite in place) from the segment', async () => {
    const first = await Journal.open(dir);
    const repo = await new LowdbRepository('items', path.join(dir, 'records', 'items'), itemSchema, {
      journal: first.journal,
    }).open();
    await repo.put({ id: 'a', n: 1 });
    await first.journal.checkpoint();
    await repo.put({ id: 'a', n: 2 });
    // The process died while a checkpoint was overwriting the file: half of it is on disk, the segment is kept.
    const whole = await readFile(fileOf(dir, 'a'), 'utf8');
    await writeFile(fileOf(dir, 'a'), whole.slice(0, whole.length / 2));

    const second = await Journal.open(dir);
    expect(second.recovery.replayed).to.equal(1);
    const reopened = await new LowdbRepository('items', path.join(dir, 'records', 'items'), itemSchema, {
      journal: second.journal,
    }).open();
    expect(reopened.get('a')?.n).to.equal(2);
    await second.journal.close();
  });

  it('drops a torn append at the end of a segment and reports damage in the middle with file and line', async () => {
    const { journal } = await Journal.open(dir);
    const repo = await new LowdbRepository('items', path.join(dir, 'records', 'items'), itemSchema, {
      journal,
    }).open();
    await repo.put({ id: 'a', n: 1 });
    await repo.put({ id: 'b', n: 1 });
    const segment = path.join(dir, 'journal', (await segments(dir))[0]!);
    await appendFile(segment, '{"f":"records/items/a.json","v":{"format":"firstl');

    const recovered = await Journal.open(dir);
    expect(recovered.recovery).to.deep.equal({ replayed: 2, discarded: 1 });
    expect(await storedN(dir, 'a')).to.equal(1);
    await recovered.journal.close();

    // Damage followed by intact entries is not a crash mid-append: refuse, name segment and line.
    const good = encodeEnvelope('c', 'e1', { id: 'c', n: 7 }).text;
    const damaged = path.join(dir, 'journal', '00000009.log');
    await writeFile(
      damaged,
      `{"f":"records/items/c.json","v":${good}}\n{"f":"records/items/c.json","v":{"oops"\n{"f":"records/items/c.json","v":${good}}\n`,
    );
    let error: unknown;
    try {
      await Journal.open(dir);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(DataDirCorruptError);
    expect((error as Error).message)
      .to.include(damaged)
      .and.to.include('journal line 2');
    expect(await readdir(path.join(dir, 'journal')), 'the damaged segment is left for inspection').to.include(
      '00000009.log',
    );
  });

  it('refuses an entry whose checksum does not match, or that names a file outside DATA_DIR', async () => {
    const tampered = encodeEnvelope('c', 'e1', { id: 'c', n: 7 }).text.replace('"n":7', '"n":8');
    const journalDir = path.join(dir, 'journal');
    await mkdir(journalDir);
    const ok = encodeEnvelope('d', 'e1', { id: 'd', n: 1 }).text;
    await writeFile(
      path.join(journalDir, '00000001.log'),
      `{"f":"records/items/c.json","v":${tampered}}\n{"f":"records/items/d.json","v":${ok}}\n`,
    );
    let error: unknown;
    try {
      await Journal.open(dir);
    } catch (err) {
      error = err;
    }
    expect((error as Error).message)
      .to.include('journal line 1')
      .and.to.include('checksum mismatch');

    await writeFile(
      path.join(journalDir, '00000001.log'),
      `{"f":"../outside.json","v":${ok}}\n{"f":"records/items/d.json","v":${ok}}\n`,
    );
    error = undefined;
    try {
      await Journal.open(dir);
    } catch (err) {
      error = err;
    }
    expect((error as Error).message).to.include('outside DATA_DIR');
  });

  it('checkpoints in the background as segments fill, and never serves a stale file after eviction', async () => {
    const { journal } = await Journal.open(dir, { checkpointBytes: 4096 });
    const repo = await new LowdbRepository('items', path.join(dir, 'records', 'items'), itemSchema, {
      journal,
    }).open();
    const state = new LowdbStorage(path.join(dir, 'state'), { journal, cacheSize: 4 });
    for (let round = 0; round < 30; round += 1) {
      await Promise.all([
        ...Array.from({ length: 10 }, (_, i) => repo.put({ id: `i${i}`, n: round })),
        ...Array.from({ length: 10 }, (_, i) => state.write({ [`conv/${i}`]: { round } })),
      ]);
    }
    const read = await state.read(Array.from({ length: 10 }, (_, i) => `conv/${i}`));
    for (let i = 0; i < 10; i += 1) expect(read[`conv/${i}`], `conv/${i}`).to.include({ round: 29 });
    expect((await segments(dir)).length, 'old segments are deleted after their checkpoint').to.be.at.most(2);
    await journal.close();
    for (let i = 0; i < 10; i += 1) expect(await storedN(dir, `i${i}`)).to.equal(29);
  });

  it('rejects only the batch a disk failure hit, cuts its partial line off, and carries on', async () => {
    const faults = { write: 0, truncate: 0 };
    const io: JournalIo = {
      ...nodeJournalIo,
      // Half the batch reaches the file, then the disk fails (ENOSPC).
      write: async (fd, buffer, offset, length, position) => {
        if (faults.write === 0) return nodeJournalIo.write(fd, buffer, offset, length, position);
        faults.write -= 1;
        await nodeJournalIo.write(fd, buffer, offset, Math.floor(length / 2), position);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
      truncate: (fd, length) => {
        if (faults.truncate === 0) return nodeJournalIo.truncate(fd, length);
        faults.truncate -= 1;
        return Promise.reject(new Error('EIO: i/o error, ftruncate'));
      },
    };
    const { journal } = await Journal.open(dir, { io });
    const repo = await new LowdbRepository('items', path.join(dir, 'records', 'items'), itemSchema, {
      journal,
    }).open();
    await repo.put({ id: 'a', n: 1 });
    faults.write = 1;
    let error: Error | undefined;
    await repo.put({ id: 'a', n: 2 }).catch((err: Error) => (error = err));
    expect(error?.message).to.match(/ENOSPC/);
    expect(repo.get('a')?.n, 'the refused value is rolled back').to.equal(1);
    await repo.put({ id: 'b', n: 1 });

    // When the partial line cannot be cut off either, appends move to a new segment.
    faults.write = 1;
    faults.truncate = 1;
    await repo.put({ id: 'a', n: 3 }).catch(() => undefined);
    await repo.put({ id: 'c', n: 1 });
    expect(await segments(dir)).to.have.length(2);

    // The data files get exactly what was acknowledged, never a refused value.
    await journal.close();
    expect(await storedN(dir, 'a')).to.equal(1);
    expect(await storedN(dir, 'b')).to.equal(1);
    expect(await storedN(dir, 'c')).to.equal(1);
  });
});
