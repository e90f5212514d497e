import { expect } from 'chai';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import {
  ControlCenterProvider,
  type ControlCenterOptions,
} from '../../bot/connectivity/controlCenterProvider.js';
import { ProviderUnavailableError } from '../../bot/connectivity/providerError.js';
import {
  CC_KEY,
  CC_USER,
  demoRecords,
  silentLogger,
  startFakeControlCenter,
  type FakeControlCenter,
} from './helpers.js';

const HEALTHY = '8946070000000000019';

async function rejection(promise: Promise<unknown>): Promise<ProviderUnavailableError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ProviderUnavailableError);
    return error as ProviderUnavailableError;
  }
  throw new Error('expected a rejection');
}

describe('ControlCenterProvider against a local Control Center', () => {
  const now = new Date();
  let fake: FakeControlCenter;
  const make = (options: Partial<ControlCenterOptions> = {}): ControlCenterProvider =>
    new ControlCenterProvider({
      baseUrl: fake.baseUrl,
      username: CC_USER,
      apiKey: CC_KEY,
      logger: silentLogger,
      timeoutMs: 1000,
      backoffBaseMs: 20,
      ratePerSecond: 50,
      ...options,
    });

  beforeEach(async () => {
    fake = await startFakeControlCenter(demoRecords(now));
  });
  afterEach(async () => {
    await fake.close();
  });

  it('reads device, session and usage with Basic auth and normalises them', async () => {
    const cc = make();
    const device = await cc.getDevice(HEALTHY);
    const session = await cc.getSession(HEALTHY);
    const usage = await cc.getUsage('8946070000000000043');
    expect(fake.requests.map((r) => r.path)).to.deep.equal([
      `/rws/api/v1/devices/${HEALTHY}`,
      `/rws/api/v1/devices/${HEALTHY}/sessionInfo`,
      '/rws/api/v1/devices/8946070000000000043/ctdUsages',
    ]);
    expect(fake.requests[0]?.auth).to.equal(
      `Basic ${Buffer.from(`${CC_USER}:${CC_KEY}`).toString('base64')}`,
    );
    expect(device?.status).to.equal('active');
    expect(device?.statusRaw).to.equal('ACTIVATED');
    expect(device?.communicationPlan).to.equal('IoT Connect EU');
    expect(device?.dateActivated).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(session?.dateSessionEnded).to.equal(null);
    expect(session?.ipAddress).to.equal('10.20.0.19');
    expect(usage?.overageLimitReached).to.equal(true);
  });

  it('maps a deactivated SIM and parses Control Center dates', async () => {
    const device = await make().getDevice('8946070000000000035');
    expect(device?.status).to.equal('inactive');
    const record = demoRecords(now).find((r) => r.id === '8946070000000000035');
    expect(device?.dateActivated).to.equal(record?.dateActivated);
  });

  it('401 with the documented error body → unavailable(credentials), no retry', async () => {
    const cc = new ControlCenterProvider({
      baseUrl: fake.baseUrl,
      username: CC_USER,
      apiKey: 'wrong',
      logger: silentLogger,
      backoffBaseMs: 10,
    });
    const error = await rejection(cc.getDevice(HEALTHY));
    expect(error.reason).to.equal('credentials');
    expect(error.message).to.contain('10000001');
    expect(error.message).not.to.contain('wrong');
    expect(fake.requests).to.have.length(1);
  });

  it('404 → null', async () => {
    expect(await make().getDevice('8946070000000009999')).to.equal(null);
  });

  it('retries 429 (honouring Retry-After) and 5xx, then succeeds', async () => {
    fake.script.push(
      {
        status: 429,
        body: { errorCode: '10000024', errorMessage: 'Rate limit exceeded' },
        headers: { 'retry-after': '0.3' },
      },
      { status: 503, body: 'upstream down' },
    );
    const started = Date.now();
    const device = await make({ maxAttempts: 3 }).getDevice(HEALTHY);
    expect(device?.iccid).to.equal(HEALTHY);
    expect(fake.requests).to.have.length(3);
    expect(fake.requests[1]!.at - fake.requests[0]!.at).to.be.at.least(280);
    expect(Date.now() - started).to.be.below(3000);
  });

  it('gives up after bounded attempts on persistent 5xx', async () => {
    for (let i = 0; i < 5; i++)
      fake.script.push({ status: 500, body: { errorCode: '500', errorMessage: 'boom' } });
    const error = await rejection(make({ maxAttempts: 3 }).getUsage(HEALTHY));
    expect(error.reason).to.equal('server_error');
    expect(fake.requests).to.have.length(3);
  });

  it('times out a slow answer and never hangs', async () => {
    fake.delayMs = 1500;
    const started = Date.now();
    const error = await rejection(make({ timeoutMs: 200, maxAttempts: 2 }).getDevice(HEALTHY));
    expect(error.reason).to.equal('timeout');
    expect(Date.now() - started).to.be.below(1200);
  });

  it('keeps to ≤ 5 calls per second and one call at a time when asked for more', async function () {
    this.timeout(15_000);
    fake.delayMs = 15;
    const cc = make({ ratePerSecond: 5, cacheTtlMs: 0 });
    const iccids = demoRecords(now)
      .slice(0, 12)
      .map((r) => r.id);
    const started = Date.now();
    await Promise.all(iccids.map((iccid) => cc.getDevice(iccid)));
    const elapsed = Date.now() - started;
    const arrivals = fake.requests.map((r) => r.at);
    expect(arrivals).to.have.length(12);
    let maxInWindow = 0;
    for (let i = 0; i < arrivals.length; i++) {
      maxInWindow = Math.max(
        maxInWindow,
        arrivals.filter((t) => t >= arrivals[i]! && t < arrivals[i]! + 1000).length,
      );
    }
    expect(maxInWindow).to.be.at.most(5);
    expect(Math.max(...fake.requests.map((r) => r.concurrent))).to.equal(1);
    // 12 calls at 5/s need just over 2 s; far more would mean the limiter is too strict.
    expect(elapsed).to.be.within(2000, 3500);
  });

  it('answers a repeated question from its cache', async () => {
    const cc = make();
    await cc.getDevice(HEALTHY);
    await cc.getDevice(HEALTHY);
    await Promise.all([cc.getSession(HEALTHY), cc.getSession(HEALTHY)]);
    expect(fake.requests).to.have.length(2);
  });

  it('a malformed body is bad_response', async () => {
    fake.script.push({ status: 200, body: { iccid: HEALTHY, status: 42 } });
    const error = await rejection(make().getDevice(HEALTHY));
    expect(error.reason).to.equal('bad_response');
    fake.script.push({ status: 200, body: '<html>proxy error</html>' });
    expect((await rejection(make().getSession(HEALTHY))).reason).to.equal('bad_response');
  });

  it('never logs the API key or the Authorization header', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'trace' }, sink);
    for (let i = 0; i < 3; i++) fake.script.push({ status: 502, body: 'bad gateway' });
    await rejection(make({ logger, maxAttempts: 3 }).getDevice(HEALTHY));
    expect(lines.length).to.be.greaterThan(0);
    const all = lines.join('\n');
    expect(all).not.to.contain(CC_KEY);
    expect(all).not.to.contain(Buffer.from(`${CC_USER}:${CC_KEY}`).toString('base64'));
  });
});
