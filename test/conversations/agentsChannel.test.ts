import { expect } from 'chai';
import { startConnectorStub, type ConnectorStub } from '../helpers/connectorStub.js';
import { allText, Conversation } from '../helpers/conversation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe("conversation: handoff cards posted to the agents' Teams conversation", () => {
  let stub: ConnectorStub;
  let server: TestServer;
  before(async () => {
    stub = await startConnectorStub();
    server = await startTestServer({
      AGENTS_CONVERSATION_ID: '19:agents-room@thread.tacv2',
      AGENTS_SERVICE_URL: stub.url,
    });
  });
  after(async () => {
    await server.close();
    await stub.close();
  });

  it('posts the handoff card with priority, organisation and a Pick up button when a case is queued', async () => {
    const vip = new Conversation(server.baseUrl, { userId: 'demo-vip', serviceUrl: stub.url });
    const replies = await vip.say('no data on 8946070000000000092 since this morning');
    const caseId = /CS-\d+/.exec(allText(replies))?.[0] as string;
    const posted = await stub.waitFor((a) => a.conversationId === '19:agents-room@thread.tacv2', 10_000);
    const card = posted.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    expect(card, 'an Adaptive Card').to.not.equal(undefined);
    const json = JSON.stringify(card?.content);
    expect(json).to.include(caseId).and.to.include('Nordlys Energi').and.to.include('P1');
    const content = card?.content as {
      version: string;
      actions?: Array<{ type: string; data?: Record<string, unknown> }>;
    };
    expect(Number(content.version)).to.be.at.most(1.5);
    const actions = JSON.stringify(content).match(/"type":"Action\.[A-Za-z]+"/g) ?? [];
    expect(actions.length).to.be.greaterThan(0);
    for (const action of actions) expect(action).to.equal('"type":"Action.Submit"');
    expect(json).to.match(/"caseId":"CS-\d+"/);
  });
});
