import type { Lang } from '../domain/language.js';
import { apnPlansOf, renderArticle } from '../knowledgeBase/articleIndex.js';
import { planNamed } from '../knowledgeBase/planNames.js';
import { planAnswer, planChoiceAnswer } from '../knowledgeBase/planAnswer.js';
import type { KnowledgeBase } from '../knowledgeBase/knowledgeBase.js';
import type { ArticleFile } from '../knowledgeBase/schemas/articleSchema.js';
import { readMessageAct } from './messageAct.js';
import type { Recognition } from './types.js';

/**
 * The article that answers a message read as a how-to question ("separate question while I have you — what APN
 * should the rest of our trackers use?"), rendered in `lang` with the plans the customer may see (`ownPlans`, their
 * own). Undefined when the message is anything else, or its article (with how closely the question matched it) is not
 * one `accept` takes.
 */
export function howToAnswer(
  kb: KnowledgeBase,
  recognition: Recognition,
  lang: Lang,
  ownPlans: ReadonlySet<string>,
  accept: (article: ArticleFile, score: number) => boolean = () => true,
): string | undefined {
  const act = readMessageAct(recognition, kb);
  // "Does the IoT Nordic Data plan work in Germany?" while a case waits: the plan's answer.
  if (act.kind === 'plan_question')
    return planAnswer(kb, lang, act.question, kb.plans.visibleTo(ownPlans), act.article);
  if (act.kind === 'plan_choice')
    return planChoiceAnswer(kb, lang, act.choice, kb.plans.visibleTo(ownPlans), act.article);
  if (act.kind !== 'howto' || !accept(act.article, act.score)) return undefined;
  const plans = kb.plans.visibleTo(ownPlans);
  const own = new Set([...ownPlans].map((name) => name.trim().toLowerCase()));
  const named = planNamed(kb.vocabulary, plans, recognition.text, { aliasBesideNoun: true });
  return renderArticle(
    act.article,
    lang,
    plans,
    apnPlansOf(
      plans,
      plans.filter((plan) => own.has(plan.name.toLowerCase())),
      named,
    ),
  );
}
