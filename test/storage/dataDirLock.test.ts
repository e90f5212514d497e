import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect } from 'chai';
import { DataDirInUseError, DataDirLock } from '../../bot/storage/dataDirLock.js';
import { remount, useTmpfs } from '../helpers/tmpfs.js';

const CONTENDERS = 64;
const LOCK = 'firstline.lock';

/** One contender process and the lines it printed, awaited one by one. */
interface Contender {
  child: ChildProcessByStdio<Writable, Readable, null>;
  next(): Promise<string>;
}

function startContender(): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/storage/fixtures/lockContender.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  return {
    child,
    next: () => {
      const line = lines.shift();
      return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** The pid of a process that has exited (its lock is stale). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('data directory lock: one process per DATA_DIR', function () {
  this.timeout(120_000);
  let root: string;
  const contenders: Contender[] = [];

  before(async function () {
    // Starting 64 Node processes is slow on a loaded 2-core machine; the race itself is not timed.
    this.timeout(600_000);
    root = await mkdtemp(path.join(tmpdir(), 'fl-lock-'));
    for (let i = 0; i < CONTENDERS; i += 1) contenders.push(startContender());
    expect(await Promise.all(contenders.map((c) => c.next()))).to.deep.equal(Array(CONTENDERS).fill('ready'));
  });
  after(async () => {
    for (const c of contenders) c.child.stdin.end();
    const running = contenders.filter((c) => c.child.exitCode === null && c.child.signalCode === null);
    await Promise.all(running.map((c) => new Promise((resolve) => c.child.once('exit', resolve))));
    await rm(root, { recursive: true, force: true });
  });

  /** All contenders try `dir` at once: exactly one wins and the others name it; then it releases. */
  async function race(dir: string): Promise<void> {
    for (const c of contenders) c.child.stdin.write(`go ${dir}\n`);
    const results = await Promise.all(contenders.map((c) => c.next()));
    const winners = contenders.filter((_, i) => results[i] === 'won');
    expect(winners, `outcomes: ${[...new Set(results)].join(', ')}`).to.have.length(1);
    const winner = winners[0]!;
    expect(results.filter((r) => r !== 'won')).to.deep.equal(
      Array(CONTENDERS - 1).fill(`busy ${winner.child.pid}`),
    );
    const content = JSON.parse(await readFile(path.join(dir, LOCK), 'utf8')) as { pid: number };
    expect(content.pid).to.equal(winner.child.pid);
    // While it lives, nobody else gets in — this process neither.
    let refused: unknown;
    await DataDirLock.acquire(dir).catch((err: unknown) => (refused = err));
    expect(refused).to.be.instanceOf(DataDirInUseError);
    winner.child.stdin.write('release\n');
    expect(await winner.next()).to.equal('released');
    const leftovers = (await readdir(dir)).filter((name) => name !== LOCK);
    expect(leftovers, 'no temporary or takeover files are left behind').to.deep.equal([]);
    const after = await DataDirLock.acquire(dir);
    await after.release();
  }

  it(`${CONTENDERS} processes start at once on a fresh directory: exactly one gets it`, async () => {
    await race(path.join(root, 'fresh'));
  });

  it(`${CONTENDERS} processes take over a lock left by a killed process: exactly one gets it`, async () => {
    const dir = path.join(root, 'stale');
    await mkdir(dir);
    await writeFile(path.join(dir, LOCK), String(await deadPid()));
    await race(dir);
  });

  it(`${CONTENDERS} processes take over an empty lock file (a process killed while writing it)`, async () => {
    const dir = path.join(root, 'empty');
    await mkdir(dir);
    await writeFile(path.join(dir, LOCK), '');
    await race(dir);
  });

  it('a process killed in the middle of a takeover does not block the next one', async () => {
    const dir = path.join(root, 'takeover');
    await mkdir(dir);
    const stale = JSON.stringify({ pid: await deadPid(), started: 1, nonce: 'a' });
    await writeFile(path.join(dir, LOCK), stale);
    const marker = `${LOCK}.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
    await writeFile(path.join(dir, marker), JSON.stringify({ pid: await deadPid(), started: 1, nonce: 'b' }));
    await race(dir);
  });
});

describe('data directory lock: a directory that cannot be written', function () {
  this.timeout(30_000);
  // As root only a read-only mount refuses writes, so this needs mount(8).
  const disk = useTmpfs('1m');

  it('names the directory and EROFS instead of "could not lock", with or without a stale lock in it', async () => {
    const withStale = path.join(disk.dir(), 'with-stale');
    await mkdir(withStale);
    await writeFile(path.join(withStale, LOCK), String(await deadPid()));
    await mkdir(path.join(disk.dir(), 'empty'));
    await remount(disk.dir(), 'ro');
    try {
      for (const dir of [withStale, path.join(disk.dir(), 'empty')]) {
        let error: Error | undefined;
        await DataDirLock.acquire(dir).catch((err: Error) => (error = err));
        expect(error?.message)
          .to.include(dir)
          .and.to.match(/EROFS|read-only/)
          .and.not.match(/could not lock/);
      }
    } finally {
      await remount(disk.dir(), 'rw');
    }
  });
});
