import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { killHard, startChildServer } from '../helpers/childServer.js';
import { startConnectorStub, until, type ConnectorStub } from '../helpers/connectorStub.js';
import { Conversation } from '../helpers/conversation.js';
import { apiJson } from '../helpers/cases.js';
import { GERMANY_OUTAGE } from '../helpers/incidents.js';
import { startTestServer } from '../helpers/server.js';
import { dropStorage, storageEnv } from '../helpers/testStorage.js';

const ADMIN = 'incident-crash-admin-token-0123456789';
const CONVERSATIONS = ['crash-a', 'crash-b', 'crash-c', 'crash-d'];
/** The conversation whose delivery is in flight when the process dies. */
const IN_FLIGHT = 'crash-b';

describe('incident notices across a crash (kill -9 mid-broadcast)', () => {
  let dataDir: string;
  let stub: ConnectorStub;
  let holding = true;
  let reachedInFlight = false;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'firstline-incident-crash-'));
    // The connector holds the in-flight conversation's request (until the process is gone) while holding.
    stub = await startConnectorStub(async (a) => {
      if (!holding || a.conversationId !== IN_FLIGHT) return 200;
      reachedInFlight = true;
      await new Promise(() => undefined);
      return 200;
    });
  });
  afterEach(async () => {
    await stub.close();
    await rm(dataDir, { recursive: true, force: true });
    await dropStorage(dataDir);
  });

  it('neither resends the notice that was in flight nor skips the ones not sent yet', async function () {
    this.timeout(150_000);
    const env = {
      DATA_DIR: dataDir,
      ADMIN_TOKEN: ADMIN,
      INCIDENT_SEND_CONCURRENCY: '1',
      FOLLOW_UP_TICK_MS: '50',
      // PostgreSQL: the dead process's claim may be taken over soon after the restart.
      CLAIM_LEASE_MS: '300',
      ...(await storageEnv(dataDir)),
    };
    const child = await startChildServer(env);
    for (const id of CONVERSATIONS)
      await new Conversation(child.baseUrl, {
        userId: 'demo-user',
        conversationId: id,
        serviceUrl: stub.url,
      }).say('hello');
    const declaring = fetch(`${child.baseUrl}/api/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify(GERMANY_OUTAGE),
    }).catch(() => undefined);
    await until(() => reachedInFlight, 20_000, 'the in-flight delivery');
    await killHard(child);
    await declaring;
    const before = stub.received.map((a) => a.conversationId);
    expect(before, 'sent one at a time, in order, up to the one in flight').to.deep.equal(['crash-a']);

    holding = false;
    const restarted = await startTestServer(
      { ADMIN_TOKEN: ADMIN, FOLLOW_UP_TICK_MS: '50', CLAIM_LEASE_MS: '300' },
      dataDir,
    );
    try {
      await until(() => stub.received.length >= 3, 10_000, 'the notices not sent before the crash');
      // A notice is recorded sent after the connector answered, and the dead process's claim becomes unknown
      // once taken over: wait until none is pending or in flight, then give a resend time to show.
      const deliveries = async (): Promise<Record<string, number>> =>
        (
          await apiJson<{ deliveries: Record<string, number> }>(
            restarted.baseUrl,
            '/api/incidents/INC-1001',
            ADMIN,
          )
        ).deliveries;
      await until(
        async () => {
          const now = await deliveries();
          return !now['pending'] && !now['sending'];
        },
        10_000,
        'every notice settled',
      );
      await new Promise((r) => setTimeout(r, 300));
      const delivered = stub.received.map((a) => a.conversationId).sort();
      expect(delivered, 'each once; the in-flight one is not resent').to.deep.equal([
        'crash-a',
        'crash-c',
        'crash-d',
      ]);
      expect(await deliveries()).to.deep.equal({ sent: 3, unknown: 1 });
    } finally {
      await restarted.stop();
    }
  });
});
