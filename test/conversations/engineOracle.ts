import { expect } from 'chai';
import type { Facts, FactValue } from '../../bot/domain/facts.js';
import type { Lang } from '../../bot/domain/language.js';
import type { KnowledgeBase } from '../../bot/knowledgeBase/knowledgeBase.js';
import { buildKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { readKnowledgeFiles } from '../../bot/knowledgeBase/readKnowledge.js';
import { DemoInventory, serviceOf, tryFlow, type TriedWalk } from '../../bot/knowledgeBase/tryFlow.js';
import { allText, type Conversation, type Reply } from '../helpers/conversation.js';
import { TEST_KNOWLEDGE_DIR } from '../helpers/knowledgeDir.js';

/** The facts the bot has for an unidentified customer (no look-up). */
export const ANONYMOUS: Facts = { 'customer.identified': false, 'customer.vip': false };

/**
 * What the flow engine says a conversation should do with the same knowledge and facts (kb:try's walk): the
 * conversation tests check the bot does exactly that over HTTP, so they test the dialogs, the look-up and the
 * engine working together without pinning which steps the shipped flows have — that is content, tested by the
 * editors' flow tests.
 */
export class EngineOracle {
  private constructor(
    readonly kb: KnowledgeBase,
    private readonly inventory: DemoInventory,
  ) {}

  static async load(dir = TEST_KNOWLEDGE_DIR): Promise<EngineOracle> {
    const { files } = await readKnowledgeFiles(dir);
    const { kb, errors } = await buildKnowledgeBase(dir, files, { schemas: false, tests: false });
    if (!kb) throw new Error(errors.map((e) => e.message).join('\n'));
    return new EngineOracle(kb, new DemoInventory(files));
  }

  /** The facts a demo SIM's look-up gives the flow, or the unidentified customer's. */
  async facts(flowId: string, sim?: string): Promise<Record<string, FactValue>> {
    return sim ? this.inventory.facts(this.kb, sim, serviceOf(flowId)) : { ...ANONYMOUS };
  }

  walk(flowId: string, facts: Facts, answers: readonly string[], lang: Lang): TriedWalk {
    return tryFlow(this.kb, flowId, facts, answers, lang);
  }

  /** What a customer types to give `answer` to the question the walk waits at. */
  typed(walk: TriedWalk, answer: string): string {
    if (walk.outcome.kind !== 'asks')
      throw new Error(`the walk does not wait for an answer (${walk.outcome.kind})`);
    const prompt = walk.outcome.prompt;
    if (prompt.kind === 'yesno')
      return this.kb.text(walk.lang, `flows.common.${answer === 'yes' ? 'yes' : 'no'}`);
    if (prompt.kind === 'choice') return prompt.choices.find((c) => c.id === answer)?.label ?? answer;
    return answer;
  }

  /**
   * Answer the conversation's flow questions with `answers` (yes / no, choice ids, typed text), checking after
   * each turn that the bot said what the engine's walk says and asks what it asks. Returns the final walk and
   * the last replies.
   */
  async follow(
    c: Conversation,
    first: Reply[],
    run: { flow: string; lang: Lang; facts: Facts; answers?: readonly string[] },
  ): Promise<{ walk: TriedWalk; last: Reply[] }> {
    const answers = run.answers ?? [];
    let replies = first;
    let before = 0;
    for (let i = 0; ; i += 1) {
      const walk = this.walk(run.flow, run.facts, answers.slice(0, i), run.lang);
      const text = allText(replies);
      for (const said of walk.said.slice(before)) expect(text, `turn ${i}`).to.include(said.text);
      before = walk.said.length;
      if (walk.outcome.kind === 'asks') expect(text, `turn ${i}`).to.include(walk.outcome.prompt.text.text);
      const answer = answers[i];
      if (answer === undefined) return { walk, last: replies };
      replies = await c.say(this.typed(walk, answer));
    }
  }
}
