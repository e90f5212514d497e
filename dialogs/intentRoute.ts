import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Intent, Recognition } from '../bot/nlu/types.js';
import { DIALOG } from './dialogIds.js';

/**
 * Replace the current dialog with the one that owns `intent`: the one routing table, used by the
 * main dialog and by any dialog whose question the customer answered with a new request.
 */
export function routeIntent(
  step: WaterfallStepContext,
  intent: Intent,
  recognition: Recognition,
): Promise<DialogTurnResult> {
  switch (intent) {
    case 'data':
    case 'sms':
    case 'voice':
    case 'csd':
      return step.replaceDialog(DIALOG.troubleshoot, {
        intent,
        entities: recognition.entities,
        text: recognition.text,
      });
    case 'case_status':
      return step.replaceDialog(DIALOG.caseStatus, {
        entities: recognition.entities,
        text: recognition.text,
      });
    case 'agent':
      return step.replaceDialog(DIALOG.handoff, { reason: 'customer_request' });
    default:
      return step.replaceDialog(DIALOG.request, { text: recognition.text });
  }
}
