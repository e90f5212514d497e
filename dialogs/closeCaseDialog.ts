import type { TurnContext } from 'botbuilder';
import {
  Dialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Case } from '../bot/cases/caseSchema.js';
import type { CustomerEnding } from '../bot/cases/customerEnding.js';
import { questionBeside } from '../bot/nlu/messageAct.js';
import type { CaseService } from '../bot/cases/caseService.js';
import type { Lang } from '../bot/domain/language.js';
import { userIdOf } from '../bot/turn/caseOrganisation.js';
import { identityOf, recognitionOf } from '../bot/turn/turnKeys.js';
import { DIALOG } from './dialogIds.js';
import { incomingText, type DialogKit } from './dialogKit.js';
import { visibleCase, visibleCases } from './caseVisibility.js';
import { CHOICE_KEYS, InterruptibleDialog } from './interruptibleDialog.js';

/** What the customer said: the cases they named, and how they end it (works again, or withdrawn). */
export interface CloseCaseOptions {
  caseIds: string[];
  ending: CustomerEnding;
}

/** Ends a case as the customer said ({@link ENDING_STATUS}), then asks for a 1–5 rating. */
export interface CaseCloser {
  endForCustomer(c: Case, context: TurnContext, ending: CustomerEnding, lang: Lang): Promise<void>;
}

const STEPS = 'closeCaseSteps';

/** Statuses a customer may close a case from themselves (a case with an agent is the agent's to close). */
const CLOSABLE: readonly Case['status'][] = ['open', 'waiting_customer', 'queued', 'resolved'];

/**
 * "Never mind, it's working again" / "please close case CS-10058" / "cierra el caso": the customer ends
 * their own case (resolved when it works again, closed when withdrawn: `ENDING_STATUS`) — the one named, else the one this conversation is about, else their only open one (asked
 * which when there are several). A case with an agent is not closed behind the agent's back: the agent is
 * told instead.
 */
export class CloseCaseDialog extends InterruptibleDialog {
  constructor(
    kit: DialogKit,
    private readonly cases: CaseService,
    private readonly closer: CaseCloser,
  ) {
    super(DIALOG.closeCase, kit);
    this.addDialog(new WaterfallDialog(STEPS, [this.chooseStep.bind(this), this.closeStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Find the case meant; ask which when several could be. */
  private async chooseStep(step: WaterfallStepContext<CloseCaseOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { caseIds, ending } = step.options;
    if (ending === 'works_again') await this.kit.say(context, 'bot.close.glad');
    if (caseIds.length > 0) {
      const found = caseIds.map((id) => visibleCase(this.cases, context, id));
      for (const [i, id] of caseIds.entries())
        if (!found[i]) await this.kit.say(context, 'bot.cases.notFound', { caseId: id });
      const named = found.filter((c): c is Case => c !== undefined);
      return named.length === 1 && named[0] ? step.next(named[0].id) : this.pick(step, named);
    }
    const profile = await this.kit.profileOf(context);
    const current = profile.caseId ? this.cases.get(profile.caseId) : undefined;
    if (current && current.status !== 'closed') return step.next(current.id);
    const userId = userIdOf(identityOf(context));
    const mine = visibleCases(this.cases, context).filter(
      (c) => c.contactUserId === userId && CLOSABLE.includes(c.status),
    );
    if (mine.length === 1 && mine[0]) return step.next(mine[0].id);
    return this.pick(step, mine);
  }

  /** Close the case picked (typed or tapped). */
  private async closeStep(step: WaterfallStepContext<CloseCaseOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const id =
      typeof step.result === 'string'
        ? step.result
        : (recognitionOf(context)?.entities.caseIds[0] ?? /CS-\d+/i.exec(incomingText(context))?.[0]);
    const c = id ? visibleCase(this.cases, context, id) : undefined;
    if (!c) {
      await this.kit.say(context, 'bot.whatNow', undefined, CHOICE_KEYS);
      return step.endDialog();
    }
    const lang = await this.kit.langOf(context);
    const userId = userIdOf(identityOf(context));
    if (c.status === 'closed') {
      await this.kit.say(context, 'bot.close.already', { caseId: c.id });
    } else if (c.status === 'with_agent') {
      const text = incomingText(context);
      await this.cases.appendTranscript(c.id, [{ from: 'customer', text }]);
      await this.cases.addNote(c.id, userId, `The customer asked to close this case: "${text}"`);
      await this.kit.say(context, 'bot.close.withAgent', { caseId: c.id });
    } else {
      // "It's back online, you can close that one. Oh and do you work weekends?": the question is answered too.
      const recognition = recognitionOf(context);
      const beside = recognition ? questionBeside(recognition, this.kit.knowledge.current()) : undefined;
      if (beside) await this.kit.sayText(context, this.kit.articleText(context, beside, lang));
      await this.closer.endForCustomer(c, context, step.options.ending, lang);
    }
    return step.endDialog();
  }

  /** None to close, or several: say so, or ask which (one button per case). */
  private async pick(
    step: WaterfallStepContext<CloseCaseOptions>,
    candidates: Case[],
  ): Promise<DialogTurnResult> {
    if (candidates.length === 0) {
      if (step.options.ending === 'withdrawn')
        await this.kit.say(step.context, 'bot.close.none', undefined, CHOICE_KEYS);
      return step.endDialog();
    }
    const lang = await this.kit.langOf(step.context);
    const kb = this.kit.knowledge.current();
    const lines = candidates.map(
      (c) => `• ${c.id}: ${(c.summary ?? kb.text(lang, `cases.type.${c.type}`)).slice(0, 80)}`,
    );
    await this.kit.sayText(
      step.context,
      kb.text(lang, 'bot.close.which', { lines: lines.join('\n') }),
      candidates.slice(0, 6).map((c) => c.id),
    );
    return Dialog.EndOfTurn;
  }
}
