import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Conversation, allText } from '../helpers/conversation.js';
import { apiGet } from '../helpers/cases.js';
import { killHard, runChildToExit, startChildServer } from '../helpers/childServer.js';
import { startTestServer } from '../helpers/server.js';
import { describeOn, dropStorage, storageEnv } from '../helpers/testStorage.js';

const ADMIN = 'k'.repeat(32);

describe('crash safety of the real server', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'firstline-crash-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await dropStorage(dataDir);
  });

  it('keeps every acknowledged case when the server is killed with SIGKILL mid-write', async function () {
    this.timeout(120_000);
    const child = await startChildServer({
      DATA_DIR: dataDir,
      DATA_FSYNC: 'true',
      ...(await storageEnv(dataDir)),
    });
    const acknowledged = new Set<string>();
    let stop = false;
    const customer = async (n: number): Promise<void> => {
      for (let i = 0; !stop; i += 1) {
        const c = new Conversation(child.baseUrl, { userId: 'demo-user', conversationId: `crash-${n}-${i}` });
        try {
          const replies = await c.say(`our trackers have no data since this morning, site ${n}-${i}`);
          const caseId = /CS-\d+/.exec(allText(replies))?.[0];
          if (caseId) acknowledged.add(caseId);
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, n) => customer(n));
    while (acknowledged.size < 40) await new Promise((r) => setTimeout(r, 20));
    await killHard(child);
    stop = true;
    await Promise.all(workers);
    expect(acknowledged.size).to.be.at.least(40);

    const restarted = await startTestServer({ ADMIN_TOKEN: ADMIN }, dataDir);
    try {
      for (const id of acknowledged) {
        const response = await apiGet(restarted.baseUrl, `/api/cases/${id}`, ADMIN);
        expect(response.status, `case ${id} acknowledged before the kill`).to.equal(200);
      }
      const next = allText(
        await new Conversation(restarted.baseUrl, { userId: 'demo-user' }).say('no data on my meters'),
      );
      const newId = Number(/CS-(\d+)/.exec(next)?.[1]);
      const highest = Math.max(...[...acknowledged].map((id) => Number(id.slice(3))));
      expect(newId, 'case numbers are never reused after a crash').to.be.greaterThan(highest);
    } finally {
      await restarted.stop();
    }
  });

  describeOn('lowdb', 'data files')('data files', () => {
    it('refuses to start on a corrupted data file and names it, leaving the data untouched', async function () {
      this.timeout(60_000);
      const first = await startTestServer({}, dataDir);
      await new Conversation(first.baseUrl, { userId: 'demo-user' }).say('no data on 8946070000000000019');
      await first.stop();
      const casesDir = path.join(dataDir, 'records', 'cases');
      const [file] = (await readdir(casesDir)).filter((f) => f.endsWith('.json'));
      expect(file).to.be.a('string');
      const target = path.join(casesDir, file as string);
      await writeFile(target, '{"format":"firstline/1","key":"CS-10001","etag":"abc","data":{"id":"CS-1');

      const result = await runChildToExit({ DATA_DIR: dataDir });
      expect(result.code).to.equal(1);
      expect(result.stderr).to.include(target).and.to.include('not valid JSON');
      expect(result.stderr).to.match(/refusing to start/);
      const again = await runChildToExit({ DATA_DIR: dataDir });
      expect(again.code, 'still refused: nothing was replaced by an empty database').to.equal(1);
    });
  });
});
