import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { ReplyLanguage } from '../../bot/evaluation/replyLanguage.js';
import { customerConversation } from '../helpers/conversation.js';
import { ADMIN, casesOf, textsOf } from '../helpers/replies.js';
import { startConnectorStub, type ConnectorStub } from '../helpers/connectorStub.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { KNOWLEDGE_DIR, removeDir } from '../knowledgeBase/helpers.js';
import { knowledgeWithPortuguese, PT_MARK, PT_TEXTS } from '../knowledgeBase/thirdLanguage.js';

/**
 * Issue 12 ("so that a third language would need no code"): Portuguese added to a copy of the shipped
 * knowledge as files only — the real app boots on it and holds a conversation in Portuguese.
 */
/** The shipped English text `key` of `texts/<file>.en.json`. */
async function englishText(file: string, key: string): Promise<string> {
  const json = JSON.parse(await readFile(path.join(KNOWLEDGE_DIR, 'texts', `${file}.en.json`), 'utf8')) as {
    texts: Record<string, string>;
  };
  return json.texts[key] ?? '';
}

describe('a third language added as knowledge only (Portuguese)', function () {
  this.timeout(120_000);
  let dir = '';
  let server: TestServer | undefined;
  let stub: ConnectorStub | undefined;
  let replyLanguage: ReplyLanguage | undefined;
  before(async () => {
    dir = await knowledgeWithPortuguese();
    const { kb, errors } = await loadKnowledgeBase(dir);
    expect(errors).to.deep.equal([]);
    if (!kb) throw new Error('the Portuguese knowledge does not load');
    replyLanguage = new ReplyLanguage(kb);
    stub = await startConnectorStub();
    server = await startTestServer({ KNOWLEDGE_DIR: dir, ADMIN_TOKEN: ADMIN });
  });
  after(async () => {
    await server?.close();
    await stub?.close();
    await removeDir(dir);
  });

  /** Every reply is rendered from a Portuguese text: a written-out one or a marked one. */
  const expectPortuguese = (replies: readonly string[]): void => {
    expect(replies).to.not.be.empty;
    for (const reply of replies) expect(reply.startsWith(PT_MARK), reply).to.equal(true);
    if (replyLanguage) expect(replyLanguage.of(replies[0] ?? '')).to.include('pt');
  };

  it('answers in Portuguese and opens a case recorded in Portuguese', async () => {
    if (!server || !stub || !replyLanguage) throw new Error('not started');
    const conv = customerConversation(server.baseUrl, stub.url, 'pt');
    const first = textsOf(await conv.say('os nossos rastreadores não têm dados desde ontem'));
    const caseId = /CS-\d+/.exec(first.join('\n'))?.[0] ?? '';
    // The Portuguese texts themselves, not the English or Spanish ones.
    expect(first).to.deep.equal([
      `Abri o caso **${caseId}** para isto, para que nada se perca.`,
      PT_TEXTS['bot.sim.ask'],
    ]);
    // The SIM by its last digits, with the Portuguese lead-in: the wrong-APN SIM's checks, in Portuguese.
    const second = textsOf(await conv.say('é o que termina em 0027'));
    expect(second.join('\n')).to.contain('AT+CGDCONT=1,"IP","iot.firstline.example"');
    expectPortuguese(second);
    // "não" to "does it work now?": the walk goes on, still in Portuguese.
    const third = textsOf(await conv.say('não, ainda nada'));
    expectPortuguese(third);
    expect(third.join('\n')).to.contain('AT+CEREG?');
    // "não sei" to "which is the second number?": the choice the flow marks "unknown", whatever its id.
    const fourth = textsOf(await conv.say('não sei'));
    expectPortuguese(fourth);
    expect(fourth[0]).to.equal(
      `${PT_MARK}${await englishText('flows', 'flows.registration_check.no_at_access')}`,
    );
    const cases = await casesOf(server.baseUrl, conv.id);
    expect(cases.map((c) => [c.id, c.lang])).to.deep.equal([[caseId, 'pt']]);
    expect(cases[0]?.sims).to.deep.equal(['8946070000000000027']);
  });
});
