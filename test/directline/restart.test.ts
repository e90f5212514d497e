import { rm } from 'node:fs/promises';
import { expect } from 'chai';
import type { Activity } from 'botframework-directlinejs';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ConnectionStatus, installBrowserGlobals, runClient, type ClientRun } from './officialClient.js';

const ADMIN_TOKEN = 'restart-test-admin-token-0123456789';
const textOf = (a: Activity) => (a as { text?: string }).text ?? '';
const seqOf = (a: Activity) => Number(String(a.id).split('|')[1]);

async function casesOf(server: TestServer, organisation: string): Promise<{ id: string }[]> {
  const res = await fetch(`${server.baseUrl}/api/cases?organisation=${organisation}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).to.equal(200);
  return ((await res.json()) as { cases: { id: string }[] }).cases;
}

/** The sequence number of the last activity the server stored for the conversation. */
async function lastStoredSeq(server: TestServer, conversationId: string, token: string): Promise<number> {
  const res = await fetch(`${server.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).to.equal(200);
  const { activities } = (await res.json()) as { activities: Activity[] };
  return Math.max(...activities.map(seqOf).filter(Number.isFinite));
}

describe('a widget conversation survives a restart of its Firstline instance (lowdb; PostgreSQL under test:postgres)', function () {
  this.timeout(120_000);
  let restoreGlobals: () => void;
  let first: TestServer | undefined;
  let second: TestServer | undefined;
  let run: ClientRun | undefined;

  before(() => {
    restoreGlobals = installBrowserGlobals();
  });
  after(async () => {
    run?.end();
    await second?.stop();
    await first?.stop().catch(() => undefined);
    if (first) await rm(first.dataDir, { recursive: true, force: true });
    restoreGlobals();
  });

  it('same conversation and token, watermark continues, the same case, nothing lost or shown twice', async () => {
    first = await startTestServer({ ADMIN_TOKEN });
    const { port } = first.firstline;
    const tokenAnswer = await fetch(`${first.baseUrl}/api/webchat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'demo-user', locale: 'en-US' }),
    });
    const { token, conversationId } = (await tokenAnswer.json()) as { token: string; conversationId: string };
    run = runClient({
      token,
      domain: `${first.baseUrl}/v3/directline`,
      // Retry quickly while the server is down (the client waits `timeout` between tries).
      timeout: 1000,
      random: () => 0,
    } as Parameters<typeof runClient>[0]);
    await run.waitFor((a) => a.from.role === 'bot' && a.type === 'message', 20_000, 'the welcome');
    await run.post({ text: 'our meters have no data since yesterday' } as Partial<Activity>);
    const opened = await run.waitFor((a) => /CS-\d+/.test(textOf(a)), 20_000, 'a reply naming the case');
    const caseId = /CS-\d+/.exec(textOf(opened))?.[0];
    expect(await casesOf(first, 'org-acme')).to.have.length(1);
    // The turn's replies were all stored before its post was answered; count once the client has every one (a
    // fixed pause may be outrun by the socket on a loaded machine).
    const lastStored = await lastStoredSeq(first, conversationId, token);
    await run.waitFor((a) => seqOf(a) >= lastStored, 20_000, 'every reply of the turn');
    const beforeRestart = run.activities.length;
    const lastSeqBefore = Math.max(...run.activities.map(seqOf).filter(Number.isFinite));

    await first.stop();
    second = await startTestServer({ ADMIN_TOKEN, PORT: String(port) }, first.dataDir);
    expect(second.baseUrl).to.equal(first.baseUrl);

    // The client reconnects by itself (GET /conversations/{id}?watermark=…) with the token issued before the
    // restart: the signing key outlived the process.
    await run.waitForStatus(ConnectionStatus.Online, 30_000);
    // The answer to the question asked before the restart: the dialog and its case continue.
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await run.post({ text: '8946070000000000019' } as Partial<Activity>);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    const status = await run.waitFor(
      (a) =>
        run !== undefined &&
        run.activities.indexOf(a) > beforeRestart &&
        a.from.role === 'bot' &&
        a.type === 'message',
      30_000,
      'the answer after the restart',
    );
    expect(textOf(status)).to.not.match(/couldn't find/i);
    expect(status.conversation?.id).to.equal(conversationId);
    expect(seqOf(status), 'the watermark continues').to.be.greaterThan(lastSeqBefore);
    const cases = await casesOf(second, 'org-acme');
    expect(cases, 'no new case').to.have.length(1);
    expect(cases[0]?.id).to.equal(caseId);
    expect(JSON.stringify(cases[0]), 'the SIM given after the restart is on the same case').to.include(
      '8946070000000000019',
    );
    const ids = run.activities.filter((a) => a.type === 'message').map((a) => a.id);
    expect(new Set(ids).size, 'no activity twice after the replay').to.equal(ids.length);
    expect(
      run.activities.filter((a) => textOf(a) === 'our meters have no data since yesterday'),
    ).to.have.length(1);
  });
});
