import { expect } from 'chai';
import { minimalActivity } from '../helpers/activity.js';
import { apiGet } from '../helpers/cases.js';
import { allText, Conversation } from '../helpers/conversation.js';
import { useTestServer } from '../helpers/server.js';

const ADMIN = 'a'.repeat(32);

async function postRaw(baseUrl: string, body: string, contentType = 'application/json') {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return {
    status: response.status,
    body: (await response.json().catch(() => ({}))) as { code?: string; message?: string },
  };
}

const activity = minimalActivity;

describe('the bot service over HTTP', () => {
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });

  it('answers GET /healthz and /readyz', async () => {
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).to.equal(200);
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.deep.include({ status: 'ready' });
  });

  it('greets a new member in their language with expectReplies, and answers a message', async () => {
    const en = new Conversation(server.baseUrl, { userId: 'demo-user' });
    const welcome = await en.join();
    expect(allText(welcome)).to.include('Acme Logistics').and.to.include('Firstline');
    const es = new Conversation(server.baseUrl, { userId: 'demo-consumer', locale: 'es-ES' });
    // Our own demo organisation's name is translated too ("Private customer" in English only).
    const spanishWelcome = allText(await es.join());
    expect(spanishWelcome).to.match(/Hola.*Cliente particular/s);
    expect(spanishWelcome).to.not.contain('Private customer');
    const reply = await en.say('hi');
    expect(reply.length).to.be.greaterThan(0);
    expect(reply[0]?.type).to.equal('message');
  });

  it('understands a Spanish message and answers in Spanish', async () => {
    const c = new Conversation(server.baseUrl, { userId: 'demo-user' });
    const replies = await c.say('mis rastreadores no tienen datos desde ayer');
    expect(allText(replies)).to.match(/He abierto el caso \*\*CS-\d+\*\*/);
  });

  describe('bad input gets a clear 4xx and the server stays up', () => {
    it('malformed JSON → 400', async () => {
      const r = await postRaw(server.baseUrl, '{"type": "message",');
      expect(r.status).to.equal(400);
      expect(r.body.message).to.match(/JSON/i);
    });
    it('wrong content type → 415', async () => {
      const r = await postRaw(server.baseUrl, 'type=message', 'text/plain');
      expect(r.status).to.equal(415);
    });
    it('missing required fields → 400 naming the field', async () => {
      const { conversation: _c, ...withoutConversation } = activity();
      const r = await postRaw(server.baseUrl, JSON.stringify(withoutConversation));
      expect(r.status).to.equal(400);
      expect(r.body.message).to.include('conversation');
      const noFrom = await postRaw(server.baseUrl, JSON.stringify(activity({ from: { id: '' } })));
      expect(noFrom.status).to.equal(400);
      expect(noFrom.body.message).to.include('from.id');
    });
    it('unknown activity type → 400', async () => {
      const r = await postRaw(server.baseUrl, JSON.stringify(activity({ type: 'teleport' })));
      expect(r.status).to.equal(400);
      expect(r.body.message).to.match(/type.*unknown activity type/);
    });
    it('a body over 256 KB → 413; an over-long message text → 413', async () => {
      const big = await postRaw(server.baseUrl, JSON.stringify(activity({ text: 'x'.repeat(300 * 1024) })));
      expect(big.status).to.equal(413);
      const long = await postRaw(server.baseUrl, JSON.stringify(activity({ text: 'x'.repeat(40_000) })));
      expect(long.status).to.equal(413);
      expect(long.body.message).to.match(/limit is 32000/);
    });
    it('a long pasted log within the limits gets a reply asking for the relevant part', async () => {
      const c = new Conversation(server.baseUrl, { userId: 'demo-user' });
      const replies = allText(await c.say(`modem log:\n${'AT+CEREG?\n+CEREG: 0,2\n'.repeat(400)}`));
      expect(replies).to.match(/very long \(\d+ characters\).*relevant part/s);
    });
    it('keeps serving and keeps what was stored', async () => {
      const c = new Conversation(server.baseUrl, { userId: 'demo-user' });
      const first = allText(await c.say('no data on 8946070000000000027'));
      const caseId = /CS-\d+/.exec(first)?.[0];
      expect(caseId).to.be.a('string');
      await postRaw(server.baseUrl, '{broken');
      await postRaw(server.baseUrl, JSON.stringify(activity({ conversation: { id: c.id }, type: 'nope' })));
      const next = allText(await c.say('no'));
      expect(next).to.not.match(/went wrong/);
      const stored = await apiGet(server.baseUrl, `/api/cases/${caseId}`, ADMIN);
      expect(stored.status).to.equal(200);
    });
  });

  it('refuses a foreign serviceUrl in local mode (403) so the bot never POSTs to arbitrary hosts', async () => {
    const r = await postRaw(
      server.baseUrl,
      JSON.stringify(activity({ serviceUrl: 'https://attacker.example.net/' })),
    );
    expect(r.status).to.equal(403);
    expect(r.body.message).to.match(/allow-list/);
    const ok = await postRaw(server.baseUrl, JSON.stringify(activity({ serviceUrl: 'http://localhost:1/' })));
    expect(ok.status).to.equal(200);
  });

  it('runs concurrent turns of one conversation without losing an update', async function () {
    this.timeout(60_000);
    const c = new Conversation(server.baseUrl, { userId: 'demo-user' });
    const opened = allText(await c.say('no data on 8946070000000000019'));
    const caseId = /CS-\d+/.exec(opened)?.[0];
    const messages = Array.from({ length: 8 }, (_, i) => `extra detail number ${i + 1} about site ${i + 1}`);
    const replies = await Promise.all(messages.map((m) => c.say(m)));
    for (const r of replies) expect(allText(r)).to.not.match(/went wrong|two messages at the same moment/);
    const response = await apiGet(server.baseUrl, `/api/cases/${caseId}`, ADMIN);
    const stored = (await response.json()) as { transcript: Array<{ text: string }> };
    const texts = stored.transcript.map((t) => t.text);
    for (const m of messages) expect(texts, `transcript has "${m}"`).to.include(m);
  });
});
