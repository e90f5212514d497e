import { expect } from 'chai';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConsoleClient } from '../helpers/consoleClient.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const ADMIN = 'k'.repeat(32);
type Json = Record<string, unknown>;

interface Reload {
  outcome: string;
  version: string;
  accepted: string[];
  rejected: Array<{
    file: string;
    errors: Array<{ file: string; line?: number; message: string; suggestion?: string }>;
  }>;
}

async function editJson(file: string, edit: (json: Json) => void): Promise<void> {
  const json = JSON.parse(await readFile(file, 'utf8')) as Json;
  edit(json);
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
}

/** Direct Line as the page's preview chat uses it: start with the token, post, read the bot's replies. */
async function previewChat(
  baseUrl: string,
  token: string,
  conversationId: string,
  text: string,
): Promise<string> {
  const dl = (p: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}/v3/directline${p}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  await dl('/conversations', { method: 'POST' });
  const sent = await dl(`/conversations/${conversationId}/activities`, {
    method: 'POST',
    body: JSON.stringify({ type: 'message', text, locale: 'en-GB' }),
  });
  expect(sent.status).to.equal(200);
  const deadline = Date.now() + 10_000;
  let all = '';
  while (Date.now() < deadline) {
    const got = (await (await dl(`/conversations/${conversationId}/activities`)).json()) as {
      activities: Array<{ type: string; text?: string; from: { id: string } }>;
    };
    all = got.activities
      .filter((a) => a.type === 'message' && a.from.id === 'firstline')
      .map((a) => a.text ?? '')
      .join('\n');
    if (all.includes('?')) return all;
    await new Promise((r) => setTimeout(r, 150));
  }
  return all;
}

/**
 * The knowledge editors' API over HTTP: credentials, flows with diagrams and texts, trying a flow, the reload
 * outcomes (a broken file held back while an unrelated edit is served), versions and rollback, and a preview
 * chat on the files on disk that only the preview conversation sees.
 */
describe('knowledge API (/api/knowledge)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: TestServer;
  let editor: ConsoleClient;
  const bearer = { authorization: `Bearer ${ADMIN}` };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'firstline-kb-api-'));
    await cp('knowledge', dir, { recursive: true });
    server = await startTestServer({ KNOWLEDGE_DIR: dir, ADMIN_TOKEN: ADMIN, KNOWLEDGE_WATCH: 'false' });
    editor = new ConsoleClient(server.baseUrl);
    const res = await editor.signIn({ agentId: 'demo-editor' }, '/api/knowledge/session');
    expect(res.status).to.equal(201);
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('needs credentials: 401 without; an editor session or a bearer token gets in; editors stay out of the agent console', async () => {
    for (const p of ['/api/knowledge/flows', '/api/knowledge/reloads', '/api/knowledge/versions'])
      expect((await fetch(`${server.baseUrl}${p}`)).status, p).to.equal(401);
    expect((await fetch(`${server.baseUrl}/api/knowledge/reloads`, { headers: bearer })).status).to.equal(
      200,
    );
    expect((await editor.request('GET', '/api/knowledge/reloads')).status).to.equal(200);
    expect((await editor.request('GET', '/api/console/state')).status).to.equal(401);
    // A change without the session's CSRF token is refused.
    expect((await editor.request('POST', '/api/knowledge/reload', {}, { csrf: false })).status).to.equal(403);
    const page = await fetch(`${server.baseUrl}/knowledge`);
    expect(page.headers.get('content-security-policy')).to.include("script-src 'self'");
    expect(await page.text()).to.include('/web/mermaid.js');
    const bundle = await fetch(`${server.baseUrl}/web/mermaid.js`);
    expect(bundle.status).to.equal(200);
    expect((await bundle.arrayBuffer()).byteLength).to.be.greaterThan(100_000);
  });

  it('lists every flow with a Mermaid diagram and each step’s texts in both languages', async () => {
    const { flows } = await editor.get<{
      flows: Array<Json & { id: string; diagram: string; nodes: Json[] }>;
    }>('/api/knowledge/flows');
    const data = flows.find((f) => f.id === 'data');
    expect(data?.diagram)
      .to.match(/^flowchart TD/)
      .and.to.include('-->|pass|');
    const final = data?.nodes.find((n) => n['id'] === 'final') as {
      kind: string;
      text: { en: string; es: string };
    };
    expect(final.kind).to.equal('resolution');
    expect(final.text.en).to.be.a('string').and.not.equal(final.text.es);
    const handoff = data?.nodes.find((n) => n['kind'] === 'handoff') as { reasonText: { en: string } };
    expect(handoff.reasonText.en).to.match(/troubleshooting/);
  });

  it('tries a flow with a SIM of the demo inventory and answers, highlighting the walk in the diagram', async () => {
    const res = await editor.request('POST', '/api/knowledge/try', {
      flow: 'data',
      sim: '8946070000000000019',
      answers: ['no'],
      lang: 'es',
    });
    expect(res.status).to.equal(200);
    const body = (await res.json()) as {
      walk: { outcome: { kind: string; reason?: string } };
      diagram: string;
    };
    expect(body.walk.outcome).to.include({ kind: 'handoff', reason: 'data_unresolved' });
    expect(body.diagram).to.include('k_visited');
  });

  it('shows each reload: a broken file is held back with its errors while an unrelated edit is served; a fix is accepted', async () => {
    // A missing comma in plans.json (a syntax error) …
    const plans = await readFile(path.join(dir, 'plans.json'), 'utf8');
    await writeFile(path.join(dir, 'plans.json'), plans.replace(/("homeCountry": "[A-Z]{2}"),/, '$1'));
    await editJson(path.join(dir, 'texts', 'flows.en.json'), (json) => {
      (json['texts'] as Record<string, string>)['flows.data.intro'] =
        'Edited intro, served while plans.json is broken.';
    });
    const partly = (await (await editor.request('POST', '/api/knowledge/reload', {})).json()) as Reload;
    expect(partly.outcome).to.equal('partly_accepted');
    expect(partly.accepted).to.deep.equal(['texts/flows.en.json']);
    expect(partly.rejected.map((r) => r.file)).to.deep.equal(['plans.json']);
    const error = partly.rejected[0]?.errors[0];
    expect(error?.message).to.match(/invalid JSON/);
    expect(error?.line).to.be.a('number');
    const { flows } = await editor.get<{
      flows: Array<{ id: string; nodes: Array<{ id: string; text?: { en: string } }> }>;
    }>('/api/knowledge/flows');
    expect(flows.find((f) => f.id === 'data')?.nodes.find((n) => n.id === 'intro')?.text?.en).to.equal(
      'Edited intro, served while plans.json is broken.',
    );
    // The fix: the comma back, and a description reworded.
    await writeFile(path.join(dir, 'plans.json'), plans);
    await editJson(path.join(dir, 'plans.json'), (json) => {
      const first = (json['plans'] as Array<{ description: { en: string } }>)[0];
      if (first) first.description.en = `${first.description.en} (reworded)`;
    });
    const fixed = (await (await editor.request('POST', '/api/knowledge/reload', {})).json()) as Reload;
    expect(fixed).to.include({ outcome: 'accepted' });
    expect(fixed.accepted).to.deep.equal(['plans.json']);
    const { reloads } = await editor.get<{ reloads: Reload[] }>('/api/knowledge/reloads');
    expect(reloads.slice(0, 3).map((r) => r.outcome)).to.deep.equal([
      'accepted',
      'partly_accepted',
      'accepted',
    ]);
  });

  it('keeps the accepted versions and rolls back to one: the directory and the served version both return', async () => {
    const { versions, current } = await editor.get<{ current: string; versions: Array<{ version: string }> }>(
      '/api/knowledge/versions',
    );
    expect(versions.length).to.be.greaterThanOrEqual(3);
    const first = versions[versions.length - 1]?.version as string;
    expect(first).to.not.equal(current);
    const res = await fetch(`${server.baseUrl}/api/knowledge/rollback`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ version: first }),
    });
    expect(res.status).to.equal(200);
    expect(((await res.json()) as Reload).version).to.equal(first);
    expect(await readFile(path.join(dir, 'texts', 'flows.en.json'), 'utf8')).to.equal(
      await readFile('knowledge/texts/flows.en.json', 'utf8'),
    );
    expect((await editor.get<{ current: string }>('/api/knowledge/versions')).current).to.equal(first);
    expect(
      (await editor.request('POST', '/api/knowledge/rollback', { version: 'abcdef123456' })).status,
    ).to.equal(404);
  });

  it('previews the files on disk in a chat that only the preview conversation sees', async () => {
    const marker = 'PREVIEW: let us look at your data connection (not live yet).';
    await editJson(path.join(dir, 'texts', 'flows.en.json'), (json) => {
      (json['texts'] as Record<string, string>)['flows.data.intro'] = marker;
    });
    const res = await editor.request('POST', '/api/knowledge/preview', { lang: 'en' });
    expect(res.status).to.equal(201);
    const preview = (await res.json()) as {
      version: string;
      live: string;
      conversationId: string;
      token: string;
    };
    expect(preview.version).to.not.equal(preview.live);
    const said = await previewChat(
      server.baseUrl,
      preview.token,
      preview.conversationId,
      'our meters have no data',
    );
    expect(said).to.include(marker);
    // Everyone else still gets the live version.
    const live = await fetch(`${server.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text: 'our meters have no data',
        deliveryMode: 'expectReplies',
        channelId: 'emulator',
        serviceUrl: server.baseUrl,
        from: { id: 'live-user' },
        recipient: { id: 'firstline' },
        conversation: { id: 'live-conversation' },
      }),
    });
    const replies = ((await live.json()) as { activities: Array<{ text?: string }> }).activities.map(
      (a) => a.text ?? '',
    );
    expect(replies.join('\n')).to.not.include(marker);
    expect(
      (await editor.get<{ reloads: Reload[] }>('/api/knowledge/reloads')).reloads[0]?.outcome,
    ).to.not.equal('accepted_preview');
  });
});
