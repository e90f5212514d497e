import { expect } from 'chai';
import type { Activity, Attachment } from 'botbuilder';
import type { CaseOrganisation } from '../../bot/cases/caseService.js';
import { ORGS, tempDir } from '../cases/fixtures.js';
import { deskAt, replies, replyTexts, turn, type DeskWorld } from './fixtures.js';

const AGENT = { id: 'demo-agent', name: 'Ana Agent' };
const AGENT2 = { id: 'agent-2', name: 'Bo Agent' };

function cardText(attachments: Attachment[] | undefined): string {
  return JSON.stringify(attachments ?? []);
}

describe('AgentDesk', () => {
  let cleanup: () => Promise<void>;
  let w: DeskWorld;
  let clock: number;

  beforeEach(async () => {
    const t = await tempDir('desk');
    cleanup = t.cleanup;
    clock = Date.parse('2026-03-02T09:00:00Z');
    w = await deskAt(t.dir, (c) => [{ type: 'message', text: `follow-up offer for ${c.id}` }], {
      now: () => new Date(clock),
      offerMs: 60_000,
    });
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
    clock += 1000;
    return { c, position, told: replyTexts(w.adapter) };
  }

  /** One chat message from an agent in their conversation; returns the desk's answers. */
  async function agentSays(agent: typeof AGENT, text: string, chat = `conv-${agent.id}`): Promise<string> {
    await w.desk.handleAgentTurn(agent, turn(w.adapter, chat, agent.id, { text }));
    return replyTexts(w.adapter).join('\n');
  }

  async function customerSays(user: string, text: string) {
    const c = w.desk.handedOffCase(`conv-${user}`);
    if (!c) throw new Error(`${user} is not handed off`);
    return w.desk.handleCustomerTurnWhileHandedOff(c, turn(w.adapter, `conv-${user}`, user, { text }));
  }

  it('queues by priority then age and tells each customer their position', async () => {
    const consumer = await queueFor(ORGS.consumer, 'demo-consumer', 'outage');
    const acme1 = await queueFor(ORGS.acme, 'demo-acme', 'degraded');
    const acme2 = await queueFor(ORGS.acme, 'demo-acme2', 'degraded');
    const vip = await queueFor(ORGS.nordlys, 'demo-vip', 'outage');
    expect([consumer.position, acme1.position, acme2.position, vip.position]).to.deep.equal([1, 1, 2, 1]);
    expect(acme2.told[0]).to.match(/^You are number 2 in the queue; an agent will join you/);
    expect(vip.c.priority.level).to.equal('P1');
    expect(w.desk.queue().map((c) => c.id)).to.deep.equal([vip.c.id, acme1.c.id, acme2.c.id, consumer.c.id]);
    expect(w.desk.positionOf(consumer.c.id)).to.equal(4);
    expect(w.cases.get(vip.c.id)?.conversation?.conversation?.id).to.equal('conv-demo-vip');
  });

  it('numbers the queue card #1, #2 … (a "1." row is a Markdown list item: every row showed "1.")', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    const vip = await queueFor(ORGS.nordlys, 'demo-vip', 'outage', 2000);
    await w.desk.handleAgentTurn(AGENT, turn(w.adapter, 'conv-agent', AGENT.id, { text: 'queue' }));
    const card = cardText(replies(w.adapter)[0]?.attachments);
    expect(card).to.include('"version":"1.5"');
    expect(card).to.include(
      `#1 · ${vip.c.id} · Nordlys Energi · P1 — VIP, ~2000 SIMs without data, smart metering`,
    );
    expect(card).to.include(`#2 · ${acme.c.id} · Acme Logistics`);
    expect(card).not.to.match(/"text":"\d+\. /);
    expect(card).to.include(`"deskAction":"pick","caseId":"${vip.c.id}"`);
  });

  it('picks the next case, relays both ways naming the case, and confirms every message with case and customer', async () => {
    const vip = await queueFor(ORGS.nordlys, 'demo-vip', 'outage', 2000);
    const picked = await agentSays(AGENT, 'pick next');
    expect(picked).to.include(`You picked up ${vip.c.id} (demo-vip, Nordlys Energi)`);
    expect(w.cases.get(vip.c.id)).to.include({ status: 'with_agent', assignedAgentId: AGENT.id });
    const joined = w.messenger.to('conv-demo-vip').at(-1);
    expect(joined?.text).to.equal(
      `Ana from operations joined. They have your case ${vip.c.id} in front of them.`,
    );
    expect(joined?.channelData).to.deep.equal({
      firstline: { kind: 'agent_joined', agentId: AGENT.id, agentName: AGENT.name, caseId: vip.c.id },
    });

    // customer → agent: attributed to the case and customer, the words quoted.
    expect(await customerSays('demo-vip', 'The meters in Tromsø are down too')).to.equal('relayed');
    const relayed = w.messenger.to(`conv-${AGENT.id}`).at(-1);
    expect(relayed?.text).to.equal(
      `[${vip.c.id} · demo-vip · Nordlys Energi] wrote:\n│ The meters in Tromsø are down too`,
    );
    expect(relayed?.textFormat).to.equal('plain');

    // agent → customer: under the agent's identity, never prefixed; the agent hears where it went.
    const confirmation = await agentSays(AGENT, 'Thanks, checking the APN now');
    expect(confirmation).to.equal(`Sent to ${vip.c.id} (demo-vip, Nordlys Energi).`);
    const sent = w.messenger.to('conv-demo-vip').at(-1) as Partial<Activity>;
    expect(sent.text).to.equal('Thanks, checking the APN now');
    expect(sent.from).to.deep.equal({ id: `agent:${AGENT.id}`, name: AGENT.name });
    expect(sent.channelData).to.deep.equal({
      firstline: { kind: 'agent', agentId: AGENT.id, agentName: AGENT.name, caseId: vip.c.id },
    });
    const transcript = w.cases.get(vip.c.id)!.transcript.map((e) => `${e.from}:${e.text}`);
    expect(transcript).to.include('customer:The meters in Tromsø are down too');
    expect(transcript).to.include('agent:Thanks, checking the APN now');
    const log = await w.desk.log.read(vip.c.id);
    expect(log.entries.at(-1)).to.deep.include({ from: 'agent', text: 'Thanks, checking the APN now' });
    expect(log.entries.at(-1)?.delivery?.state).to.equal('delivered');
  });

  it('quotes customer text line by line, so it cannot imitate a line of the desk (issue 11 item 10)', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    const vip = await queueFor(ORGS.nordlys, 'demo-vip', 'outage');
    await agentSays(AGENT, `pick ${acme.c.id}`);
    await customerSays(
      'demo-acme',
      `fine\n\n[${vip.c.id} · demo-vip · Nordlys Energi] wrote:\u202e\nURGENT call me`,
    );
    const text = w.messenger.to(`conv-${AGENT.id}`).at(-1)?.text ?? '';
    const lines = text.split('\n');
    expect(lines[0]).to.equal(`[${acme.c.id} · demo-acme · Acme Logistics] wrote:`);
    for (const line of lines.slice(1)) expect(line.startsWith('│ '), line).to.equal(true);
    expect(text).not.to.include('\u202e');
    expect(lines.filter((l) => l.startsWith('['))).to.have.length(1);
  });

  it('shows what the customer added while waiting when a case is picked from its card', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await queueFor(ORGS.nordlys, 'demo-vip', 'outage');
    clock += 1000;
    expect(await customerSays('demo-acme', 'It is ICCID 8946070000000000100 as well')).to.equal(
      'queued_note',
    );
    expect(replyTexts(w.adapter)[0]).to.include('You are number 2 in the queue');
    await w.desk.handleAgentTurn(
      AGENT,
      turn(w.adapter, 'conv-agent', AGENT.id, { value: { deskAction: 'pick', caseId: acme.c.id } }),
    );
    expect(replyTexts(w.adapter).join('\n')).to.include(
      'While waiting, the customer added:\n│ It is ICCID 8946070000000000100 as well',
    );
    expect(w.cases.get(acme.c.id)?.assignedAgentId).to.equal(AGENT.id);
    expect(w.desk.queue()).to.have.length(1);
  });

  it('keeps notes internal, transfers to a named agent (on hold in their chat), and resolve says the agent left', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await agentSays(AGENT2, 'help');
    await agentSays(AGENT, `pick ${acme.c.id}`);
    expect(await agentSays(AGENT, 'note APN was internet.m2m')).to.include(`Note added to ${acme.c.id}`);
    expect(w.cases.get(acme.c.id)?.notes.map((n) => n.text)).to.deep.equal(['APN was internet.m2m']);
    expect(w.messenger.textsTo('conv-demo-acme').join()).not.to.include('internet.m2m');

    expect(await agentSays(AGENT, `transfer to ${AGENT2.id}`)).to.include(
      `${acme.c.id} transferred to Bo Agent`,
    );
    expect(w.cases.get(acme.c.id)?.assignedAgentId).to.equal(AGENT2.id);
    const toBo = w.messenger.to(`conv-${AGENT2.id}`).at(-1);
    expect(toBo?.text).to.include(`Ana Agent transferred ${acme.c.id} (demo-acme, Acme Logistics) to you`);
    expect(toBo?.text).to.include(`switch ${acme.c.id}`);
    expect(w.messenger.textsTo('conv-demo-acme').at(-1)).to.equal(
      `Ana passed your case ${acme.c.id} to Bo from operations, who continues here.`,
    );

    // The first agent's chat no longer reaches the customer.
    expect(await agentSays(AGENT, 'hello?')).to.include('Not sent: no case is active in this chat');
    // Bo's chat has it on hold: plain text is not sent until he switches.
    expect(await agentSays(AGENT2, 'hi')).to.include(`You hold ${acme.c.id}`);
    expect(await agentSays(AGENT2, `switch ${acme.c.id}`)).to.include(
      `${acme.c.id} (demo-acme, Acme Logistics) is now active`,
    );
    expect(await agentSays(AGENT2, 'resolver: APN corregido')).to.include(`${acme.c.id} resolved`);
    expect(w.cases.get(acme.c.id)?.status).to.equal('resolved');
    const toCustomer = w.messenger.textsTo('conv-demo-acme');
    expect(toCustomer.slice(-3)).to.deep.equal([
      `Bo resolved ${acme.c.id}: APN corregido.`,
      'Bo left; you are back with the assistant.',
      `follow-up offer for ${acme.c.id}`,
    ]);
    expect(w.desk.handedOffCase('conv-demo-acme')).to.equal(undefined);
  });

  it('transfer to the queue puts the case back; the customer can go back to the bot', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await agentSays(AGENT, 'coger siguiente');
    expect(await agentSays(AGENT, 'transferir a la cola')).to.include(`${acme.c.id} is back in the queue`);
    expect(w.cases.get(acme.c.id)?.status).to.equal('queued');
    expect(w.messenger.textsTo('conv-demo-acme').slice(-2)).to.deep.equal([
      `Ana left and put your case ${acme.c.id} back in the queue for the next agent.`,
      `You are number 1 in the queue; an agent will join you here. Your case is ${acme.c.id}. You can add details while you wait, or say "back to the bot". Priority P3: a person responds within 1 business day.`,
    ]);
    expect(await customerSays('demo-acme', 'back to the bot please')).to.equal('back_to_bot');
    expect(w.cases.get(acme.c.id)?.status).to.equal('open');
    expect(w.desk.queue()).to.deep.equal([]);
  });

  it('refuses to pick a case another agent has, or one that does not exist', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await agentSays(AGENT, 'pick next');
    expect(await agentSays(AGENT2, `pick ${acme.c.id}`)).to.include(`${acme.c.id} is already with`);
    expect(await agentSays(AGENT2, 'pick CS-1')).to.include('does not exist');
    expect(await agentSays(AGENT2, `${acme.c.id}: let me help`)).to.equal(
      `Not sent: you do not hold ${acme.c.id}.`,
    );
    expect(w.messenger.textsTo('conv-demo-acme').join('\n')).not.to.include('let me help');
  });

  it('leaves the queue on a short "cancel" / "salir de la cola", but keeps "cancel my order" as a detail', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    expect(await customerSays('demo-acme', 'cancel my order 4711')).to.equal('queued_note');
    expect(w.cases.get(acme.c.id)?.status).to.equal('queued');
    replies(w.adapter);
    expect(await customerSays('demo-acme', 'Cancel, please.')).to.equal('back_to_bot');
    expect(w.cases.get(acme.c.id)?.status).to.equal('open');
    expect(replyTexts(w.adapter)[0]).to.include('you are back with the Firstline assistant');
  });

  it('never relays a malformed command, a typo or an unknown command to the customer', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await agentSays(AGENT, 'pick next');
    const before = w.messenger.textsTo('conv-demo-acme').length;
    for (const [text, answer] of [
      ['transfer billing team', 'To transfer'],
      ['transferir al equipo de facturación', 'To transfer'],
      ['pick it up', 'To pick a case'],
      ['resolve moved SIM to voice plan', 'To resolve'],
      ['note', 'internal note'],
      ['qeue', '"qeue" looks like the command "queue"'],
      ['resovle', '"resovle" looks like the command "resolve"'],
      ['resovle CS-1', 'looks like the command "resolve"'],
      ['resolevr', 'looks like the command "resolver"'],
      ['/frobnicate', '"/frobnicate" is not a command'],
    ] as const) {
      const said = await agentSays(AGENT, text);
      expect(said, text).to.include('Not sent').and.include(answer);
      expect(said, text).not.to.match(/<[a-z|]+>/i);
    }
    expect(w.messenger.textsTo('conv-demo-acme')).to.have.length(before);
    expect(w.cases.get(acme.c.id)?.status).to.equal('with_agent');
  });

  it('fills the help text with real examples (no placeholder lost as an HTML tag)', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await agentSays(AGENT2, 'help');
    const help = await agentSays(AGENT, 'help');
    expect(help).to.include(`pick ${acme.c.id}`).and.include(`${acme.c.id}: your text`);
    expect(help).to.include(`transfer to ${AGENT2.id}`);
    expect(help).not.to.match(/[<>{}]/);
  });

  it('one active case per chat: pick says which case went on hold, CS-x: answers it, resolve never moves on', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    const vip = await queueFor(ORGS.nordlys, 'demo-vip', 'outage');
    await agentSays(AGENT, `pick ${acme.c.id}`);
    const second = await agentSays(AGENT, `pick ${vip.c.id}`);
    expect(second).to.include(`You picked up ${vip.c.id}`);
    expect(second).to.include(`${acme.c.id} (demo-acme, Acme Logistics) is on hold: write "${acme.c.id}: …"`);

    // The on-hold customer writes: the agent sees it is on hold and how to answer.
    await customerSays('demo-acme', 'hello? are you still there?');
    const onHold = w.messenger.to(`conv-${AGENT.id}`).at(-1)?.text ?? '';
    expect(onHold).to.equal(
      `[${acme.c.id} · demo-acme · Acme Logistics · on hold] wrote:\n│ hello? are you still there?\n` +
        `To answer: "${acme.c.id}: your reply", or "switch ${acme.c.id}".`,
    );

    // Plain text goes to the active case (the VIP) only; the explicit form answers Acme.
    expect(await agentSays(AGENT, 'to the VIP')).to.equal(`Sent to ${vip.c.id} (demo-vip, Nordlys Energi).`);
    expect(await agentSays(AGENT, `${acme.c.id}: Yes Sam, still here`)).to.equal(
      `Sent to ${acme.c.id} (demo-acme, Acme Logistics).`,
    );
    expect(await agentSays(AGENT, `@${acme.c.id} checking your trackers`)).to.include(`Sent to ${acme.c.id}`);
    expect(w.messenger.textsTo('conv-demo-vip')).to.include('to the VIP');
    expect(w.messenger.textsTo('conv-demo-vip').join('\n')).not.to.include('Sam');
    expect(w.messenger.textsTo('conv-demo-acme')).to.include.members([
      'Yes Sam, still here',
      'checking your trackers',
    ]);
    expect(w.messenger.textsTo('conv-demo-acme').join('\n')).not.to.include('to the VIP');

    // Switching back sends no second "joined"; resolve takes the active case and leaves none active.
    const joinedBefore = w.messenger.textsTo('conv-demo-acme').length;
    expect(await agentSays(AGENT, `switch ${acme.c.id}`)).to.include(
      `${acme.c.id} (demo-acme, Acme Logistics) is now active`,
    );
    expect(w.messenger.textsTo('conv-demo-acme')).to.have.length(joinedBefore);
    const resolved = await agentSays(AGENT, 'resolve: moved SIM to voice plan');
    expect(resolved).to.include(`${acme.c.id} resolved`);
    expect(resolved).to.include(`No case is active in this chat now. You still hold ${vip.c.id}`);
    expect(w.cases.get(vip.c.id)?.status).to.equal('with_agent');
    expect(await agentSays(AGENT, 'are you there?')).to.include('Not sent: no case is active in this chat');
    expect(w.messenger.textsTo('conv-demo-vip').join('\n')).not.to.include('are you there?');
  });

  it('tells the agent when the channel refused a message, and records it on the case', async () => {
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    await agentSays(AGENT, 'pick next');
    w.messenger.failNext = 1;
    const answer = await agentSays(AGENT, 'Please restart the tracker');
    expect(answer).to.equal(
      `NOT delivered to ${acme.c.id} (demo-acme, Acme Logistics): the channel answered 503. It is kept on the case; try again, or reach the customer another way.`,
    );
    expect(w.cases.get(acme.c.id)?.timeline.at(-1)).to.deep.include({
      event: 'delivery_failed',
      detail: 'the channel answered 503',
    });
    const line = (await w.desk.log.read(acme.c.id)).entries.at(-1);
    expect(line?.text).to.equal('Please restart the tracker');
    expect(line?.delivery).to.deep.include({ state: 'failed', error: 'the channel answered 503' });
  });

  it("shows priority reasons in the agent's language, not the customer's", async () => {
    await queueFor(ORGS.nordlys, 'demo-vip', 'outage', 2000);
    const spanishAgent = { ...AGENT, lang: 'es' as const };
    await w.desk.handleAgentTurn(spanishAgent, turn(w.adapter, 'conv-agent', AGENT.id, { text: 'cola' }));
    const card = cardText(replies(w.adapter)[0]?.attachments);
    expect(card).to.include('P1 — VIP, ~2000 SIM sin datos, smart metering');
    expect(card).not.to.include('without data');
  });

  it('offers a new case to an available agent first, moves on when declined or left to lapse, skips away agents', async () => {
    await agentSays(AGENT, 'available');
    await agentSays(AGENT2, 'away');
    const acme = await queueFor(ORGS.acme, 'demo-acme', 'outage');
    expect(w.desk.offers.offeredTo(acme.c.id)).to.equal(AGENT.id);
    const offer = w.messenger.to(`conv-${AGENT.id}`).at(-1);
    expect(offer?.text).to.equal(
      `Offered to you: ${acme.c.id} (Acme Logistics). Pick it up within 60 s or decline it.`,
    );
    expect(cardText(offer?.attachments)).to.include('"deskAction":"decline"');
    // Nobody else gets it from "pick next" while it is offered.
    await agentSays(AGENT2, 'available');
    expect(await agentSays(AGENT2, 'pick next')).to.include('offered to another agent');

    expect(await agentSays(AGENT, `decline ${acme.c.id}`)).to.include(`Declined ${acme.c.id}`);
    expect(w.desk.offers.offeredTo(acme.c.id)).to.equal(AGENT2.id);

    // Bo goes away: it comes back to nobody (Ana declined), then Bo is back and lets it lapse.
    await agentSays(AGENT2, 'away');
    expect(w.desk.offers.offeredTo(acme.c.id)).to.equal(undefined);
    await w.desk.offers.sweep(w.desk.queue());
    expect(w.desk.offers.offeredTo(acme.c.id), 'Bo passed on it when he went away').to.equal(undefined);
    expect(await agentSays(AGENT, 'pick next')).to.include(`You picked up ${acme.c.id}`);

    // A second case offered to Ana lapses after the offer time and moves on to Bo, available again.
    await agentSays(AGENT2, 'available');
    const vip = await queueFor(ORGS.nordlys, 'demo-vip', 'outage');
    expect(w.desk.offers.offeredTo(vip.c.id), 'fewest cases held first').to.equal(AGENT2.id);
    clock += 61_000;
    await w.desk.offers.sweep(w.desk.queue());
    expect(w.desk.offers.offeredTo(vip.c.id)).to.equal(AGENT.id);
  });
});
