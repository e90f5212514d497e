import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { MAX_JSON_DEPTH } from '../../bot/http/jsonText.js';
import { minimalActivity } from '../helpers/activity.js';
import { apiGet, caseIdIn } from '../helpers/cases.js';
import { killHard, startChildServer, type ChildServer } from '../helpers/childServer.js';
import { allText, Conversation, type Reply } from '../helpers/conversation.js';
import { useTestServer } from '../helpers/server.js';

const ADMIN = 'e'.repeat(32);

/** Routes that take a body, with and without credentials in the real app, plus one that does not exist. */
const POST_ROUTES = [
  '/api/messages',
  '/api/directline/internal/messages',
  '/api/webchat/token',
  '/api/agent/token',
  '/api/incidents',
  '/api/agents/demo-agent/tokens',
  '/v3/directline/tokens/generate',
  '/v3/directline/conversations',
  '/v3/directline/conversations/abc/activities',
  '/no/such/route',
];

function multipart(): FormData {
  const form = new FormData();
  form.append('note', 'hello');
  form.append('upload', new Blob([Buffer.alloc(64 * 1024, 120)]), 'upload.bin');
  return form;
}

/** An activity whose `"__DEEP__"` placeholder becomes `depth` nested arrays. */
function deepActivity(conversationId: string, where: 'from' | 'channelData', depth: number): string {
  const activity = minimalActivity({
    conversation: { id: conversationId },
    ...(where === 'from' ? { from: { id: 'demo-user', extra: '__DEEP__' } } : { channelData: '__DEEP__' }),
  });
  return JSON.stringify(activity).replace('"__DEEP__"', '['.repeat(depth) + ']'.repeat(depth));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string (and key) of a parsed JSON value, for a strict Unicode check. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringsOf(item, out);
    }
  return out;
}

/** Strict UTF-8 and no lone surrogate anywhere (escaped ones included) — what a strict parser demands. */
async function strictJson(response: Response): Promise<unknown> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const value = JSON.parse(text) as unknown;
  const bad = stringsOf(value).filter((s) => LONE_SURROGATE.test(s));
  expect(bad, 'strings holding a lone UTF-16 surrogate').to.deep.equal([]);
  return value;
}

async function directLineConversation(baseUrl: string, userId: string) {
  const issued = await fetch(`${baseUrl}/api/webchat/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  const { token, conversationId } = (await issued.json()) as { token: string; conversationId: string };
  const auth = { authorization: `Bearer ${token}` };
  const started = await fetch(`${baseUrl}/v3/directline/conversations`, { method: 'POST', headers: auth });
  expect(started.status).to.be.oneOf([200, 201]);
  const url = `${baseUrl}/v3/directline/conversations/${conversationId}/activities`;
  return {
    post: (body: string) =>
      fetch(url, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body }),
    poll: () => fetch(url, { headers: auth }),
  };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the request edge: form and multipart bodies never reach the disk', function () {
  this.timeout(120_000);
  let temp: string;
  let child: ChildServer;
  before(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'firstline-uploads-'));
    const data = await mkdtemp(path.join(tmpdir(), 'firstline-data-'));
    child = await startChildServer({ TMPDIR: temp, DATA_DIR: data, ADMIN_TOKEN: ADMIN, DATA_FSYNC: 'false' });
  });
  after(async () => {
    if (child) await killHard(child);
    await rm(temp, { recursive: true, force: true });
  });

  it('answers 40 form/multipart POSTs to 10 routes, with and without credentials, with 415 — no file appears', async () => {
    const statuses: string[] = [];
    for (const route of POST_ROUTES) {
      for (const auth of [{}, { authorization: `Bearer ${ADMIN}` }] as Array<Record<string, string>>) {
        for (const body of [multipart(), new URLSearchParams({ a: 'b', text: 'x'.repeat(4096) })]) {
          const response = await fetch(`${child.baseUrl}${route}`, { method: 'POST', headers: auth, body });
          const answer = (await response.json()) as { code?: string; message?: string };
          statuses.push(`${response.status} ${answer.code}`);
          expect(response.status, `${route} (${body instanceof FormData ? 'multipart' : 'form'})`).to.equal(
            415,
          );
          expect(answer.message).to.match(/application\/json/);
        }
      }
    }
    expect(statuses).to.have.length(40);
    await new Promise((r) => setTimeout(r, 200));
    // tsx (which runs the child) keeps its compile cache there; anything else is an upload.
    const left = (await readdir(temp)).filter((name) => !name.startsWith('tsx-'));
    expect(left, `files left in TMPDIR ${temp}`).to.deep.equal([]);
    expect((await fetch(`${child.baseUrl}/healthz`)).status).to.equal(200);
  });
});

describe('the request edge: nesting depth and lone surrogates', function () {
  this.timeout(60_000);
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });

  it('refuses a 40,000-deep activity with 400 on /api/messages, and the conversation goes on', async () => {
    const conversationId = `deep-${Date.now()}`;
    for (const where of ['from', 'channelData'] as const) {
      const response = await fetch(`${server.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: deepActivity(conversationId, where, 40_000),
      });
      expect(response.status, where).to.equal(400);
      expect(((await response.json()) as { message: string }).message).to.include(
        `nested deeper than ${MAX_JSON_DEPTH} levels`,
      );
    }
    // Right at the limit is fine (channel data is passed through untouched).
    const atLimit = await fetch(`${server.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deepActivity(conversationId, 'channelData', MAX_JSON_DEPTH - 1),
    });
    expect(atLimit.status).to.equal(200);
    const replies = await new Conversation(server.baseUrl, { userId: 'demo-user', conversationId }).say(
      'no data on 8946070000000000027',
    );
    expect(allText(replies)).to.match(/CS-\d+/);
  });

  it('refuses a deep activity on Direct Line with 400; nothing is stored and polls keep working', async () => {
    const dl = await directLineConversation(server.baseUrl, 'demo-user');
    const deep = JSON.stringify({ type: 'message', text: 'deep', channelData: '__DEEP__' }).replace(
      '"__DEEP__"',
      '{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000),
    );
    const refused = await dl.post(deep);
    expect(refused.status).to.equal(400);
    const refusal = JSON.stringify(await refused.json());
    expect(refusal).to.include('nested deeper').and.not.include('/api/directline/internal');
    const ok = await dl.post(JSON.stringify({ type: 'message', text: 'hello' }));
    expect(ok.status).to.equal(200);
    const activities = await waitFor('the bot to answer', async () => {
      const poll = await dl.poll();
      expect(poll.status).to.equal(200);
      const body = (await poll.json()) as { activities: Array<{ text?: string; from: { role?: string } }> };
      return body.activities.some((a) => a.from.role === 'bot') ? body.activities : undefined;
    });
    expect(activities.map((a) => a.text)).to.not.include('deep');
  });

  it('refuses deep JSON on the operations API too (POST /api/incidents)', async () => {
    const response = await fetch(`${server.baseUrl}/api/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: `{"title":"x","scope":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
    });
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { message: string }).message).to.include('nested deeper');
  });

  it('replaces lone surrogates with U+FFFD at the edge: GET /api/cases is strict JSON', async () => {
    const conv = new Conversation(server.baseUrl, { userId: 'demo-user' });
    const replies: Reply[] = await conv.post({
      type: 'message',
      text: 'no data on my trackers \ud800 since \udfff yesterday',
      from: { id: 'demo-user', name: 'Ada \udc00' },
    });
    const caseId = caseIdIn(replies);
    const list = await strictJson(await apiGet(server.baseUrl, '/api/cases', ADMIN));
    expect(JSON.stringify(list)).to.include(caseId);
    const one = await strictJson(await apiGet(server.baseUrl, `/api/cases/${caseId}`, ADMIN));
    expect(JSON.stringify(one)).to.include('trackers \uFFFD since \uFFFD yesterday');

    const dl = await directLineConversation(server.baseUrl, 'demo-user');
    const posted = await dl.post(JSON.stringify({ type: 'message', text: 'hello \ud83d there' }));
    expect(posted.status).to.equal(200);
    const polled = await strictJson(await dl.poll());
    expect(JSON.stringify(polled)).to.include('hello \uFFFD there');
  });
});
