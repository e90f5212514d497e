import { expect } from 'chai';
import { maskIccid } from '../../bot/connectivity/iccid.js';
import type { OperationsStats } from '../../bot/api/stats.js';
import type { Case } from '../../bot/cases/caseSchema.js';
import { apiGet, apiJson, caseIdIn } from '../helpers/cases.js';
import { allText, Conversation, type Reply } from '../helpers/conversation.js';
import { shippedKnowledgeText } from '../helpers/knowledgeText.js';
import { useConnectorStub, useTestServer } from '../helpers/server.js';

const ADMIN = 'cases-test-admin-token-0123456789';
const APN_MISMATCH_SIM = '8946070000000000027';
const VIP_SIM = '8946070000000000092';

const { load: loadKnowledge, t, pattern } = shippedKnowledgeText();

/** The message texts of the replies, one per line (no card JSON). */
function textsOf(replies: readonly Reply[]): string {
  return replies.map((r) => r.text ?? '').join('\n');
}

/** "0.0" style business days with one decimal, as the status texts show them. */
const DAYS = /\d+\.\d/.source;

describe('conversations: case status and the operations API (issue 6)', function () {
  this.timeout(30_000);
  /** Receives the proactive messages (the agent's relays) so no send waits on a dead serviceUrl. */
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN }, { perTest: true });

  const get = (path: string, token?: string, headers: Record<string, string> = {}): Promise<Response> =>
    apiGet(server.baseUrl, path, token, headers);
  const api = <T>(path: string): Promise<T> => apiJson<T>(server.baseUrl, path, ADMIN);
  const customer = (userId: string, locale = 'en-GB'): Conversation =>
    new Conversation(server.baseUrl, { userId, locale, serviceUrl: stub.url });

  /** demo-user opens an incident (APN mismatch) and an order ("I want to order 50 new SIMs"). */
  async function acmeWithIncidentAndOrder(): Promise<{ incident: string; order: string }> {
    const incident = caseIdIn(
      await customer('demo-user').say(`No data on ${APN_MISMATCH_SIM} since yesterday`),
    );
    const ordering = customer('demo-user');
    const started = await ordering.say('I want to order 50 new SIMs');
    expect(allText(started)).to.contain(t('en', 'bot.request.start.order'));
    await ordering.say('nano');
    await ordering.say('IoT Connect EU');
    const summary = await ordering.say('Acme Logistics, Storgatan 1, 111 22 Stockholm, Sweden');
    expect(allText(summary)).to.contain(t('en', 'request.formFactor.4ff'));
    const opened = await ordering.say(t('en', 'bot.request.send'));
    const order = caseIdIn(opened);
    expect(allText(opened)).to.contain(
      t('en', 'bot.request.confirmed', { caseId: order, type: t('en', 'bot.caseType.order') }),
    );
    return { incident, order };
  }

  before(loadKnowledge);

  describe('case status', () => {
    it('"any news on my ticket?" lists only the organisation\'s open cases with status, last update and time against target', async () => {
      const { incident, order } = await acmeWithIncidentAndOrder();
      const vipCase = caseIdIn(await customer('demo-vip').say(`We have no data on ${VIP_SIM}`));

      const replies = await customer('demo-user').say('any news on my ticket?');
      const text = allText(replies);
      expect(text).to.match(pattern('en', 'bot.cases.list', { count: 2 }));
      const line = (id: string, type: string, sims: string): RegExp =>
        pattern('en', 'cases.statusLine', {
          id,
          type: t('en', `cases.type.${type}`),
          status: t('en', 'cases.status.open'),
          sims,
        });
      // Each line says what the case is about (the customer's words, its SIM), its priority and what that promises.
      expect(text).to.match(line(incident, 'incident', ` (\`${maskIccid(APN_MISMATCH_SIM)}\`)`));
      expect(text).to.match(line(order, 'order', ''));
      expect(text).to.contain(`${incident} — “No data on ${APN_MISMATCH_SIM} since yesterday”`);
      expect(text).to.match(new RegExp(`${order} — “Quantity: 50;`));
      expect(text).to.match(
        new RegExp(`${incident} — .*P\\d \\(${t('en', 'cases.response.P3').slice(0, 20)}`),
      );
      expect(text).to.match(new RegExp(`${incident} — .*last update \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC`));
      expect(text).to.not.contain(vipCase);

      // The VIP sees their own case, not Acme's.
      const vipNews = allText(await customer('demo-vip').say('any news on my ticket?'));
      expect(vipNews).to.contain(vipCase);
      expect(vipNews).to.contain(t('en', 'cases.status.queued'));
      expect(vipNews).to.not.contain(incident);
    });

    it('"¿cómo va el caso CS-…?" answers with the named case in Spanish: status, owner, next step, time of target', async () => {
      const { incident, order } = await acmeWithIncidentAndOrder();
      const replies = await customer('demo-user', 'es-ES').say(`¿cómo va el caso ${incident}?`);
      const text = allText(replies);
      expect(text).to.match(
        pattern('es', 'cases.statusReport', {
          id: incident,
          type: t('es', 'cases.type.incident'),
          category: t('es', 'cases.category.data'),
          status: t('es', 'cases.status.open'),
          owner: t('es', 'cases.owner.open'),
          next: t('es', 'cases.next.open'),
          target: '9.3',
        }),
      );
      expect(text).to.match(new RegExp(`${DAYS} de 9\\.3 días laborables`));
      expect(text).to.not.contain(order);
    });

    it('"has my order shipped?" answers about the order, not the incident', async () => {
      const { incident, order } = await acmeWithIncidentAndOrder();
      const text = allText(await customer('demo-user').say('has my order shipped?'));
      expect(text).to.match(
        pattern('en', 'cases.statusReport', {
          id: order,
          type: t('en', 'cases.type.order'),
          status: t('en', 'cases.status.open'),
          target: '12',
        }),
      );
      expect(text).to.not.contain(incident);
      // With no order open, the bot says so instead of listing incidents.
      const vipText = allText(await customer('demo-vip').say('has my order shipped?'));
      expect(vipText).to.contain(t('en', 'bot.cases.noOpenOrders'));
    });

    it('another organisation\'s case id is "not found" — the same answer as an id that does not exist', async () => {
      const { incident } = await acmeWithIncidentAndOrder();
      const vip = customer('demo-vip');
      const foreign = textsOf(await vip.say(`what is the status of case ${incident}?`));
      expect(foreign).to.equal(t('en', 'bot.cases.notFound', { caseId: incident }));
      const missing = textsOf(await vip.say('what is the status of case CS-99999?'));
      expect(missing).to.equal(t('en', 'bot.cases.notFound', { caseId: 'CS-99999' }));
      expect(foreign.replace(incident, 'CS-X')).to.equal(missing.replace('CS-99999', 'CS-X'));
      // In Spanish too, and an unidentified visitor cannot see it either.
      const es = textsOf(await customer('demo-consumer', 'es-ES').say(`¿cómo va el caso ${incident}?`));
      expect(es).to.equal(t('es', 'bot.cases.notFound', { caseId: incident }));
      const stranger = textsOf(await customer('someone-new').say(`what is the status of case ${incident}?`));
      expect(stranger).to.equal(t('en', 'bot.cases.notFound', { caseId: incident }));
      // The owner does see it.
      expect(allText(await customer('demo-user').say(`what is the status of case ${incident}?`))).to.contain(
        `${incident} (${t('en', 'cases.type.incident')}`,
      );
    });
  });

  describe('operations API', () => {
    it('refuses requests without valid credentials (401 with WWW-Authenticate: Bearer)', async () => {
      await acmeWithIncidentAndOrder();
      const attempts: Array<[string, Record<string, string>]> = [
        ['no header', {}],
        ['wrong token', { authorization: 'Bearer not-the-admin-token-at-all-0000' }],
        ['admin token with a suffix', { authorization: `Bearer ${ADMIN}x` }],
        ['basic auth', { authorization: `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}` }],
        ['bare token', { authorization: ADMIN }],
      ];
      for (const path of ['/api/cases', '/api/cases/CS-10001', '/api/stats', '/api/cases?status=open']) {
        for (const [label, headers] of attempts) {
          const res = await get(path, undefined, headers);
          expect(res.status, `${label} on ${path}`).to.equal(401);
          expect(res.headers.get('www-authenticate') ?? '', `${label} on ${path}`).to.match(/^Bearer\b/);
          const body = (await res.json()) as { error?: { code?: string }; cases?: unknown };
          expect(body.error?.code).to.equal('Unauthorized');
          expect(body.cases).to.equal(undefined);
        }
      }
    });

    it('lists cases for the admin token with status, organisation and priority filters', async () => {
      const { incident, order } = await acmeWithIncidentAndOrder();
      const vipCase = caseIdIn(await customer('demo-vip').say(`We have no data on ${VIP_SIM}`));

      const all = await api<{ count: number; cases: Case[] }>('/api/cases');
      expect(all.count).to.equal(3);
      expect(all.cases[0]?.id, 'highest priority first').to.equal(vipCase);
      expect(all.cases.map((c) => c.id)).to.have.members([incident, order, vipCase]);

      const acme = await api<{ cases: Case[] }>('/api/cases?organisation=org-acme');
      expect(acme.cases.map((c) => c.id)).to.have.members([incident, order]);
      const queued = await api<{ cases: Case[] }>('/api/cases?status=queued');
      expect(queued.cases.map((c) => c.id)).to.deep.equal([vipCase]);
      const p1 = await api<{ cases: Case[] }>('/api/cases?priority=P1');
      expect(p1.cases.map((c) => c.id)).to.deep.equal([vipCase]);
      const both = await api<{ cases: Case[] }>('/api/cases?organisation=org-acme&priority=P1');
      expect(both.cases).to.deep.equal([]);

      const one = await api<Case>(`/api/cases/${order.toLowerCase()}`);
      expect(one.id).to.equal(order);
      expect(one.type).to.equal('order');
      expect(one.transcript.map((e) => e.text)).to.include('I want to order 50 new SIMs');

      expect((await get('/api/cases/CS-99999', ADMIN)).status).to.equal(404);
      expect((await get('/api/cases?stauts=open', ADMIN)).status, 'unknown filter').to.equal(400);
      expect((await get('/api/cases?status=sleeping', ADMIN)).status, 'bad status').to.equal(400);
    });

    it('GET /api/stats figures move after conversations: contacts, handoff rate, containment', async () => {
      const before = await api<OperationsStats>('/api/stats');
      expect(before.contacts.total).to.equal(0);
      expect(before.handoffRate).to.equal(null);
      expect(before.containmentRate).to.equal(null);

      // One conversation the bot handles alone, one handed to a person; agents are not contacts.
      await customer('demo-user').say('any news on my ticket?');
      const handedOff = customer('demo-consumer', 'es-ES');
      await handedOff.say('quiero hablar con una persona');
      await customer('demo-agent').say('queue');

      const mid = await api<OperationsStats>('/api/stats');
      expect(mid.contacts.total).to.equal(2);
      const today = new Date().toISOString().slice(0, 10);
      expect(mid.contacts.perDay[today]).to.equal(2);
      expect(mid.contacts.perMonth[today.slice(0, 7)]).to.equal(2);
      expect(mid.handoffRate).to.equal(0.5);
      expect(mid.containmentRate).to.equal(0.5);
      expect(mid.cases.total).to.equal(1);
      expect(mid.resolution.incident.targetBusinessDays).to.equal(9.3);
      expect(mid.resolution.order.targetBusinessDays).to.equal(12);

      // The agent picks up and resolves: handling time and a resolved incident appear.
      // One agent conversation: the case picked there is the one "resolve" resolves there.
      const agent = customer('demo-agent');
      await agent.say('pick next');
      await agent.say('resolve');
      await customer('someone-new').say('thanks');
      const after = await api<OperationsStats>('/api/stats');
      expect(after.contacts.total).to.equal(3);
      expect(after.handoffRate).to.equal(0.333);
      expect(after.containmentRate).to.equal(0.667);
      expect(after.averageHandlingMinutes).to.be.a('number');
      expect(after.resolution.incident.resolved).to.equal(1);
      expect(after.resolution.incident.withinTarget).to.equal(true);
      expect(after.cases.open).to.equal(0);
    });
  });
});
