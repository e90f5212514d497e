import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { encodeEnvelope } from '../../bot/storage/durableJsonFile.js';
import { Journal } from '../../bot/storage/journal.js';
import { journalLine } from '../../bot/storage/journalSegment.js';
import { LowdbRepository } from '../../bot/storage/repository.js';
import { runChildToExit } from '../helpers/childServer.js';

const itemSchema = z.object({ id: z.string(), n: z.number() });
const itemsDir = (dir: string) => path.join(dir, 'records', 'items');

/** `npm run data:recover -- --data-dir <dir>`, as the README tells an operator. */
function recover(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', ['run', '--silent', 'data:recover', '--', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('recovering a journal with a damaged line (npm run data:recover)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fl-recover-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('start-up names segment and line and the command; the command keeps every intact acknowledged write', async () => {
    // Acknowledged writes left in the journal by a process that was killed (no close, no checkpoint).
    const { journal } = await Journal.open(dir, { fsync: false });
    const repo = await new LowdbRepository('items', itemsDir(dir), itemSchema, { journal }).open();
    for (let n = 1; n <= 6; n += 1) await repo.put({ id: `i${n}`, n });
    await repo.put({ id: 'i2', n: 20 });
    await repo.put({ id: 'i3', n: 30 });
    const [segmentName] = await readdir(path.join(dir, 'journal'));
    const segment = path.join(dir, 'journal', segmentName!);
    const lines = (await readFile(segment, 'utf8')).split('\n');
    // Line 3 (i3 = 3) rots on disk; then what the old short-write bug left: a torn line, NUL bytes, a good line.
    lines[2] = lines[2]!.replace('"n":3', '"n":9');
    const torn = lines[5]!.slice(0, 40);
    const goodAfterNuls = journalLine(
      'records/items/i7.json',
      encodeEnvelope('i7', 'e7', { id: 'i7', n: 7 }).text,
    );
    await writeFile(segment, lines.join('\n'));
    await appendFile(segment, `${torn}${'\u0000'.repeat(300)}${goodAfterNuls}`);
    const damaged = await readFile(segment);

    const refused = await runChildToExit({ DATA_DIR: dir });
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include(segment).and.to.include('journal line 3');
    expect(refused.stderr).to.include(`npm run data:recover -- --data-dir ${dir}`);

    const run = await recover(dir);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include(`${segment} line 3: dropped`).and.to.include('records/items/i3.json');
    expect(run.stdout).to.match(/line 9: kept the entry after 300 NUL bytes/);
    const aside = run.stdout.match(/original moved to (\S+)/)?.[1];
    expect(aside, run.stdout).to.be.a('string');
    expect(await readFile(aside!)).to.deep.equal(damaged);

    // A second run finds nothing to do; start-up now succeeds with every intact write.
    expect((await recover(dir)).stdout).to.include('nothing to recover');
    const { journal: reopened, recovery } = await Journal.open(dir, { fsync: false });
    const items = await new LowdbRepository('items', itemsDir(dir), itemSchema, { journal: reopened }).open();
    expect(recovery.discarded).to.equal(0);
    expect(
      items
        .list()
        .map((i) => [i.id, i.n])
        .sort(),
    ).to.deep.equal([
      ['i1', 1],
      ['i2', 20],
      ['i3', 30],
      ['i4', 4],
      ['i5', 5],
      ['i6', 6],
      ['i7', 7],
    ]);
    await reopened.close();
  });
});
