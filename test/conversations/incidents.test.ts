import { expect } from 'chai';
import { INCIDENT_COLLECTION, type Incident } from '../../bot/incidents/incidentSchema.js';
import type { Case } from '../../bot/cases/caseSchema.js';
import { apiJson, caseIdIn } from '../helpers/cases.js';
import { cardActions, submitValue } from '../helpers/cards.js';
import { startConnectorStub, until, type ReceivedActivity } from '../helpers/connectorStub.js';
import { allText, choicesOf, Conversation } from '../helpers/conversation.js';
import { apiPost, GERMANY_OUTAGE } from '../helpers/incidents.js';
import { shippedKnowledgeText } from '../helpers/knowledgeText.js';
import { startTestServer, useConnectorStub, type TestServer } from '../helpers/server.js';
import { openTestStores } from '../helpers/testStorage.js';

const ADMIN = 'incident-test-admin-token-0123456789';
const CHECK_IN_MS = 300;
const TICK_MS = 50;
const FAST = {
  ADMIN_TOKEN: ADMIN,
  INCIDENT_CHECK_IN_DELAY_MS: String(CHECK_IN_MS),
  FOLLOW_UP_TICK_MS: String(TICK_MS),
};

const { load: loadKnowledge, t } = shippedKnowledgeText();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('conversations: major incidents (network outages)', function () {
  this.timeout(30_000);
  const stub = useConnectorStub();
  const running: TestServer[] = [];

  async function start(env: Record<string, string> = FAST, dataDir?: string): Promise<TestServer> {
    const server = await startTestServer(env, dataDir);
    running.push(server);
    return server;
  }

  /** Stop a server but keep its data (the next one starts on it). */
  async function stop(server: TestServer): Promise<void> {
    running.splice(running.indexOf(server), 1);
    await server.stop();
  }

  const customer = (
    server: TestServer,
    userId: string,
    locale = 'en-GB',
    serviceUrl = stub.url,
  ): Conversation => new Conversation(server.baseUrl, { userId, locale, serviceUrl });

  /** Acme's people, one English and one Spanish conversation, and Nordlys (VIP, Norway: never affected here). */
  async function audience(server: TestServer) {
    const acmeEn = customer(server, 'demo-user');
    const acmeEs = customer(server, '29:1teams-demo-user-acme', 'es-ES');
    const nordlys = customer(server, 'demo-vip');
    await acmeEn.say('hello');
    await acmeEs.say('hola, buenos días');
    await nordlys.say('hello');
    return { acmeEn, acmeEs, nordlys };
  }

  const texts = (conversation: Conversation): string[] => stub.to(conversation.id).map((a) => a.text ?? '');

  before(loadKnowledge);
  beforeEach(() => stub.clear());
  afterEach(async () => {
    for (const server of running.splice(0)) await server.close();
  });

  it('declaring tells every conversation of the affected organisation, in its language, and nobody else', async () => {
    const server = await start();
    const { acmeEn, acmeEs, nordlys } = await audience(server);

    const declared = await apiPost(server.baseUrl, '/api/incidents', GERMANY_OUTAGE, ADMIN);
    expect(declared.status).to.equal(201);
    const { incident, notices } = declared.body;
    expect(incident.id).to.match(/^INC-\d+$/);
    expect(incident.status).to.equal('investigating');
    expect(incident.affectedOrganisationIds).to.deep.equal(['org-acme']);
    expect(notices).to.deep.equal({ notified: 2, failed: 0, skipped: 0 });

    const vars = { id: incident.id };
    expect(texts(acmeEn)).to.deep.equal([
      t('en', 'incident.notice.declared', {
        ...vars,
        status: t('en', 'incident.status.investigating'),
        message: GERMANY_OUTAGE.message.en,
      }),
    ]);
    expect(texts(acmeEs)).to.deep.equal([
      t('es', 'incident.notice.declared', {
        ...vars,
        status: t('es', 'incident.status.investigating'),
        message: GERMANY_OUTAGE.message.es,
      }),
    ]);
    expect(texts(nordlys), 'Nordlys has no SIM in Germany').to.deep.equal([]);

    // An update with an English message only: Spanish conversations get the knowledge text instead.
    const update = await apiPost(
      server.baseUrl,
      `/api/incidents/${incident.id}/updates`,
      { status: 'identified', message: { en: 'A faulty gateway at Telekom.de was found.' } },
      ADMIN,
    );
    expect(update.status).to.equal(200);
    expect(update.body.notices).to.deep.equal({ notified: 2, failed: 0, skipped: 0 });
    expect(update.body.incident.status).to.equal('identified');
    expect(texts(acmeEn)[1]).to.equal(
      t('en', 'incident.notice.update', {
        ...vars,
        status: t('en', 'incident.status.identified'),
        message: 'A faulty gateway at Telekom.de was found.',
      }),
    );
    expect(texts(acmeEs)[1]).to.equal(
      t('es', 'incident.notice.update', {
        ...vars,
        status: t('es', 'incident.status.identified'),
        message: t('es', 'incident.message.default'),
      }),
    );
    expect(texts(nordlys)).to.deep.equal([]);

    const listed = await apiJson<{ count: number; incidents: Incident[] }>(
      server.baseUrl,
      '/api/incidents',
      ADMIN,
    );
    expect(listed.incidents.map((i) => i.id)).to.deep.equal([incident.id]);
    const one = await apiJson<Incident & { deliveries: Record<string, number> }>(
      server.baseUrl,
      `/api/incidents/${incident.id}`,
      ADMIN,
    );
    expect(one.updates.map((u) => [u.kind, u.status])).to.deep.equal([
      ['declared', 'investigating'],
      ['update', 'identified'],
    ]);
    expect(one.deliveries).to.deep.equal({ sent: 4 });
  });

  it('a conversation whose connector fails is logged and counted; the others are still told', async () => {
    // A connector that refuses one conversation (as Teams does when the bot was removed from it).
    const refusing = await startConnectorStub((a) =>
      a.conversationId === 'refused-conversation' ? 403 : 200,
    );
    try {
      const server = await start({ ...FAST, INCIDENT_SEND_CONCURRENCY: '2' });
      const at = (conversationId: string): Conversation =>
        new Conversation(server.baseUrl, { userId: 'demo-user', serviceUrl: refusing.url, conversationId });
      const refused = at('refused-conversation');
      const others = ['ok-1', 'ok-2', 'ok-3'].map(at);
      for (const c of [refused, ...others]) await c.say('hello');

      const declared = await apiPost(server.baseUrl, '/api/incidents', GERMANY_OUTAGE, ADMIN);
      expect(declared.status).to.equal(201);
      expect(declared.body.notices).to.deep.equal({ notified: 3, failed: 1, skipped: 0 });
      for (const c of others) expect(refusing.to(c.id)).to.have.length(1);
      expect(refusing.refused.map((a) => a.conversationId)).to.deep.equal(['refused-conversation']);
      expect(refusing.to(refused.id)).to.deep.equal([]);
      const one = await apiJson<{ deliveries: Record<string, number> }>(
        server.baseUrl,
        `/api/incidents/${declared.body.incident.id}`,
        ADMIN,
      );
      expect(one.deliveries).to.deep.equal({ sent: 3, failed: 1 });
      await sleep(TICK_MS * 4);
      expect(refusing.refused, 'a refused notice is not retried').to.have.length(1);
    } finally {
      await refusing.close();
    }
  });

  it('sends each notice at most once across a restart, and the restarted server carries on', async () => {
    const first = await start();
    const { acmeEn, acmeEs } = await audience(first);
    const declared = await apiPost(first.baseUrl, '/api/incidents', GERMANY_OUTAGE, ADMIN);
    expect(declared.body.notices.notified).to.equal(2);
    await stop(first);

    const second = await start(FAST, first.dataDir);
    await sleep(TICK_MS * 6);
    expect(texts(acmeEn), 'not sent again after the restart').to.have.length(1);
    expect(texts(acmeEs)).to.have.length(1);

    const id = declared.body.incident.id;
    const resolved = await apiPost(second.baseUrl, `/api/incidents/${id}/resolve`, {}, ADMIN);
    expect(resolved.status).to.equal(200);
    expect(resolved.body.notices).to.deep.equal({ notified: 2, failed: 0, skipped: 0 });
    await stub.waitFor((a) => a.conversationId === acmeEn.id && cardActions(a).length === 2, 5000);
    await stop(second);
    const third = await start(FAST, first.dataDir);
    await sleep(CHECK_IN_MS + TICK_MS * 6);
    const checkIn = t('en', 'incident.checkIn', { id });
    expect(
      texts(acmeEn).filter((x) => x === checkIn),
      'one check-in, never repeated',
    ).to.have.length(1);
    expect(texts(acmeEn)).to.have.length(3);
    expect(texts(acmeEs)).to.have.length(3);
    await third.close();
    running.splice(running.indexOf(third), 1);
  });

  it('finishes at start-up a fan-out the process did not get to (the update was recorded, no notice queued)', async () => {
    const first = await start();
    const { acmeEn, acmeEs, nordlys } = await audience(first);
    await stop(first);
    // What a crash right after the incident's write leaves: the declaration, not fanned out, and no notice.
    const stores = await openTestStores(first.dataDir);
    const incidents = await stores.open(INCIDENT_COLLECTION);
    const at = new Date().toISOString();
    await incidents.put({
      id: 'INC-1001',
      title: GERMANY_OUTAGE.title,
      status: 'investigating',
      scope: { ...GERMANY_OUTAGE.scope, operators: [], organisationIds: [], all: false, services: ['data'] },
      affectedOrganisationIds: ['org-acme'],
      message: GERMANY_OUTAGE.message,
      updates: [
        {
          seq: 0,
          kind: 'declared',
          at,
          by: 'admin',
          status: 'investigating',
          message: GERMANY_OUTAGE.message,
          fannedOut: false,
        },
      ],
      linkedCaseIds: [],
      createdAt: at,
      updatedAt: at,
    });
    await stores.close();

    const second = await start(FAST, first.dataDir);
    await until(() => texts(acmeEn).length + texts(acmeEs).length >= 2, 5000, 'the notices');
    await sleep(TICK_MS * 4);
    expect(texts(acmeEn)).to.have.length(1);
    expect(texts(acmeEs)).to.have.length(1);
    expect(texts(nordlys)).to.deep.equal([]);
    const recovered = await apiJson<Incident & { deliveries: Record<string, number> }>(
      second.baseUrl,
      '/api/incidents/INC-1001',
      ADMIN,
    );
    expect(recovered.updates[0]?.fannedOut).to.equal(true);
    expect(recovered.deliveries).to.deep.equal({ sent: 2 });
  });

  it('a customer writing about a problem during a matching incident is told first and the case is linked', async () => {
    const server = await start();
    const { incident } = (await apiPost(server.baseUrl, '/api/incidents', GERMANY_OUTAGE, ADMIN)).body;

    const waiting = customer(server, 'demo-user');
    const replies = await waiting.say('no data on 8946070000000000050 since this morning');
    const caseId = caseIdIn(replies);
    const told = t('en', 'incident.known', {
      id: incident.id,
      caseId,
      status: t('en', 'incident.status.investigating'),
      message: GERMANY_OUTAGE.message.en,
    });
    expect(allText(replies)).to.contain(told);
    expect(choicesOf(replies)).to.deep.equal([
      t('en', 'incident.known.continue'),
      t('en', 'incident.known.wait'),
    ]);
    expect(allText(replies), 'no SIM look-up before the customer decides').not.to.contain('8946 0700');
    const linked = await apiJson<Case>(server.baseUrl, `/api/cases/${caseId}`, ADMIN);
    expect(linked.incidentId).to.equal(incident.id);
    expect(
      (await apiJson<Incident>(server.baseUrl, `/api/incidents/${incident.id}`, ADMIN)).linkedCaseIds,
    ).to.deep.equal([caseId]);
    expect(allText(await waiting.say(t('en', 'incident.known.wait')))).to.contain(
      t('en', 'incident.known.waiting', { caseId, id: incident.id }),
    );

    // "Troubleshoot anyway" carries on with the normal troubleshooting (the live SIM look-up).
    const anyway = customer(server, 'demo-user');
    const first = await anyway.say('our tracker 8946070000000000050 has no data');
    const goOn = allText(await anyway.say(t('en', 'incident.known.continue')));
    expect(goOn).not.to.contain(
      t('en', 'incident.known.waiting', { caseId: caseIdIn(first), id: incident.id }),
    );
    expect(goOn, 'the live SIM look-up runs').to.contain('8946070000000000050');

    // Spanish, and the outage question.
    const es = customer(server, '29:1teams-demo-user-acme', 'es-ES');
    const esCase = await es.say('no tenemos datos en los rastreadores desde esta mañana');
    expect(allText(esCase)).to.contain(
      t('es', 'incident.known', {
        id: incident.id,
        caseId: caseIdIn(esCase),
        status: t('es', 'incident.status.investigating'),
        message: GERMANY_OUTAGE.message.es,
      }),
    );
    const question = customer(server, '29:1teams-demo-user-acme', 'es-ES');
    expect(allText(await question.say('¿hay una caída?'))).to.contain(
      t('es', 'incident.status.answer', {
        id: incident.id,
        status: t('es', 'incident.status.investigating'),
        message: GERMANY_OUTAGE.message.es,
      }),
    );
    expect(
      allText(await customer(server, '29:1teams-demo-user-acme', 'es-ES').say('¿hay alguna incidencia?')),
    ).to.contain(
      t('es', 'incident.status.answer', {
        id: incident.id,
        status: t('es', 'incident.status.investigating'),
        message: GERMANY_OUTAGE.message.es,
      }),
    );
    // Describing one's own problem with the word "outage" is troubleshooting: a case, linked to the incident.
    const described = await customer(server, 'demo-user').say('we have an outage on all our trackers');
    expect(allText(described)).to.contain(
      t('en', 'incident.known', {
        id: incident.id,
        caseId: caseIdIn(described),
        status: t('en', 'incident.status.investigating'),
        message: GERMANY_OUTAGE.message.en,
      }),
    );
    expect(allText(await customer(server, 'demo-user').say("What's the status of the outage?"))).to.contain(
      t('en', 'incident.status.answer', {
        id: incident.id,
        status: t('en', 'incident.status.investigating'),
        message: GERMANY_OUTAGE.message.en,
      }),
    );
  });

  it('answers "is there an outage?" in the middle of a flow, then asks the flow\'s question again', async () => {
    const server = await start();
    const c = customer(server, 'demo-user');
    const asked = await c.say('our smart meters have no data since this morning, SIM 8946070000000000027');
    const question = asked.at(-1);
    expect(choicesOf(asked), 'the flow waits for an answer').to.not.deep.equal([]);
    const side = await c.say('is there an outage?');
    expect(allText(side)).to.contain(t('en', 'incident.status.none', { organisation: 'Acme Logistics' }));
    expect(side.at(-1)?.text, 'the same question again').to.equal(question?.text);
    expect(choicesOf(side)).to.deep.equal(choicesOf(asked));
    const next = await c.say(choicesOf(asked).at(-1) ?? 'No');
    expect(allText(next)).to.not.contain(t('en', 'incident.status.none', { organisation: 'Acme Logistics' }));
    expect(next.at(-1)?.text, 'the flow moved on').to.not.equal(question?.text);
  });

  it('customers only see incidents of their own organisation; people outside the directory see none', async () => {
    const server = await start();
    const { incident } = (await apiPost(server.baseUrl, '/api/incidents', GERMANY_OUTAGE, ADMIN)).body;

    const nordlys = customer(server, 'demo-vip');
    const status = allText(await nordlys.say('is there an outage?'));
    expect(status).to.contain(t('en', 'incident.status.none', { organisation: 'Nordlys Energi' }));
    expect(status).not.to.contain(incident.id);
    const problem = allText(await customer(server, 'demo-vip').say('no data on 8946070000000000092'));
    expect(problem).not.to.contain(incident.id);

    const stranger = customer(server, 'someone-else');
    const anonymous = allText(await stranger.say('is there an outage?'));
    expect(anonymous).to.contain(t('en', 'incident.status.anonymous'));
    const anonymousProblem = allText(await customer(server, 'someone-else').say('no data on my devices'));
    expect(anonymousProblem).not.to.contain(incident.id);

    // Someone else's check-in button is answered as if the incident did not exist.
    const forged = await nordlys.submit({ incidentAction: 'check_no', incidentId: incident.id });
    expect(allText(forged)).to.contain(t('en', 'incident.unknown', { id: incident.id }));

    // An incident limited to SMS does not explain a data problem.
    await apiPost(
      server.baseUrl,
      '/api/incidents',
      { title: 'SMSC overload', scope: { organisationIds: ['org-nordlys'], services: ['sms'] } },
      ADMIN,
    );
    expect(allText(await customer(server, 'demo-vip').say('no data on 8946070000000000092'))).not.to.match(
      /INC-/,
    );
  });

  it('resolving tells everyone it is fixed, checks back later, and "no" reopens the case at the desk', async () => {
    // Later than the other tests' check-in: only the fix is received when the resolve is answered, which a loaded
    // machine may stretch past 300 ms (sending three notices included).
    const checkInMs = 3000;
    const server = await start({ ...FAST, INCIDENT_CHECK_IN_DELAY_MS: String(checkInMs) });
    const { incident } = (await apiPost(server.baseUrl, '/api/incidents', GERMANY_OUTAGE, ADMIN)).body;
    const withCase = customer(server, 'demo-user');
    const caseId = caseIdIn(await withCase.say('no data on 8946070000000000050'));
    await withCase.say(t('en', 'incident.known.wait'));
    const withoutCase = customer(server, 'demo-user');
    await withoutCase.say('hello');
    const happy = customer(server, 'demo-user');
    await happy.say('hello');
    stub.clear();

    const fix = { en: 'The gateway was replaced; data sessions work again.' };
    const resolved = await apiPost(
      server.baseUrl,
      `/api/incidents/${incident.id}/resolve`,
      { message: fix },
      ADMIN,
    );
    expect(resolved.status).to.equal(200);
    expect(resolved.body.incident.status).to.equal('resolved');
    expect(resolved.body.incident.resolvedAt).to.be.a('string');
    expect(resolved.body.notices).to.deep.equal({ notified: 3, failed: 0, skipped: 0 });
    const fixed = t('en', 'incident.notice.resolved', {
      id: incident.id,
      status: t('en', 'incident.status.resolved'),
      message: fix.en,
    });
    for (const c of [withCase, withoutCase, happy]) expect(texts(c)).to.deep.equal([fixed]);
    expect((await apiJson<Case>(server.baseUrl, `/api/cases/${caseId}`, ADMIN)).status).to.equal('resolved');

    const checkInOf = (c: Conversation): Promise<ReceivedActivity> =>
      stub.waitFor(
        (a) => a.conversationId === c.id && a.text === t('en', 'incident.checkIn', { id: incident.id }),
        checkInMs + 5000,
      );
    const [checkIn, otherCheckIn, happyCheckIn] = await Promise.all(
      [withCase, withoutCase, happy].map(checkInOf),
    );
    expect(cardActions(checkIn as ReceivedActivity).map((a) => a.title)).to.deep.equal([
      t('en', 'incident.checkIn.yes'),
      t('en', 'incident.checkIn.no'),
    ]);

    // The linked case now waits for the answer, so a typed "yes"/"no" answers the check-in too.
    const caseNow = (): Promise<Case> => apiJson<Case>(server.baseUrl, `/api/cases/${caseId}`, ADMIN);
    // Recorded after the connector accepted the check-in: wait for that write.
    await until(
      async () => (await caseNow()).followUp?.sent === true,
      5000,
      'the case to record the check-in',
    );
    expect((await caseNow()).followUp?.sent).to.equal(true);

    // The linked case: "no" reopens it and queues it at the desk.
    const no = allText(
      await withCase.submit(submitValue(checkIn as ReceivedActivity, t('en', 'incident.checkIn.no'))),
    );
    expect(no).to.contain(t('en', 'followUp.reopened', { id: caseId }));
    expect(no).to.contain(t('en', 'desk.customer.queued', { position: 1, id: caseId }));
    const reopened = await apiJson<Case>(server.baseUrl, `/api/cases/${caseId}`, ADMIN);
    expect(reopened.status).to.equal('queued');
    expect(reopened.handoffChannel).to.equal('desk');

    // No case yet: "no" opens one, linked to the incident, and queues it behind the first.
    const noCase = allText(
      await withoutCase.submit(submitValue(otherCheckIn as ReceivedActivity, t('en', 'incident.checkIn.no'))),
    );
    const newCaseId = caseIdIn([{ type: 'message', text: noCase.replace(caseId, '') }]);
    expect(noCase).to.contain(t('en', 'incident.checkIn.newCase', { caseId: newCaseId, id: incident.id }));
    const opened = await apiJson<Case>(server.baseUrl, `/api/cases/${newCaseId}`, ADMIN);
    expect(opened.incidentId).to.equal(incident.id);
    expect(opened.status).to.equal('queued');
    const agent = customer(server, 'demo-agent');
    expect(allText(await agent.say('queue')))
      .to.contain(caseId)
      .and.to.contain(newCaseId);
    // The agent who picks it up sees the incident on the handoff card.
    const picked = allText(await agent.say(`pick ${newCaseId}`));
    expect(picked).to.contain(JSON.stringify({ title: t('en', 'desk.card.incident'), value: incident.id }));

    const yes = await happy.submit(
      submitValue(happyCheckIn as ReceivedActivity, t('en', 'incident.checkIn.yes')),
    );
    expect(allText(yes)).to.contain(t('en', 'incident.checkIn.thanks'));

    await sleep(TICK_MS * 6);
    for (const c of [withCase, withoutCase, happy])
      expect(texts(c).filter((x) => x === t('en', 'incident.checkIn', { id: incident.id }))).to.have.length(
        1,
      );
  });
});
