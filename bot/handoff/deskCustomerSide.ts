import { TurnContext } from 'botbuilder';
import type { Case, StoredReference } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';
import type { TextFn } from '../cases/texts.js';
import { wantsBackToBot } from './agentCommands.js';
import type { DeskAgentState } from './deskAgentState.js';
import type { DeskQueue } from './deskQueue.js';
import type { DeskRelay } from './deskRelay.js';
import { textActivity } from './messenger.js';
import type { HandoffReason } from './triggers.js';

/** What happened to a customer's message while their case is handed off. */
export type CustomerTurnOutcome = 'relayed' | 'queued_note' | 'back_to_bot';

/** Dependencies of a {@link DeskCustomerSide}. */
export interface DeskCustomerSideOptions {
  cases: CaseService;
  queue: DeskQueue;
  relay: DeskRelay;
  agentState: DeskAgentState;
  text: TextFn;
  now: () => Date;
}

/** The customer's side of the desk: joining the queue and talking while handed off. */
export class DeskCustomerSide {
  constructor(private readonly options: DeskCustomerSideOptions) {}

  /**
   * Put the case in the queue and tell the customer their position — in the turn when `context` is the
   * customer's turn (its reference is stored for later relays), otherwise proactively. Posts the
   * handoff card to the agents' conversation when one is configured. Returns the position.
   */
  async enqueue(caseId: string, context?: TurnContext, reason?: HandoffReason): Promise<number> {
    const { cases, queue, relay, text } = this.options;
    const reference = context
      ? (TurnContext.getConversationReference(context.activity) as StoredReference)
      : undefined;
    const queued = await cases.handOver(caseId, {
      channel: 'desk',
      event: 'status:queued',
      at: this.options.now(),
      ...(reason ? { reason } : {}),
      ...(reference ? { conversation: reference } : {}),
    });
    const position = queue.positionOf(caseId) ?? 1;
    const message = textActivity(text(queued.lang, 'desk.customer.queued', { position, id: caseId }));
    if (context) await context.sendActivity(message);
    else await relay.toCustomer(queued, [message]);
    await relay.postToAgents(queued);
    return position;
  }

  /**
   * A customer message while their case is handed off: relayed to the agent who has it, appended to
   * the case while it waits (shown to the agent at pick-up), or — "back to the bot" — the case leaves
   * the queue and the bot takes over again.
   */
  async handleTurnWhileHandedOff(c: Case, context: TurnContext): Promise<CustomerTurnOutcome> {
    const { cases, queue, relay, agentState, text: t } = this.options;
    const text = context.activity.text?.trim() ?? '';
    if (wantsBackToBot(text, context.activity.value)) {
      const agentId = c.status === 'with_agent' ? c.assignedAgentId : undefined;
      await cases.change(c.id, 'back_to_bot', c.contactUserId, (x) => {
        x.status = 'open';
        delete x.assignedAgentId;
        delete x.handoffChannel;
      });
      if (agentId) {
        await agentState.clearActive(agentId, c.id);
        await relay.toAgent(agentId, (lang) => t(lang, 'desk.agent.customerLeft', { id: c.id }));
        await agentState.tellNextActive(agentId);
      }
      await context.sendActivity(t(c.lang, 'desk.customer.backToBot', { id: c.id }));
      return 'back_to_bot';
    }
    if (text) await cases.appendTranscript(c.id, [{ from: 'customer', text }]);
    if (c.status === 'with_agent' && c.assignedAgentId) {
      const delivered = await relay.toAgent(c.assignedAgentId, () => `[${c.id}] ${c.contactUserId}: ${text}`);
      if (delivered) return 'relayed';
    }
    const position = queue.positionOf(c.id);
    await context.sendActivity(
      position === undefined
        ? t(c.lang, 'desk.customer.detailAddedForAgent', { id: c.id })
        : t(c.lang, 'desk.customer.detailAdded', { position, id: c.id }),
    );
    return 'queued_note';
  }
}
