import { expect } from 'chai';
import { nodeJournalIo, type JournalIo } from '../../bot/storage/journal.js';
import { apiGet } from '../helpers/cases.js';
import { allText, Conversation } from '../helpers/conversation.js';
import { startTestServer } from '../helpers/server.js';
import { describeOn } from '../helpers/testStorage.js';

interface LogLine {
  msg: string;
  conversationId?: string;
  channelId?: string;
  err?: { message: string };
}

describeOn('lowdb', 'fails the data disk through the journal seam')('onTurnError', () => {
  it('logs with context, tells the user in their language, and leaves the conversation usable', async () => {
    const lines: string[] = [];
    const admin = 'e'.repeat(32);
    // The disk under the data directory fails while `failing` is set (ENOSPC on every append).
    let failing = false;
    const journalIo: JournalIo = {
      ...nodeJournalIo,
      write: (...args) =>
        failing
          ? Promise.reject(
              Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
            )
          : nodeJournalIo.write(...args),
    };
    const server = await startTestServer(
      { LOG_LEVEL: 'info', ADMIN_TOKEN: admin },
      undefined,
      { write: (l) => lines.push(l) },
      { journalIo },
    );
    try {
      const c = new Conversation(server.baseUrl, { userId: 'demo-user', locale: 'es-ES' });
      expect(allText(await c.say('hola'))).to.not.match(/fallado/);

      // The disk fills up in the middle of the turn: the case cannot be written.
      failing = true;
      const failed = allText(await c.say('mis rastreadores no tienen datos desde ayer'));
      failing = false;
      expect(failed).to.include('Lo siento, algo ha fallado');
      const entry = lines.map((l) => JSON.parse(l) as LogLine).find((l) => l.msg === 'turn failed');
      expect(entry?.conversationId).to.equal(c.id);
      expect(entry?.channelId).to.equal('test');
      expect(entry?.err?.message).to.match(/ENOSPC/);
      const listed = await apiGet(server.baseUrl, '/api/cases', admin);
      expect(
        ((await listed.json()) as { cases: unknown[] }).cases,
        'no half-written case is listed',
      ).to.deep.equal([]);

      const after = allText(await c.say('mis contadores no tienen datos'));
      expect(after).to.match(/He abierto el caso \*\*CS-\d+\*\*/);
    } finally {
      await server.close();
    }
  });
});
