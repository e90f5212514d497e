import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { verifyDataDir } from '../../bot/storage/dataDir.js';
import { DataDirCorruptError } from '../../bot/storage/errors.js';
import { Journal } from '../../bot/storage/journal.js';
import { LowdbStorage } from '../../bot/storage/lowdbStorage.js';
import { LowdbRepository } from '../../bot/storage/repository.js';

const itemSchema = z.object({ id: z.string(), n: z.number(), pad: z.string() });

describe('storage durability', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fl-durable-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  for (const mode of ['files', 'journal'] as const) {
    it(`keeps every acknowledged write when the writer is killed with SIGKILL mid-write (${mode})`, async function () {
      this.timeout(60_000);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/storage/fixtures/writer.ts', dir, mode],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const lastAck = new Map<string, number>();
      let acks = 0;
      let buffered = '';
      await new Promise<void>((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', () => resolve());
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) {
            const [, id, n] = line.split(' ');
            if (id && n) {
              lastAck.set(id, Number(n));
              acks += 1;
            }
          }
          if (acks >= 400 && !child.killed) child.kill('SIGKILL');
        });
      });
      expect(acks).to.be.at.least(400);
      if (mode === 'journal') {
        const { journal, recovery } = await Journal.open(dir);
        await journal.close();
        expect(recovery.replayed, 'the journal held writes not yet checkpointed').to.be.greaterThan(0);
      }
      await verifyDataDir(dir);
      const repo = await new LowdbRepository('items', `${dir}/records/items`, itemSchema).open();
      for (const [id, n] of lastAck) {
        expect(repo.get(id)?.n, `record ${id}`).to.be.at.least(n);
      }
      const state = await new LowdbStorage(`${dir}/state`).read(['conv/0-0']);
      expect(state['conv/0-0']).to.have.property('n');
      const leftovers = (await readdir(`${dir}/records/items`)).filter((f) => f.endsWith('.tmp'));
      expect(leftovers, 'temp files are cleaned at start-up').to.deep.equal([]);
    });
  }

  it('reports a torn or edited file at start-up with its path instead of starting empty', async () => {
    const repo = await new LowdbRepository('items', `${dir}/records/items`, itemSchema).open();
    await repo.put({ id: 'a', n: 1, pad: '' });
    await repo.put({ id: 'b', n: 2, pad: '' });
    const torn = path.join(dir, 'records/items/a.json');
    await writeFile(torn, '{"format":"firstline/1","key":"a","et');
    const edited = path.join(dir, 'records/items/b.json');
    const text = JSON.stringify({
      format: 'firstline/1',
      key: 'b',
      etag: 'x',
      updatedAt: '',
      checksum: '0'.repeat(64),
      data: { id: 'b', n: 3, pad: '' },
    });
    await writeFile(edited, text);
    let error: unknown;
    try {
      await verifyDataDir(dir);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(DataDirCorruptError);
    const message = (error as Error).message;
    expect(message).to.include(torn).and.to.include('not valid JSON');
    expect(message).to.include(edited).and.to.include('checksum mismatch');
  });

  it('refuses to open a repository whose record fails its schema, naming the file', async () => {
    const loose = await new LowdbRepository(
      'loose',
      `${dir}/records/x`,
      z.object({ id: z.string() }).loose(),
    ).open();
    await loose.put({ id: 'r1' });
    let error: Error | undefined;
    try {
      await new LowdbRepository('items', `${dir}/records/x`, itemSchema).open();
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).to.include('r1.json').and.to.include('invalid items record');
  });

  it('reads each record file once at start-up: repositories take what the data-directory check read', async () => {
    const repo = await new LowdbRepository('items', `${dir}/records/items`, itemSchema).open();
    await repo.put({ id: 'a', n: 1, pad: '' });
    await new LowdbStorage(`${dir}/state`).write({ 'conv/1': { n: 1 } });
    const verified = await verifyDataDir(dir);
    expect(verified.count).to.equal(2);
    // Changed after the check: a repository opened with the check's result does not read the file again.
    await writeFile(path.join(dir, 'records/items/a.json'), 'not read again');
    const reopened = await new LowdbRepository('items', `${dir}/records/items`, itemSchema).open(verified);
    expect(reopened.get('a')?.n).to.equal(1);
    expect(verified.take(path.join(dir, 'records/items/a.json')), 'taken once').to.equal(undefined);
  });
});
