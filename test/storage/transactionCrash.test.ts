import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { z } from 'zod';
import { storeUnderTest, type StoreUnderTest } from '../helpers/storeUnderTest.js';
import { databaseUrl, TEST_STORAGE } from '../helpers/testStorage.js';

const schema = z.object({ id: z.string(), n: z.number(), pad: z.string() });

describe(`transactions across a crash (${TEST_STORAGE})`, () => {
  let store: StoreUnderTest;
  beforeEach(async () => {
    store = await storeUnderTest();
  });
  afterEach(() => store.cleanup());

  it('never leaves half a transaction when the writer is killed with SIGKILL mid-commit', async function () {
    this.timeout(90_000);
    // The database exists once a store was opened on it (then the child shares it).
    const first = await store.open();
    const url = first.pool
      ? databaseUrl(String(await first.pool.query('SELECT current_database() AS d').then((r) => r.rows[0].d)))
      : '';
    await first.close();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/storage/fixtures/txWriter.ts', store.kind, store.dataDir, url],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let acked = 0;
    let killing = false;
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('ack ')) acked = Number(line.slice(4));
        // At a random point of a later transaction, so the kill lands anywhere in a commit.
        if (acked >= 150 && !killing) {
          killing = true;
          setTimeout(() => child.kill('SIGKILL'), Math.random() * 15);
        }
      });
    });
    expect(acked).to.be.at.least(150);

    const after = await store.open();
    const left = await after.open({ name: 'pairLeft', schema });
    const right = await after.open({ name: 'pairRight', schema });
    const doc = await after.documents<{ n: number }>('pairDocs').get('d');
    const values = [
      ...['r0', 'r1', 'r2', 'r3'].map((id) => left.get(id)?.n),
      doc?.data.n,
      ...['r0', 'r1', 'r2', 'r3'].map((id) => right.get(id)?.n),
    ];
    const n = values[0] as number;
    expect(values, 'every write of the last transaction, or none of it').to.deep.equal(Array(9).fill(n));
    expect(n, 'every acknowledged transaction is there').to.be.at.least(acked);
    expect(n, 'at most the one in flight on top').to.be.at.most(acked + 1);
  });
});
