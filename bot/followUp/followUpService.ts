import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Lang, SpokenLanguages } from '../domain/language.js';
import type { LanguageIdentifier } from '../nlu/language.js';
import type { Case } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';
import { ENDING_STATUS, type CustomerEnding } from '../cases/customerEnding.js';
import type { TextFn } from '../cases/texts.js';
import { followUpOffer, ratingRequest } from './cards.js';
import type { FollowUpScheduler } from './followUpScheduler.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `Action.Submit` values of the follow-up cards. */
export const followUpActionSchema = z.discriminatedUnion('followUpAction', [
  z.object({ followUpAction: z.literal('keep_open'), caseId: z.string().min(1) }),
  z.object({ followUpAction: z.literal('decline'), caseId: z.string().min(1) }),
  z.object({ followUpAction: z.literal('check_yes'), caseId: z.string().min(1) }),
  z.object({ followUpAction: z.literal('check_no'), caseId: z.string().min(1) }),
  z.object({
    followUpAction: z.literal('rate'),
    caseId: z.string().min(1),
    rating: z.coerce.number().int().min(1).max(5),
  }),
]);
export type FollowUpAction = z.infer<typeof followUpActionSchema>;

/** Puts a reopened case back in front of a person (the agent desk's `enqueue`). */
export type Requeue = (caseId: string, context: TurnContext) => Promise<number>;

/** Options of a {@link FollowUpService}. */
export interface FollowUpServiceOptions {
  cases: CaseService;
  scheduler: FollowUpScheduler;
  text: TextFn;
  logger: Logger;
  requeue: Requeue;
  /** How long a resolved case stays open for the check-in (default 3 days). */
  keepOpenMs?: number;
  /** The knowledge's language identifier, for a typed answer without a locale. */
  languages?: () => LanguageIdentifier;
  /** The languages spoken (`languages.json`): a locale counts only when it names one of them. */
  spoken: () => SpokenLanguages;
}

/**
 * The customer side of follow-ups: the offer after resolution, the answers to the check-in (yes
 * closes and asks for a 1–5 rating, no reopens at the old priority and queues), and the rating.
 */
export class FollowUpService {
  private readonly keepOpenMs: number;

  constructor(private readonly options: FollowUpServiceOptions) {
    this.keepOpenMs = options.keepOpenMs ?? 3 * DAY_MS;
  }

  /** The offer to keep the case open and check back (give to the desk as `offerFollowUp`). */
  offerActivities(c: Case): Partial<Activity>[] {
    const days = Math.max(1, Math.round(this.keepOpenMs / DAY_MS));
    return [followUpOffer(c, days, this.options.text)];
  }

  /**
   * Handle a follow-up card button if this turn carries one; true when handled. Only the case's own
   * organisation may act on it — anything else is answered as "not found".
   */
  async handleAction(
    context: TurnContext,
    organisationId: string,
    conversationLang?: Lang,
  ): Promise<boolean> {
    const parsed = followUpActionSchema.safeParse(context.activity.value);
    if (!parsed.success) return false;
    const action = parsed.data;
    const found = this.options.cases.getForOrganisation(organisationId, action.caseId);
    // Only the case's own contact (or its own conversation) may answer for it: people outside the
    // directory all share one pseudo-organisation, and case ids are easy to guess.
    const { from, conversation } = context.activity;
    const c =
      found && (found.contactUserId === from?.id || found.conversation?.conversation?.id === conversation?.id)
        ? found
        : undefined;
    const lang = conversationLang ?? replyLang(context, c, this.options.spoken(), this.options.languages?.());
    if (!c) {
      await context.sendActivity(this.options.text(lang, 'cases.notFound', { id: action.caseId }));
      return true;
    }
    // Buttons stay in the chat: each answer only applies while the case is where the card left it.
    switch (action.followUpAction) {
      case 'keep_open':
        if (c.status !== 'resolved') return this.stale(c, context, lang);
        // A second tap on an answered card: say what was agreed instead of scheduling again.
        if (c.followUp && !c.followUp.sent) {
          await context.sendActivity(
            this.options.text(lang, 'followUp.alreadyScheduled', {
              id: c.id,
              date: c.followUp.dueAt.slice(0, 10),
            }),
          );
          break;
        }
        await this.accept(c, context, lang);
        break;
      case 'decline':
      case 'check_yes':
        if (c.status !== 'resolved') return this.stale(c, context, lang);
        await this.closeAndAskRating(
          c,
          context,
          action.followUpAction === 'decline' ? 'follow_up_declined' : 'check_in_ok',
          lang,
        );
        break;
      case 'check_no':
        // Still a problem after it was closed is still a problem: reopen a closed case too.
        if (c.status !== 'resolved' && c.status !== 'closed') return this.stale(c, context, lang);
        await this.reopen(c, context, lang);
        break;
      case 'rate':
        if (c.status !== 'resolved' && c.status !== 'closed') return this.stale(c, context, lang);
        if (c.satisfaction !== undefined) {
          await context.sendActivity(this.options.text(lang, 'followUp.alreadyRated', { id: c.id }));
          break;
        }
        await this.options.cases.rate(c.id, action.rating, c.contactUserId);
        await context.sendActivity(this.t(lang, c, 'followUp.thanks'));
        break;
    }
    return true;
  }

  /** The customer accepted: keep it resolved (not closed) and schedule the check-in. */
  /**
   * A typed "yes"/"no" answering this case's pending follow-up question: the offer to keep it open
   * (resolved, nothing scheduled) or the check-in (sent). False when nothing is pending. With
   * `checkInOnly`, only the check-in is answered (a long message is rarely a reply to the offer).
   */
  async handleTypedAnswer(
    context: TurnContext,
    c: Case,
    yes: boolean,
    options: { checkInOnly?: boolean } = {},
  ): Promise<boolean> {
    if (c.status !== 'resolved') return false;
    const lang = replyLang(context, c, this.options.spoken(), this.options.languages?.());
    if (c.followUp?.sent) {
      if (yes) await this.closeAndAskRating(c, context, 'check_in_ok', lang);
      else await this.reopen(c, context, lang);
      return true;
    }
    if (c.followUp || options.checkInOnly) return false;
    if (yes) await this.accept(c, context, lang);
    else await this.closeAndAskRating(c, context, 'follow_up_declined', lang);
    return true;
  }

  async accept(c: Case, context: TurnContext, lang: Lang = c.lang): Promise<void> {
    await this.options.scheduler.schedule(c.id, this.keepOpenMs);
    const days = Math.max(1, Math.round(this.keepOpenMs / DAY_MS));
    await context.sendActivity(
      this.options.text(lang, days === 1 ? 'followUp.scheduled.one' : 'followUp.scheduled', {
        id: c.id,
        days,
      }),
    );
  }

  /** Everything works: close the case and ask for a rating. */
  async closeAndAskRating(c: Case, context: TurnContext, detail: string, lang: Lang = c.lang): Promise<void> {
    await this.options.scheduler.cancel(c.id);
    if (c.status !== 'closed') await this.options.cases.close(c.id, c.contactUserId, detail);
    await context.sendActivity(this.t(lang, c, 'followUp.closed'));
    await context.sendActivity(ratingRequest(c, this.options.text, lang));
  }

  /**
   * The customer ended the case in words ({@link ENDING_STATUS}): it works again → resolved (a follow-up
   * may still reopen it), withdrawn → closed; either way they are asked for a rating.
   */
  async endForCustomer(
    c: Case,
    context: TurnContext,
    ending: CustomerEnding,
    lang: Lang = c.lang,
  ): Promise<void> {
    if (ENDING_STATUS[ending] === 'closed') {
      await this.closeAndAskRating(c, context, 'closed by the customer', lang);
      return;
    }
    await this.options.scheduler.cancel(c.id);
    if (c.status !== 'resolved' && c.status !== 'closed')
      await this.options.cases.resolve(c.id, c.contactUserId, 'the customer says it works again');
    await context.sendActivity(this.t(lang, c, 'followUp.resolvedByCustomer'));
    await context.sendActivity(ratingRequest(c, this.options.text, lang));
  }

  /**
   * A rating typed instead of tapped ("2 sobre 5"), for this conversation's case once it is resolved or closed (a
   * second one is told the first counts); false when the case is still open.
   */
  async rateTyped(context: TurnContext, c: Case, rating: number): Promise<boolean> {
    if (c.status !== 'resolved' && c.status !== 'closed') return false;
    const lang = replyLang(context, c, this.options.spoken(), this.options.languages?.());
    if (c.satisfaction !== undefined) {
      await context.sendActivity(this.t(lang, c, 'followUp.alreadyRated'));
      return true;
    }
    await this.options.cases.rate(c.id, rating, c.contactUserId);
    await context.sendActivity(this.t(lang, c, 'followUp.thanks'));
    return true;
  }

  /** Not working: reopen at the old priority and queue it for a person. */
  async reopen(c: Case, context: TurnContext, lang: Lang = c.lang): Promise<void> {
    await this.options.scheduler.cancel(c.id);
    await this.options.cases.reopen(c.id, c.contactUserId, 'check-in: not working');
    await context.sendActivity(this.t(lang, c, 'followUp.reopened'));
    await this.options.requeue(c.id, context);
  }

  /** A button from an older card, for a case that has moved on: say where the case stands instead. */
  private async stale(c: Case, context: TurnContext, lang: Lang): Promise<true> {
    const { text } = this.options;
    await context.sendActivity(
      c.status === 'closed'
        ? text(lang, 'followUp.alreadyClosed', { id: c.id })
        : text(lang, 'followUp.notResolved', {
            id: c.id,
            status: text(lang, `cases.status.${c.status}`),
            next: text(lang, `cases.next.${c.status}`),
          }),
    );
    return true;
  }

  private t(lang: Lang, c: Case, key: string): string {
    return this.options.text(lang, key, { id: c.id });
  }
}

/**
 * The language to answer a follow-up button in: the conversation's locale when the channel sends one,
 * else the clear language of any text that came with it, else the case's language.
 */
function replyLang(
  context: TurnContext,
  c: Case | undefined,
  spoken: SpokenLanguages,
  languages?: LanguageIdentifier,
): Lang {
  const fromLocale = spoken.fromLocale(context.activity.locale);
  if (fromLocale) return fromLocale;
  const typed = context.activity.text?.trim();
  const shown = typed ? languages?.identify(typed) : undefined;
  return shown ?? spoken.resolve(c?.lang);
}
