import { expect } from 'chai';
import { apiGet } from '../helpers/cases.js';
import { allText, Conversation } from '../helpers/conversation.js';
import { startTestServer } from '../helpers/server.js';

describe('logging', () => {
  it('writes structured JSON with request ids, and no secrets or message bodies at info level', async () => {
    const lines: string[] = [];
    const secrets = {
      ADMIN_TOKEN: 'admin-secret-0123456789abcdef',
      DIRECT_LINE_SECRET: 'dl-secret-0123456789abcdefgh',
    };
    const server = await startTestServer({ ...secrets, LOG_LEVEL: 'info' }, undefined, {
      write: (line) => lines.push(line),
    });
    try {
      const message = 'confidential site Bravo-17 trackers have no data';
      const replies = await new Conversation(server.baseUrl, { userId: 'demo-user' }).say(message);
      expect(allText(replies)).to.match(/CS-\d+/);
      const bad = await apiGet(server.baseUrl, '/api/cases', `${secrets.ADMIN_TOKEN}x`);
      expect(bad.status).to.equal(401);
      const response = await fetch(`${server.baseUrl}/healthz`);
      expect(response.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
    } finally {
      await server.close();
    }
    expect(lines.length).to.be.greaterThan(0);
    for (const line of lines) {
      const parsed = JSON.parse(line) as { level: number; msg?: string };
      expect(parsed.level).to.be.a('number');
      expect(line).to.not.include(secrets.ADMIN_TOKEN);
      expect(line).to.not.include(secrets.DIRECT_LINE_SECRET);
      expect(line).to.not.include('Bravo-17');
    }
  });
});

describe('logging: restify’s own log lines', () => {
  it('go through the app logger with redaction: a response restify cannot format logs no token and no body', async () => {
    const lines: string[] = [];
    const admin = 'admin-secret-for-formatter-0123456789';
    const server = await startTestServer({ ADMIN_TOKEN: admin, LOG_LEVEL: 'info' }, undefined, {
      write: (line) => lines.push(line),
    });
    // A route whose answer JSON cannot represent: restify's formatter fails and restify logs the request.
    server.firstline.server.post('/test/unserialisable', (_req, res, next) => {
      res.send(200, { big: 10n });
      next();
    });
    const marker = 'BODY-MARKER-'.repeat(20_000);
    try {
      const response = await fetch(`${server.baseUrl}/test/unserialisable`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ text: marker }),
      });
      expect(response.status).to.equal(500);
    } finally {
      await server.close();
    }
    const formatter = lines.filter((line) => /formatter/.test(line));
    expect(formatter, 'restify’s formatter error reached the app’s log').to.have.length.greaterThan(0);
    for (const line of lines) {
      expect(line).to.not.include(admin);
      expect(line).to.not.include('BODY-MARKER');
      expect(line.length, 'no request dumped into the log').to.be.below(4000);
    }
  });
});
