import { expect } from 'chai';
import type { Case } from '../../bot/cases/caseSchema.js';
import type { HandoffContext } from '../../bot/handoff/contactCentre.js';
import { apiGet, caseIdIn } from '../helpers/cases.js';
import { allText, Conversation, type Reply } from '../helpers/conversation.js';
import { shippedKnowledgeText } from '../helpers/knowledgeText.js';
import { useConnectorStub, useTestServer } from '../helpers/server.js';

const ADMIN = 'cc-test-admin-token-0123456789';
const VIP_SIM = '8946070000000000092';
/**
 * How `EventFactory.createHandoffInitiation` (botbuilder 4.23) attaches the transcript: name
 * `Transcript`, contentType `application/json`, content `{ activities }`.
 */
const TRANSCRIPT = { name: 'Transcript', contentType: 'application/json' };

const { load: loadKnowledge, t } = shippedKnowledgeText();

interface HandoffEvent extends Reply {
  value: HandoffContext;
  attachments: Array<{
    contentType: string;
    name?: string;
    content: { activities: Array<{ text?: string; from?: { id: string } }> };
  }>;
}

function initiateIn(replies: readonly Reply[]): HandoffEvent {
  const events = replies.filter((r) => r.type === 'event' && r.name === 'handoff.initiate');
  expect(events, 'exactly one handoff.initiate').to.have.length(1);
  return events[0] as HandoffEvent;
}

describe('conversations: contact-centre handoff (issue 6)', function () {
  this.timeout(30_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN, HANDOFF_MODE: 'contact_centre' }, { perTest: true });

  const getCase = async (id: string): Promise<Case> => {
    const res = await apiGet(server.baseUrl, `/api/cases/${id}`, ADMIN);
    expect(res.status).to.equal(200);
    return (await res.json()) as Case;
  };
  const customer = (userId: string, locale = 'en-GB'): Conversation =>
    new Conversation(server.baseUrl, { userId, locale, serviceUrl: stub.url });
  // The hub posts handoff.status into the customer's conversation under its own identity.
  const status = (conversation: Conversation, value: unknown): Promise<Reply[]> =>
    conversation.post({
      type: 'event',
      name: 'handoff.status',
      from: { id: 'contact-centre-hub', name: 'Contact centre' },
      ...(value === undefined ? {} : { value }),
    });

  before(loadKnowledge);

  it('"I want a human" emits handoff.initiate with the case context and the transcript attachment', async () => {
    const client = customer('demo-user');
    await client.say(`My trackers have no data since this morning, for example ${'8946070000000000027'}`);
    const replies = await client.say('I want a human');
    const caseId = caseIdIn(replies);
    expect(allText(replies)).to.contain(t('en', 'desk.customer.contactCentre', { id: caseId }));
    expect(allText(replies)).to.not.contain(t('en', 'desk.customer.queued', { position: 1, id: caseId }));

    const event = initiateIn(replies);
    expect(event.value.caseId).to.equal(caseId);
    expect(event.value.reason).to.equal('customer_request');
    expect(event.value.type).to.equal('incident');
    expect(event.value.category).to.equal('data');
    expect(event.value.organisation).to.deep.include({ id: 'org-acme', name: 'Acme Logistics', vip: false });
    expect(event.value.contactUserId).to.equal('demo-user');
    expect(event.value.sims).to.deep.equal(['8946070000000000027']);
    expect(event.value.findings.map((f) => f.code)).to.include('APN_MISMATCH');
    const stored = await getCase(caseId);
    expect(event.value.priority).to.deep.equal({
      level: stored.priority.level,
      score: stored.priority.score,
      reasons: stored.priority.reasons.map((r) => r.text),
    });

    const transcript = event.attachments.filter((a) => a.name === TRANSCRIPT.name);
    expect(transcript, 'one Transcript attachment').to.have.length(1);
    expect(transcript[0]?.contentType).to.equal(TRANSCRIPT.contentType);
    const said = transcript[0]?.content.activities.map((a) => a.text) ?? [];
    expect(said).to.include(
      `My trackers have no data since this morning, for example ${'8946070000000000027'}`,
    );
    expect(transcript[0]?.content.activities.every((a) => typeof a.from?.id === 'string')).to.equal(true);

    expect(stored.status).to.equal('queued');
    expect(stored.handoffChannel).to.equal('contact_centre');
    // Not on the built-in desk: the agent's queue is empty.
    expect(allText(await customer('demo-agent').say('queue'))).to.contain(t('en', 'desk.card.queueEmpty'));
  });

  it('a VIP incident goes to the contact centre at P1 with its SIM and findings', async () => {
    const vip = customer('demo-vip');
    const replies = await vip.say(`We have no data on ${VIP_SIM}`);
    const event = initiateIn(replies);
    expect(event.value.reason).to.equal('vip_incident');
    expect(event.value.priority.level).to.equal('P1');
    expect(event.value.priority.reasons).to.include(t('en', 'cases.priority.reason.vip'));
    expect(event.value.organisation).to.deep.include({
      id: 'org-nordlys',
      vip: true,
      criticality: 'critical',
    });
    expect(event.value.sims).to.deep.equal([VIP_SIM]);
    expect(event.value.findings.map((f) => f.code)).to.include('NO_SESSION');
  });

  it('handoff.status failed falls back to the built-in queue and tells the customer', async () => {
    const client = customer('demo-user');
    const caseId = caseIdIn(await client.say('I want a human'));
    const replies = await status(client, { state: 'failed', message: 'no agents available' });
    const text = allText(replies);
    expect(text).to.contain(t('en', 'desk.customer.contactCentreFailed', { id: caseId }));
    expect(text).to.contain(t('en', 'desk.customer.queued', { position: 1, id: caseId }));

    const stored = await getCase(caseId);
    expect(stored.status).to.equal('queued');
    expect(stored.handoffChannel).to.equal('desk');
    expect(stored.timeline.find((e) => e.event === 'handoff_failed')?.detail).to.equal('no agents available');

    // The built-in desk takes it from here: the agent sees and picks it, and messages are relayed.
    const agent = customer('demo-agent');
    const queue = await agent.say('queue');
    expect(allText(queue)).to.contain(`#1 · ${caseId} · Acme Logistics`);
    expect(allText(await agent.say('pick next'))).to.contain(
      t('en', 'desk.agent.picked', { id: caseId, customer: 'Sam Carter', organisation: 'Acme Logistics' }),
    );
    await agent.say('Hello from the desk');
    await stub.waitFor(
      (a) => a.conversationId === client.id && (a.text ?? '').endsWith('Hello from the desk'),
    );
  });

  it('handoff.status accepted → with an agent; completed → resolved, the customer is told and offered a follow-up', async () => {
    const client = customer('demo-user');
    const caseId = caseIdIn(await client.say('I want a human'));
    expect(await status(client, { state: 'accepted' })).to.deep.equal([]);
    expect((await getCase(caseId)).status).to.equal('with_agent');

    const completed = await status(client, {
      state: 'completed',
      message: 'APN fixed by the contact centre',
    });
    expect(allText(completed)).to.contain(t('en', 'desk.customer.resolvedByContactCentre', { id: caseId }));
    expect(allText(completed)).to.contain(t('en', 'followUp.offer', { id: caseId, days: 3 }));
    const stored = await getCase(caseId);
    expect(stored.status).to.equal('resolved');
    expect(stored.handoffChannel).to.equal(undefined);
    expect(stored.timeline.map((e) => e.event)).to.include.members([
      'handoff_initiated',
      'status:with_agent',
      'resolved',
    ]);
  });

  it('never rejects a handoff.status: malformed or unknown values and unknown conversations get 200 and change nothing', async () => {
    const client = customer('demo-user');
    const caseId = caseIdIn(await client.say('I want a human'));
    const before = await getCase(caseId);
    for (const value of [
      { state: 'exploded' },
      { nope: true },
      'failed',
      42,
      null,
      undefined,
      { state: ['failed'] },
    ]) {
      expect(await status(client, value), JSON.stringify(value)).to.deep.equal([]);
    }
    expect(
      await status(customer('demo-user'), { state: 'failed' }),
      'no case in that conversation',
    ).to.deep.equal([]);
    const after = await getCase(caseId);
    expect(after.status).to.equal('queued');
    expect(after.handoffChannel).to.equal('contact_centre');
    expect(after.timeline).to.deep.equal(before.timeline);
  });

  it('ignores handoff.status posted by the customer themselves', async () => {
    const c = customer('demo-user');
    const queued = await c.say('I want to talk to a person');
    const caseId = /CS-\d+/.exec(JSON.stringify(queued))?.[0] as string;
    const before = (await getCase(caseId)).status;
    await c.post({ type: 'event', name: 'handoff.status', value: { state: 'completed' } });
    expect((await getCase(caseId)).status).to.equal(before);
  });
});
