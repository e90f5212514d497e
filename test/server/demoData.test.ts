import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../bot/config.js';
import { SIM_COLLECTION } from '../../bot/connectivity/simRecord.js';
import { ORGANISATION_COLLECTION, USER_COLLECTION } from '../../bot/directory/schemas.js';
import { startTestServer } from '../helpers/server.js';
import { dropStorage, openTestStores } from '../helpers/testStorage.js';

const PRODUCTION = {
  MicrosoftAppId: '00000000-0000-0000-0000-00000000d3m0',
  MicrosoftAppPassword: 'not-used',
  DIRECT_LINE_TOKEN_KEY: 'demo-data-test-direct-line-token-key-0123',
};

/** How many records of each seeded kind a (stopped) server's store holds, and whether demo-agent is one. */
async function seeded(
  dataDir: string,
): Promise<{ counts: { organisations: number; users: number; sims: number }; demoAgent: boolean }> {
  const stores = await openTestStores(dataDir);
  try {
    const users = await stores.open(USER_COLLECTION);
    return {
      counts: {
        organisations: (await stores.open(ORGANISATION_COLLECTION)).size,
        users: users.size,
        sims: (await stores.open(SIM_COLLECTION)).size,
      },
      demoAgent: users.get('demo-agent') !== undefined,
    };
  } finally {
    await stores.close();
  }
}

describe('demo data is seeded only in local mode or when DEMO_DATA=true', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'firstline-demo-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await dropStorage(dataDir);
  });

  it('DEMO_DATA defaults to local mode', () => {
    expect(loadConfig({}).demoData).to.equal(true);
    expect(loadConfig(PRODUCTION).demoData).to.equal(false);
    expect(loadConfig({ ...PRODUCTION, DEMO_DATA: 'true' }).demoData).to.equal(true);
    expect(loadConfig({ DEMO_DATA: 'false' }).demoData).to.equal(false);
  });

  const cases: Array<[string, Record<string, string>, boolean]> = [
    ['local mode', {}, true],
    ['with MicrosoftAppId (production)', PRODUCTION, false],
    ['with MicrosoftAppId and DEMO_DATA=true', { ...PRODUCTION, DEMO_DATA: 'true' }, true],
    ['in local mode with DEMO_DATA=false', { DEMO_DATA: 'false' }, false],
  ];
  for (const [name, env, expected] of cases) {
    it(`${expected ? 'seeds' : 'does not seed'} the demo directory (demo-agent included) and SIMs ${name}`, async () => {
      const server = await startTestServer(env, dataDir);
      await server.stop();
      const { counts, demoAgent } = await seeded(dataDir);
      if (expected) {
        expect(counts.organisations).to.be.greaterThan(0);
        expect(counts.sims).to.be.at.least(40);
        expect(demoAgent).to.equal(true);
      } else {
        expect(counts).to.deep.equal({ organisations: 0, users: 0, sims: 0 });
      }
    });
  }
});
