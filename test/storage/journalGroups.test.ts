import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { encodeEnvelope } from '../../bot/storage/durableJsonFile.js';
import { DataDirCorruptError } from '../../bot/storage/errors.js';
import { Journal } from '../../bot/storage/journal.js';
import { JOURNAL_DIR, journalGroupLine, journalLine, segmentName } from '../../bot/storage/journalSegment.js';
import { describeOn } from '../helpers/testStorage.js';

const text = (key: string, n: number) => encodeEnvelope(key, `e${n}`, { id: key, n }).text;
const rel = (key: string) => `records/items/${key}.json`;

describeOn('lowdb', "the journal's group lines")(
  'journal: a transaction is one line, replayed whole or not at all',
  () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'fl-journal-group-'));
      await mkdir(path.join(dir, JOURNAL_DIR), { recursive: true });
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    const stored = async (key: string): Promise<number | undefined> => {
      try {
        return (JSON.parse(await readFile(path.join(dir, rel(key)), 'utf8')) as { data: { n: number } }).data
          .n;
      } catch {
        return undefined;
      }
    };

    it('replays a complete group and drops a group torn at the end of the segment entirely', async () => {
      const torn = journalGroupLine([
        [rel('c'), text('c', 3)],
        [rel('d'), text('d', 3)],
      ]);
      await writeFile(
        path.join(dir, JOURNAL_DIR, segmentName(1)),
        journalLine(rel('a'), text('a', 1)) +
          journalGroupLine([
            [rel('a'), text('a', 2)],
            [rel('b'), text('b', 2)],
          ]) +
          torn.slice(0, torn.length - 40),
      );
      const { journal, recovery } = await Journal.open(dir, { fsync: false });
      await journal.close();
      expect(recovery).to.deep.equal({ replayed: 2, discarded: 1 });
      expect([await stored('a'), await stored('b'), await stored('c'), await stored('d')]).to.deep.equal([
        2,
        2,
        undefined,
        undefined,
      ]);
    });

    it('refuses to start on a damaged group followed by intact lines, naming the segment and line', async () => {
      const segment = path.join(dir, JOURNAL_DIR, segmentName(1));
      const damaged = journalGroupLine([[rel('a'), text('a', 1).replace('"n":1', '"n":9')]]);
      await writeFile(segment, damaged + journalLine(rel('b'), text('b', 1)));
      let error: unknown;
      try {
        await Journal.open(dir, { fsync: false });
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(DataDirCorruptError);
      expect((error as Error).message)
        .to.include(segment)
        .and.include('journal line 1: group entry 1: checksum mismatch');
    });

    it('appends a group as one acknowledged line', async () => {
      const { journal } = await Journal.open(dir, { fsync: false });
      await journal.appendAll([
        [path.join(dir, rel('a')), text('a', 5)],
        [path.join(dir, rel('b')), null],
      ]);
      expect(journal.stats).to.include({ batches: 1, entries: 2 });
      const segment = await readFile(path.join(dir, JOURNAL_DIR, segmentName(1)), 'utf8');
      expect(segment.split('\n').filter(Boolean)).to.have.length(1);
      await journal.close();
      expect(await stored('a')).to.equal(5);
    });
  },
);
