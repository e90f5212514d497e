import { expect } from 'chai';
import type { Incident } from '../../bot/incidents/incidentSchema.js';
import { apiGet, apiJson } from '../helpers/cases.js';
import { apiPost, GERMANY_OUTAGE, type ApiErrorBody } from '../helpers/incidents.js';
import { useTestServer } from '../helpers/server.js';

const ADMIN = 'incident-api-admin-token-0123456789';

describe('operations API: incidents', () => {
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  const post = <T = ApiErrorBody>(path: string, body: unknown, token?: string) =>
    apiPost<T>(server.baseUrl, path, body, token);

  it('refuses callers without operations credentials: no token, a wrong one, a customer’s Direct Line token', async () => {
    const none = await post('/api/incidents', GERMANY_OUTAGE);
    expect(none.status).to.equal(401);
    expect(none.headers.get('www-authenticate')).to.match(/^Bearer/);
    expect((await post('/api/incidents', GERMANY_OUTAGE, 'not-the-admin-token-0123456789')).status).to.equal(
      401,
    );

    const widget = await fetch(`${server.baseUrl}/api/webchat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'demo-user' }),
    });
    const { token: customerToken } = (await widget.json()) as { token: string };
    expect(customerToken).to.be.a('string');
    expect((await post('/api/incidents', GERMANY_OUTAGE, customerToken)).status).to.equal(401);
    expect((await apiGet(server.baseUrl, '/api/incidents', customerToken)).status).to.equal(401);
    expect((await apiGet(server.baseUrl, '/api/incidents')).status).to.equal(401);
    const issued = await fetch(`${server.baseUrl}/api/agents/demo-user/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(issued.status, 'customers get no agent token to call it with').to.equal(404);
    const listed = await apiJson<{ count: number }>(server.baseUrl, '/api/incidents', ADMIN);
    expect(listed.count, 'nothing was declared by the refused calls').to.equal(0);
  });

  it('lets an agent declare with their own token, recorded as theirs', async () => {
    const issued = await fetch(`${server.baseUrl}/api/agents/demo-agent/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const { token } = (await issued.json()) as { token: string };
    const declared = await post<{ incident: Incident }>('/api/incidents', GERMANY_OUTAGE, token);
    expect(declared.status).to.equal(201);
    expect(declared.body.incident.updates[0]?.by).to.equal('demo-agent');
    const resolved = await post<{ incident: Incident }>(
      `/api/incidents/${declared.body.incident.id}/resolve`,
      {},
      token,
    );
    expect(resolved.status).to.equal(200);
  });

  const invalid: Array<[string, unknown, string]> = [
    ['no title', { scope: { countries: ['DE'] } }, 'invalid body title'],
    ['no scope', { title: 'x' }, 'invalid body scope'],
    ['an empty scope', { title: 'x', scope: {} }, 'invalid body scope: name who is affected'],
    ['a bad country', { title: 'x', scope: { countries: ['Germany'] } }, 'invalid body scope.countries.0'],
    [
      'an unknown service',
      { title: 'x', scope: { all: true, services: ['fax'] } },
      'invalid body scope.services.0',
    ],
    ['a typo in the scope', { title: 'x', scope: { country: ['DE'] } }, 'invalid body scope'],
    [
      'a message in French',
      { title: 'x', scope: { all: true }, message: { fr: 'x' } },
      'invalid body message',
    ],
    ['declared resolved', { title: 'x', scope: { all: true }, status: 'resolved' }, 'invalid body status'],
    [
      'an unknown organisation',
      { title: 'x', scope: { organisationIds: ['org-acme', 'org-nope'] } },
      'invalid body scope.organisationIds.1: unknown organisation "org-nope"',
    ],
  ];
  for (const [what, body, message] of invalid) {
    it(`answers 400 naming the field for ${what}`, async () => {
      const res = await post('/api/incidents', body, ADMIN);
      expect(res.status).to.equal(400);
      expect(res.body.error.code).to.equal('BadRequest');
      expect(res.body.error.message).to.contain(message);
    });
  }

  it('validates updates and resolutions: 400 for a bad body or id, 404 for an unknown incident, 409 once resolved', async () => {
    const declared = await post<{ incident: Incident }>('/api/incidents', GERMANY_OUTAGE, ADMIN);
    const id = declared.body.incident.id;
    const empty = await post(`/api/incidents/${id}/updates`, {}, ADMIN);
    expect([empty.status, empty.body.error.message]).to.deep.equal([
      400,
      'invalid body status: give a new status and/or a message',
    ]);
    const resolvedStatus = await post(`/api/incidents/${id}/updates`, { status: 'resolved' }, ADMIN);
    expect(resolvedStatus.status).to.equal(400);
    expect(resolvedStatus.body.error.message).to.contain('invalid body status').and.to.contain('/resolve');
    const french = await post(`/api/incidents/${id}/updates`, { message: { fr: 'panne' } }, ADMIN);
    expect([french.status, french.body.error.message]).to.deep.equal([
      400,
      'invalid body message.fr: not a language Firstline speaks (en, es)',
    ]);
    const badId = await post('/api/incidents/CS-10001/updates', { status: 'identified' }, ADMIN);
    expect([badId.status, badId.body.error.message]).to.deep.equal([
      400,
      'invalid incident id: incident ids look like INC-1001',
    ]);
    expect((await post('/api/incidents/INC-999999/resolve', {}, ADMIN)).status).to.equal(404);
    expect((await apiGet(server.baseUrl, '/api/incidents/INC-999999', ADMIN)).status).to.equal(404);

    expect((await post(`/api/incidents/${id.toLowerCase()}/resolve`, {}, ADMIN)).status).to.equal(200);
    const again = await post(`/api/incidents/${id}/resolve`, {}, ADMIN);
    expect([again.status, again.body.error.code]).to.deep.equal([409, 'Conflict']);
    const late = await post(`/api/incidents/${id}/updates`, { status: 'monitoring' }, ADMIN);
    expect(late.status).to.equal(409);
  });

  it('lists open incidents first, newest first within each group', async () => {
    const ids: string[] = [];
    for (const title of ['first', 'second', 'third']) {
      const res = await post<{ incident: Incident }>('/api/incidents', { ...GERMANY_OUTAGE, title }, ADMIN);
      ids.push(res.body.incident.id);
    }
    await post(`/api/incidents/${ids[2]}/resolve`, {}, ADMIN);
    const listed = await apiJson<{ incidents: Incident[] }>(server.baseUrl, '/api/incidents', ADMIN);
    const mine = listed.incidents.filter((i) => ids.includes(i.id)).map((i) => [i.title, i.status]);
    expect(mine).to.deep.equal([
      ['second', 'investigating'],
      ['first', 'investigating'],
      ['third', 'resolved'],
    ]);
    const statuses = listed.incidents.map((i) => i.status === 'resolved');
    expect(statuses.indexOf(true), 'no open incident after a resolved one').to.be.greaterThan(
      statuses.lastIndexOf(false),
    );
  });
});
