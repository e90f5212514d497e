import { createServer } from 'node:net';
import { expect } from 'chai';
import { caseIdIn } from '../helpers/cases.js';
import { Conversation } from '../helpers/conversation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface StreamActivity {
  type: string;
  text?: string;
  from: { id: string; role?: string };
}

/** Whether this machine can listen on the IPv6 loopback at all. */
async function ipv6LoopbackAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

describe('HOST=::1: IPv6 loopback end to end', function () {
  this.timeout(60_000);
  let server: TestServer | undefined;
  before(async function () {
    if (!(await ipv6LoopbackAvailable())) {
      if (process.env['CI'] === 'true') throw new Error('no IPv6 loopback in CI');
      this.skip();
    }
    server = await startTestServer({ HOST: '::1' });
  });
  after(async () => {
    await server?.close();
  });

  it('listens on [::1]; Direct Line replies and an agent’s proactive relay reach the customer', async () => {
    const base = server!.baseUrl;
    expect(base).to.match(/^http:\/\/\[::1\]:\d+$/);
    const issued = await fetch(`${base}/api/webchat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'demo-user', locale: 'en-GB' }),
    });
    const { token, conversationId } = (await issued.json()) as { token: string; conversationId: string };
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth })).status,
    ).to.be.oneOf([200, 201]);
    const url = `${base}/v3/directline/conversations/${conversationId}/activities`;
    const say = async (text: string) => {
      const posted = await fetch(url, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text, locale: 'en-GB' }),
      });
      expect(posted.status, await posted.clone().text()).to.equal(200);
    };
    const botSaid = async (pattern: RegExp): Promise<string> => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const poll = (await (await fetch(url, { headers: auth })).json()) as { activities: StreamActivity[] };
        const found = poll.activities.find((a) => a.from.role === 'bot' && pattern.test(a.text ?? ''));
        if (found?.text) return found.text;
        if (Date.now() > deadline)
          throw new Error(
            `no bot reply matching ${pattern}: ${JSON.stringify(poll.activities.map((a) => a.text))}`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    await say('I want to talk to a person');
    const caseId = /CS-\d+/.exec(await botSaid(/CS-\d+/))?.[0];
    expect(caseId).to.be.a('string');

    // The agent answers over /api/messages; the relay to the customer is a proactive message to [::1].
    const agent = new Conversation(base, { userId: 'demo-agent', serviceUrl: 'http://[::1]:9/' });
    expect(caseIdIn(await agent.say(`pick ${caseId}`))).to.equal(caseId);
    await agent.say('Hello from operations over IPv6');
    expect(await botSaid(/Hello from operations over IPv6/)).to.include('Hello from operations over IPv6');
  });
});
