import type { TurnContext } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CaseService } from '../bot/cases/caseService.js';
import { openOrContinueCase } from '../bot/cases/openOrContinue.js';
import { problemBesideRequest } from '../bot/cases/reportedImpact.js';
import type { HandoffReason } from '../bot/handoff/triggers.js';
import type { SimLookupService } from '../bot/connectivity/simLookup.js';
import { caseRequestOf } from '../bot/turn/caseOrganisation.js';
import { identityOf, recognitionOf } from '../bot/turn/turnKeys.js';
import { DIALOG } from './dialogIds.js';
import type { DialogKit } from './dialogKit.js';
import { InterruptibleDialog } from './interruptibleDialog.js';

/** Where handed-off cases go: the built-in desk queue or a contact centre (handoff.initiate). */
export interface HandoffTarget {
  /** `detail`: the troubleshooting flow's own reason (a flow handoff reason), when a flow handed over. */
  handOff(context: TurnContext, caseId: string, reason: HandoffReason, detail?: string): Promise<void>;
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
    private readonly sims: Pick<SimLookupService, 'identify' | 'iccidsOf'>,
  ) {
    super(DIALOG.handoff, kit);
    this.addDialog(new WaterfallDialog(STEPS, [this.handOffStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Continue the conversation's open case (or open one), then queue it — once. */
  private async handOffStep(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const profile = await this.kit.profileOf(context);
    // Asking for a person again takes back "I won't wait" (see ConversationProfile.personDeclined).
    if (step.options.reason === 'customer_request') profile.personDeclined = false;
    const recognition = recognitionOf(context);
    const text = recognition?.text ?? context.activity.text ?? '';
    // "2000 meters down, I need someone now": the person gets a case about that problem, at its priority.
    const problem = recognition ? problemBesideRequest(this.kit.vocabulary(), recognition) : undefined;
    const opening = await openOrContinueCase(this.cases, {
      ...caseRequestOf(context, profile.lang),
      currentCaseId: step.options.caseId ?? profile.caseId,
      anyOpenCase: true,
      type: 'incident',
      ...(problem ?? { category: 'other', severity: 'question' }),
      summary: text.slice(0, 500),
      text,
    });
    const caseId = opening.case.id;
    profile.caseId = caseId;
    const named = this.namedSims(context, problem !== undefined).filter(
      (iccid) => !opening.case.sims.includes(iccid),
    );
    if (named.length) await this.cases.addSims(caseId, named);
    if (opening.case.status === 'queued' || opening.case.status === 'with_agent') {
      // Already in front of a person: queuing it again would only overwrite why it was handed over.
      await this.kit.say(context, 'bot.handoff.already', { caseId });
      return step.endDialog({ caseId });
    }
    // A case opened just now holds nothing discussed yet: say so rather than promise a history. One opened this turn
    // for the problem told with the person asked for ("quiero hablar con alguien, el router no va") holds only what
    // the customer told, nothing checked.
    const onlyTold = opening.case.findings.length === 0 && opening.case.transcript.length <= 1;
    const announcement = step.options.explained
      ? 'bot.handoff.passing'
      : step.options.reason === 'customer_request' && opening.outcome === 'opened'
        ? 'bot.handoff.customer_request.new'
        : step.options.reason === 'customer_request' && onlyTold
          ? 'bot.handoff.customer_request.told'
          : `bot.handoff.${step.options.reason}`;
    await this.kit.say(context, announcement, { caseId, priority: opening.case.priority.level });
    await this.target.handOff(context, caseId, step.options.reason, step.options.detail);
    return step.endDialog({ caseId });
  }

  /**
   * "Tracker 8946… offline, can I talk to an engineer", "urgente: la sim acabada en 0092 no conecta": the
   * organisation's own SIMs the message names — by ICCID, phone number or last digits, from the inventory
   * without a platform call, so the person gets them at once. Another organisation's SIM is never attached.
   * A problem reported by an organisation with one SIM ("el router no va, quiero hablar con alguien") is
   * about that SIM.
   */
  private namedSims(context: TurnContext, problem: boolean): string[] {
    const identity = identityOf(context);
    const entities = recognitionOf(context)?.entities;
    if (identity.kind !== 'customer' || !entities) return [];
    const organisationId = identity.organisation.id;
    const refs = { iccids: entities.iccids, msisdns: entities.msisdns, lastDigits: entities.lastDigits };
    const named = this.sims.identify(organisationId, refs).iccids;
    if (named.length > 0 || !problem) return named;
    const owned = this.sims.iccidsOf(organisationId);
    return owned.length === 1 ? owned : [];
  }
}
