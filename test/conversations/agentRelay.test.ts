/**
 * An agent's words reach only the case they were addressed to (issue 13, "Must hold"): every entry point agent
 * text has — chat plain text to the active case, chat "CS-x: …", chat "@CS-x …", the console's reply box — is
 * exercised with two cases of two organisations held by the same agent, with distinct words each time; each
 * customer must receive exactly the words addressed to their case.
 */
import { expect } from 'chai';
import { caseIdIn } from '../helpers/cases.js';
import { ConsoleClient } from '../helpers/consoleClient.js';
import { Conversation } from '../helpers/conversation.js';
import { useConnectorStub, useTestServer } from '../helpers/server.js';

describe('conversations: agent text reaches only the case it names', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({}, { perTest: true });

  /** What the customer of a conversation received from an agent (relays carry the agent's channel data). */
  const fromAgent = (conversationId: string): string[] =>
    stub
      .to(conversationId)
      .filter(
        (a) => (a.body['channelData'] as { firstline?: { kind?: string } })?.firstline?.kind === 'agent',
      )
      .map((a) => a.text ?? '');

  it('every agent-text entry point, two cases of two organisations', async () => {
    const acme = new Conversation(server.baseUrl, { userId: 'demo-user', serviceUrl: stub.url });
    const acmeId = caseIdIn(await acme.say('I want a human'));
    const lucia = new Conversation(server.baseUrl, {
      userId: 'demo-consumer',
      locale: 'es-ES',
      serviceUrl: stub.url,
    });
    const luciaId = caseIdIn(await lucia.say('quiero hablar con una persona'));
    const chat = new Conversation(server.baseUrl, { userId: 'demo-agent', serviceUrl: stub.url });
    const console = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent' });
    await chat.say(`pick ${acmeId}`);
    await chat.say(`pick ${luciaId}`);

    const toAcme: string[] = [];
    const toLucia: string[] = [];
    const sendTo = (target: string[], text: string): string => {
      target.push(text);
      return text;
    };
    // Chat, plain text: to the active case (Lucía's, the last picked), then after switching, Acme's.
    await chat.say(sendTo(toLucia, 'chat plain 1 for Lucía'));
    await chat.say(`switch ${acmeId}`);
    await chat.say(sendTo(toAcme, 'chat plain 2 for Sam'));
    // Chat, explicit: to the named case whichever is active.
    await chat.say(`${luciaId}: ${sendTo(toLucia, 'chat explicit 3 for Lucía')}`);
    await chat.say(`@${luciaId} ${sendTo(toLucia, 'chat mention 4 for Lucía')}`);
    await chat.say(`${acmeId}: ${sendTo(toAcme, 'chat explicit 5 for Sam')}`);
    // Console: the reply box of each pane posts to its own case.
    for (const [id, target, text] of [
      [acmeId, toAcme, 'console 6 for Sam'],
      [luciaId, toLucia, 'console 7 for Lucía'],
      [acmeId, toAcme, 'console 8 for Sam'],
    ] as const) {
      const sent = await console.act(id, 'messages', { text: sendTo(target, text) });
      expect(sent.status, text).to.equal(201);
    }

    await stub.waitFor((a) => a.conversationId === acme.id && a.text === 'console 8 for Sam');
    await stub.waitFor((a) => a.conversationId === lucia.id && a.text === 'console 7 for Lucía');
    expect(fromAgent(acme.id)).to.deep.equal(toAcme);
    expect(fromAgent(lucia.id)).to.deep.equal(toLucia);
  });

  it('words addressed to a case the agent does not hold reach nobody (chat and console)', async () => {
    const acme = new Conversation(server.baseUrl, { userId: 'demo-user', serviceUrl: stub.url });
    const acmeId = caseIdIn(await acme.say('I want a human'));
    const lucia = new Conversation(server.baseUrl, { userId: 'demo-consumer', serviceUrl: stub.url });
    const luciaId = caseIdIn(await lucia.say('quiero hablar con una persona'));
    const alex = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent' });
    expect((await alex.act(acmeId, 'pick')).status).to.equal(200);

    // Lucía's case is queued, not Alex's: the console refuses, names why, and sends nothing.
    const refused = await alex.act(luciaId, 'messages', { text: 'not for you' });
    expect(refused.status).to.equal(403);
    expect(refused.body).to.deep.equal({
      error: { code: 'NotYourCase', message: `you do not hold ${luciaId}` },
    });
    // Maria holds nothing: neither her chat nor her console can reach Sam.
    const maria = new Conversation(server.baseUrl, { userId: 'demo-agent-2', serviceUrl: stub.url });
    await maria.say(`${acmeId}: hello from Maria`);
    const mariaConsole = await ConsoleClient.signedIn(server.baseUrl, { agentId: 'demo-agent-2' });
    expect((await mariaConsole.act(acmeId, 'messages', { text: 'Maria console' })).status).to.equal(403);

    expect((await alex.act(acmeId, 'messages', { text: 'only this' })).status).to.equal(201);
    await stub.waitFor((a) => a.conversationId === acme.id && a.text === 'only this');
    expect(fromAgent(acme.id)).to.deep.equal(['only this']);
    expect(fromAgent(lucia.id)).to.deep.equal([]);
  });

  it('an agent and a customer relaying to each other at the same moment do not wait on each other', async function () {
    this.timeout(20_000);
    const acme = new Conversation(server.baseUrl, { userId: 'demo-user', serviceUrl: stub.url });
    const acmeId = caseIdIn(await acme.say('I want a human'));
    const chat = new Conversation(server.baseUrl, { userId: 'demo-agent', serviceUrl: stub.url });
    await chat.say(`pick ${acmeId}`);
    // Each turn holds its own conversation while it relays into the other's: with proactive sends queued behind
    // the other conversation's turn, the two would wait for each other for ever.
    for (let round = 0; round < 5; round += 1) {
      const started = Date.now();
      await Promise.all([chat.say(`agent ${round}`), acme.say(`customer ${round}`)]);
      expect(Date.now() - started, `round ${round}`).to.be.below(5000);
    }
    await stub.waitFor((a) => a.conversationId === acme.id && a.text === 'agent 4');
    await stub.waitFor((a) => a.conversationId === chat.id && (a.text ?? '').includes('customer 4'));
  });
});
