import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { minimalActivity } from '../helpers/activity.js';
import { allText, Conversation } from '../helpers/conversation.js';
import { useTestServer } from '../helpers/server.js';

const ADMIN = 'b'.repeat(32);

/** One bad request: its class, a short description, and the status it must get. */
interface BadInput {
  kind: string;
  what: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer | FormData | URLSearchParams;
  /** Expected status; 200 marks input that is accepted after being made safe (lone surrogates). */
  expect: number;
}

const json: Record<string, string> = { 'content-type': 'application/json' };
const admin: Record<string, string> = { authorization: `Bearer ${ADMIN}` };

const activity = minimalActivity;

const without = (field: string) => {
  const a = activity();
  delete a[field];
  return JSON.stringify(a);
};
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepIn = (field: string, depth = 40_000) =>
  JSON.stringify(activity({ [field]: '__DEEP__' })).replace('"__DEEP__"', deep(depth));

function multipart(): FormData {
  const form = new FormData();
  form.append('file', new Blob(['x'.repeat(1024)]), 'x.bin');
  return form;
}

/** Every class of bad input tried against the real server, with the status each must get. */
function badInputs(): BadInput[] {
  const messages = (what: string, body: string | Buffer, expectStatus: number, headers = json): BadInput => ({
    kind: '',
    what,
    path: '/api/messages',
    headers,
    body,
    expect: expectStatus,
  });
  const kind = (name: string, inputs: BadInput[]) => inputs.map((i) => ({ ...i, kind: name }));
  return [
    ...kind('malformed activity', [
      messages('no type', without('type'), 400),
      messages('unknown type', JSON.stringify(activity({ type: 'teleport' })), 400),
      messages('no conversation', without('conversation'), 400),
      messages('conversation without id', JSON.stringify(activity({ conversation: {} })), 400),
      messages('no from', without('from'), 400),
      messages('empty from.id', JSON.stringify(activity({ from: { id: '' } })), 400),
      messages('from is a string', JSON.stringify(activity({ from: 'demo-user' })), 400),
      messages('no channelId', without('channelId'), 400),
      messages('no serviceUrl', without('serviceUrl'), 400),
      messages('serviceUrl not a URL', JSON.stringify(activity({ serviceUrl: 'not a url' })), 400),
      messages('text is a number', JSON.stringify(activity({ text: 42 })), 400),
      messages('locale of 100 characters', JSON.stringify(activity({ locale: 'x'.repeat(100) })), 400),
      messages('empty object', '{}', 400),
      messages('a JSON array', '[]', 400),
      messages('a JSON string', '"hello"', 400),
      messages('null', 'null', 400),
    ]),
    ...kind('bad JSON', [
      messages('truncated', '{"type": "message",', 400),
      messages('trailing garbage', `${JSON.stringify(activity())} trailing`, 400),
      messages('single quotes', "{'type': 'message'}", 400),
      messages('NaN literal', '{"type": NaN}', 400),
      messages('unterminated string', '{"type": "mess', 400),
      messages('lone comma', ',', 400),
    ]),
    ...kind('oversized', [
      messages(
        'body of 300 KB (limit 256 KB)',
        JSON.stringify(activity({ text: 'x'.repeat(300 * 1024) })),
        413,
      ),
      messages(
        'text of 40,000 characters (limit 32,000)',
        JSON.stringify(activity({ text: 'x'.repeat(40_000) })),
        413,
      ),
      messages(
        'gzip body (a compression bomb: 10 KB → 10 MB)',
        gzipSync(`{"text":"${'x'.repeat(10 * 2 ** 20)}"}`),
        415,
        {
          ...json,
          'content-encoding': 'gzip',
        },
      ),
    ]),
    ...kind('wrong content type', [
      messages('text/plain', 'type=message', 415, { 'content-type': 'text/plain' }),
      messages('application/xml', '<activity/>', 415, { 'content-type': 'application/xml' }),
      messages('application/octet-stream', 'x', 415, { 'content-type': 'application/octet-stream' }),
      messages('no content type', JSON.stringify(activity()), 415, {}),
      messages('text/csv', 'a,b', 415, { 'content-type': 'text/csv' }),
      messages('content-encoding br', JSON.stringify(activity()), 415, { ...json, 'content-encoding': 'br' }),
      { kind: '', what: 'multipart upload', path: '/api/messages', body: multipart(), expect: 415 },
      {
        kind: '',
        what: 'urlencoded form',
        path: '/api/messages',
        body: new URLSearchParams({ a: 'b' }),
        expect: 415,
      },
      {
        kind: '',
        what: 'multipart upload with the admin token',
        path: '/api/incidents',
        headers: admin,
        body: multipart(),
        expect: 415,
      },
    ]).map((i) => ({ ...i, kind: 'wrong content type' })),
    ...kind('deep nesting', [
      messages('40,000-deep from', deepIn('from'), 400),
      messages('40,000-deep conversation', deepIn('conversation'), 400),
      messages('40,000-deep channelData', deepIn('channelData'), 400),
      messages('40,000-deep value', deepIn('value'), 400),
      messages('65-deep entities', deepIn('entities', 65), 400),
      {
        kind: '',
        what: '50,000-deep incident scope',
        path: '/api/incidents',
        headers: { ...json, ...admin },
        body: `{"title":"x","scope":${deep(50_000)}}`,
        expect: 400,
      },
    ]),
    ...kind('lone surrogates (made safe)', [
      messages('in text', JSON.stringify(activity({ text: 'no data \ud800 here' })), 200),
      messages('in from.name', JSON.stringify(activity({ from: { id: 'demo-user', name: '\udfff' } })), 200),
      messages(
        'in a value key',
        JSON.stringify(activity({ text: undefined, value: { '\ud83d': '\udc00x' } })),
        200,
      ),
    ]),
    ...kind('serviceUrl', [
      messages(
        'foreign host',
        JSON.stringify(activity({ serviceUrl: 'https://attacker.example.net/' })),
        403,
      ),
      messages(
        'own API path',
        JSON.stringify(activity({ serviceUrl: 'http://127.0.0.1:9/api/agents/demo-agent/tokens' })),
        403,
      ),
      messages('query string', JSON.stringify(activity({ serviceUrl: 'http://127.0.0.1:9/?x=1' })), 403),
      messages('credentials', JSON.stringify(activity({ serviceUrl: 'http://a:b@127.0.0.1:9/' })), 403),
      messages('file: URL', JSON.stringify(activity({ serviceUrl: 'file:///etc/passwd' })), 403),
    ]),
    ...kind('operations API', [
      { kind: '', what: 'no token', path: '/api/cases', method: 'GET', expect: 401 },
      {
        kind: '',
        what: 'wrong token',
        path: '/api/cases',
        method: 'GET',
        headers: { authorization: 'Bearer nope' },
        expect: 401,
      },
      {
        kind: '',
        what: 'bad status filter',
        path: '/api/cases?status=exploded',
        method: 'GET',
        headers: admin,
        expect: 400,
      },
      {
        kind: '',
        what: 'bad case id',
        path: '/api/cases/DROP-TABLE',
        method: 'GET',
        headers: admin,
        expect: 400,
      },
      {
        kind: '',
        what: 'unknown case',
        path: '/api/cases/CS-99999999',
        method: 'GET',
        headers: admin,
        expect: 404,
      },
      {
        kind: '',
        what: 'incident without title',
        path: '/api/incidents',
        headers: { ...json, ...admin },
        body: JSON.stringify({ scope: { all: true } }),
        expect: 400,
      },
      {
        kind: '',
        what: 'incident with bad JSON',
        path: '/api/incidents',
        headers: { ...json, ...admin },
        body: '{"title":',
        expect: 400,
      },
    ]),
    ...kind('Direct Line', [
      {
        kind: '',
        what: 'activity without token',
        path: '/v3/directline/conversations/x/activities',
        headers: json,
        body: '{}',
        expect: 401,
      },
      {
        kind: '',
        what: 'activity with a forged token',
        path: '/v3/directline/conversations/x/activities',
        headers: { ...json, authorization: 'Bearer eyJmb3JnZWQiOnRydWV9.c2ln' },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
        expect: 403,
      },
      {
        kind: '',
        what: 'webchat token for a non-demo user',
        path: '/api/webchat/token',
        headers: json,
        body: '{"userId":"ceo"}',
        expect: 400,
      },
      {
        kind: '',
        what: 'webchat token, bad JSON',
        path: '/api/webchat/token',
        headers: json,
        body: '{"userId":',
        expect: 400,
      },
      {
        kind: '',
        what: 'webchat token, 40,000-deep',
        path: '/api/webchat/token',
        headers: json,
        body: `{"userId":${deep(40_000)}}`,
        expect: 400,
      },
      {
        kind: '',
        what: 'internal route without its secret',
        path: '/api/directline/internal/messages',
        headers: json,
        body: JSON.stringify(activity()),
        expect: 403,
      },
    ]),
    ...kind('routing', [
      { kind: '', what: 'unknown route', path: '/api/nothing-here', method: 'GET', expect: 404 },
      { kind: '', what: 'wrong method', path: '/api/messages', method: 'GET', expect: 405 },
      {
        kind: '',
        what: 'path traversal for an asset',
        path: '/web/..%2F..%2Fpackage.json',
        method: 'GET',
        expect: 404,
      },
    ]),
  ];
}

describe('bad input: every class gets a clear 4xx with a JSON error, and the server stays healthy', function () {
  this.timeout(120_000);
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });

  it('answers each bad input as expected (prints the table)', async () => {
    const rows: string[] = [];
    const wrong: string[] = [];
    const inputs = badInputs();
    for (const input of inputs) {
      const response = await fetch(`${server.baseUrl}${input.path}`, {
        method: input.method ?? 'POST',
        headers: input.headers ?? {},
        ...(input.body !== undefined
          ? { body: Buffer.isBuffer(input.body) ? new Uint8Array(input.body) : input.body }
          : {}),
      });
      const text = await response.text();
      rows.push(
        `${input.kind.padEnd(28)} ${input.what.padEnd(46)} ${input.method ?? 'POST'} ${input.path.slice(0, 44).padEnd(44)} ${response.status}`,
      );
      if (response.status !== input.expect)
        wrong.push(
          `${input.kind} / ${input.what}: ${response.status} (expected ${input.expect}) ${text.slice(0, 200)}`,
        );
      if (input.expect >= 400) {
        let body: { message?: string; error?: { message?: string } } = {};
        try {
          body = JSON.parse(text) as typeof body;
        } catch {
          wrong.push(`${input.kind} / ${input.what}: error body is not JSON: ${text.slice(0, 100)}`);
        }
        if (typeof (body.message ?? body.error?.message) !== 'string')
          wrong.push(`${input.kind} / ${input.what}: no error message in ${text.slice(0, 100)}`);
      }
    }
    const byStatus = new Map<number, number>();
    for (const input of inputs) byStatus.set(input.expect, (byStatus.get(input.expect) ?? 0) + 1);
    process.stderr.write(
      `\n      ${inputs.length} bad inputs in ${new Set(inputs.map((i) => i.kind)).size} classes — ` +
        `${[...byStatus]
          .sort()
          .map(([s, n]) => `${n}×${s}`)
          .join(', ')}\n` +
        rows.map((row) => `      ${row}\n`).join(''),
    );
    expect(wrong).to.deep.equal([]);

    // Still healthy: a normal customer turn works, and so does the operations API.
    expect((await fetch(`${server.baseUrl}/healthz`)).status).to.equal(200);
    const said = allText(
      await new Conversation(server.baseUrl, { userId: 'demo-user' }).say('no data on 8946070000000000019'),
    );
    expect(said).to.match(/CS-\d+/);
  });
});
