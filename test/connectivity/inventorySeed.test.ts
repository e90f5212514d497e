import { expect } from 'chai';
import { EmbeddedProvider } from '../../bot/connectivity/embeddedProvider.js';
import { seedInventoryIfEmpty } from '../../bot/connectivity/inventorySeed.js';
import { luhnValid } from '../../bot/nlu/luhn.js';
import { demoRecords, INVENTORY_FILE, inventoryRepo, silentLogger, tempDir } from './helpers.js';

describe('demo inventory', () => {
  it('has Luhn-valid ICCIDs and IMEIs, unique MSISDN endings, and the named SIMs', () => {
    const records = demoRecords(new Date());
    for (const r of records) {
      expect(luhnValid(r.id), r.id).to.equal(true);
      expect(luhnValid(r.imei ?? ''), `${r.id} IMEI`).to.equal(true);
      expect(r.imsi).to.match(/^24007\d{10}$/);
    }
    const endings = records.map((r) => r.msisdn?.slice(-4));
    expect(new Set(endings).size).to.equal(records.length);
    const named = records.filter((r) => r.id.startsWith('89460700000000000') || r.id.endsWith('100'));
    expect(named.map((r) => r.id)).to.include.members([
      '8946070000000000019',
      '8946070000000000027',
      '8946070000000000035',
      '8946070000000000043',
      '8946070000000000050',
      '8946070000000000068',
      '8946070000000000076',
      '8946070000000000084',
      '8946070000000000092',
      '8946070000000000100',
    ]);
  });

  it('turns relative times into absolute dates at seed time, once', async () => {
    const tmp = await tempDir();
    try {
      const now = new Date('2030-01-10T00:00:00.000Z');
      const repo = await inventoryRepo(tmp.dir);
      expect(await seedInventoryIfEmpty(repo, INVENTORY_FILE, silentLogger, now)).to.equal(40);
      expect(await seedInventoryIfEmpty(repo, INVENTORY_FILE, silentLogger, now)).to.equal(0);
      const session = await new EmbeddedProvider(repo).getSession('8946070000000000027');
      expect(session?.dateSessionEnded).to.equal('2030-01-07T00:00:00.000Z');
      const device = await new EmbeddedProvider(repo).getDevice('8946070000000000050');
      expect(device).to.deep.include({ lastCountry: 'DE', lastOperator: 'Telekom.de', status: 'active' });
    } finally {
      await tmp.cleanup();
    }
  });
});
