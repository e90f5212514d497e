import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { apiGet } from '../helpers/cases.js';
import { allText, Conversation } from '../helpers/conversation.js';
import { startTestServer } from '../helpers/server.js';

interface LogLine {
  msg: string;
  conversationId?: string;
  channelId?: string;
  err?: { message: string };
}

describe('onTurnError', () => {
  it('logs with context, tells the user in their language, and leaves the conversation usable', async () => {
    const lines: string[] = [];
    const admin = 'e'.repeat(32);
    const server = await startTestServer({ LOG_LEVEL: 'info', ADMIN_TOKEN: admin }, undefined, {
      write: (l) => lines.push(l),
    });
    try {
      const c = new Conversation(server.baseUrl, { userId: 'demo-user', locale: 'es-ES' });
      expect(allText(await c.say('hola'))).to.not.match(/fallado/);

      // The disk under the case records fails: the case cannot be written in the middle of the turn.
      const casesDir = path.join(server.dataDir, 'records', 'cases');
      await mkdir(casesDir, { recursive: true });
      await rename(casesDir, `${casesDir}.away`);
      await writeFile(casesDir, 'not a directory');

      const failed = allText(await c.say('mis rastreadores no tienen datos desde ayer'));
      expect(failed).to.include('Lo siento, algo ha fallado');
      const entry = lines.map((l) => JSON.parse(l) as LogLine).find((l) => l.msg === 'turn failed');
      expect(entry?.conversationId).to.equal(c.id);
      expect(entry?.channelId).to.equal('test');
      expect(entry?.err?.message).to.match(/ENOTDIR|EEXIST|not a directory/i);
      const listed = await apiGet(server.baseUrl, '/api/cases', admin);
      expect(
        ((await listed.json()) as { cases: unknown[] }).cases,
        'no half-written case is listed',
      ).to.deep.equal([]);

      await rename(casesDir, `${casesDir}.broken`);
      await rename(`${casesDir}.away`, casesDir);
      const after = allText(await c.say('mis contadores no tienen datos'));
      expect(after).to.match(/He abierto el caso \*\*CS-\d+\*\*/);
    } finally {
      await server.close();
    }
  });
});
