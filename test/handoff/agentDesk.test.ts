import { expect } from 'chai';
import type { Attachment } from 'botbuilder';
import type { CaseOrganisation } from '../../bot/cases/caseService.js';
import { ORGS, tempDir } from '../cases/fixtures.js';
import { deskAt, replies, replyTexts, turn, type DeskWorld } from './fixtures.js';

const AGENT = { id: 'demo-agent', name: 'Ana' };
const AGENT2 = { id: 'agent-2', name: 'Bo' };

function cardText(attachments: Attachment[] | undefined): string {
  return JSON.stringify(attachments ?? []);
}

describe('AgentDesk', () => {
  let cleanup: () => Promise<void>;
  let w: DeskWorld;

  beforeEach(async () => {
    const t = await tempDir('desk');
    cleanup = t.cleanup;
    w = await deskAt(t.dir, (c) => [{ type: 'message', text: `follow-up offer for ${c.id}` }]);
  });
  afterEach(() => cleanup());

  /** Open a case for `org` and queue it from the customer's own conversation. */
  async function queueFor(org: CaseOrganisation, user: string, severity: 'outage' | 'degraded', count = 1) {
    const c = await w.cases.open({
      organisation: org,
      contactUserId: user,
      lang: 'en',
      type: 'incident',
      category: 'data',
      severity,
      sims: ['8946070000000000092'],
      affectedCount: count,
    });
    await w.cases.appendTranscript(c.id, [{ from: 'customer', text: `${user}: no data since this morning` }]);
    const ctx = turn(w.adapter, `conv-${user}`, user, { text: 'I want a human' });
    const position = await w.desk.enqueue(c.id, ctx, 'customer_request');
    return { c, position, told: replyTexts(w.adapter) };
  }

  it('queues by priority then age and tells each customer their position', async () => {
    const consumer = await queueFor(ORGS.consumer, 'demo-consumer', 'outage');
    const acme1 = await queueFor(ORGS.acme, 'demo-acme', 'degraded');
    const acme2 = await queueFor(ORGS.acme, 'demo-acme2', 'degraded');
    const vip = await queueFor(ORGS.nordlys, 'demo-vip', 'outage');
    expect(consumer.position).to.equal(1);
    expect(acme1.position).to.equal(1);
    expect(acme2.position).to.equal(2);
    expect(acme2.told[0]).to.match(/^You are number 2 in the queue; an agent will join you/);
    expect(vip.position).to.equal(1);
    expect(vip.c.priority.level).to.equal('P1');
    expect(w.desk.queue().map((c) => c.id)).to.deep.equal([vip.c.id, acme1.c.id, acme2.c.id, consumer.c.id]);
    expect(w.desk.positionOf(consumer.c.id)).to.equal(4);
    expect(w.cases.get(vip.c.id)?.conversation?.conversation?.id).to.equal('conv-demo-vip');
  });

  it('lists the queue as a card with pick buttons, picks the next case, and relays both ways', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    const vip = await queueFor(ORGS.nordlys, 'demo-vip', 'outage', 2000);

    await w.desk.handleAgentTurn(AGENT, turn(w.adapter, 'conv-agent', AGENT.id, { text: 'queue' }));
    const queueReply = replies(w.adapter)[0];
    const card = cardText(queueReply?.attachments);
    expect(card).to.include('"version":"1.5"');
    expect(card.indexOf(vip.c.id)).to.be.lessThan(card.indexOf(acme.c.id));
    expect(card).to.include(`"deskAction":"pick","caseId":"${vip.c.id}"`);
    expect(card).to.include('P1 — VIP, ~2000 SIMs without data, smart metering');

    await w.desk.handleAgentTurn(AGENT, turn(w.adapter, 'conv-agent', AGENT.id, { text: 'pick next' }));
    const picked = replies(w.adapter);
    expect(picked[0]?.text).to.include(vip.c.id);
    const handoff = cardText(picked[0]?.attachments);
    for (const expected of [
      'Nordlys Energi',
      'VIP',
      'Pick up',
      '8946070000000000092',
      'no data since this morning',
      'the customer asked for a person',
    ]) {
      expect(handoff).to.include(expected);
    }
    expect(w.cases.get(vip.c.id)).to.include({ status: 'with_agent', assignedAgentId: AGENT.id });
    expect(w.messenger.textsTo('conv-demo-vip').at(-1)).to.include('Ana from the support team has joined');

    // customer → agent
    const outcome = await w.desk.handleCustomerTurnWhileHandedOff(
      w.cases.get(vip.c.id)!,
      turn(w.adapter, 'conv-demo-vip', 'demo-vip', { text: 'The meters in Tromsø are down too' }),
    );
    expect(outcome).to.equal('relayed');
    expect(w.messenger.textsTo('conv-agent').at(-1)).to.equal(
      `[${vip.c.id}] demo-vip: The meters in Tromsø are down too`,
    );

    // agent → customer
    await w.desk.handleAgentTurn(
      AGENT,
      turn(w.adapter, 'conv-agent', AGENT.id, { text: 'Thanks, checking the APN now' }),
    );
    expect(w.messenger.textsTo('conv-demo-vip').at(-1)).to.equal('Ana: Thanks, checking the APN now');
    const transcript = w.cases.get(vip.c.id)!.transcript.map((e) => `${e.from}:${e.text}`);
    expect(transcript).to.include('customer:The meters in Tromsø are down too');
    expect(transcript).to.include('agent:Thanks, checking the APN now');
  });

  it('picks a named case (card button) and shows what the customer added while waiting', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await queueFor(ORGS.nordlys, 'demo-vip', 'outage');
    // A later turn: make sure its timestamp differs from the queuing one.
    await new Promise((r) => setTimeout(r, 3));
    const outcome = await w.desk.handleCustomerTurnWhileHandedOff(
      w.cases.get(acme.c.id)!,
      turn(w.adapter, 'conv-demo-acme', 'demo-acme', { text: 'It is ICCID 8946070000000000100 as well' }),
    );
    expect(outcome).to.equal('queued_note');
    expect(replyTexts(w.adapter)[0]).to.include('You are number 2 in the queue');

    await w.desk.handleAgentTurn(
      AGENT,
      turn(w.adapter, 'conv-agent', AGENT.id, { value: { deskAction: 'pick', caseId: acme.c.id } }),
    );
    const texts = replyTexts(w.adapter);
    expect(texts.join('\n')).to.include(
      'While waiting, the customer added:\n> It is ICCID 8946070000000000100 as well',
    );
    expect(w.cases.get(acme.c.id)?.assignedAgentId).to.equal(AGENT.id);
    expect(w.desk.queue()).to.have.length(1);
  });

  it('adds internal notes, transfers to another agent, and resolve returns the customer to the bot', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await w.desk.handleAgentTurn(AGENT2, turn(w.adapter, 'conv-agent2', AGENT2.id, { text: 'help' }));
    await w.desk.handleAgentTurn(
      AGENT,
      turn(w.adapter, 'conv-agent', AGENT.id, { text: `pick ${acme.c.id}` }),
    );
    await w.desk.handleAgentTurn(
      AGENT,
      turn(w.adapter, 'conv-agent', AGENT.id, { text: 'note APN was internet.m2m' }),
    );
    replies(w.adapter);
    expect(w.cases.get(acme.c.id)?.notes.map((n) => n.text)).to.deep.equal(['APN was internet.m2m']);
    expect(w.messenger.textsTo('conv-demo-acme').join()).not.to.include('internet.m2m');

    await w.desk.handleAgentTurn(
      AGENT,
      turn(w.adapter, 'conv-agent', AGENT.id, { text: `transfer ${AGENT2.id}` }),
    );
    expect(replyTexts(w.adapter)[0]).to.include(`transferred to Bo`);
    expect(w.cases.get(acme.c.id)?.assignedAgentId).to.equal(AGENT2.id);
    expect(cardText(w.messenger.to('conv-agent2').at(-1)?.attachments)).to.include(acme.c.id);

    // The first agent's chat no longer reaches the customer.
    await w.desk.handleAgentTurn(AGENT, turn(w.adapter, 'conv-agent', AGENT.id, { text: 'hello?' }));
    expect(replyTexts(w.adapter)[0]).to.include('You have no case open');

    await w.desk.handleAgentTurn(AGENT2, turn(w.adapter, 'conv-agent2', AGENT2.id, { text: 'resolver' }));
    expect(w.cases.get(acme.c.id)?.status).to.equal('resolved');
    const toCustomer = w.messenger.textsTo('conv-demo-acme');
    expect(toCustomer.at(-2)).to.include('You are back with the Firstline assistant');
    expect(toCustomer.at(-1)).to.equal(`follow-up offer for ${acme.c.id}`);
    expect(w.desk.handedOffCase('conv-demo-acme')).to.equal(undefined);
  });

  it('transfer to the queue puts the case back; the customer can go back to the bot', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await w.desk.handleAgentTurn(AGENT, turn(w.adapter, 'conv-agent', AGENT.id, { text: 'coger siguiente' }));
    await w.desk.handleAgentTurn(AGENT, turn(w.adapter, 'conv-agent', AGENT.id, { text: 'transferir cola' }));
    expect(w.cases.get(acme.c.id)?.status).to.equal('queued');
    expect(w.desk.queue().map((c) => c.id)).to.deep.equal([acme.c.id]);

    const outcome = await w.desk.handleCustomerTurnWhileHandedOff(
      w.cases.get(acme.c.id)!,
      turn(w.adapter, 'conv-demo-acme', 'demo-acme', { text: 'back to the bot please' }),
    );
    expect(outcome).to.equal('back_to_bot');
    expect(w.cases.get(acme.c.id)?.status).to.equal('open');
    expect(w.desk.queue()).to.deep.equal([]);
    expect(w.desk.handedOffCase('conv-demo-acme')).to.equal(undefined);
  });

  it('refuses to pick a case another agent has, or one that does not exist', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await w.desk.handleAgentTurn(AGENT, turn(w.adapter, 'conv-agent', AGENT.id, { text: 'pick next' }));
    replies(w.adapter);
    await w.desk.handleAgentTurn(
      AGENT2,
      turn(w.adapter, 'conv-agent2', AGENT2.id, { text: `pick ${acme.c.id}` }),
    );
    expect(replyTexts(w.adapter)[0]).to.include('already with demo-agent');
    await w.desk.handleAgentTurn(AGENT2, turn(w.adapter, 'conv-agent2', AGENT2.id, { text: 'pick CS-1' }));
    expect(replyTexts(w.adapter)[0]).to.include('does not exist');
  });

  it('leaves the queue on a short "cancel" / "salir de la cola", but keeps "cancel my order" as a detail', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    const order = await w.desk.handleCustomerTurnWhileHandedOff(
      w.cases.get(acme.c.id)!,
      turn(w.adapter, 'conv-demo-acme', 'demo-acme', { text: 'cancel my order 4711' }),
    );
    expect(order).to.equal('queued_note');
    expect(w.cases.get(acme.c.id)?.status).to.equal('queued');
    replies(w.adapter);
    const cancel = await w.desk.handleCustomerTurnWhileHandedOff(
      w.cases.get(acme.c.id)!,
      turn(w.adapter, 'conv-demo-acme', 'demo-acme', { text: 'Cancel, please.' }),
    );
    expect(cancel).to.equal('back_to_bot');
    expect(w.cases.get(acme.c.id)?.status).to.equal('open');
    expect(replyTexts(w.adapter)[0]).to.include('you are back with the Firstline assistant');
  });

  it('never relays a malformed command to the customer: the agent gets a usage hint', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await w.desk.handleAgentTurn(AGENT, turn(w.adapter, 'conv-agent', AGENT.id, { text: 'pick next' }));
    replies(w.adapter);
    const before = w.messenger.textsTo('conv-demo-acme').length;
    for (const [text, hint] of [
      ['transfer billing team', 'To transfer'],
      ['transferir al equipo de facturación', 'To transfer'],
      ['pick it up', 'To pick a case'],
      ['resolve moved SIM to voice plan', 'To resolve'],
      ['note', 'internal note'],
    ] as const) {
      await w.desk.handleAgentTurn(AGENT, turn(w.adapter, 'conv-agent', AGENT.id, { text }));
      expect(replyTexts(w.adapter).join('\n'), text).to.include('Not sent to the customer').and.include(hint);
    }
    expect(w.messenger.textsTo('conv-demo-acme')).to.have.length(before);
    expect(w.cases.get(acme.c.id)?.status).to.equal('with_agent');
  });

  it('picking a second case says where messages go; "pick" of an own case switches back; resolve takes the active case', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    const vip = await queueFor(ORGS.nordlys, 'demo-vip', 'outage');
    const say = async (text: string): Promise<string> => {
      await w.desk.handleAgentTurn(AGENT, turn(w.adapter, 'conv-agent', AGENT.id, { text }));
      return replyTexts(w.adapter).join('\n');
    };
    await say(`pick ${acme.c.id}`);
    const second = await say(`pick ${vip.c.id}`);
    expect(second).to.include(
      `You now talk to the customer of ${vip.c.id}; ${acme.c.id} is still yours — say "pick ${acme.c.id}" to switch back.`,
    );
    await say('to the VIP');
    expect(w.messenger.textsTo('conv-demo-vip').at(-1)).to.equal('Ana: to the VIP');

    const joinedBefore = w.messenger.textsTo('conv-demo-acme').length;
    expect(await say(`pick ${acme.c.id}`)).to.include(
      `Your messages now go to the customer of ${acme.c.id}.`,
    );
    expect(w.messenger.textsTo('conv-demo-acme'), 'no second "agent joined"').to.have.length(joinedBefore);
    await say('to Acme');
    expect(w.messenger.textsTo('conv-demo-acme').at(-1)).to.equal('Ana: to Acme');

    const resolved = await say('resolve: moved SIM to voice plan');
    expect(resolved).to.include(`${acme.c.id} resolved`);
    expect(resolved).to.include(`You still have ${vip.c.id}; your messages now go to its customer.`);
    expect(w.cases.get(acme.c.id)?.status).to.equal('resolved');
    expect(w.cases.get(vip.c.id)?.status).to.equal('with_agent');
    expect(w.messenger.textsTo('conv-demo-acme')).to.include(
      `Ana resolved ${acme.c.id}: moved SIM to voice plan. You are back with the Firstline assistant.`,
    );
  });

  it("shows priority reasons in the agent's language, not the customer's", async () => {
    await queueFor(ORGS.nordlys, 'demo-vip', 'outage', 2000);
    const spanishAgent = { ...AGENT, lang: 'es' as const };
    await w.desk.handleAgentTurn(spanishAgent, turn(w.adapter, 'conv-agent', AGENT.id, { text: 'cola' }));
    const card = cardText(replies(w.adapter)[0]?.attachments);
    expect(card).to.include('P1 — VIP, ~2000 SIM sin datos, smart metering');
    expect(card).not.to.include('without data');
  });
});
