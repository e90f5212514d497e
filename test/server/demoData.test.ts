import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../bot/config.js';
import { startTestServer } from '../helpers/server.js';

const PRODUCTION = {
  MicrosoftAppId: '00000000-0000-0000-0000-00000000d3m0',
  MicrosoftAppPassword: 'not-used',
  DIRECT_LINE_TOKEN_KEY: 'demo-data-test-direct-line-token-key-0123',
};

/** How many records of each seeded kind a data directory holds. */
async function seeded(dataDir: string): Promise<{ organisations: number; users: number; sims: number }> {
  const count = async (name: string) =>
    (await readdir(path.join(dataDir, 'records', name)).catch(() => [])).filter((f) => f.endsWith('.json'))
      .length;
  return {
    organisations: await count('organisations'),
    users: await count('users'),
    sims: await count('sims'),
  };
}

describe('demo data is seeded only in local mode or when DEMO_DATA=true', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'firstline-demo-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

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
      const counts = await seeded(dataDir);
      const users = await readdir(path.join(dataDir, 'records', 'users')).catch(() => []);
      if (expected) {
        expect(counts.organisations).to.be.greaterThan(0);
        expect(counts.sims).to.be.at.least(40);
        expect(users).to.include('demo-agent.json');
      } else {
        expect(counts).to.deep.equal({ organisations: 0, users: 0, sims: 0 });
      }
    });
  }
});
