import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { allText, Conversation } from '../helpers/conversation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeOn, dropStorage } from '../helpers/testStorage.js';

interface LogLine {
  msg: string;
  level: number;
}

describeOn('postgres', 'two instances on one database')(
  'turns of one conversation on two instances',
  function () {
    this.timeout(60_000);
    let dataDir: string;
    const servers: TestServer[] = [];
    const logs: LogLine[] = [];
    const sink = { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) };
    before(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'firstline-two-'));
      // Two app instances on the same database (the data directory names the database in tests).
      for (const instance of ['one', 'two'])
        servers.push(await startTestServer({ LOG_LEVEL: 'warn', INSTANCE_ID: instance }, dataDir, sink));
    });
    after(async () => {
      for (const server of servers) await server.stop();
      await rm(dataDir, { recursive: true, force: true });
      await dropStorage(dataDir);
    });

    it('never run at the same time: interleaved turns all succeed without a single state conflict', async () => {
      const conversationId = `two-instances-${Date.now()}`;
      const [one, two] = servers.map(
        (s) => new Conversation(s.baseUrl, { userId: 'demo-user', conversationId }),
      );
      // A troubleshooting flow in progress: every turn changes the conversation's dialog state.
      const opening = allText(await one!.say('our trackers have no data since this morning'));
      expect(opening).to.not.match(/went wrong|two messages at the same moment/i);
      const messages = [
        'hi again',
        'hello',
        'good morning',
        'hey',
        'hello there',
        'hi',
        'hello?',
        'hey there',
      ];
      // Every message is sent to both instances at once: each instance sees its turns interleaved with the other's.
      const replies = await Promise.all(messages.flatMap((text) => [one!.say(text), two!.say(text)]));
      expect(replies).to.have.length(messages.length * 2);
      for (const reply of replies) {
        expect(reply, 'every turn answered').to.not.be.empty;
        expect(allText(reply)).to.not.match(/went wrong|two messages at the same moment/i);
      }
      const trouble = logs.filter((l) => /ETag conflict|turn failed/.test(l.msg));
      expect(
        trouble.map((l) => l.msg),
        'no turn ran into another one',
      ).to.deep.equal([]);
    });
  },
);
