import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { agentTokenRepository, AgentTokens } from '../../bot/api/agentTokens.js';
import { ContactLog, contactRepository } from '../../bot/api/contactLog.js';
import { registerOperationsApi } from '../../bot/api/operationsApi.js';
import type { CaseService } from '../../bot/cases/caseService.js';
import { caseServiceAt, ORGS, silentLogger, tempDir } from '../cases/fixtures.js';

const ADMIN = 'admin-secret-for-tests-0123456789';

describe('operations API', () => {
  let cleanup: () => Promise<void>;
  let dir: string;
  let server: restify.Server;
  let base: string;
  let cases: CaseService;
  let tokens: AgentTokens;
  let contacts: ContactLog;
  // Monday 2026-11-23 09:00 UTC, moved by tests.
  let clock = new Date('2026-11-23T09:00:00Z');

  before(async () => {
    ({ dir, cleanup } = await tempDir('api'));
    cases = await caseServiceAt(dir, () => clock);
    tokens = new AgentTokens(await agentTokenRepository(path.join(dir, 'agentTokens')).open());
    contacts = new ContactLog(await contactRepository(path.join(dir, 'contacts')).open(), () => clock);
    server = restify.createServer({ handleUncaughtExceptions: false });
    registerOperationsApi(server, {
      cases,
      contacts,
      agentTokens: tokens,
      adminToken: ADMIN,
      logger: silentLogger,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const conv = (id: string) => ({ channelId: 'test', conversation: { id } });
    // A VIP incident handled by an agent: picked Tue 09:00, resolved Wed 09:00 (2 business days after opening).
    const vip = await cases.open({
      organisation: ORGS.nordlys,
      contactUserId: 'demo-vip',
      lang: 'en',
      type: 'incident',
      category: 'data',
      severity: 'outage',
      conversation: conv('c1'),
    });
    await contacts.recordContact({ channelId: 'test', conversationId: 'c1', organisationId: 'nordlys' });
    await contacts.recordContact({ channelId: 'test', conversationId: 'c1', organisationId: 'nordlys' });
    await cases.setStatus(vip.id, 'queued', 'bot');
    clock = new Date('2026-11-24T09:00:00Z');
    await cases.assign(vip.id, 'demo-agent');
    clock = new Date('2026-11-25T09:00:00Z');
    await cases.resolve(vip.id, 'demo-agent');
    await cases.rate(vip.id, 4, 'demo-vip');
    // Acme info request resolved by the bot on the same day.
    clock = new Date('2026-11-25T10:00:00Z');
    const info = await cases.open({
      organisation: ORGS.acme,
      contactUserId: 'demo-acme',
      lang: 'en',
      type: 'information_request',
      category: 'sms',
      severity: 'question',
      conversation: conv('c2'),
    });
    await contacts.recordContact({ channelId: 'test', conversationId: 'c2', organisationId: 'acme' });
    clock = new Date('2026-11-25T16:00:00Z');
    await cases.resolve(info.id, 'bot');
    await cases.close(info.id, 'demo-acme');
    await cases.rate(info.id, 2, 'demo-acme');
    // An open consumer case in December.
    clock = new Date('2026-12-01T10:00:00Z');
    await cases.open({
      organisation: ORGS.consumer,
      contactUserId: 'demo-consumer',
      lang: 'es',
      type: 'incident',
      category: 'data',
      severity: 'degraded',
      conversation: conv('c3'),
    });
    await contacts.recordContact({ channelId: 'test', conversationId: 'c3', organisationId: 'consumer' });
    await contacts.recordContact({ channelId: 'test', conversationId: 'c4' });
  });
  after(async () => {
    server.close();
    await cleanup();
  });

  const get = (p: string, token?: string) =>
    fetch(`${base}${p}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

  it('refuses requests without or with wrong credentials (401, WWW-Authenticate: Bearer)', async () => {
    for (const p of ['/api/cases', '/api/cases/CS-10001', '/api/stats']) {
      for (const token of [undefined, 'wrong', `${ADMIN}x`, '']) {
        const res = await get(p, token);
        expect(res.status, `${p} ${token}`).to.equal(401);
        expect(res.headers.get('www-authenticate')).to.match(/^Bearer/);
        expect(JSON.stringify(await res.json())).not.to.include(ADMIN);
      }
    }
    const basic = await fetch(`${base}/api/cases`, {
      headers: { authorization: `Basic ${btoa(`admin:${ADMIN}`)}` },
    });
    expect(basic.status).to.equal(401);
  });

  it('accepts the admin token and lists cases by priority', async () => {
    const res = await get('/api/cases', ADMIN);
    expect(res.status).to.equal(200);
    const body = (await res.json()) as {
      count: number;
      cases: Array<{ id: string; priority: { level: string } }>;
    };
    expect(body.count).to.equal(3);
    expect(body.cases[0]?.priority.level).to.equal('P1');
  });

  it('accepts an agent token, which is stored hashed, never in clear', async () => {
    const token = await tokens.issueAgentToken('demo-agent');
    const res = await get('/api/cases/CS-10001', token);
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { id: string }).id).to.equal('CS-10001');
    const files = await readdir(path.join(dir, 'agentTokens'));
    const onDisk = (
      await Promise.all(files.map((f) => readFile(path.join(dir, 'agentTokens', f), 'utf8')))
    ).join('\n');
    expect(onDisk).to.include('demo-agent');
    expect(onDisk).not.to.include(token);
    expect(onDisk).not.to.include(token.slice(4, 30));
    await tokens.revokeAll('demo-agent');
    expect((await get('/api/cases', token)).status).to.equal(401);
  });

  it('filters by status, organisation and priority, and refuses bad filters with 400', async () => {
    const ids = async (q: string) =>
      ((await (await get(`/api/cases?${q}`, ADMIN)).json()) as { cases: Array<{ id: string }> }).cases.map(
        (c) => c.id,
      );
    expect(await ids('status=resolved')).to.deep.equal(['CS-10001']);
    expect(await ids('organisation=acme')).to.deep.equal(['CS-10002']);
    expect(await ids('priority=P1&organisation=nordlys')).to.deep.equal(['CS-10001']);
    expect(await ids('status=open&organisation=consumer')).to.deep.equal(['CS-10003']);
    for (const q of ['status=lost', 'priority=P9', 'org=acme', 'status=open&status=closed']) {
      const res = await get(`/api/cases?${q}`, ADMIN);
      expect(res.status, q).to.equal(400);
    }
    expect((await get('/api/cases/CS-99999', ADMIN)).status).to.equal(404);
    expect((await get('/api/cases/..%2Fetc', ADMIN)).status).to.equal(400);
  });

  it('computes the operations figures', async () => {
    const res = await get('/api/stats', ADMIN);
    expect(res.status).to.equal(200);
    const s = (await res.json()) as Record<string, unknown> & {
      contacts: { total: number; perDay: Record<string, number>; perMonth: Record<string, number> };
      resolution: Record<
        string,
        {
          resolved: number;
          meanBusinessDays: number | null;
          targetBusinessDays: number;
          withinTarget: boolean | null;
        }
      >;
      satisfaction: { average: number; count: number };
    };
    expect(s.contacts.total).to.equal(4);
    expect(s.contacts.perMonth).to.deep.equal({ '2026-11': 2, '2026-12': 2 });
    expect(s.contacts.perDay).to.deep.equal({ '2026-11-23': 1, '2026-11-25': 1, '2026-12-01': 2 });
    expect(s.handoffRate).to.equal(0.25);
    expect(s.containmentRate).to.equal(0.75);
    expect(s.averageHandlingMinutes).to.equal(24 * 60);
    expect(s.resolution.incident).to.deep.equal({
      resolved: 1,
      meanBusinessDays: 2,
      targetBusinessDays: 9.3,
      withinTarget: true,
    });
    expect(s.resolution.information_request).to.deep.include({
      resolved: 1,
      meanBusinessDays: 0.25,
      targetBusinessDays: 7.1,
    });
    expect(s.resolution.order).to.deep.equal({
      resolved: 0,
      meanBusinessDays: null,
      targetBusinessDays: 12,
      withinTarget: null,
    });
    expect(s.satisfaction).to.deep.equal({ average: 3, count: 2 });
  });
});
