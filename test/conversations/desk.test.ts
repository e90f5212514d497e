import { expect } from 'chai';
import type { Case } from '../../bot/cases/caseSchema.js';
import { apiJson, caseIdIn } from '../helpers/cases.js';
import { cardTexts } from '../helpers/cards.js';
import { stubText } from '../helpers/connectorStub.js';
import { allText, Conversation, type Reply } from '../helpers/conversation.js';
import { shippedKnowledgeText } from '../helpers/knowledgeText.js';
import { useConnectorStub, useTestServer } from '../helpers/server.js';

const ADMIN = 'desk-test-admin-token-0123456789';
const VIP_SIM = '8946070000000000092';
const ACME_HEALTHY_SIM = '8946070000000000019';
const AGENT_NAME = 'Alex Agent';

/** The shipped knowledge, to read expected wording from instead of hard-coding sentences. */
const { load: loadKnowledge, t, pattern } = shippedKnowledgeText();

/** FactSet facts of the replies' cards, title → value. */
function cardFacts(replies: readonly Reply[]): Record<string, string> {
  const facts: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o['type'] === 'FactSet' && Array.isArray(o['facts'])) {
        for (const f of o['facts'] as Array<{ title: string; value: string }>) facts[f.title] = f.value;
      }
      Object.values(o).forEach(walk);
    }
  };
  for (const r of replies) walk(r.attachments?.map((a) => a.content));
  return facts;
}

/** Case ids in the order the agent's queue card lists them ("1. CS-… · org · priority"). */
function queueOrder(replies: readonly Reply[]): string[] {
  return cardTexts(replies)
    .map((text) => /^\d+\. (CS-\d+) · /.exec(text)?.[1])
    .filter((id): id is string => id !== undefined);
}

describe('conversations: cases at the agent desk (issue 6)', function () {
  this.timeout(30_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN }, { perTest: true });

  const api = <T>(path: string): Promise<T> => apiJson<T>(server.baseUrl, path, ADMIN);
  const getCase = (id: string): Promise<Case> => api<Case>(`/api/cases/${id}`);
  const customer = (userId: string, locale = 'en-GB'): Conversation =>
    new Conversation(server.baseUrl, { userId, locale, serviceUrl: stub.url });

  before(loadKnowledge);

  it('queues demo-vip reporting no data on 8946070000000000092 at P1 with the reasons in words, first in the queue', async () => {
    // Someone is already waiting: the VIP's P1 incident must still go to the front.
    const acme = customer('demo-user');
    const acmeId = caseIdIn(await acme.say('I want a human'));

    const vip = customer('demo-vip');
    const replies = await vip.say(`We have no data on ${VIP_SIM} since this morning`);
    const vipId = caseIdIn(replies);
    const text = allText(replies);
    expect(text).to.contain(t('en', 'bot.handoff.vip_incident', { caseId: vipId, priority: 'P1' }));
    expect(text).to.contain(t('en', 'desk.customer.queued', { position: 1, id: vipId }));

    const reasons = [
      t('en', 'cases.priority.reason.vip'),
      t('en', 'cases.priority.reason.impact_outage', {
        sims: t('en', 'cases.priority.sims.one'),
        service: t('en', 'cases.service.data'),
      }),
      t('en', 'cases.priority.reason.use_case_critical', {
        useCase: t('en', 'cases.useCase.smart_metering'),
      }),
    ];
    expect(reasons).to.deep.equal(['VIP', '1 SIM without data', 'smart metering']);
    const stored = await getCase(vipId);
    expect(stored.status).to.equal('queued');
    expect(stored.handoffReason).to.equal('vip_incident');
    expect(stored.priority.level).to.equal('P1');
    expect(stored.priority.reasons.map((r) => r.text)).to.deep.equal(reasons);
    expect(stored.sims).to.deep.equal([VIP_SIM]);
    expect(stored.findings.map((f) => f.code)).to.include('NO_SESSION');

    const agent = customer('demo-agent');
    const queue = await agent.say('queue');
    expect(queueOrder(queue)).to.deep.equal([vipId, acmeId]);
    const described = `P1 — ${reasons.join(', ')}`;
    expect(cardTexts(queue)[1]).to.equal(`1. ${vipId} · Nordlys Energi · ${described}`);

    const picked = await agent.say('pick next');
    expect(allText(picked)).to.contain(t('en', 'desk.agent.picked', { id: vipId }));
    const facts = cardFacts(picked);
    expect(facts[t('en', 'desk.card.priority')]).to.equal(described);
    expect(facts[t('en', 'desk.card.vip')]).to.equal(t('en', 'desk.card.yes'));
    expect(facts[t('en', 'desk.card.organisation')]).to.equal('Nordlys Energi');
    expect(facts[t('en', 'desk.card.reason')]).to.equal(t('en', 'desk.reason.vip_incident'));
    expect(facts[t('en', 'desk.card.sims')]).to.contain(VIP_SIM);
    const card = cardTexts(picked).join('\n');
    expect(card).to.contain(stored.findings.find((f) => f.code === 'NO_SESSION')?.text ?? 'NO_SESSION text');
    expect(card).to.contain(`> We have no data on ${VIP_SIM} since this morning`);

    const joined = await stub.waitFor((a) => a.conversationId === vip.id && /joined/.test(a.text ?? ''));
    expect(joined.text).to.equal(t('en', 'desk.customer.agentJoined', { agent: AGENT_NAME, id: vipId }));
    expect(stub.to(acme.id).map((a) => a.text)).to.not.include(joined.text);
  });

  it("ranks demo-consumer's cottage router below any Acme incident, in the agent's queue and in GET /api/cases", async () => {
    // The consumer is first to wait, with a total loss of service.
    const consumer = customer('demo-consumer', 'es-ES');
    const opened = await consumer.say(
      'El router de mi casa de vacaciones no tiene internet y no podemos ver películas',
    );
    const consumerId = caseIdIn(opened);
    const queued = await consumer.say('quiero hablar con una persona');
    expect(caseIdIn(queued)).to.equal(consumerId);
    expect(allText(queued)).to.contain(t('es', 'desk.customer.queued', { position: 1, id: consumerId }));

    // Acme's mildest incident: one SIM, service degraded — then a person is asked for.
    const acme = customer('demo-user');
    const acmeId = caseIdIn(await acme.say(`Data is slow sometimes on ${ACME_HEALTHY_SIM}`));
    const acmeQueued = await acme.say('I want to talk to a human');
    expect(allText(acmeQueued)).to.contain(t('en', 'desk.customer.queued', { position: 1, id: acmeId }));

    const consumerCase = await getCase(consumerId);
    const acmeCase = await getCase(acmeId);
    expect(consumerCase.severity).to.equal('outage');
    expect(acmeCase.severity).to.equal('degraded');
    expect(consumerCase.priority.score).to.be.below(acmeCase.priority.score);
    expect(consumerCase.priority.reasons.map((r) => r.text)).to.include(
      t('es', 'cases.priority.reason.use_case_low', { useCase: t('es', 'cases.useCase.consumer_broadband') }),
    );

    const agentQueue = await customer('demo-agent').say('cola');
    expect(queueOrder(agentQueue)).to.deep.equal([acmeId, consumerId]);

    const listed = await api<{ count: number; cases: Case[] }>('/api/cases?status=queued');
    expect(listed.count).to.equal(2);
    expect(listed.cases.map((c) => c.id)).to.deep.equal([acmeId, consumerId]);
  });

  it('"I want a human" / "quiero hablar con una persona" queue and tell the position; details while waiting; back to the bot', async () => {
    const first = customer('demo-user');
    const firstReplies = await first.say('I want a human');
    const firstId = caseIdIn(firstReplies);
    expect(allText(firstReplies)).to.contain(
      t('en', 'bot.handoff.customer_request.new', { caseId: firstId }),
    );
    expect(allText(firstReplies)).to.contain(t('en', 'desk.customer.queued', { position: 1, id: firstId }));

    const second = customer('demo-consumer', 'es-ES');
    const secondReplies = await second.say('quiero hablar con una persona');
    const secondId = caseIdIn(secondReplies);
    expect(secondId).to.not.equal(firstId);
    expect(allText(secondReplies)).to.contain(
      t('es', 'bot.handoff.customer_request.new', { caseId: secondId }),
    );
    expect(allText(secondReplies)).to.contain(t('es', 'desk.customer.queued', { position: 2, id: secondId }));

    // Adding details while waiting: kept on the case, the position repeated, nothing relayed yet.
    const detail = await first.say('The trackers in Malmö stopped at 06:00');
    expect(allText(detail)).to.contain(t('en', 'desk.customer.detailAdded', { id: firstId, position: 1 }));
    expect((await getCase(firstId)).transcript.map((e) => e.text)).to.include(
      'The trackers in Malmö stopped at 06:00',
    );

    // Going back to the bot leaves the queue; the other customer moves up; the bot answers again.
    const back = await first.say('back to the bot');
    expect(allText(back)).to.contain(t('en', 'desk.customer.backToBot', { id: firstId }));
    expect((await getCase(firstId)).status).to.equal('open');
    const agentQueue = await customer('demo-agent').say('queue');
    expect(queueOrder(agentQueue)).to.deep.equal([secondId]);
    const status = await first.say('any news on my ticket?');
    expect(allText(status)).to.contain(firstId);
    expect(allText(status)).to.not.match(pattern('en', 'desk.customer.detailAdded'));

    // Asking again re-queues the same case — ahead of the consumer's question, by priority not arrival.
    const requeued = await first.say('I want a human');
    expect(caseIdIn(requeued)).to.equal(firstId);
    expect(allText(requeued)).to.contain(t('en', 'desk.customer.queued', { position: 1, id: firstId }));
    expect(queueOrder(await customer('demo-agent').say('queue'))).to.deep.equal([firstId, secondId]);
    const picked = await customer('demo-agent').say(`pick ${firstId}`);
    expect(allText(picked)).to.contain(t('en', 'desk.agent.picked', { id: firstId }));
  });

  it('demo-agent lists the queue, picks up, and the two exchange messages both ways; notes stay internal; transfer; resolve returns the customer to the bot', async () => {
    const client = customer('demo-user');
    const caseId = caseIdIn(await client.say('I want a human'));
    const agent = customer('demo-agent');

    const queue = await agent.say('queue');
    expect(cardTexts(queue)[0]).to.equal(t('en', 'desk.card.queueTitle', { count: 1 }));
    expect(queueOrder(queue)).to.deep.equal([caseId]);

    const picked = await agent.say(`pick ${caseId.toLowerCase()}`);
    expect(allText(picked)).to.contain(t('en', 'desk.agent.picked', { id: caseId }));
    expect(cardFacts(picked)[t('en', 'desk.card.reason')]).to.equal(t('en', 'desk.reason.customer_request'));
    await stub.waitFor(
      (a) =>
        a.conversationId === client.id &&
        a.text === t('en', 'desk.customer.agentJoined', { agent: AGENT_NAME, id: caseId }),
    );
    expect((await getCase(caseId)).status).to.equal('with_agent');

    // Agent → customer: the agent's turn has no reply; the customer's conversation gets it proactively.
    const agentSays = 'Hi Sam, could you restart one of the trackers?';
    expect(await agent.say(agentSays)).to.deep.equal([]);
    const relayed = await stub.waitFor(
      (a) => a.conversationId === client.id && (a.text ?? '').includes(agentSays),
    );
    expect(relayed.text).to.equal(t('en', 'desk.customer.fromAgent', { agent: AGENT_NAME, text: agentSays }));

    // Customer → agent: likewise, into the agent's conversation.
    const customerSays = 'Restarted it, still no data';
    expect(await client.say(customerSays)).to.deep.equal([]);
    const toAgent = await stub.waitFor(
      (a) => a.conversationId === agent.id && (a.text ?? '').includes(customerSays),
    );
    expect(toAgent.text).to.equal(`[${caseId}] demo-user: ${customerSays}`);

    // An internal note is stored but never reaches the customer (checked after a later relay arrived).
    const noted = await agent.say('note customer already restarted twice, suspect APN');
    expect(allText(noted)).to.contain(t('en', 'desk.agent.noted', { id: caseId }));
    await agent.say('Thanks, checking the APN now');
    await stub.waitFor(
      (a) => a.conversationId === client.id && (a.text ?? '').includes('checking the APN now'),
    );
    expect(stubText(stub.to(client.id))).to.not.contain('suspect APN');
    expect((await getCase(caseId)).notes.map((n) => n.text)).to.deep.equal([
      'customer already restarted twice, suspect APN',
    ]);

    // Transfer: to an unknown agent is refused; to the queue puts the case back for anyone.
    const unknown = await agent.say('transfer nobody-here');
    expect(allText(unknown)).to.contain(t('en', 'desk.agent.unknownAgent', { agent: 'nobody-here' }));
    const released = await agent.say('transfer to queue');
    expect(allText(released)).to.contain(t('en', 'desk.agent.released', { id: caseId, position: 1 }));
    expect((await getCase(caseId)).status).to.equal('queued');
    await stub.waitFor(
      (a) =>
        a.conversationId === client.id &&
        a.text === t('en', 'desk.customer.queued', { position: 1, id: caseId }),
    );
    const again = await agent.say('pick next');
    expect(allText(again)).to.contain(t('en', 'desk.agent.picked', { id: caseId }));

    // Resolve: the customer is told, offered a follow-up, and is back with the bot.
    const resolved = await agent.say('resolve: APN corrected on the device');
    expect(allText(resolved)).to.contain(t('en', 'desk.agent.resolved', { id: caseId }));
    await stub.waitFor(
      (a) =>
        a.conversationId === client.id &&
        a.text ===
          t('en', 'desk.customer.resolvedWithSummary', {
            agent: AGENT_NAME,
            id: caseId,
            summary: 'APN corrected on the device',
          }),
    );
    await stub.waitFor(
      (a) => a.conversationId === client.id && a.text === t('en', 'followUp.offer', { id: caseId, days: 3 }),
    );
    const stored = await getCase(caseId);
    expect(stored.status).to.equal('resolved');
    expect(stored.timeline.map((e) => e.event)).to.include.members([
      'status:queued',
      'assigned',
      'note',
      'resolved',
    ]);

    const relayedBefore = stub.to(agent.id).length;
    const next = await client.say(`what is the status of ${caseId}?`);
    expect(next.length, 'the bot answers the customer itself').to.be.greaterThan(0);
    expect(allText(next)).to.contain(caseId);
    expect(allText(next)).to.contain(t('en', 'cases.status.resolved'));
    await new Promise((r) => setTimeout(r, 100));
    expect(stub.to(agent.id).length, 'nothing more relayed to the agent').to.equal(relayedBefore);
    const idle = await agent.say('Are you still there?');
    expect(allText(idle)).to.contain(t('en', 'desk.agent.noActiveCase'));
  });

  it('understands the Spanish agent commands (cola, coger, nota, transferir a la cola, resuelto)', async () => {
    const client = customer('demo-user');
    const caseId = caseIdIn(await client.say('I want a human'));
    const agent = customer('demo-agent');

    expect(queueOrder(await agent.say('ver cola'))).to.deep.equal([caseId]);
    expect(allText(await agent.say(`coger ${caseId}`))).to.contain(
      t('en', 'desk.agent.picked', { id: caseId }),
    );
    expect(allText(await agent.say('nota: cliente con prisa'))).to.contain(
      t('en', 'desk.agent.noted', { id: caseId }),
    );
    expect(allText(await agent.say('transferir a la cola'))).to.contain(
      t('en', 'desk.agent.released', { id: caseId, position: 1 }),
    );
    expect(allText(await agent.say('tomar siguiente'))).to.contain(
      t('en', 'desk.agent.picked', { id: caseId }),
    );
    expect(allText(await agent.say('resuelto'))).to.contain(t('en', 'desk.agent.resolved', { id: caseId }));
    const stored = await getCase(caseId);
    expect(stored.status).to.equal('resolved');
    expect(stored.notes.map((n) => n.text)).to.deep.equal(['cliente con prisa']);
  });

  it('"cancel" / "salir de la cola" while queued leave the queue; "cancel my order" is kept as a detail', async () => {
    const client = customer('demo-user');
    const caseId = caseIdIn(await client.say('I want a human'));
    const order = await client.say('cancel my order 4711');
    expect(allText(order)).to.contain(t('en', 'desk.customer.detailAdded', { id: caseId, position: 1 }));
    expect((await getCase(caseId)).status).to.equal('queued');
    const cancel = await client.say('cancel');
    expect(allText(cancel)).to.contain(t('en', 'desk.customer.backToBot', { id: caseId }));
    expect((await getCase(caseId)).status).to.equal('open');

    const consumer = customer('demo-consumer', 'es-ES');
    const spanishId = caseIdIn(await consumer.say('quiero hablar con una persona'));
    const left = await consumer.say('Salir de la cola');
    expect(allText(left)).to.contain(t('es', 'desk.customer.backToBot', { id: spanishId }));
    expect(queueOrder(await customer('demo-agent').say('queue'))).to.deep.equal([]);
  });

  it('a malformed agent command ("transfer billing team") gets a usage hint and never reaches the customer', async () => {
    const client = customer('demo-user');
    const caseId = caseIdIn(await client.say('I want a human'));
    const agent = customer('demo-agent');
    await agent.say(`pick ${caseId}`);
    await stub.waitFor((a) => a.conversationId === client.id && /joined/.test(a.text ?? ''));
    const hint = await agent.say('transfer billing team');
    expect(allText(hint)).to.contain(t('en', 'desk.agent.usage.transfer'));
    await agent.say('One moment please');
    await stub.waitFor((a) => a.conversationId === client.id && (a.text ?? '').includes('One moment please'));
    expect(stubText(stub.to(client.id))).to.not.contain('billing team');
  });

  it('an agent holding two cases is told where messages go, switches with "pick", and resolve closes the active one with its summary', async () => {
    const first = customer('demo-user');
    const firstId = caseIdIn(await first.say('I want a human'));
    const second = customer('demo-vip');
    const secondId = caseIdIn(await second.say('I want to talk to a person'));
    const agent = customer('demo-agent');
    await agent.say(`pick ${firstId}`);
    const picked = await agent.say(`pick ${secondId}`);
    expect(allText(picked)).to.contain(t('en', 'desk.agent.switched', { id: secondId, previous: firstId }));

    expect(allText(await agent.say(`pick ${firstId}`))).to.contain(
      t('en', 'desk.agent.switchedTo', { id: firstId }),
    );
    await agent.say('Back to you, Sam');
    await stub.waitFor((a) => a.conversationId === first.id && (a.text ?? '').includes('Back to you, Sam'));
    expect(stubText(stub.to(second.id))).to.not.contain('Back to you, Sam');

    const resolved = await agent.say('resolve: moved SIM to voice plan');
    expect(allText(resolved)).to.contain(t('en', 'desk.agent.resolved', { id: firstId }));
    expect(allText(resolved)).to.contain(t('en', 'desk.agent.stillHolding', { id: secondId }));
    await stub.waitFor(
      (a) =>
        a.conversationId === first.id &&
        a.text ===
          t('en', 'desk.customer.resolvedWithSummary', {
            agent: AGENT_NAME,
            id: firstId,
            summary: 'moved SIM to voice plan',
          }),
    );
    expect((await getCase(firstId)).status).to.equal('resolved');
    expect((await getCase(secondId)).status).to.equal('with_agent');
  });
});
