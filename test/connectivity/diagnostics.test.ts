import { expect } from 'chai';
import { diagnose, type Service } from '../../bot/connectivity/diagnostics.js';
import { EmbeddedProvider } from '../../bot/connectivity/embeddedProvider.js';
import { planNameOf } from '../../bot/connectivity/provider.js';
import type { SimRecord } from '../../bot/connectivity/simRecord.js';
import { FINDING_CODES } from '../../bot/domain/findings.js';
import {
  demoRecords,
  fileCatalogue,
  fileCountries,
  fileTexts,
  inventoryRepo,
  SHIPPED_LANGUAGES,
  tempDir,
} from './helpers.js';

describe('diagnostics on the demo SIMs', () => {
  const now = new Date('2025-06-02T12:00:00.000Z');
  const text = fileTexts();
  const catalogue = fileCatalogue();
  const countries = fileCountries();
  let provider: EmbeddedProvider;
  let cleanup: () => Promise<void>;

  before(async () => {
    const tmp = await tempDir();
    cleanup = tmp.cleanup;
    provider = new EmbeddedProvider(await inventoryRepo(tmp.dir, demoRecords(now)));
  });
  after(() => cleanup());

  async function run(iccid: string, service?: Service, customerApn?: string) {
    const device = await provider.getDevice(iccid);
    if (!device) throw new Error(`no demo SIM ${iccid}`);
    const name = planNameOf(device);
    return diagnose({
      device,
      session: await provider.getSession(iccid),
      usage: await provider.getUsage(iccid),
      plan: name ? catalogue.getPlan(name) : undefined,
      planCatalogue: catalogue,
      now,
      text,
      languages: SHIPPED_LANGUAGES,
      countries,
      ...(service ? { service } : {}),
      ...(customerApn ? { customerApn } : {}),
    });
  }
  const codes = (d: { findings: Array<{ code: string }> }) => d.findings.map((f) => f.code);

  it('healthy SIM → HEALTHY, session facts and plan facts', async () => {
    const d = await run('8946070000000000019', 'data');
    expect(codes(d)).to.deep.equal(['HEALTHY']);
    expect(d.facts).to.include({
      'sim.status': 'active',
      'sim.active': true,
      'sim.dataLimitReached': false,
      'plan.name': 'IoT Connect EU',
      'plan.known': true,
      'plan.apn': 'iot.firstline.example',
      'session.active': true,
      'session.hoursSinceLast': 0,
      'apn.matchesPlan': true,
      'roaming.country': 'SE',
      'roaming.abroad': false,
      'roaming.allowed': true,
      'finding.HEALTHY': true,
    });
    expect(d.findings[0]?.nextStep.en).to.contain('AT+CEREG?');
  });

  it('APN mismatch names the plan APN and the AT command, and the 3-day-old session', async () => {
    const d = await run('8946070000000000027', 'data');
    expect(codes(d)).to.deep.equal(['APN_MISMATCH', 'NO_SESSION']);
    const mismatch = d.findings[0]!;
    expect(mismatch.details).to.deep.equal({ apn: 'internet', planApn: 'iot.firstline.example' });
    expect(mismatch.nextStep.en).to.contain('AT+CGDCONT=1,"IP","iot.firstline.example"');
    expect(mismatch.nextStep.es).to.contain('iot.firstline.example');
    expect(d.findings[1]?.explanation.en).to.contain('3 days ago');
    expect(d.findings[1]?.explanation.es).to.contain('hace 3 días');
    expect(d.facts).to.include({
      'apn.requested': 'internet',
      'apn.matchesPlan': false,
      'session.hoursSinceLast': 72,
    });
  });

  it('the customer-stated APN wins over the requested one', async () => {
    const d = await run('8946070000000000019', 'data', 'internet.example');
    expect(codes(d)).to.deep.equal(['APN_MISMATCH']);
    expect(d.facts['apn.device']).to.equal('internet.example');
  });

  it('deactivated SIM → SIM_NOT_ACTIVE only', async () => {
    const d = await run('8946070000000000035', 'data');
    expect(codes(d)).to.deep.equal(['SIM_NOT_ACTIVE']);
    expect(d.findings[0]?.severity).to.equal('critical');
    expect(d.findings[0]?.explanation.en).to.contain('DEACTIVATED');
    expect(d.facts).to.include({
      'sim.active': false,
      'sim.status': 'inactive',
      'finding.SIM_NOT_ACTIVE': true,
    });
  });

  it('limit reached → DATA_LIMIT_REACHED with used and plan limit', async () => {
    const d = await run('8946070000000000043', 'data');
    expect(codes(d)[0]).to.equal('DATA_LIMIT_REACHED');
    expect(d.findings[0]?.details).to.deep.include({ limitMb: 500 });
    expect(d.findings[0]?.explanation.en).to.match(/512\.4 MB used, plan limit 500 MB/);
    expect(d.facts['sim.dataLimitReached']).to.equal(true);
  });

  it('roaming in Germany on a Nordic plan → ROAMING_NOT_ALLOWED in both languages', async () => {
    const d = await run('8946070000000000050');
    expect(codes(d)).to.include('ROAMING_NOT_ALLOWED');
    const f = d.findings.find((x) => x.code === 'ROAMING_NOT_ALLOWED')!;
    expect(f.explanation.en).to.contain('Germany').and.contain('Telekom.de').and.contain('IoT Nordic Data');
    expect(f.explanation.es).to.contain('Alemania');
    expect(d.facts).to.include({ 'roaming.country': 'DE', 'roaming.abroad': true, 'roaming.allowed': false });
  });

  it('no SMS / no voice / no CSD in the plan, for the service asked', async () => {
    expect(codes(await run('8946070000000000068', 'sms'))).to.deep.equal(['SMS_NOT_IN_PLAN']);
    expect(codes(await run('8946070000000000076', 'voice'))).to.deep.equal(['VOICE_NOT_IN_PLAN']);
    expect(codes(await run('8946070000000000084', 'csd'))).to.deep.equal(['CSD_NOT_IN_PLAN']);
    // The same SIMs are fine for what their plans do include.
    expect(codes(await run('8946070000000000068', 'data'))).to.deep.equal(['HEALTHY']);
    expect(codes(await run('8946070000000000076', 'sms'))).to.deep.equal(['HEALTHY']);
    expect(codes(await run('8946070000000000084', 'voice'))).to.deep.equal(['HEALTHY']);
  });

  it('CSD on a plan without 2G/3G also names the radio', async () => {
    const d = await run('8946070000000000076', 'csd');
    expect(codes(d)).to.deep.equal(['CSD_NOT_IN_PLAN', 'CSD_NO_CIRCUIT_SWITCHED_RADIO']);
    expect(d.facts['plan.circuitSwitchedRadio']).to.equal(false);
  });

  it('Nordlys meter with no session for 2 days → NO_SESSION', async () => {
    const d = await run('8946070000000000092', 'data');
    expect(codes(d)).to.deep.equal(['NO_SESSION']);
    expect(d.findings[0]?.explanation.en).to.contain('2 days ago');
  });

  it('never had a session, and an unknown plan', async () => {
    const device = (await provider.getDevice('8946070000000000019'))!;
    const d = diagnose({
      device: { ...device, communicationPlan: 'Mystery Plan' },
      session: {
        iccid: device.iccid,
        dateSessionStarted: null,
        dateSessionEnded: null,
        ipAddress: null,
        ipv6Address: null,
      },
      usage: null,
      plan: undefined,
      planCatalogue: catalogue,
      now,
      text,
      languages: SHIPPED_LANGUAGES,
    });
    expect(codes(d)).to.deep.equal(['PLAN_UNKNOWN', 'NEVER_HAD_SESSION']);
    expect(d.facts).to.include({ 'plan.known': false, 'session.everHad': false });
  });

  it('only produces catalogued finding codes and facts with texts in both languages', async () => {
    const records: SimRecord[] = demoRecords(now).slice(0, 10);
    for (const r of records) {
      for (const service of ['data', 'sms', 'voice', 'csd'] as const) {
        const d = await run(r.id, service);
        for (const f of d.findings) {
          expect(FINDING_CODES).to.include(f.code);
          expect(f.iccid).to.equal(r.id);
          for (const lang of ['en', 'es'] as const) {
            expect(f.explanation[lang]).not.to.match(/\{\w+\}/);
            expect(f.nextStep[lang]).not.to.match(/\{\w+\}/);
          }
        }
      }
    }
  });
});
