import { expect } from 'chai';
import path from 'node:path';
import { ReplyLanguage } from '../../../bot/evaluation/replyLanguage.js';
import { loadKnowledgeBase } from '../../../bot/knowledgeBase/loadKnowledgeBase.js';
import { useConnectorStub, useTestServer } from '../../helpers/server.js';
import { playScript, type EvalTarget } from './evaluate.js';
import { loadScripts, type Script } from './script.js';

const ADMIN = 'conversations-eval-test-admin-0123456789';

/** The evaluation behind `npm run conversations:eval`: its scripts load, and it fails what is wrong. */
describe('conversations:eval', function () {
  this.timeout(60_000);
  const stub = useConnectorStub();
  const server = useTestServer({ ADMIN_TOKEN: ADMIN });
  let target: EvalTarget;
  before(async () => {
    const { kb } = await loadKnowledgeBase('knowledge');
    if (!kb) throw new Error('knowledge does not load');
    target = {
      baseUrl: server.baseUrl,
      adminToken: ADMIN,
      serviceUrl: stub.url,
      kb,
      language: new ReplyLanguage(kb),
    };
  });

  const script = (over: Partial<Script>): Script => ({
    id: 'x',
    class: 3,
    lang: 'en',
    user: 'demo-user',
    title: 'x',
    turns: ['how do I change my APN?'],
    expect: {},
    ...over,
  });

  it('has at least 40 conversations, in both languages, covering every class', async () => {
    const scripts = await loadScripts(path.resolve('test/conversations/eval/scripts'));
    expect(scripts.length).to.be.at.least(40);
    expect(new Set(scripts.map((s) => s.lang))).to.deep.equal(new Set(['en', 'es']));
    // Issue 12's classes 1–11, plus the classes of the outside trial's round 2 (12–14).
    expect([...new Set(scripts.map((s) => s.class))].sort((a, b) => a - b)).to.deep.equal([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    ]);
  });

  it('passes a conversation that reaches its outcome, and counts the turns to it', async () => {
    const result = await playScript(target, script({ expect: { case: null, article: 'change_apn' } }));
    expect(result).to.deep.include({ passed: true, turnsToOutcome: 1, failures: [] });
  });

  it('fails a wrong outcome, a wrong language and a forbidden text, saying which', async () => {
    // Told to be Spanish (`lang`), the English answer to an English question is in the wrong language.
    const wrong = await playScript(
      target,
      script({
        lang: 'es',
        turns: [{ say: 'how do I change my APN?', lang: 'es' }],
        expect: { case: { type: 'order' }, never: ['AT+CGDCONT'], article: 'smsc' },
      }),
    );
    expect(wrong.passed).to.equal(false);
    expect(wrong.turnsToOutcome).to.equal(null);
    const failures = wrong.failures.join('\n');
    expect(failures).to.contain('no case');
    expect(failures).to.contain('article smsc not answered');
    expect(failures).to.contain('said "AT+CGDCONT"');
    expect(failures).to.contain('reply not in es');
  });

  it("accepts a handoff's general reason or the troubleshooting flow's own, and fails another", async () => {
    const turns = ['SIM 8946070000000000043 has no data'];
    for (const reason of ['flow_unresolved', 'data_limit_reached']) {
      const ok = await playScript(target, script({ class: 1, turns, expect: { handoff: reason } }));
      expect(ok.failures, reason).to.deep.equal([]);
    }
    const wrong = await playScript(
      target,
      script({ class: 1, turns, expect: { handoff: 'sim_not_active' } }),
    );
    expect(wrong.failures).to.deep.equal([
      'handoff flow_unresolved/data_limit_reached, expected sim_not_active',
    ]);
  });

  it("judges a typed turn in the language it is written in, and a mixed one in the turn before's", async () => {
    // An English script whose customer switches to Spanish: the Spanish answer is right.
    const switched = await playScript(
      target,
      script({ turns: ['how do I change my APN?', '¿Y cómo se comprueba la señal del módem?'] }),
    );
    expect(switched.failures.filter((f) => f.includes('reply not in'))).to.deep.equal([]);
    // A Spanish script whose first message is plainly English: its English answer is no wrong language either.
    const english = await playScript(target, script({ lang: 'es' }));
    expect(english.failures.filter((f) => f.includes('reply not in'))).to.deep.equal([]);
    // A mixed message keeps the script's language, as the bot keeps the conversation's: its Spanish answer is right.
    const mixed = await playScript(
      target,
      script({ lang: 'es', turns: ['la 0035 no conecta desde ayer, can you check it please'] }),
    );
    expect(mixed.failures.filter((f) => f.includes('reply not in'))).to.deep.equal([]);
    // A long English message with a Spanish name in it is English.
    expect(
      target.language.writtenIn(
        "Hi, I'm Lucía's partner, I'll continue in English: we've restarted it twice and checked all the cables.",
      ),
    ).to.equal('en');
    expect(target.language.writtenIn('la 0035 no conecta desde ayer, can you check it please')).to.equal(
      undefined,
    );
  });
});
