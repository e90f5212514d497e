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
const AGENT_FIRST = 'Alex';

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

/** Case ids in the order the agent's queue card lists them ("#1 · CS-… · org · priority"). */
function queueOrder(replies: readonly Reply[]): string[] {
  return cardTexts(replies)
    .map((text) => /^#\d+ · (CS-\d+) · /.exec(text)?.[1])
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
    expect(cardTexts(queue)[1]).to.equal(`#1 · ${vipId} · Nordlys Energi · ${described}`);
    expect(cardTexts(queue).find((line) => line.includes(acmeId))).to.match(/^#2 · /);

    const picked = await agent.say('pick next');
    expect(allText(picked)).to.contain(
      t('en', 'desk.agent.picked', {
        id: vipId,
        customer: 'Ingrid Halvorsen',
        organisation: 'Nordlys Energi',
      }),
    );
    const facts = cardFacts(picked);
    expect(facts[t('en', 'desk.card.priority')]).to.equal(described);
    expect(facts[t('en', 'desk.card.vip')]).to.equal(t('en', 'desk.card.yes'));
    expect(facts[t('en', 'desk.card.organisation')]).to.equal('Nordlys Energi');
    expect(facts[t('en', 'desk.card.reason')]).to.equal(t('en', 'desk.reason.vip_incident'));
    expect(facts[t('en', 'desk.card.sims')]).to.contain(VIP_SIM);
    const card = cardTexts(picked).join('\n');
    expect(card).to.contain(stored.findings.find((f) => f.code === 'NO_SESSION')?.text ?? 'NO_SESSION text');
    expect(card).to.contain(`│ We have no data on ${VIP_SIM} since this morning`);

    const joined = await stub.waitFor((a) => a.conversationId === vip.id && /joined/.test(a.text ?? ''));
    expect(joined.text).to.equal(t('en', 'desk.customer.agentJoined', { agent: AGENT_FIRST, id: vipId }));
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
    expect(allText(back)).to.contain(t('en', 'desk.customer.leftQueue', { id: firstId }));
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
    expect(allText(picked)).to.contain(
      t('en', 'desk.agent.picked', { id: firstId, customer: 'Sam Carter', organisation: 'Acme Logistics' }),
    );
  });

  /** demo-user (Acme) and demo-consumer (private) each queued for a person: their conversations and case ids. */
  async function twoCustomersQueued(): Promise<{
    acme: Conversation;
    acmeId: string;
    lucia: Conversation;
    luciaId: string;
  }> {
    const acme = customer('demo-user');
    const acmeId = caseIdIn(await acme.say('I want a human'));
    const lucia = customer('demo-consumer', 'es-ES');
    const luciaId = caseIdIn(await lucia.say('quiero hablar con una persona'));
    return { acme, acmeId, lucia, luciaId };
  }

  const about = {
    acme: { customer: 'Sam Carter', organisation: 'Acme Logistics' },
    lucia: { customer: 'Lucía Romero', organisation: 'Private customer' },
  };

  it('the trial: two cases, "hello? are you still there?" from Acme, the answer reaches Acme only', async () => {
    const { acme, acmeId, lucia, luciaId } = await twoCustomersQueued();
    const agent = customer('demo-agent');
    await agent.say(`pick ${acmeId}`);
    const second = await agent.say(`pick ${luciaId}`);
    // pick says which case went on hold.
    expect(allText(second)).to.contain(t('en', 'desk.agent.picked', { id: luciaId, ...about.lucia }));
    expect(allText(second)).to.contain(t('en', 'desk.agent.onHold', { previous: acmeId, ...about.acme }));

    // The Acme customer writes: the agent sees the case, that it is on hold, and how to answer it.
    expect(await acme.say('hello? are you still there?')).to.deep.equal([]);
    const relayed = await stub.waitFor(
      (a) => a.conversationId === agent.id && (a.text ?? '').includes('are you still there'),
    );
    expect(relayed.text).to.equal(
      t('en', 'desk.agent.fromCustomerOnHold', {
        id: acmeId,
        ...about.acme,
        quoted: '│ hello? are you still there?',
      }),
    );

    // Answering it explicitly reaches Sam; plain text would have gone to Lucía's (active) case only.
    const sent = await agent.say(`${acmeId}: Yes Sam, still here, checking your trackers`);
    expect(allText(sent)).to.contain(t('en', 'desk.agent.sentTo', { id: acmeId, ...about.acme }));
    await stub.waitFor(
      (a) => a.conversationId === acme.id && a.text === 'Yes Sam, still here, checking your trackers',
    );
    const plain = await agent.say('Hola Lucía, ¿sigue sin internet?');
    expect(allText(plain)).to.contain(t('en', 'desk.agent.sentTo', { id: luciaId, ...about.lucia }));
    await stub.waitFor((a) => a.conversationId === lucia.id && a.text === 'Hola Lucía, ¿sigue sin internet?');
    expect(stubText(stub.to(lucia.id))).to.not.contain('Yes Sam');
    expect(stubText(stub.to(acme.id))).to.not.contain('Hola Lucía');
  });

  it('commands after an @Firstline mention work in a Teams channel (mention entity and <at> text)', async () => {
    const { acmeId } = await twoCustomersQueued();
    const channel = new Conversation(server.baseUrl, {
      userId: 'demo-agent',
      channelId: 'msteams',
      tenantId: 'tenant-1',
      conversationId: '19:operations@thread.tacv2',
      serviceUrl: stub.url,
    });
    const inChannel = (text: string) =>
      channel.post({
        type: 'message',
        text: `<at>Firstline</at> ${text}`,
        entities: [
          { type: 'mention', text: '<at>Firstline</at>', mentioned: { id: 'firstline', name: 'Firstline' } },
        ],
        conversation: { id: channel.id, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
      });
    const queue = await inChannel('queue');
    expect(queueOrder(queue)).to.include(acmeId);
    const picked = await inChannel(`pick ${acmeId}`);
    expect(allText(picked)).to.contain(t('en', 'desk.agent.picked', { id: acmeId, ...about.acme }));
    const sent = await inChannel('Hello Sam, Alex here');
    expect(allText(sent)).to.contain(t('en', 'desk.agent.sentTo', { id: acmeId, ...about.acme }));
  });

  it('plain text with no active case is not sent anywhere; switch makes a held case active', async () => {
    const { acme, acmeId, lucia, luciaId } = await twoCustomersQueued();
    const agent = customer('demo-agent');
    const nothing = await agent.say('Good morning!');
    expect(allText(nothing)).to.contain(t('en', 'desk.agent.noActiveCase'));
    await agent.say(`pick ${acmeId}`);
    await agent.say(`pick ${luciaId}`);
    const switched = await agent.say(`switch ${acmeId}`);
    expect(allText(switched)).to.contain(t('en', 'desk.agent.switchedTo', { id: acmeId, ...about.acme }));
    expect(allText(switched)).to.contain(t('en', 'desk.agent.onHold', { previous: luciaId, ...about.lucia }));
    await agent.say('Sam, please power-cycle tracker 12');
    await stub.waitFor(
      (a) => a.conversationId === acme.id && a.text === 'Sam, please power-cycle tracker 12',
    );

    // resolve takes the active case and moves nowhere: the next plain text is not sent.
    const resolved = await agent.say('resolve: tracker 12 reattached');
    expect(allText(resolved)).to.contain(t('en', 'desk.agent.resolved', { id: acmeId }));
    expect(allText(resolved)).to.contain(
      t('en', 'desk.agent.stillHolding', {
        cases: `${luciaId} (Lucía Romero, Private customer)`,
        example: luciaId,
      }),
    );
    const after = await agent.say('anything else?');
    expect(allText(after)).to.contain(
      t('en', 'desk.agent.noActiveCaseHolding', {
        cases: `${luciaId} (Lucía Romero, Private customer)`,
        example: luciaId,
      }),
    );
    expect((await getCase(acmeId)).status).to.equal('resolved');
    expect((await getCase(luciaId)).status).to.equal('with_agent');
    await new Promise((r) => setTimeout(r, 200));
    expect(stubText(stub.to(lucia.id))).to.not.contain('anything else?');
    expect(stubText(stub.to(acme.id))).to.not.contain('anything else?');
    // The customer of the resolved case heard that the agent left.
    await stub.waitFor(
      (a) =>
        a.conversationId === acme.id && a.text === t('en', 'desk.customer.agentLeft', { agent: AGENT_FIRST }),
    );
  });

  it('unknown commands and likely typos, in English and Spanish, are answered and never forwarded', async () => {
    const { acme, acmeId } = await twoCustomersQueued();
    const agent = customer('demo-agent');
    await agent.say(`pick ${acmeId}`);
    for (const [text, key, vars] of [
      ['qeue', 'desk.agent.typo', { word: 'qeue', command: 'queue', example: acmeId }],
      ['resovle', 'desk.agent.typo', { word: 'resovle', command: 'resolve', example: acmeId }],
      ['coal', 'desk.agent.typo', { word: 'coal', command: 'cola', example: acmeId }],
      ['resolevr', 'desk.agent.typo', { word: 'resolevr', command: 'resolver', example: acmeId }],
      ['/status', 'desk.agent.unknownCommand', { word: 'status' }],
    ] as const) {
      expect(allText(await agent.say(text)), text).to.contain(t('en', key, vars));
    }
    await agent.say('One moment please');
    await stub.waitFor((a) => a.conversationId === acme.id && a.text === 'One moment please');
    const told = stubText(stub.to(acme.id));
    for (const word of ['qeue', 'resovle', 'coal', 'resolevr', '/status']) expect(told).to.not.contain(word);
  });

  it('help and usage texts keep their placeholders (filled with real values) in the chat', async () => {
    const { acmeId } = await twoCustomersQueued();
    const agent = customer('demo-agent');
    const help = allText(await agent.say('help'));
    expect(help).to.contain(`pick ${acmeId}`).and.contain('transfer to demo-agent-2');
    expect(help).to.not.match(/<[^>]*>|\{[a-z]+\}/i);
    const usage = allText(await agent.say('transfer billing team'));
    expect(usage).to.contain(
      t('en', 'desk.agent.usage.transfer', { example: acmeId, colleague: 'demo-agent-2', team: 'network' }),
    );
  });

  it('a failed relay is reported to the agent, not "the customer has been told"', async () => {
    const gone = new Conversation(server.baseUrl, {
      userId: 'demo-user',
      serviceUrl: stub.url,
      conversationId: 'refused-by-connector',
    });
    const caseId = caseIdIn(await gone.say('I want a human'));
    stub.refuse('refused-by-connector', 404);
    const agent = customer('demo-agent');
    await agent.say(`pick ${caseId}`);
    const answer = await agent.say('Please restart the router');
    expect(allText(answer)).to.contain(
      t('en', 'desk.agent.notDelivered', { id: caseId, ...about.acme, error: 'the channel answered 404' }),
    );
    const stored = await getCase(caseId);
    expect(
      stored.timeline.some((e) => e.event === 'delivery_failed' && e.detail === 'the channel answered 404'),
    ).to.equal(true);
  });

  it("the queue line follows the customer's latest language (issue 12 item 7)", async () => {
    const lucia = customer('demo-consumer', 'es-ES');
    await lucia.say('hola, el router de la casa de vacaciones no tiene internet desde ayer');
    const queued = await lucia.say('I would like to talk to a person please, it is urgent');
    const caseId = caseIdIn(queued);
    // The case was opened in Spanish; it follows the customer's switch (CaseService.setLanguage), and so does the line.
    expect((await getCase(caseId)).lang).to.equal('en');
    expect(allText(queued)).to.match(pattern('en', 'desk.customer.queued', { id: caseId }));
    expect(allText(queued)).to.not.match(pattern('es', 'desk.customer.queued'));
  });

  it('the customer hears "Alex from operations joined", the agent under his own name, and "Alex left" — in the latest language', async () => {
    const lucia = customer('demo-consumer', 'es-ES');
    const caseId = caseIdIn(await lucia.say('I want to talk to a person'));
    // She switches to Spanish while waiting: the desk follows her latest language.
    await lucia.say('por favor, es urgente, no tenemos internet en la casa');
    const agent = customer('demo-agent');
    await agent.say(`pick ${caseId}`);
    await stub.waitFor(
      (a) =>
        a.conversationId === lucia.id &&
        a.text === t('es', 'desk.customer.agentJoined', { agent: AGENT_FIRST, id: caseId }),
    );
    await agent.say('Hola Lucía, soy Alex');
    const relayed = await stub.waitFor(
      (a) => a.conversationId === lucia.id && a.text === 'Hola Lucía, soy Alex',
    );
    expect(relayed.body['from']).to.deep.include({ id: 'agent:demo-agent', name: AGENT_NAME });
    expect(relayed.body['channelData']).to.deep.equal({
      firstline: { kind: 'agent', agentId: 'demo-agent', agentName: AGENT_NAME, caseId },
    });
    expect(relayed.replyToId, 'a new message, not a reply to an activity Web Chat never saw').to.equal(
      undefined,
    );
    await agent.say('handback');
    await stub.waitFor(
      (a) =>
        a.conversationId === lucia.id &&
        a.text === t('es', 'desk.customer.agentLeft', { agent: AGENT_FIRST }),
    );
  });
});
