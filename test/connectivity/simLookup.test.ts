import { expect } from 'chai';
import { ControlCenterProvider } from '../../bot/connectivity/controlCenterProvider.js';
import { EmbeddedProvider } from '../../bot/connectivity/embeddedProvider.js';
import type { ConnectivityProvider } from '../../bot/connectivity/provider.js';
import { ProviderUnavailableError } from '../../bot/connectivity/providerError.js';
import { simResultsCard, fleetSummaryCard } from '../../bot/connectivity/simCard.js';
import { mergeFacts, SimLookupService, type SimReferences } from '../../bot/connectivity/simLookup.js';
import type { SimRecord } from '../../bot/connectivity/simRecord.js';
import type { Repository } from '../../bot/storage/repository.js';
import {
  CC_KEY,
  CC_USER,
  demoRecords,
  fileCatalogue,
  fileTexts,
  inventoryRepo,
  platformOnly,
  silentLogger,
  startFakeControlCenter,
  tempDir,
  SHIPPED_LANGUAGES,
} from './helpers.js';

const ACME = 'org-acme';
const refs = (r: Partial<SimReferences>): SimReferences => ({
  iccids: [],
  msisdns: [],
  lastDigits: [],
  ...r,
});
const iccid = (value: string) => ({ value, valid: true, raw: value });

describe('SimLookupService', () => {
  const now = new Date('2025-06-02T12:00:00.000Z');
  const text = fileTexts();
  const catalogue = fileCatalogue();
  let repo: Repository<SimRecord>;
  let cleanup: () => Promise<void>;
  const service = (provider: ConnectivityProvider) =>
    new SimLookupService(provider, repo, () => catalogue, silentLogger, {
      text,
      languages: () => SHIPPED_LANGUAGES,
      now: () => now,
    });

  before(async () => {
    const tmp = await tempDir();
    cleanup = tmp.cleanup;
    repo = await inventoryRepo(tmp.dir, demoRecords(now));
  });
  after(() => cleanup());

  it('finds an own SIM by ICCID with its findings and facts', async () => {
    const [r] = await service(new EmbeddedProvider(repo)).lookup(
      ACME,
      refs({ iccids: [iccid('8946070000000000027')] }),
    );
    expect(r?.outcome).to.equal('found');
    expect(r?.snapshot?.planName).to.equal('IoT Connect EU');
    expect(r?.findings.map((f) => f.code)).to.include('APN_MISMATCH');
    expect(r?.facts['finding.APN_MISMATCH']).to.equal(true);
  });

  it("another organisation's SIM is exactly as not found as a SIM that does not exist", async () => {
    let calls = 0;
    const embedded = new EmbeddedProvider(repo);
    const counting: ConnectivityProvider = {
      name: 'counting',
      getDevice: (i) => ((calls += 1), embedded.getDevice(i)),
      getSession: (i) => ((calls += 1), embedded.getSession(i)),
      getUsage: (i) => ((calls += 1), embedded.getUsage(i)),
    };
    const nordlysSim = '8946070000000000092';
    const nonexistent = '8946070000000000118';
    const [other] = await service(counting).lookup(ACME, refs({ iccids: [iccid(nordlysSim)] }));
    const [missing] = await service(counting).lookup(ACME, refs({ iccids: [iccid(nonexistent)] }));
    expect(calls).to.equal(0);
    expect(other).to.deep.equal({ ...missing, ref: nordlysSim });
    expect(other?.outcome).to.equal('not_found');
    expect(Object.keys(other ?? {}).sort()).to.deep.equal(Object.keys(missing ?? {}).sort());
    // The owner does see it.
    const [own] = await service(counting).lookup('org-nordlys', refs({ iccids: [iccid(nordlysSim)] }));
    expect(own?.outcome).to.equal('found');
  });

  it('an ICCID with a bad check digit is invalid, with a clear message', async () => {
    const [bad, short] = await service(new EmbeddedProvider(repo)).lookup(
      ACME,
      refs({
        iccids: [
          { value: '8946070000000000018', valid: false, raw: '8946 0700 0000 0000 018' },
          iccid('89460700'),
        ],
      }),
    );
    expect(bad).to.deep.include({ outcome: 'invalid', reason: 'bad_check_digit' });
    expect(short).to.deep.include({ outcome: 'invalid', reason: 'bad_length' });
    const card = JSON.stringify(simResultsCard([bad!], 'en', text));
    expect(card).to.contain('check digit is wrong');
  });

  it('maps MSISDN and last digits through our inventory; several matches are ambiguous', async () => {
    const results = await service(new EmbeddedProvider(repo)).lookup(
      ACME,
      refs({ msisdns: ['+46 70 123 40 19', '+4791234092'], lastDigits: ['4471', '471', '9999'] }),
    );
    expect(results.map((r) => [r.kind, r.outcome, r.iccid])).to.deep.equal([
      ['msisdn', 'found', '8946070000000000019'],
      ['msisdn', 'not_found', undefined], // Nordlys' number, asked by Acme
      ['last_digits', 'found', '8946070000000000027'],
      ['last_digits', 'ambiguous', undefined],
      ['last_digits', 'not_found', undefined],
    ]);
    expect(results[3]?.candidates).to.deep.equal(['8946…0027', '8946…0043']);
  });

  it('provider down → unavailable, never a throw', async () => {
    const down: ConnectivityProvider = {
      name: 'down',
      getDevice: () => Promise.reject(new ProviderUnavailableError('down', 'timeout', 'test')),
      getSession: () => Promise.reject(new ProviderUnavailableError('down', 'timeout', 'test')),
      getUsage: () => Promise.reject(new ProviderUnavailableError('down', 'timeout', 'test')),
    };
    const [r] = await service(down).lookup(ACME, refs({ iccids: [iccid('8946070000000000019')] }));
    expect(r).to.deep.include({ outcome: 'unavailable', iccid: '8946070000000000019' });
    expect(JSON.stringify(simResultsCard([r!], 'es', text))).to.contain('no están disponibles');
  });

  it('merges facts: one SIM its facts, several only what they agree on', async () => {
    const lookup = service(new EmbeddedProvider(repo));
    const one = await lookup.lookup(ACME, refs({ iccids: [iccid('8946070000000000035')] }));
    expect(mergeFacts(one)).to.include({ 'sim.count': 1, 'sim.known': true, 'sim.active': false });
    const three = await lookup.lookup(
      ACME,
      refs({ iccids: ['8946070000000000019', '8946070000000000035', '8946070000000000084'].map(iccid) }),
    );
    const merged = mergeFacts(three);
    expect(merged).to.include({ 'sim.count': 3, 'plan.name': 'IoT Connect EU' });
    expect(merged).not.to.have.property('sim.active');
    expect(mergeFacts([])).to.deep.equal({ 'sim.count': 0, 'sim.known': false });
  });

  it('summarises a whole fleet and renders cards', async () => {
    const summary = await service(new EmbeddedProvider(repo)).summariseFleet('org-nordlys');
    expect(summary.total).to.equal(31);
    expect(summary.byStatus).to.deep.equal({ active: 31 });
    expect(summary.byFinding).to.deep.equal({ HEALTHY: 30, NO_SESSION: 1 });
    const acme = await service(new EmbeddedProvider(repo)).summariseFleet(ACME, { service: 'data' });
    expect(acme.byStatus).to.deep.equal({ active: 7, inactive: 1 });
    expect(acme.byFinding.SIM_NOT_ACTIVE).to.equal(1);
    const card = fleetSummaryCard(summary, 'en', text);
    expect(card.version).to.equal('1.5');
    expect(JSON.stringify(card)).to.contain('No data session');
    const results = await service(new EmbeddedProvider(repo)).lookup(
      ACME,
      refs({ iccids: [iccid('8946070000000000019')] }),
    );
    const simCard = simResultsCard(results, 'en', text, now);
    expect(simCard.body.filter((b) => b.type === 'FactSet')).to.have.length(1);
    // The whole ICCID: the customer copies it into their own inventory (only their own SIMs reach a card).
    expect(JSON.stringify(simCard)).to.contain('8946070000000000019');
  });

  it('with Control Center, findings come from the platform alone: nothing drawn from the inventory', async function () {
    this.timeout(30_000);
    const fake = await startFakeControlCenter(demoRecords(now));
    const tmp = await tempDir();
    try {
      const cc = new ControlCenterProvider({
        baseUrl: fake.baseUrl,
        username: CC_USER,
        apiKey: CC_KEY,
        logger: silentLogger,
        ratePerSecond: 50,
      });
      // The embedded provider over the same SIMs minus what only our inventory knows.
      const platformRepo = await inventoryRepo(tmp.dir, demoRecords(now).map(platformOnly));
      const embedded = new SimLookupService(
        new EmbeddedProvider(platformRepo),
        platformRepo,
        () => catalogue,
        silentLogger,
        {
          text,
          languages: () => SHIPPED_LANGUAGES,
          now: () => now,
        },
      );
      const all = refs({
        iccids: [
          ...repo.list((r) => r.organisationId === ACME).map((r) => iccid(r.id)),
          iccid('8946070000000000092'),
        ],
        msisdns: ['+46701234019'],
        lastDigits: ['4471', '471'],
      });
      for (const svc of [undefined, 'data', 'sms', 'voice', 'csd'] as const) {
        const context = svc ? { service: svc } : {};
        const fromEmbedded = await embedded.lookup(ACME, all, context);
        const fromCc = await service(cc).lookup(ACME, all, context);
        expect(fromCc).to.deep.equal(fromEmbedded);
      }
      // The inventory says 027 asks for the wrong APN and 050 roams in Germany; Control Center does not.
      const [apn, roaming] = await service(cc).lookup(
        ACME,
        refs({ iccids: [iccid('8946070000000000027'), iccid('8946070000000000050')] }),
      );
      expect(apn?.findings.map((f) => f.code)).to.not.include('APN_MISMATCH');
      expect(roaming?.findings.map((f) => f.code)).to.not.include('ROAMING_NOT_ALLOWED');
      expect(roaming?.snapshot?.device.lastCountry).to.equal(undefined);
      expect(fake.requests.length).to.be.greaterThan(20);
    } finally {
      await fake.close();
      await tmp.cleanup();
    }
  });
});
