import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { Case } from '../../bot/cases/caseSchema.js';
import { apiJson, caseIdIn } from '../helpers/cases.js';
import { ConsoleClient, openEvents } from '../helpers/consoleClient.js';
import { Conversation } from '../helpers/conversation.js';
import { startTestServer, useConnectorStub, useTestServer, type TestServer } from '../helpers/server.js';

const ADMIN = 'console-test-admin-token-0123456789';
/** demo-agent's Entra object id in knowledge/demo/directory.json. */
const DEMO_AGENT_OID = '0f6c2a57-3d1e-4f7a-9a61-5d2b8e4c1a90';

describe('agent console API (local mode)', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN }, { perTest: true });
  const customer = (userId: string, conversationId?: string) =>
    new Conversation(server.baseUrl, {
      userId,
      serviceUrl: stub.url,
      ...(conversationId ? { conversationId } : {}),
    });

  it('refuses every console route without a session, or with a forged one (401)', async () => {
    const anonymous = new ConsoleClient(server.baseUrl);
    for (const [method, path] of [
      ['GET', '/api/console/session'],
      ['GET', '/api/console/state'],
      ['GET', '/api/console/events'],
      ['GET', '/api/console/cases/CS-10001'],
      ['POST', '/api/console/cases/CS-10001/messages'],
      ['POST', '/api/console/cases/CS-10001/pick'],
      ['PUT', '/api/console/me'],
      ['DELETE', '/api/console/session'],
    ] as const) {
      for (const cookie of ['', 'firstline_console=forged', '__Host-firstline_console=forged']) {
        const res = await anonymous.request(method, path, method === 'GET' ? undefined : { text: 'x' }, {
          cookie,
        });
        expect(res.status, `${method} ${path} ${cookie}`).to.equal(401);
      }
    }
  });

  it('signs demo agents in by id in local mode, never customers; the cookie is httpOnly and SameSite=Strict', async () => {
    const client = new ConsoleClient(server.baseUrl);
    expect((await client.signIn({ agentId: 'demo-user' })).status, 'a customer').to.equal(404);
    expect((await client.signIn({ agentId: 'nobody' })).status).to.equal(404);
    expect((await client.signIn({ token: 'fla_not-a-token' })).status).to.equal(401);
    expect((await client.signIn({ token: 'x.y.z' }, '/api/console/session/teams')).status, 'no SSO').to.equal(
      503,
    );
    expect((await client.signIn({ agentId: 'demo-agent', extra: 1 })).status).to.equal(400);
    const res = await client.signIn({ agentId: 'demo-agent' });
    expect(res.status).to.equal(201);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).to.match(/^firstline_console=[A-Za-z0-9_-]{40,};/);
    expect(cookie).to.include('HttpOnly').and.include('SameSite=Strict').and.include('Path=/');
    expect(await res.json()).to.deep.include({
      agent: { id: 'demo-agent', name: 'Alex Agent' },
      via: 'demo',
    });
    const state = await client.get<{ me: { id: string; availability: string } }>('/api/console/state');
    expect(state.me).to.deep.include({ id: 'demo-agent', availability: 'available' });
    // Signing out ends the session for good.
    expect((await client.request('DELETE', '/api/console/session')).status).to.equal(204);
    expect((await client.request('GET', '/api/console/state')).status).to.equal(401);
  });

  it("a state change needs the session's CSRF token and this origin (403); reading does not", async () => {
    const acmeId = caseIdIn(await customer('demo-user').say('I want a human'));
    const alex = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent' });
    const pick = `/api/console/cases/${acmeId}/pick`;
    expect((await alex.request('POST', pick, {}, { csrf: false })).status).to.equal(403);
    expect((await alex.request('POST', pick, {}, { csrf: 'wrong-token-wrong-token-wrong' })).status).to.equal(
      403,
    );
    expect((await alex.request('POST', pick, {}, { origin: 'https://evil.example' })).status).to.equal(403);
    expect((await alex.request('GET', `/api/console/cases/${acmeId}`)).status).to.equal(200);
    expect((await alex.request('POST', pick, {}, { origin: server.baseUrl })).status).to.equal(200);
    const other = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent-2' });
    expect(
      (await alex.request('POST', pick, {}, { csrf: other.csrf })).status,
      "another session's token",
    ).to.equal(403);
  });

  it('binds every action to the case in the URL: only the agent holding it can write to it', async () => {
    const acme = customer('demo-user');
    const acmeId = caseIdIn(await acme.say('I want a human'));
    const lucia = customer('demo-consumer');
    const luciaId = caseIdIn(await lucia.say('quiero hablar con una persona'));
    const alex = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent' });
    const maria = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent-2' });
    expect((await alex.act(acmeId, 'pick')).status).to.equal(200);

    for (const [action, body] of [
      ['messages', { text: 'hello' }],
      ['notes', { text: 'note' }],
      ['typing', {}],
      ['resolve', {}],
      ['handback', {}],
      ['release', {}],
      ['transfer', { agentId: 'demo-agent-2' }],
      ['merge', { duplicateId: luciaId }],
      ['sims/refresh', {}],
    ] as const) {
      // A queued case that is not Alex's, and Alex's case as seen by Maria.
      expect((await alex.act(luciaId, action, body)).status, `${action} on a queued case`).to.equal(403);
      expect((await maria.act(acmeId, action, body)).status, `${action} by another agent`).to.equal(403);
    }
    expect((await maria.act(acmeId, 'pick')).status, 'taken').to.equal(409);
    expect((await alex.act('CS-99999', 'messages', { text: 'x' })).status).to.equal(404);
    expect((await alex.act('not-a-case', 'messages', { text: 'x' })).status).to.equal(400);
    expect((await alex.act(acmeId, 'messages', { text: '' })).status).to.equal(400);
    expect((await alex.act(acmeId, 'messages', { text: 'x'.repeat(4001) })).status).to.equal(400);
    expect((await alex.act(acmeId, 'messages', { text: 'to Sam' })).status).to.equal(201);
    await stub.waitFor((a) => a.conversationId === acme.id && a.text === 'to Sam');
    expect(stub.to(lucia.id).map((a) => a.text)).to.not.include.members(['hello', 'to Sam']);
    const luciaCase = await apiJson<Case>(server.baseUrl, `/api/cases/${luciaId}`, ADMIN);
    expect(luciaCase.status).to.equal('queued');
    expect(luciaCase.notes).to.deep.equal([]);
  });

  it('a person request taken back with nothing told leaves no case: not in the queue, not found, no log', async () => {
    const alex = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent' });
    await alex.request('PUT', '/api/console/me', { availability: 'away' });
    const acme = customer('demo-user');
    const id = caseIdIn(await acme.say('can I talk to a real person please'));
    const inQueue = async () =>
      (await alex.get<{ queue: Array<{ id: string }> }>('/api/console/state')).queue.map((q) => q.id);
    expect(await inQueue()).to.include(id);
    const texts = (await acme.say('actually never mind, I will stay with the bot'))
      .map((r) => r.text)
      .join(' ');
    expect(texts).to.include(id);
    expect(await inQueue()).to.not.include(id);
    expect((await alex.request('GET', `/api/console/cases/${id}`)).status).to.equal(404);
    expect((await alex.act(id, 'pick')).status).to.equal(404);
    const admin = await fetch(`${server.baseUrl}/api/cases/${id}`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(admin.status).to.equal(404);
    // The next problem in the same conversation opens a new case; nothing of the withdrawn one comes back.
    const next = caseIdIn(await acme.say('the tracker on 0027 has had no data since this morning'));
    expect(next).to.not.equal(id);
    expect((await alex.request('GET', `/api/console/cases/${id}`)).status).to.equal(404);
  });

  it("keeps the customer panel to the case's organisation: live SIM look-up, earlier cases, merge", async () => {
    const first = customer('demo-user', 'acme-first');
    const firstId = caseIdIn(await first.say('no data on 8946070000000000027 since this morning'));
    await first.say('I want to talk to a person');
    const second = customer('demo-user', 'acme-second');
    const secondId = caseIdIn(await second.say('8946070000000000027 has no data again'));
    expect(secondId).to.not.equal(firstId);
    const lucia = customer('demo-consumer');
    const luciaId = caseIdIn(await lucia.say('quiero hablar con una persona'));

    const alex = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent' });
    expect((await alex.act(firstId, 'pick')).status).to.equal(200);
    const detail = await alex.get<{
      sims: string[];
      earlier: Array<{ id: string; mergeable: boolean; sharedSims: string[] }>;
      organisation: { name: string };
      messages: Array<{ text: string }>;
    }>(`/api/console/cases/${firstId}`);
    expect(detail.organisation.name).to.equal('Acme Logistics');
    expect(detail.sims).to.deep.equal(['8946070000000000027']);
    expect(detail.earlier.map((e) => e.id)).to.deep.equal([secondId]);
    expect(detail.earlier[0]).to.deep.include({ mergeable: true, sharedSims: ['8946070000000000027'] });
    expect(detail.messages.map((m) => m.text)).to.include(
      'no data on 8946070000000000027 since this morning',
    );

    const live = await alex.act(firstId, 'sims/refresh');
    expect(live.status).to.equal(200);
    const sims = (
      live.body as { sims: Array<{ iccid: string; outcome: string; findings: Array<{ code: string }> }> }
    ).sims;
    expect(sims.map((s) => [s.iccid, s.outcome])).to.deep.equal([['8946070000000000027', 'found']]);
    expect(sims[0]?.findings.map((f) => f.code)).to.include('APN_MISMATCH');

    // Another organisation's case is never a duplicate of this one.
    expect((await alex.act(firstId, 'merge', { duplicateId: luciaId })).status).to.equal(404);
    const merged = await alex.act(firstId, 'merge', { duplicateId: secondId });
    expect(merged.status).to.equal(200);
    const dup = await apiJson<Case>(server.baseUrl, `/api/cases/${secondId}`, ADMIN);
    expect(dup).to.deep.include({ status: 'closed', mergedInto: firstId });
    const after = await alex.get<{
      messages: Array<{ text: string; fromCase?: string }>;
      earlier: unknown[];
    }>(`/api/console/cases/${firstId}`);
    expect(after.messages.find((m) => m.text === '8946070000000000027 has no data again')?.fromCase).to.equal(
      secondId,
    );
    await stub.waitFor(
      (a) => a.conversationId === second.id && (a.text ?? '').includes(`was merged into it`),
    );
    expect((await alex.act(firstId, 'merge', { duplicateId: secondId })).status, 'already closed').to.equal(
      409,
    );
  });

  it("streams live events: the queue to every agent, a case's conversation only to the agent who holds it", async () => {
    const alex = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent' });
    const maria = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent-2' });
    const alexEvents = await openEvents(alex);
    const mariaEvents = await openEvents(maria);
    try {
      expect(alexEvents.status).to.equal(200);
      expect(alexEvents.contentType).to.match(/^text\/event-stream/);
      const acme = customer('demo-user');
      const acmeId = caseIdIn(await acme.say('I want a human'));
      await alexEvents.next((e) => e['type'] === 'queue');
      await mariaEvents.next((e) => e['type'] === 'queue');
      expect((await alex.act(acmeId, 'pick')).status).to.equal(200);
      await acme.say('the trackers are in Malmö');
      const message = await alexEvents.next(
        (e) =>
          e['type'] === 'message' && (e['entry'] as { text: string }).text === 'the trackers are in Malmö',
      );
      expect(message['caseId']).to.equal(acmeId);
      expect(message['entry']).to.deep.include({ from: 'customer' });
      const sent = await alex.act(acmeId, 'messages', { text: 'Thanks Sam' });
      expect(sent.status).to.equal(201);
      await alexEvents.next(
        (e) => e['type'] === 'delivery' && (e['delivery'] as { state: string }).state === 'delivered',
      );
      await new Promise((r) => setTimeout(r, 200));
      // Once the case is Alex's, its conversation is his alone.
      const seen = JSON.stringify(mariaEvents.events);
      expect(seen, 'nothing of Alex’s case reaches Maria').to.not.include('the trackers are in Malmö');
      expect(seen).to.not.include('Thanks Sam');
      expect(mariaEvents.events.filter((e) => e['type'] === 'delivery')).to.deep.equal([]);
    } finally {
      alexEvents.close();
      mariaEvents.close();
    }
  });

  it('shows typing both ways: the customer typing in the pane, the agent typing to the customer', async () => {
    const acme = customer('demo-user');
    const acmeId = caseIdIn(await acme.say('I want a human'));
    const alex = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent' });
    expect((await alex.act(acmeId, 'pick')).status).to.equal(200);
    const events = await openEvents(alex);
    try {
      await acme.post({ type: 'typing' });
      expect(await events.next((e) => e['type'] === 'typing')).to.deep.equal({
        type: 'typing',
        caseId: acmeId,
      });
      expect((await alex.act(acmeId, 'typing')).status).to.equal(200);
      await stub.waitFor((a) => a.conversationId === acme.id && a.type === 'typing');
    } finally {
      events.close();
    }
  });

  it('serves the console page from this origin under a strict policy', async () => {
    const res = await fetch(`${server.baseUrl}/agent`);
    expect(res.status).to.equal(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp)
      .to.include("script-src 'self'")
      .and.include("style-src 'self'")
      .and.include("frame-ancestors 'self'");
    expect(csp).to.not.include('unsafe-inline');
    expect(csp).to.not.include('teams.microsoft.com');
    const html = await res.text();
    expect(html).to.include('/web/console.js');
    expect(html, 'no inline script or handler').to.not.match(/<script>|\son[a-z]+="/);
    expect((await fetch(`${server.baseUrl}/web/console.js`)).status).to.equal(200);
    expect((await fetch(`${server.baseUrl}/web/teams.js`)).status).to.equal(200);
    expect((await fetch(`${server.baseUrl}/api/agent/token`, { method: 'POST' })).status).to.equal(404);
  });
});

describe('agent console API (production: agent tokens and Teams SSO)', function () {
  this.timeout(60_000);
  let server: TestServer;
  let jwks: Server;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
  const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

  before(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    server = await startTestServer({
      MicrosoftAppId: '00000000-0000-4000-8000-000000000001',
      MicrosoftAppPassword: 'not-used-in-this-test',
      HOST: '127.0.0.1',
      // Production mode seeds no demo directory unless asked: the agents here are the demo ones.
      DEMO_DATA: 'true',
      ADMIN_TOKEN: ADMIN,
      TEAMS_SSO_CLIENT_ID: CLIENT_ID,
      TEAMS_SSO_TENANT_ID: TENANT,
      TEAMS_SSO_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`,
    });
  });
  after(async () => {
    await server?.close();
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
  });

  /** A Teams SSO token as the identity platform issues it (v2), signed with `signer`. */
  function ssoToken(
    claims: Record<string, unknown> = {},
    signer: CryptoKey = key,
    options: { expiresIn?: string; kid?: string } = {},
  ): Promise<string> {
    const tid = (claims['tid'] as string | undefined) ?? TENANT;
    return new SignJWT({
      tid,
      oid: DEMO_AGENT_OID,
      name: 'Alex Agent',
      scp: 'access_as_user',
      iss: `https://login.microsoftonline.com/${tid}/v2.0`,
      aud: `api://firstline.example/${CLIENT_ID}`,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'test-key' })
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(signer);
  }

  it('signs agents in with their own API token only; revoking it ends the console session', async () => {
    const client = new ConsoleClient(server.baseUrl);
    expect((await client.signIn({ agentId: 'demo-agent' })).status, 'no demo sign-in').to.equal(403);
    const issued = await fetch(`${server.baseUrl}/api/agents/demo-agent/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const { token } = (await issued.json()) as { token: string };
    const res = await client.signIn({ token });
    expect(res.status).to.equal(201);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).to.match(/^__Host-firstline_console=/);
    expect(cookie).to.include('HttpOnly').and.include('Secure').and.include('SameSite=Strict');
    expect(cookie).to.not.include(token);
    expect((await client.request('GET', '/api/console/state')).status).to.equal(200);
    await fetch(`${server.baseUrl}/api/agents/demo-agent/tokens`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect((await client.request('GET', '/api/console/state')).status).to.equal(401);
  });

  it('validates a Teams SSO token against the signing keys and signs in the agent with that Entra object id', async () => {
    const client = new ConsoleClient(server.baseUrl);
    const res = await client.signIn({ token: await ssoToken() }, '/api/console/session/teams');
    expect(res.status).to.equal(201);
    expect(await res.json()).to.deep.include({
      agent: { id: 'demo-agent', name: 'Alex Agent' },
      via: 'teams',
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).to.include('SameSite=None').and.include('Secure').and.include('Partitioned');
    expect((await client.request('GET', '/api/console/state')).status).to.equal(200);
    const page = await fetch(`${server.baseUrl}/agent`);
    expect(page.headers.get('content-security-policy')).to.include('https://teams.microsoft.com');
  });

  it('refuses Teams SSO tokens that are forged, expired, for another app or tenant, or of no agent', async () => {
    const teams = (token: string) =>
      new ConsoleClient(server.baseUrl).signIn({ token }, '/api/console/session/teams');
    expect((await teams(await ssoToken({}, otherKey))).status, 'signed with another key').to.equal(401);
    expect((await teams(await ssoToken({}, key, { expiresIn: '-2h' }))).status, 'expired').to.equal(401);
    expect(
      (await teams(await ssoToken({ aud: 'api://other.example/another-app' }))).status,
      'audience',
    ).to.equal(401);
    expect(
      (await teams(await ssoToken({ tid: '00000000-0000-4000-8000-00000000dead' }))).status,
      'tenant',
    ).to.equal(401);
    expect(
      (await teams(await ssoToken({ oid: '9a9a9a9a-0000-4000-8000-000000000000' }))).status,
      'no agent',
    ).to.equal(403);
    expect((await teams('not.a.jwt')).status).to.equal(401);
  });
});
