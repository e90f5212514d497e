import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import {
  CC_KEY,
  CC_USER,
  demoRecords,
  startFakeControlCenter,
  type FakeControlCenter,
} from '../connectivity/helpers.js';
import { killHard, startChildServer, type ChildServer } from '../helpers/childServer.js';
import { until } from '../helpers/connectorStub.js';
import { allText, Conversation } from '../helpers/conversation.js';
import { TEST_KNOWLEDGE_DIR } from '../helpers/knowledgeDir.js';
import { dropStorage, storageEnv } from '../helpers/testStorage.js';

/** How long the platform takes to answer each look-up: the turn is still running when SIGTERM arrives. */
const PLATFORM_DELAY_MS = 1500;

describe('graceful shutdown on SIGTERM', function () {
  this.timeout(60_000);
  let fake: FakeControlCenter;
  let child: ChildServer | undefined;
  let dataDir: string;

  before(async () => {
    fake = await startFakeControlCenter(demoRecords(new Date()));
    fake.delayMs = PLATFORM_DELAY_MS;
    dataDir = await mkdtemp(path.join(tmpdir(), 'firstline-shutdown-'));
  });
  after(async () => {
    if (child) await killHard(child);
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
    await dropStorage(dataDir);
  });

  it('goes unready at once, refuses new work, answers the slow turn in flight, and exits 0', async () => {
    child = await startChildServer({
      DATA_DIR: dataDir,
      DATA_FSYNC: 'false',
      KNOWLEDGE_DIR: TEST_KNOWLEDGE_DIR,
      INSTANCE_ID: 'shutdown-test-1',
      SHUTDOWN_GRACE_MS: '15000',
      CONNECTIVITY_PROVIDER: 'control_center',
      CONTROL_CENTER_BASE_URL: fake.baseUrl,
      CONTROL_CENTER_USERNAME: CC_USER,
      CONTROL_CENTER_API_KEY: CC_KEY,
      ...(await storageEnv(dataDir)),
    });
    const { baseUrl } = child;
    const exited = new Promise<number | null>((resolve) =>
      child?.process.once('exit', (code) => resolve(code)),
    );
    expect((await fetch(`${baseUrl}/readyz`)).status).to.equal(200);

    const customer = new Conversation(baseUrl, { userId: 'demo-user', locale: 'en-GB' });
    const slowTurn = customer.say('no data on 8946070000000000027');
    await until(() => fake.requests.length > 0, 10_000, 'the look-up to reach the platform');
    child.process.kill('SIGTERM');
    await until(() => child?.output().includes('shutting down') ?? false, 5000, 'the shutdown to start');

    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status, 'unready at once').to.equal(503);
    expect(((await ready.json()) as { checks: Record<string, boolean> }).checks['accepting']).to.equal(false);
    const refused = await new Conversation(baseUrl, { userId: 'demo-user' }).say('hello').then(
      () => 'answered',
      (err: Error) => err.message,
    );
    expect(refused, 'new work is refused while draining').to.match(/503/);

    const replies = await slowTurn;
    expect(allText(replies), 'the turn in flight at SIGTERM is answered').to.match(/CS-\d+/);
    expect(JSON.stringify(replies), 'with what the slow platform answered').to.include('IoT Connect EU');
    expect(await exited, 'exit code').to.equal(0);
    // Every log line carries the instance id (pino base field).
    const lines = child
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).to.be.greaterThan(3);
    for (const line of lines)
      expect(JSON.parse(line) as object).to.have.property('instance', 'shutdown-test-1');
    child = undefined;
  });
});
