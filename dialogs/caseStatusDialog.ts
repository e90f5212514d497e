import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CaseService } from '../bot/cases/caseService.js';
import { describeCaseLine, describeCaseStatus } from '../bot/cases/caseStatusText.js';
import type { Case } from '../bot/cases/caseSchema.js';
import type { Entities } from '../bot/nlu/types.js';
import { identityOf } from '../bot/turn/turnKeys.js';
import { userIdOf } from '../bot/turn/caseOrganisation.js';
import { DIALOG } from './dialogIds.js';
import type { DialogKit } from './dialogKit.js';
import { CHOICE_KEYS, InterruptibleDialog } from './interruptibleDialog.js';

export interface CaseStatusOptions {
  entities: Entities;
  text: string;
}

const STEPS = 'caseStatusSteps';
/** Open cases listed before "and N more". */
const MAX_LISTED = 5;
const ORDER_WORDS = /\b(order|orders|shipped|shipment|delivery|pedido|pedidos|envio|envío|enviado)\b/i;

/**
 * "Any news on my ticket?": the named case or the organisation's open cases, with status, last
 * update, who has it, what happens next and time against target. Only the speaker's own
 * organisation's cases exist here — another organisation's id is "not found", like a wrong one.
 */
export class CaseStatusDialog extends InterruptibleDialog {
  constructor(
    kit: DialogKit,
    private readonly cases: CaseService,
    private readonly now: () => Date,
  ) {
    super(DIALOG.caseStatus, kit);
    this.addDialog(new WaterfallDialog(STEPS, [this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Answer from what the message names; list open cases when it names none. */
  private async answerStep(step: WaterfallStepContext<CaseStatusOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = await this.kit.langOf(context);
    const kb = this.kit.knowledge.current();
    const text = (l: 'en' | 'es', key: string, vars?: Readonly<Record<string, string | number>>) =>
      kb.text(l, key, vars);
    const named = step.options.entities.caseIds;
    if (named.length > 0) {
      for (const id of named) {
        const found = this.visibleCase(context, id);
        if (found) await context.sendActivity(describeCaseStatus(found, lang, this.now(), text));
        else await this.kit.say(context, 'bot.cases.notFound', { caseId: id });
      }
      return step.endDialog();
    }
    const wantsOrders = ORDER_WORDS.test(step.options.text);
    const open = this.visibleCases(context)
      .filter((c) => c.status !== 'closed' && (c.status !== 'resolved' || awaitingFollowUp(c)))
      .filter((c) => !wantsOrders || c.type === 'order')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    if (open.length === 0) {
      await this.kit.say(
        context,
        wantsOrders ? 'bot.cases.noOpenOrders' : 'bot.cases.noneOpen',
        undefined,
        CHOICE_KEYS,
      );
      return step.endDialog();
    }
    if (open.length === 1 && open[0]) {
      await context.sendActivity(describeCaseStatus(open[0], lang, this.now(), text));
      return step.endDialog();
    }
    const lines = open.slice(0, MAX_LISTED).map((c) => `• ${describeCaseLine(c, lang, this.now(), text)}`);
    const more =
      open.length > MAX_LISTED
        ? `\n${kb.text(lang, 'bot.cases.more', { count: open.length - MAX_LISTED })}`
        : '';
    await this.kit.say(context, 'bot.cases.list', { count: open.length, lines: lines.join('\n') + more });
    return step.endDialog();
  }

  /** One case by id, only when this person may see it (else undefined, exactly like a wrong id). */
  private visibleCase(context: Parameters<typeof identityOf>[0], id: string): Case | undefined {
    const identity = identityOf(context);
    if (identity.kind === 'customer') return this.cases.getForOrganisation(identity.organisation.id, id);
    const found = this.cases.get(id);
    return found && found.contactUserId === userIdOf(identity) && found.organisationId === 'unidentified'
      ? found
      : undefined;
  }

  /** The cases this person may see: their organisation's, or — unidentified — the ones they opened. */
  private visibleCases(context: Parameters<typeof identityOf>[0]): Case[] {
    const identity = identityOf(context);
    if (identity.kind === 'customer') return this.cases.forOrganisation(identity.organisation.id);
    const userId = userIdOf(identity);
    return this.cases.forContact(userId).filter((c) => c.organisationId === 'unidentified');
  }
}

/** A resolved case we promised to check back on is still "open" in the customer's eyes. */
function awaitingFollowUp(c: Case): boolean {
  return c.followUp !== undefined && !c.followUp.sent;
}
