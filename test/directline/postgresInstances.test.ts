import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { Activity } from 'botframework-directlinejs';
import { PostgresDirectLineStore } from '../../bot/directline/postgresStore.js';
import { startEchoBotServer, type EchoBotServer } from './echoBotServer.js';
import { ConnectionStatus, installBrowserGlobals, runClient, type ClientRun } from './officialClient.js';
import { createTestDatabase, postgresSkipReason, type TestDatabase } from './pgDatabase.js';

const textOf = (a: Activity) => (a as { text?: string }).text ?? '';

describe('Direct Line on PostgreSQL with two instances', function () {
  this.timeout(60_000);
  let db: TestDatabase | undefined;
  let restoreGlobals: (() => void) | undefined;
  const servers: EchoBotServer[] = [];
  const stores: PostgresDirectLineStore[] = [];
  let run: ClientRun | undefined;
  // Every instance signs with the same configured key (DIRECT_LINE_TOKEN_KEY).
  const tokenKey = randomBytes(32);

  before(async function () {
    const reason = await postgresSkipReason();
    if (reason) {
      process.stderr.write(`  [postgres] ${reason}\n`);
      this.skip();
    }
    db = await createTestDatabase();
    restoreGlobals = installBrowserGlobals();
  });
  after(async () => {
    run?.end();
    for (const server of servers) await server.close().catch(() => undefined);
    for (const store of stores) await store.close();
    restoreGlobals?.();
    await db?.drop();
  });

  async function instance(port?: number): Promise<EchoBotServer> {
    if (!db) throw new Error('no database');
    const store = new PostgresDirectLineStore(db.pool);
    stores.push(store);
    const server = await startEchoBotServer({ store, tokenKey, ...(port ? { port } : {}) });
    await store.ready();
    servers.push(server);
    return server;
  }

  it('posts through instance A and receives over a WebSocket held on instance B, within a second', async () => {
    const a = await instance();
    const b = await instance();
    const issued = await fetch(`${a.baseUrl}/api/webchat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'demo-cluster' }),
    });
    const { token, conversationId } = (await issued.json()) as { token: string; conversationId: string };
    // The conversation is started on A (A's bot welcomes) and streamed from B.
    const started = await fetch(`${a.baseUrl}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(started.status).to.equal(201);
    run = runClient({
      token,
      conversationId,
      domain: `${b.baseUrl}/v3/directline`,
      timeout: 1000,
      random: () => 0,
    } as Parameters<typeof runClient>[0]);
    await run.waitFor((x) => textOf(x) === 'Welcome demo-cluster', 10_000, 'the welcome from A');
    expect(b.directLine.openStreams).to.equal(1);
    expect(a.directLine.openStreams).to.equal(0);

    const posted = await fetch(`${a.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'via A', from: { id: 'x' } }),
    });
    expect(posted.status).to.equal(200);
    const sentAt = Date.now();
    await run.waitFor((x) => textOf(x) === 'Echo: via A', 5000, "A's reply on B's socket");
    expect(Date.now() - sentAt, 'ms from A to B').to.be.below(1000);
    expect(
      a.received.some((x) => x.text === 'via A'),
      'A delivered it to its bot',
    ).to.equal(true);
    expect(
      run.activities.some((x) => x.type === 'typing'),
      "A's typing reached B's socket",
    ).to.equal(true);

    // A proactive message sent on A reaches the socket on B as fast.
    const proactiveAt = Date.now();
    await a.adapter.continueConversationAsync('', a.references.get(conversationId) ?? {}, async (context) => {
      await context.sendActivity('proactive from A');
    });
    await run.waitFor((x) => textOf(x) === 'proactive from A', 5000, 'the proactive message');
    expect(Date.now() - proactiveAt).to.be.below(1000);

    // A second socket on A takes over (newest wins), and B's is closed as the collision.
    const reconnect = await fetch(`${a.baseUrl}/v3/directline/conversations/${conversationId}?watermark=`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { streamUrl } = (await reconnect.json()) as { streamUrl: string };
    const { WebSocket } = await import('ws');
    const onA = new WebSocket(streamUrl);
    await new Promise((resolve, reject) => onA.once('open', resolve).once('error', reject));
    const deadline = Date.now() + 5000;
    while (b.directLine.openStreams > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(b.directLine.openStreams, "B's socket closed by A's").to.equal(0);
    onA.close();
  });

  it('keeps the conversation when the instance holding the socket restarts: the client replays from its watermark', async () => {
    if (!run) throw new Error('needs the previous test');
    const [a, b] = servers;
    if (!a || !b) throw new Error('needs two instances');
    await run.waitForStatus(ConnectionStatus.Online, 20_000);
    const port = Number(new URL(b.baseUrl).port);
    await b.close();
    const conversationId = [...a.references.keys()][0] ?? '';
    await a.adapter.continueConversationAsync('', a.references.get(conversationId) ?? {}, async (context) => {
      await context.sendActivity('said while B was down');
    });
    await instance(port);
    await run.waitFor(
      (x) => textOf(x) === 'said while B was down',
      30_000,
      'the message sent while B restarted',
    );
    const ids = run.activities.filter((x) => x.type === 'message').map((x) => x.id);
    expect(new Set(ids).size, 'nothing twice').to.equal(ids.length);
  });
});
