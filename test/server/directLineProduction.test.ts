import type { TurnAdapter } from '../../bot/http/turnAdapter.js';
import { expect } from 'chai';
import { pino } from 'pino';
import type { Server } from 'restify';
import { buildApp, listen } from '../../bot/app.js';
import { MAX_TEXT_LENGTH } from '../../bot/http/activitySchema.js';
import { guardOutbound, type OutboundGuard } from '../directline/outboundGuard.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SECRET = 'direct-line-secret-for-production-tests';
const INTERNAL = '/api/directline/internal/messages';

interface StreamActivity {
  type: string;
  text?: string;
  from: { id: string; role?: string };
}

async function call(
  server: TestServer,
  method: string,
  path: string,
  options: { bearer?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; data: Record<string, unknown> }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, data: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Polls the conversation until `done` holds for its activities (or 10 s pass). */
async function waitForActivities(
  server: TestServer,
  conversationId: string,
  token: string,
  done: (activities: StreamActivity[]) => boolean,
): Promise<StreamActivity[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await call(server, 'GET', `/v3/directline/conversations/${conversationId}/activities`, {
      bearer: token,
    });
    expect(res.status, JSON.stringify(res.data)).to.equal(200);
    const activities = res.data['activities'] as StreamActivity[];
    if (done(activities)) return activities;
    if (Date.now() > deadline) throw new Error(`stream never matched: ${JSON.stringify(activities)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const botTexts = (activities: StreamActivity[]) =>
  activities.filter((a) => a.from.role === 'bot' && a.type === 'message').map((a) => a.text ?? '');

describe('Direct Line in production (app id configured)', () => {
  let server: TestServer;
  let guard: OutboundGuard;

  before(async () => {
    guard = guardOutbound();
    server = await startTestServer({
      MicrosoftAppId: '00000000-0000-0000-0000-00000000beef',
      MicrosoftAppPassword: 'not-a-real-password',
      HOST: '127.0.0.1',
      DIRECT_LINE_SECRET: SECRET,
    });
  });
  after(async () => {
    try {
      await server?.close();
    } finally {
      guard.restore();
    }
  });
  afterEach(() => {
    expect(guard.foreign, 'connections to hosts other than 127.0.0.1').to.deep.equal([]);
  });

  it('runs a whole customer conversation: generate with the secret, start, post, reply with a case id', async () => {
    const generated = await call(server, 'POST', '/v3/directline/tokens/generate', {
      bearer: SECRET,
      body: { user: { id: 'demo-user', name: 'Demo User' } },
    });
    expect(generated.status, JSON.stringify(generated.data)).to.equal(200);
    const token = String(generated.data['token']);
    expect(token).to.not.include(SECRET);

    const started = await call(server, 'POST', '/v3/directline/conversations', { bearer: token });
    expect(started.status, JSON.stringify(started.data)).to.equal(201);
    const conversationId = String(started.data['conversationId']);
    const conversationToken = String(started.data['token']);
    await waitForActivities(server, conversationId, conversationToken, (a) => botTexts(a).length > 0);

    const posted = await call(server, 'POST', `/v3/directline/conversations/${conversationId}/activities`, {
      bearer: conversationToken,
      body: { type: 'message', text: 'our meters have no data', from: { id: 'someone-else' } },
    });
    expect(posted.status, JSON.stringify(posted.data)).to.equal(200);

    const activities = await waitForActivities(server, conversationId, conversationToken, (a) =>
      botTexts(a).some((t) => /CS-\d+/.test(t)),
    );
    const user = activities.find((a) => a.from.role === 'user' && a.text === 'our meters have no data');
    expect(user?.from.id, 'the identity comes from the token').to.equal('demo-user');
  });

  it('refuses tokens/generate without the secret or with a wrong one', async () => {
    const without = await call(server, 'POST', '/v3/directline/tokens/generate', {
      body: { user: { id: 'demo-user' } },
    });
    expect(without.status).to.be.oneOf([401, 403]);
    const wrong = await call(server, 'POST', '/v3/directline/tokens/generate', {
      bearer: 'x'.repeat(40),
      body: { user: { id: 'demo-user' } },
    });
    expect(wrong.status).to.be.oneOf([401, 403]);
    // Outside local mode the demo token route is closed.
    const demo = await call(server, 'POST', '/api/webchat/token', { body: { userId: 'demo-user' } });
    expect(demo.status).to.equal(403);
  });

  it('refuses handoff.* events posted by a client', async () => {
    const generated = await call(server, 'POST', '/v3/directline/tokens/generate', {
      bearer: SECRET,
      body: { user: { id: 'demo-user' } },
    });
    const token = String(generated.data['token']);
    const conversationId = String(generated.data['conversationId']);
    const posted = await call(server, 'POST', `/v3/directline/conversations/${conversationId}/activities`, {
      bearer: token,
      body: { type: 'event', name: 'handoff.status', value: { state: 'completed' } },
    });
    expect(posted.status).to.equal(400);
    expect(JSON.stringify(posted.data)).to.include('handoff.');
  });

  it('keeps the internal delivery route closed to callers without the per-process secret', async () => {
    const activity = unsignedActivity(server.baseUrl);
    expect((await call(server, 'POST', INTERNAL, { body: activity })).status).to.equal(403);
    const wrong = await call(server, 'POST', INTERNAL, {
      body: activity,
      headers: { 'x-firstline-internal-secret': 'guessed' },
    });
    expect(wrong.status).to.equal(403);
  });

  it('still answers 401 to unsigned activities on /api/messages', async () => {
    const res = await call(server, 'POST', '/api/messages', {
      body: unsignedActivity(server.baseUrl),
    });
    expect(res.status).to.equal(401);
  });
});

describe('internal Direct Line delivery route', () => {
  const secret = 'per-process-secret-for-tests';
  let app: Server;
  let base = '';
  const processed: string[] = [];

  before(async () => {
    const fakeAdapter = {
      handle: async (req: { body: { text?: string } }, res: { send(status: number): void }) => {
        processed.push(req.body.text ?? '');
        res.send(200);
      },
    } as unknown as TurnAdapter;
    app = buildApp({
      logger: pino({ level: 'silent' }),
      adapter: {} as TurnAdapter,
      bot: { run: async () => undefined },
      maxBodyBytes: 256 * 1024,
      readiness: [],
      internal: { adapter: fakeAdapter, secret, serviceUrl: () => base },
    });
    const port = await listen(app, 0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => app.close(() => resolve()));
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${INTERNAL}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const activity = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      type: 'message',
      text: 'hello',
      channelId: 'directline',
      serviceUrl: base,
      from: { id: 'demo-user' },
      recipient: { id: 'firstline' },
      conversation: { id: 'c1' },
      ...overrides,
    });
  const withSecret = { 'x-firstline-internal-secret': secret };

  it('refuses callers without the right secret header (403) before reading the activity', async () => {
    expect((await post(activity())).status).to.equal(403);
    expect((await post('{"not":"an activity"}', { 'x-firstline-internal-secret': 'nope' })).status).to.equal(
      403,
    );
    expect(processed).to.deep.equal([]);
  });

  it('validates the activity like /api/messages (400, 413, 415) and refuses foreign serviceUrls', async () => {
    expect((await post(activity({ conversation: {} }), withSecret)).status).to.equal(400);
    expect((await post(activity({ text: 'x'.repeat(MAX_TEXT_LENGTH + 1) }), withSecret)).status).to.equal(
      413,
    );
    const plain = await fetch(`${base}${INTERNAL}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...withSecret },
      body: 'hello',
    });
    expect(plain.status).to.be.oneOf([400, 415]);
    const foreign = await post(activity({ serviceUrl: 'https://example.invalid/' }), withSecret);
    expect(foreign.status).to.equal(403);
    expect(processed).to.deep.equal([]);
  });

  it('hands a valid activity from a loopback caller with the secret to the internal adapter', async () => {
    expect((await post(activity({ text: 'delivered' }), withSecret)).status).to.equal(200);
    expect(processed).to.deep.equal(['delivered']);
  });
});

/** A plain message as a caller without any credentials would post it. */
function unsignedActivity(serviceUrl: string): Record<string, unknown> {
  return {
    type: 'message',
    text: 'hello',
    channelId: 'directline',
    serviceUrl,
    from: { id: 'demo-user' },
    recipient: { id: 'firstline' },
    conversation: { id: 'c1' },
  };
}
