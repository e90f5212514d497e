import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { expect } from 'chai';
import { WebSocket } from 'ws';
import { startEchoBotServer, type EchoBotServer } from './echoBotServer.js';

const SECRET = 'edge-tests-direct-line-secret-0123456789';
const SITE = 'https://www.example.com';

interface Answer {
  status: number;
  headers: Headers;
  data: Record<string, unknown>;
}

async function call(
  base: string,
  method: string,
  path: string,
  options: { bearer?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    data: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/** Opens a WebSocket; resolves with the HTTP status of a refused upgrade, or 101. */
function upgrade(url: string): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve({ status: 101, socket: ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', () => undefined);
  });
}

describe('Direct Line edges: CORS, uploads, the secret, stream URLs, hostile activities', function () {
  this.timeout(20_000);
  const clock = { now: Date.now() };
  let server: EchoBotServer;

  before(async () => {
    server = await startEchoBotServer({
      localMode: false,
      secret: SECRET,
      allowedOrigins: [SITE],
      now: () => clock.now,
    });
  });
  after(async () => {
    await server.close();
  });

  async function conversation(): Promise<{ id: string; token: string; streamUrl: string }> {
    const generated = await call(server.baseUrl, 'POST', '/v3/directline/tokens/generate', {
      bearer: SECRET,
      body: { user: { id: 'customer-7', name: 'Ada' } },
    });
    const started = await call(server.baseUrl, 'POST', '/v3/directline/conversations', {
      bearer: String(generated.data['token']),
    });
    expect(started.status).to.equal(201);
    return {
      id: String(started.data['conversationId']),
      token: String(started.data['token']),
      streamUrl: String(started.data['streamUrl']),
    };
  }

  it('answers CORS for configured origins only, preflight included', async () => {
    const preflight = await call(server.baseUrl, 'OPTIONS', '/v3/directline/conversations', {
      headers: {
        origin: SITE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-ms-bot-agent',
      },
    });
    expect(preflight.status).to.equal(204);
    expect(preflight.headers.get('access-control-allow-origin')).to.equal(SITE);
    expect(preflight.headers.get('access-control-allow-methods')).to.include('POST');
    expect(preflight.headers.get('access-control-allow-headers')).to.include('authorization');
    expect(preflight.headers.get('access-control-allow-headers')).to.include('x-ms-bot-agent');

    const { id, token } = await conversation();
    const allowed = await call(server.baseUrl, 'GET', `/v3/directline/conversations/${id}/activities`, {
      bearer: token,
      headers: { origin: SITE },
    });
    expect(allowed.status).to.equal(200);
    expect(allowed.headers.get('access-control-allow-origin')).to.equal(SITE);

    const evil = 'https://evil.example.net';
    const refused = await call(server.baseUrl, 'OPTIONS', '/v3/directline/conversations', {
      headers: { origin: evil, 'access-control-request-method': 'POST' },
    });
    expect(refused.status).to.equal(403);
    expect(refused.headers.get('access-control-allow-origin')).to.equal(null);
    const plain = await call(server.baseUrl, 'GET', `/v3/directline/conversations/${id}/activities`, {
      bearer: token,
      headers: { origin: evil },
    });
    expect(plain.headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('refuses uploads with 415 before reading them: nothing lands in the temp directory', async () => {
    const { id, token } = await conversation();
    const before = new Set(await readdir(tmpdir()));
    const statuses: number[] = [];
    for (const bearer of [token, undefined]) {
      const form = new FormData();
      form.append(
        'activity',
        new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }),
      );
      form.append('file', new Blob(['x'.repeat(200_000)], { type: 'application/octet-stream' }), 'modem.log');
      const res = await fetch(
        `${server.baseUrl}/v3/directline/conversations/${id}/upload?userId=customer-7`,
        {
          method: 'POST',
          headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
          body: form,
        },
      );
      statuses.push(res.status);
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).to.equal('UploadNotSupported');
    }
    expect(statuses).to.deep.equal([415, 415]);
    // restify's body parser (formidable) names its temp files upload_<hex>.
    const added = (await readdir(tmpdir())).filter((name) => !before.has(name) && name.startsWith('upload_'));
    expect(added, 'files written to the temp directory').to.deep.equal([]);
  });

  it('lets the secret resume an existing conversation (a fresh token for it) and only an existing one', async () => {
    const { id } = await conversation();
    const resumed = await call(server.baseUrl, 'GET', `/v3/directline/conversations/${id}?watermark=`, {
      bearer: SECRET,
    });
    expect(resumed.status).to.equal(200);
    expect(resumed.data['conversationId']).to.equal(id);
    const token = String(resumed.data['token']);
    const read = await call(server.baseUrl, 'GET', `/v3/directline/conversations/${id}/activities`, {
      bearer: token,
    });
    expect(read.status).to.equal(200);
    const unknown = await call(server.baseUrl, 'GET', '/v3/directline/conversations/no-such-one', {
      bearer: SECRET,
    });
    expect(unknown.status).to.equal(404);
    const wrongSecret = await call(server.baseUrl, 'GET', `/v3/directline/conversations/${id}`, {
      bearer: 'x'.repeat(40),
    });
    expect(wrongSecret.status).to.equal(403);
  });

  it('opens a stream only with its own fresh stream token: not without, not a bearer token, not another conversation’s, not after 60 s', async () => {
    const a = await conversation();
    const b = await conversation();
    const url = new URL(a.streamUrl);
    expect(url.searchParams.get('t')).to.be.a('string');
    const withT = (t: string | undefined, path = url.pathname) =>
      `ws://${url.host}${path}${t === undefined ? '' : `?t=${encodeURIComponent(t)}`}`;
    expect((await upgrade(withT(undefined))).status).to.equal(403);
    expect((await upgrade(withT(a.token))).status, 'a conversation token is no stream token').to.equal(403);
    expect((await upgrade(withT(new URL(b.streamUrl).searchParams.get('t') ?? ''))).status).to.equal(403);
    const ok = await upgrade(a.streamUrl);
    expect(ok.status).to.equal(101);
    ok.socket?.close();
    clock.now += 61_000;
    expect((await upgrade(a.streamUrl)).status, 'stream URL expired').to.equal(403);
  });

  it('assigns activity ids itself, refuses deeply nested activities with 400, and the stream stays readable', async () => {
    const { id, token } = await conversation();
    const posted = await call(server.baseUrl, 'POST', `/v3/directline/conversations/${id}/activities`, {
      bearer: token,
      body: { type: 'message', text: 'mine', id: 'my-own-id', channelData: { clientActivityID: 'c-9' } },
    });
    expect(posted.status).to.equal(200);
    expect(posted.data['id']).to.not.equal('my-own-id');
    expect(posted.data['id']).to.match(new RegExp(`^${id}\\|\\d{7}$`));
    // An id already in the stream cannot be taken again either.
    const again = await call(server.baseUrl, 'POST', `/v3/directline/conversations/${id}/activities`, {
      bearer: token,
      body: { type: 'message', text: 'copycat', id: posted.data['id'] },
    });
    expect(again.data['id']).to.not.equal(posted.data['id']);
    const deep = `${'{"a":'.repeat(5000)}{}${'}'.repeat(5000)}`;
    const hostile = await fetch(`${server.baseUrl}/v3/directline/conversations/${id}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: `{"type":"message","value":${deep}}`,
    });
    expect(hostile.status).to.equal(400);
    expect(((await hostile.json()) as { error: { message: string } }).error.message).to.match(
      /nested deeper/,
    );
    const read = await call(server.baseUrl, 'GET', `/v3/directline/conversations/${id}/activities`, {
      bearer: token,
    });
    expect(read.status).to.equal(200);
    const activities = read.data['activities'] as {
      id: string;
      text?: string;
      channelData?: { clientActivityID?: string };
    }[];
    const mine = activities.find((a) => a.text === 'mine');
    expect(mine?.id).to.equal(posted.data['id']);
    expect(mine?.channelData?.clientActivityID).to.equal('c-9');
    expect(activities.filter((a) => a.id === 'my-own-id')).to.deep.equal([]);
    expect(new Set(activities.map((a) => a.id)).size, 'ids unique').to.equal(activities.length);
  });
});
