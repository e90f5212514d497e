import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { COUNTER_COLLECTION } from '../../bot/cases/caseCounter.js';
import { caseIdIn } from '../helpers/cases.js';
import { Conversation } from '../helpers/conversation.js';
import { apiPost } from '../helpers/incidents.js';
import { startTestServer } from '../helpers/server.js';
import { dropStorage, openTestStores } from '../helpers/testStorage.js';

const ADMIN = 'c'.repeat(32);

async function openCase(baseUrl: string, site: string): Promise<string> {
  return caseIdIn(
    await new Conversation(baseUrl, { userId: 'demo-user' }).say(`no data on our trackers at ${site}`),
  );
}

async function declare(baseUrl: string, title: string): Promise<string> {
  const declared = await apiPost(baseUrl, '/api/incidents', { title, scope: { countries: ['JP'] } }, ADMIN);
  expect(declared.status, JSON.stringify(declared.body)).to.equal(201);
  return declared.body.incident.id;
}

const numberOf = (id: string) => Number(/\d+$/.exec(id)?.[0]);

describe('case and incident numbers after the counter file is lost or restored from an old backup', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'firstline-counters-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await dropStorage(dataDir);
  });

  for (const damage of ['missing', 'behind'] as const) {
    it(`continues above the highest stored id when the counter is ${damage}`, async () => {
      const first = await startTestServer({ ADMIN_TOKEN: ADMIN }, dataDir);
      const cases = [await openCase(first.baseUrl, 'A'), await openCase(first.baseUrl, 'B')];
      const incidents = [await declare(first.baseUrl, 'one'), await declare(first.baseUrl, 'two')];
      await first.stop();

      const stores = await openTestStores(dataDir);
      const counters = await stores.open(COUNTER_COLLECTION);
      for (const key of ['cases', 'incidents']) {
        if (damage === 'missing') await counters.remove(key);
        else await counters.put({ id: key, next: key === 'cases' ? 10001 : 1001 });
      }
      await stores.close();

      const second = await startTestServer({ ADMIN_TOKEN: ADMIN }, dataDir);
      try {
        const next = await openCase(second.baseUrl, 'C');
        expect(numberOf(next)).to.equal(Math.max(...cases.map(numberOf)) + 1);
        const nextIncident = await declare(second.baseUrl, 'three');
        expect(numberOf(nextIncident)).to.equal(Math.max(...incidents.map(numberOf)) + 1);
      } finally {
        await second.stop();
      }
    });
  }
});
