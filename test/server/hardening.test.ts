import { expect } from 'chai';
import { minimalActivity } from '../helpers/activity.js';
import { allText, Conversation } from '../helpers/conversation.js';
import { useTestServer } from '../helpers/server.js';

async function postActivity(baseUrl: string, serviceUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(minimalActivity({ serviceUrl })),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('hardening of the local-mode service', function () {
  this.timeout(60_000);
  const server = useTestServer();

  it('accepts only connector base URLs as serviceUrl: the bot can reach nothing but /v3/conversations/… on an allowed host', async () => {
    // The connector client appends "v3/conversations/{id}/activities…" to the serviceUrl's path.
    for (const ok of [
      'http://127.0.0.1:9/',
      'http://127.0.0.1:9',
      'http://localhost:1/',
      'http://[::1]:9/',
    ]) {
      expect(await postActivity(server.baseUrl, ok), ok).to.equal(200);
    }
    const self = new URL(server.baseUrl);
    for (const refused of [
      `${server.baseUrl}/api/agents/demo-agent/tokens`,
      `${server.baseUrl}/api/directline/internal/messages`,
      `http://127.0.0.1:${self.port}/v3/directline/conversations/x/`,
      'http://127.0.0.1:9/?next=/api/cases',
      'http://127.0.0.1:9/#fragment',
      'http://127.0.0.1:9/?',
      'http://user:secret@127.0.0.1:9/',
      'https://attacker.example.net/',
    ]) {
      expect(await postActivity(server.baseUrl, refused), refused).to.equal(403);
    }
  });

  it('answers HEAD on pages and static assets like GET, without a body', async () => {
    for (const path of [
      '/',
      '/agent',
      '/web/webchat.js',
      '/web/widget.js',
      '/web/widget.css',
      '/web/logo.svg',
    ]) {
      const get = await fetch(`${server.baseUrl}${path}`);
      const getBody = await get.arrayBuffer();
      expect(get.status, `GET ${path}`).to.equal(200);
      expect(getBody.byteLength).to.be.greaterThan(0);
      const head = await fetch(`${server.baseUrl}${path}`, { method: 'HEAD' });
      expect(head.status, `HEAD ${path}`).to.equal(200);
      expect(head.headers.get('content-type')).to.equal(get.headers.get('content-type'));
      expect((await head.arrayBuffer()).byteLength).to.equal(0);
    }
    expect((await fetch(`${server.baseUrl}/web/nope.js`, { method: 'HEAD' })).status).to.equal(404);
  });

  it('never shows an absurd modem number ("+CREG status Infinity") in a reply', async () => {
    const huge = '9'.repeat(400);
    const conv = new Conversation(server.baseUrl, { userId: 'demo-user' });
    const said = allText(
      await conv.say(
        `no data on 8946070000000000019, the modem says +CREG: 0,${huge} and +CSQ: ${huge},99 and +CME ERROR: ${huge}`,
      ),
    );
    expect(said).to.not.match(/Infinity|NaN|9{20}/);
  });
});
