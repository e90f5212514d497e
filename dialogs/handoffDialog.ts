import { TurnContext } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CaseService } from '../bot/cases/caseService.js';
import { OPEN_STATUSES, type StoredReference } from '../bot/cases/caseSchema.js';
import type { HandoffReason } from '../bot/handoff/triggers.js';
import { caseOrganisationOf, userIdOf } from '../bot/turn/caseOrganisation.js';
import { identityOf, recognitionOf } from '../bot/turn/turnKeys.js';
import { DIALOG } from './dialogIds.js';
import type { DialogKit } from './dialogKit.js';
import { InterruptibleDialog } from './interruptibleDialog.js';

/** Where handed-off cases go: the built-in desk queue or a contact centre (handoff.initiate). */
export interface HandoffTarget {
  handOff(context: TurnContext, caseId: string, reason: HandoffReason): Promise<void>;
}

export interface HandoffOptions {
  reason: HandoffReason;
  caseId?: string;
  /** Flow-specific reason code, for the agent. */
  detail?: string;
  /** The customer was already told why (e.g. by the flow's own handoff text): just say who takes over. */
  explained?: boolean;
}

const STEPS = 'handoffSteps';

/**
 * Hands the conversation to a person: makes sure a case exists with everything learned so far,
 * then queues it (or passes it to the contact centre). From then on SupportBot relays the
 * customer's messages to the desk until an agent resolves the case or the customer goes back to the bot.
 */
export class HandoffDialog extends InterruptibleDialog {
  constructor(
    kit: DialogKit,
    private readonly cases: CaseService,
    private readonly target: HandoffTarget,
  ) {
    super(DIALOG.handoff, kit);
    this.addDialog(new WaterfallDialog(STEPS, [this.handOffStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Reuse the conversation's open case (or open one), then queue it. */
  private async handOffStep(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const profile = await this.kit.profileOf(context);
    const identity = identityOf(context);
    const candidate = step.options.caseId ?? profile.caseId;
    const existing = candidate ? this.cases.get(candidate) : undefined;
    let caseId = existing && OPEN_STATUSES.includes(existing.status) ? existing.id : undefined;
    if (!caseId) {
      const text = recognitionOf(context)?.text ?? context.activity.text ?? '';
      const opened = await this.cases.open({
        organisation: caseOrganisationOf(identity),
        contactUserId: userIdOf(identity),
        lang: profile.lang,
        type: 'incident',
        category: 'other',
        severity: 'question',
        conversation: TurnContext.getConversationReference(context.activity) as StoredReference,
        summary: text.slice(0, 500),
        by: userIdOf(identity),
      });
      if (text) await this.cases.appendTranscript(opened.id, [{ from: 'customer', text }]);
      caseId = opened.id;
      profile.caseId = caseId;
    }
    const announcement = step.options.explained
      ? 'bot.handoff.passing'
      : `bot.handoff.${step.options.reason}`;
    await this.kit.say(context, announcement, { caseId });
    await this.target.handOff(context, caseId, step.options.reason);
    return step.endDialog({ caseId });
  }
}
