import type { Lang } from '../domain/language.js';
import { renderArticle } from '../knowledgeBase/articleIndex.js';
import type { KnowledgeBase } from '../knowledgeBase/knowledgeBase.js';
import type { ArticleFile } from '../knowledgeBase/schemas/articleSchema.js';
import { readMessageAct } from './messageAct.js';
import type { Recognition } from './types.js';

/**
 * The article that answers a message read as a how-to question ("separate question while I have you — what APN
 * should the rest of our trackers use?"), rendered in `lang` with the plans the customer may see (`ownPlans`, their
 * own). Undefined when the message is anything else, or its article is not one `accept` takes.
 */
export function howToAnswer(
  kb: KnowledgeBase,
  recognition: Recognition,
  lang: Lang,
  ownPlans: ReadonlySet<string>,
  accept: (article: ArticleFile) => boolean = () => true,
): string | undefined {
  const act = readMessageAct(recognition, kb);
  return act.kind === 'howto' && accept(act.article)
    ? renderArticle(act.article, lang, kb.plans.visibleTo(ownPlans))
    : undefined;
}
