import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Case } from '../../bot/cases/caseSchema.js';
import { apiJson, caseIdIn } from '../helpers/cases.js';
import { killHard, startChildServer } from '../helpers/childServer.js';
import {
  startConnectorStub,
  until,
  type ConnectorStub,
  type ReceivedActivity,
} from '../helpers/connectorStub.js';
import { Conversation } from '../helpers/conversation.js';
import { shippedKnowledgeText } from '../helpers/knowledgeText.js';
import { startTestServer } from '../helpers/server.js';
import { dropStorage, storageEnv } from '../helpers/testStorage.js';

const ADMIN = 'idle-close-crash-admin-token-0123456789';
const TICK_MS = 50;
const { load: loadKnowledge, t } = shippedKnowledgeText();
const isNotice = (a: ReceivedActivity): boolean =>
  a.text !== undefined &&
  a.text === t('en', 'cases.idleClosed.notice', { id: /CS-\d+/.exec(a.text)?.[0] ?? '', hours: 0 });

describe('idle-close notices across a crash (kill -9 mid-send)', () => {
  let dataDir: string;
  let stub: ConnectorStub;
  let holding = true;
  let noticeRequests = 0;

  before(loadKnowledge);
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'firstline-idle-crash-'));
    // The connector holds the notice's request (until the process is gone) while holding.
    stub = await startConnectorStub(async (a) => {
      if (!isNotice(a)) return 200;
      noticeRequests += 1;
      if (holding) await new Promise(() => undefined);
      return 200;
    });
  });
  afterEach(async () => {
    await stub.close();
    await rm(dataDir, { recursive: true, force: true });
    await dropStorage(dataDir);
  });

  it('does not resend the notice that was in flight, and the case stays closed', async function () {
    this.timeout(150_000);
    const env = {
      DATA_DIR: dataDir,
      ADMIN_TOKEN: ADMIN,
      FOLLOW_UP_TICK_MS: String(TICK_MS),
      CASE_IDLE_CLOSE_MS: '1000',
      DATA_FSYNC: 'false',
      // PostgreSQL: the dead process's claim may be taken over soon after the restart.
      CLAIM_LEASE_MS: '300',
      ...(await storageEnv(dataDir)),
    };
    const child = await startChildServer(env);
    const client = new Conversation(child.baseUrl, { userId: 'anon-idle-crash', serviceUrl: stub.url });
    const caseId = caseIdIn(await client.say('my trackers have no data'));
    await client.say('cancel');
    await until(() => noticeRequests === 1, 20_000, 'the notice in flight');
    await killHard(child);

    holding = false;
    const restarted = await startTestServer({ ...env, LOG_LEVEL: 'silent' }, dataDir);
    try {
      // The dead process's claim becomes unknown once taken over (PostgreSQL: after its lease, at a sweep): wait
      // for that write, then give a resend time to show.
      const storedCase = (): Promise<Case> => apiJson<Case>(restarted.baseUrl, `/api/cases/${caseId}`, ADMIN);
      await until(
        async () => (await storedCase()).idleClose?.notice !== 'sending',
        10_000,
        'the claim of the dead process taken over',
      );
      await new Promise((r) => setTimeout(r, TICK_MS * 10));
      expect(noticeRequests, 'the in-flight notice is not sent again').to.equal(1);
      const stored = await storedCase();
      expect(stored.status).to.equal('closed');
      expect(stored.idleClose?.notice).to.equal('unknown');
      expect(stored.timeline.map((e) => e.event)).to.include('idle_notice_unknown');
    } finally {
      await restarted.close();
    }
  });
});
