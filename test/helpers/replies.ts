import { expect } from 'chai';
import type { Lang } from '../../bot/domain/language.js';
import { ReplyLanguage } from '../../bot/evaluation/replyLanguage.js';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { apiJson } from './cases.js';
import type { Reply } from './conversation.js';
import { TEST_KNOWLEDGE_DIR } from './knowledgeDir.js';

/** The admin token the customer-conversation tests start their server with. */
export const ADMIN = 'customer-conversations-admin-0123456789';

/** The message texts of the replies (no cards). */
export function textsOf(replies: readonly Reply[]): string[] {
  return replies.flatMap((r) => (r.type === 'message' && r.text ? [r.text] : []));
}

/** One string of every message text, for `contain` / `match`. */
export function joined(replies: readonly Reply[]): string {
  return textsOf(replies).join('\n');
}

let checker: ReplyLanguage | undefined;

/** Assert that every reply of a turn is in `lang` (judged from the knowledge texts it was rendered from). */
export async function expectLanguage(replies: readonly Reply[], lang: Lang): Promise<void> {
  if (!checker) {
    const { kb } = await loadKnowledgeBase(TEST_KNOWLEDGE_DIR);
    if (!kb) throw new Error('the shipped knowledge does not load');
    checker = new ReplyLanguage(kb);
  }
  const wrong = checker.notIn(lang, textsOf(replies));
  expect(wrong, `replies not in ${lang}`).to.deep.equal([]);
}

/** A case as the operations API returns it (the fields these tests read). */
export interface ApiCase {
  id: string;
  type: string;
  status: string;
  lang: string;
  category: string;
  severity: string;
  sims: string[];
  affectedCount: number;
  handoffReason?: string;
  /** A troubleshooting flow's own reason for the handover ("data_limit_reached"), beside `handoffReason`. */
  handoffDetail?: string;
  findings: Array<{ code: string; text: string }>;
  priority: { level: string };
  request?: Record<string, string>;
  conversation?: { conversation?: { id: string } };
  satisfaction?: number;
  timeline?: Array<{ event: string; by: string }>;
}

/** The cases of one conversation (operations API with the admin token). */
export async function casesOf(baseUrl: string, conversationId: string): Promise<ApiCase[]> {
  const { cases } = await apiJson<{ cases: ApiCase[] }>(baseUrl, '/api/cases', ADMIN);
  return cases.filter((c) => c.conversation?.conversation?.id === conversationId);
}
