import { TurnContext } from 'botbuilder';
import {
  Dialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CaseService } from '../bot/cases/caseService.js';
import type { CaseType, StoredReference } from '../bot/cases/caseSchema.js';
import { caseOrganisationOf, userIdOf } from '../bot/turn/caseOrganisation.js';
import { identityOf, recognitionOf } from '../bot/turn/turnKeys.js';
import { DIALOG } from './dialogIds.js';
import { routeIntent } from './intentRoute.js';
import { incomingText, matchesLabel, type DialogKit } from './dialogKit.js';
import { CHOICE_KEYS, InterruptibleDialog } from './interruptibleDialog.js';

export interface RequestOptions {
  text: string;
}

const STEPS = 'requestSteps';
const OPENING_HOURS =
  /\b(opening hours|office hours|business hours|when are you open|are you open|horario|horarios|a que hora|cuando abren|estan abiertos)\b/i;
const ORDER = /\b(order|buy|purchase|new sims?|more sims?|pedido|pedir|comprar|nuevas? sim)\b/i;
const SERVICE =
  /\b(change|upgrade|activate|deactivate|terminate|cancel (the|my|a) (sim|plan|contract)|move|cambiar|cambio|activar|desactivar|dar de baja|ampliar)\b/i;

/**
 * Anything outside troubleshooting (billing, contracts, orders, plan changes): say plainly what the
 * bot does, and offer to open the right kind of request for the team, or a person.
 */
export class RequestDialog extends InterruptibleDialog {
  constructor(
    kit: DialogKit,
    private readonly cases: CaseService,
  ) {
    super(DIALOG.request, kit);
    this.addDialog(new WaterfallDialog(STEPS, [this.offerStep.bind(this), this.openStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Explain the scope and offer a request of the kind the message sounds like. */
  private async offerStep(step: WaterfallStepContext<RequestOptions>): Promise<DialogTurnResult> {
    if (OPENING_HOURS.test(step.options.text)) {
      await this.kit.say(step.context, 'bot.faq.hours', undefined, CHOICE_KEYS);
      return step.endDialog();
    }
    const type = requestTypeOf(step.options.text);
    (step.values as { type?: CaseType }).type = type;
    await this.kit.say(step.context, `bot.request.offer.${type}`, undefined, [
      'bot.request.open',
      'bot.choice.agent',
      'bot.request.noThanks',
    ]);
    return Dialog.EndOfTurn;
  }

  /** Open the request (keeping the original words) or step aside. */
  private async openStep(step: WaterfallStepContext<RequestOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const kb = this.kit.knowledge.current();
    const answer = incomingText(context);
    const recognition = recognitionOf(context);
    if (matchesLabel(kb, answer, 'bot.choice.agent'))
      return step.replaceDialog(DIALOG.handoff, { reason: 'customer_request' });
    const yes = matchesLabel(kb, answer, 'bot.request.open') || recognition?.smallTalk === 'yes';
    // A new request instead of an answer ("status of CS-10001", "no data on …"): route it.
    if (
      !yes &&
      recognition &&
      recognition.intent !== 'other' &&
      recognition.intent !== 'unclear' &&
      recognition.confidence >= 0.6
    ) {
      return routeIntent(step, recognition.intent, recognition);
    }
    if (!yes) {
      await this.kit.say(context, 'bot.whatNow', undefined, CHOICE_KEYS);
      return step.endDialog();
    }
    const identity = identityOf(context);
    const profile = await this.kit.profileOf(context);
    const type = (step.values as { type?: CaseType }).type ?? 'information_request';
    const opened = await this.cases.open({
      organisation: caseOrganisationOf(identity),
      contactUserId: userIdOf(identity),
      lang: profile.lang,
      type,
      category: 'other',
      severity: 'question',
      conversation: TurnContext.getConversationReference(context.activity) as StoredReference,
      summary: step.options.text.slice(0, 500),
      by: userIdOf(identity),
    });
    await this.cases.appendTranscript(opened.id, [{ from: 'customer', text: step.options.text }]);
    profile.caseId = opened.id;
    await this.kit.say(context, 'bot.request.opened', {
      caseId: opened.id,
      type: kb.text(profile.lang, `bot.caseType.${type}`),
    });
    return step.endDialog();
  }
}

function requestTypeOf(text: string): CaseType {
  if (ORDER.test(text)) return 'order';
  if (SERVICE.test(text)) return 'service_request';
  return 'information_request';
}
