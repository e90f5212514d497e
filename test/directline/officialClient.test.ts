import { expect } from 'chai';
import type { Activity } from 'botframework-directlinejs';
import { WebSocket } from 'ws';
import { startEchoBotServer, type EchoBotServer } from './echoBotServer.js';
import {
  ConnectionStatus,
  fastLongTimers,
  installBrowserGlobals,
  runClient,
  type ClientRun,
} from './officialClient.js';

const textOf = (a: Activity) => (a as { text?: string }).text;

describe('Direct Line with the official client (botframework-directlinejs, as inside Web Chat)', function () {
  this.timeout(30_000);
  let restoreGlobals: () => void;
  let server: EchoBotServer;
  const clock = { now: Date.now() };
  const runs: ClientRun[] = [];

  before(async () => {
    restoreGlobals = installBrowserGlobals();
    server = await startEchoBotServer({ localMode: true, now: () => clock.now, tokenTtlSeconds: 1800 });
  });
  after(async () => {
    await server?.close();
    restoreGlobals?.();
  });
  afterEach(() => {
    for (const run of runs.splice(0)) run.end();
  });

  async function demoToken(userId: string): Promise<{ token: string; conversationId: string }> {
    const res = await fetch(`${server.baseUrl}/api/webchat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, locale: 'en-US' }),
    });
    expect(res.status).to.equal(200);
    return (await res.json()) as { token: string; conversationId: string };
  }

  function start(token: string, options: Record<string, unknown> = {}): ClientRun {
    const run = runClient({
      token,
      domain: `${server.baseUrl}/v3/directline`,
      pollingInterval: 200,
      // Reconnect after 3 s (the client waits 3–15 s at random).
      random: () => 0,
      ...options,
    } as Parameters<typeof runClient>[0]);
    runs.push(run);
    return run;
  }

  const requestsSince = (n: number) => server.requests.slice(n);

  it('WebSocket (the default): welcome, own echo, typing and replies are pushed; nothing is polled', async () => {
    const before = server.requests.length;
    const { token } = await demoToken('demo-ws');
    const run = start(token);
    await run.waitForStatus(ConnectionStatus.Online);
    await run.waitFor((a) => textOf(a) === 'Welcome demo-ws', 10_000, 'the welcome');
    const id = await run.post({
      text: 'hello over ws',
      channelData: { clientActivityID: 'c-1' },
    } as Partial<Activity>);
    const echo = await run.waitFor((a) => a.id === id, 5000, 'the echo of the own message');
    expect((echo.channelData as { clientActivityID?: string }).clientActivityID).to.equal('c-1');
    expect(echo.from.id).to.equal('demo-ws');
    await run.waitFor((a) => textOf(a) === 'Echo: hello over ws', 5000, 'the reply');
    expect(
      run.activities.some((a) => a.type === 'typing'),
      'typing travels over the socket',
    ).to.equal(true);
    const polls = requestsSince(before).filter((r) => r.endsWith('/activities') && r.startsWith('GET'));
    expect(polls, 'no polling while the socket is up').to.deep.equal([]);
    const ids = run.activities.filter((a) => a.type === 'message').map((a) => a.id);
    expect(new Set(ids).size, 'no activity twice').to.equal(ids.length);
  });

  it('polling: the same conversation over GET /activities, watermark by watermark', async () => {
    const { token } = await demoToken('demo-poll');
    const run = start(token, { webSocket: false });
    await run.waitFor((a) => textOf(a) === 'Welcome demo-poll', 10_000, 'the welcome');
    await run.post({ text: 'hello over polling' } as Partial<Activity>);
    await run.waitFor((a) => textOf(a) === 'Echo: hello over polling', 5000, 'the reply');
    expect(run.statuses.at(-1)).to.equal(ConnectionStatus.Online);
    expect(
      run.activities.some((a) => a.type === 'typing'),
      'typing is not stored for polling',
    ).to.equal(false);
  });

  it('a newer socket closes the older one with reason collision; the older client reconnects and replays from its watermark', async () => {
    const { token, conversationId } = await demoToken('demo-reconnect');
    const run = start(token);
    await run.waitFor((a) => textOf(a) === 'Welcome demo-reconnect', 10_000, 'the welcome');
    await run.post({ text: 'first' } as Partial<Activity>);
    await run.waitFor((a) => textOf(a) === 'Echo: first', 5000, 'the first reply');

    // Another socket on the same conversation (with the secret-free reconnect route and the client's token).
    const answer = (await (
      await fetch(`${server.baseUrl}/v3/directline/conversations/${conversationId}?watermark=`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { streamUrl: string };
    expect(answer.streamUrl).to.match(
      /^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/.+\/stream\?t=/,
    );
    const intruder = new WebSocket(answer.streamUrl);
    // Listened for from the start: the client may reconnect (closing the intruder) while the test still waits.
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      intruder.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await new Promise((resolve, reject) => intruder.once('open', resolve).once('error', reject));
    // While the client is cut off, the bot says something: the replay must bring it.
    await new Promise((r) => setTimeout(r, 300));
    const reference = server.references.get(conversationId) ?? {};
    await server.adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity('said while you were away');
    });
    await run.waitFor((a) => textOf(a) === 'said while you were away', 20_000, 'the replayed message');
    // The reconnected client is now the newer socket: the intruder was closed as the collision.
    expect(await closed).to.deep.equal({ code: 1008, reason: 'collision' });
    const texts = run.activities.filter((a) => a.type === 'message').map(textOf);
    expect(
      texts.filter((t) => t === 'Echo: first'),
      'replayed from the watermark, not from the start',
    ).to.have.length(1);
    expect(run.statuses.at(-1)).to.equal(ConnectionStatus.Online);
  });

  for (const ttl of [1800, 86_400]) {
    it(`refreshes its token every 15 minutes on its own schedule and stays online (token lifetime ${ttl} s)`, async () => {
      const ttlServer = await startEchoBotServer({
        localMode: true,
        now: () => clock.now,
        tokenTtlSeconds: ttl,
      });
      try {
        const res = await fetch(`${ttlServer.baseUrl}/api/webchat/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: 'demo-refresh' }),
        });
        const { token } = (await res.json()) as { token: string };
        let refreshes = 0;
        const run = runClient({
          token,
          domain: `${ttlServer.baseUrl}/v3/directline`,
          // The next refresh cycle starts only once every refresh sent was answered (see fastLongTimers).
          scheduler: fastLongTimers(
            (ms) => {
              clock.now += ms;
              refreshes += 1;
            },
            {
              ready: () =>
                ttlServer.answered.filter((r) => r.endsWith(' POST /v3/directline/tokens/refresh')).length ===
                ttlServer.requests.filter((r) => r === 'POST /v3/directline/tokens/refresh').length,
            },
          ),
        } as Parameters<typeof runClient>[0]);
        runs.push(run);
        await run.waitFor((a) => textOf(a) === 'Welcome demo-refresh', 10_000, 'the welcome');
        // Eight refresh cycles: two hours on the server's clock.
        const deadline = Date.now() + 30_000;
        while (refreshes < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
        expect(refreshes).to.be.at.least(8);
        await new Promise((r) => setTimeout(r, 300));
        const refreshCalls = ttlServer.requests.filter((r) => r === 'POST /v3/directline/tokens/refresh');
        expect(refreshCalls.length).to.be.at.least(7);
        expect(run.client.connectionStatus$.getValue()).to.equal(ConnectionStatus.Online);
        // Long after the first token expired, the client still posts with the token it refreshed itself.
        await run.post({ text: 'still here' } as Partial<Activity>);
        await run.waitFor((a) => textOf(a) === 'Echo: still here', 5000, 'the reply after two hours');
      } finally {
        // The client first: a refresh it still has on the way would keep the server from closing.
        for (const run of runs.splice(0)) run.end();
        await ttlServer.close();
      }
    });
  }

  it('reports ExpiredToken (not Online) once its token expired — over WebSocket and over polling', async () => {
    const ws = start((await demoToken('demo-expire-ws')).token);
    const polling = start((await demoToken('demo-expire-poll')).token, { webSocket: false });
    await ws.waitFor((a) => textOf(a) === 'Welcome demo-expire-ws', 10_000, 'the welcome (ws)');
    await polling.waitFor((a) => textOf(a) === 'Welcome demo-expire-poll', 10_000, 'the welcome (polling)');
    clock.now += 1801 * 1000;
    await polling.waitForStatus(ConnectionStatus.ExpiredToken, 5000);
    await ws.post({ text: 'too late' } as Partial<Activity>).catch(() => undefined);
    await ws.waitForStatus(ConnectionStatus.ExpiredToken, 5000);
    expect(server.received.some((a) => a.text === 'too late')).to.equal(false);
  });
});
