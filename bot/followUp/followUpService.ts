import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { langFromLocale } from '../domain/language.js';
import type { Case } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';
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
  async handleAction(context: TurnContext, organisationId: string): Promise<boolean> {
    const parsed = followUpActionSchema.safeParse(context.activity.value);
    if (!parsed.success) return false;
    const action = parsed.data;
    const c = this.options.cases.getForOrganisation(organisationId, action.caseId);
    if (!c) {
      const lang = langFromLocale(context.activity.locale) ?? 'en';
      await context.sendActivity(this.options.text(lang, 'cases.notFound', { id: action.caseId }));
      return true;
    }
    switch (action.followUpAction) {
      case 'keep_open':
        await this.accept(c, context);
        break;
      case 'decline':
        await this.closeAndAskRating(c, context, 'follow_up_declined');
        break;
      case 'check_yes':
        await this.closeAndAskRating(c, context, 'check_in_ok');
        break;
      case 'check_no':
        await this.reopen(c, context);
        break;
      case 'rate':
        await this.options.cases.rate(c.id, action.rating, c.contactUserId);
        await context.sendActivity(this.t(c, 'followUp.thanks'));
        break;
    }
    return true;
  }

  /** The customer accepted: keep it resolved (not closed) and schedule the check-in. */
  async accept(c: Case, context: TurnContext): Promise<void> {
    await this.options.scheduler.schedule(c.id, this.keepOpenMs);
    const days = Math.max(1, Math.round(this.keepOpenMs / DAY_MS));
    await context.sendActivity(this.options.text(c.lang, 'followUp.scheduled', { id: c.id, days }));
  }

  /** Everything works: close the case and ask for a rating. */
  async closeAndAskRating(c: Case, context: TurnContext, detail: string): Promise<void> {
    await this.options.scheduler.cancel(c.id);
    if (c.status !== 'closed') await this.options.cases.close(c.id, c.contactUserId, detail);
    await context.sendActivity(this.t(c, 'followUp.closed'));
    await context.sendActivity(ratingRequest(c, this.options.text));
  }

  /** Not working: reopen at the old priority and queue it for a person. */
  async reopen(c: Case, context: TurnContext): Promise<void> {
    await this.options.scheduler.cancel(c.id);
    await this.options.cases.reopen(c.id, c.contactUserId, 'check-in: not working');
    await context.sendActivity(this.t(c, 'followUp.reopened'));
    await this.options.requeue(c.id, context);
  }

  private t(c: Case, key: string): string {
    return this.options.text(c.lang, key, { id: c.id });
  }
}
