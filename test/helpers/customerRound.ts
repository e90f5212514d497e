import type { Lang } from '../../bot/domain/language.js';
import type { Reply } from './conversation.js';
import { useCustomers } from './customers.js';
import { shippedKnowledgeText } from './knowledgeText.js';
import { casesOf, joined, type ApiCase } from './replies.js';

/** What one conversation left behind: every reply of its last turn, joined, and its cases. */
export interface Played {
  replies: Reply[];
  said: string;
  cases: ApiCase[];
}

/**
 * A round of customer-conversation tests over the real HTTP endpoint (demo-user, the shipped knowledge): call it
 * in a `describe` body. `play` says each turn in a new conversation and returns the last turn's replies and the
 * conversation's cases; `lead` is a knowledge text up to its first placeholder.
 */
export function useCustomerRound(suite: Mocha.Suite): {
  play: (lang: Lang, ...turns: string[]) => Promise<Played>;
  /** {@link play} as another demo user ("demo-vip"). */
  playAs: (userId: string, lang: Lang, ...turns: string[]) => Promise<Played>;
  lead: (lang: Lang, key: string) => string;
  /** The first line of an article's answer, up to its first placeholder. */
  articleLead: (lang: Lang, id: string) => string;
} {
  suite.timeout(60_000);
  const { server, customer } = useCustomers();
  const { load, t, articleLead } = shippedKnowledgeText();
  before(load);
  const playAs = async (userId: string, lang: Lang, ...turns: string[]): Promise<Played> => {
    const conv = customer(lang === 'es' ? 'es' : 'en', userId);
    let replies: Reply[] = [];
    for (const turn of turns) replies = await conv.say(turn);
    return { replies, said: joined(replies), cases: await casesOf(server.baseUrl, conv.id) };
  };
  const play = (lang: Lang, ...turns: string[]): Promise<Played> => playAs('demo-user', lang, ...turns);
  const lead = (lang: Lang, key: string): string => (t(lang, key).split('{')[0] ?? '').trim();
  return { play, playAs, lead, articleLead };
}
