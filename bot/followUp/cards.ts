import { CardFactory, type Activity } from 'botbuilder';
import type { Lang } from '../domain/language.js';
import type { Case } from '../cases/caseSchema.js';
import type { TextFn } from '../cases/texts.js';

/**
 * A question with `Action.Submit` buttons (Adaptive Card 1.5, works in Teams and Web Chat): the question is
 * the message's text, the card only carries the buttons — so the question is not shown twice.
 */
export function cardActivity(
  text: string,
  actions: Array<{ title: string; data: Record<string, unknown> }>,
): Partial<Activity> {
  return {
    type: 'message',
    text,
    attachments: [
      CardFactory.adaptiveCard({
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.5',
        body: [],
        actions: actions.map((a) => ({ type: 'Action.Submit', title: a.title, data: a.data })),
      }),
    ],
  };
}

/** After resolution: keep the case open N days and check back? */
export function followUpOffer(c: Case, days: number, text: TextFn, lang: Lang = c.lang): Partial<Activity> {
  const t = (key: string): string => text(lang, key, { id: c.id, days });
  return cardActivity(t(days === 1 ? 'followUp.offer.one' : 'followUp.offer'), [
    { title: t('followUp.offer.yes'), data: { followUpAction: 'keep_open', caseId: c.id } },
    { title: t('followUp.offer.no'), data: { followUpAction: 'decline', caseId: c.id } },
  ]);
}

/** The proactive check-in: "Is everything still working?" */
export function followUpCheckIn(c: Case, text: TextFn): Partial<Activity> {
  const t = (key: string): string => text(c.lang, key, { id: c.id });
  return cardActivity(t('followUp.checkIn'), [
    { title: t('followUp.checkIn.yes'), data: { followUpAction: 'check_yes', caseId: c.id } },
    { title: t('followUp.checkIn.no'), data: { followUpAction: 'check_no', caseId: c.id } },
  ]);
}

/** 1–5 satisfaction rating when a case closes. */
export function ratingRequest(c: Case, text: TextFn, lang: Lang = c.lang): Partial<Activity> {
  return cardActivity(
    text(lang, 'followUp.rate', { id: c.id }),
    [1, 2, 3, 4, 5].map((rating) => ({
      title: '★'.repeat(rating),
      data: { followUpAction: 'rate', caseId: c.id, rating },
    })),
  );
}
