import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Lang } from '../domain/language.js';
import type { Case, StoredReference } from '../cases/caseSchema.js';
import type { CaseOrganisation, CaseService } from '../cases/caseService.js';
import type { TextFn } from '../cases/texts.js';
import type { Repository } from '../storage/repository.js';
import type { DeskAgentRecord } from './deskAgents.js';
import { DeskAgentState, type DeskAgent } from './deskAgentState.js';
import { DeskAgentTurns } from './deskAgentTurns.js';
import { DeskCustomerSide, type CustomerTurnOutcome } from './deskCustomerSide.js';
import { DeskQueue } from './deskQueue.js';
import { DeskRelay } from './deskRelay.js';
import type { Messenger } from './messenger.js';
import type { HandoffReason } from './triggers.js';

export type { DeskAgent } from './deskAgentState.js';
export type { CustomerTurnOutcome } from './deskCustomerSide.js';

/** Options of an {@link AgentDesk}. */
export interface AgentDeskOptions {
  cases: CaseService;
  agents: Repository<DeskAgentRecord>;
  messenger: Messenger;
  text: TextFn;
  logger: Logger;
  /** Organisation look-up for the handoff card (falls back to the case's snapshot). */
  organisation?: (organisationId: string) => CaseOrganisation | undefined;
  /** The agents' shared conversation (e.g. a Teams channel) where new handoff cards are posted. */
  agentsConversation?: StoredReference;
  /** Language of the shared agents' conversation. */
  agentsLang?: Lang;
  /** Follow-up offer sent to the customer after resolution (wired to the follow-up service). */
  offerFollowUp?: (c: Case) => Partial<Activity>[];
  now?: () => Date;
}

/**
 * The built-in agent desk: a queue ordered by priority then age, agent commands (text in English or
 * Spanish, or card buttons), and relaying both ways with proactive messages on stored references.
 *
 * A thin coordinator: the queue ({@link DeskQueue}), proactive sends ({@link DeskRelay}), agents'
 * active cases ({@link DeskAgentState}), agent turns ({@link DeskAgentTurns}) and customer turns
 * ({@link DeskCustomerSide}) live in their own files. They are built here from the options, not
 * injected, so the composition root keeps creating a single desk from one options object.
 */
export class AgentDesk {
  private readonly deskQueue: DeskQueue;
  private readonly customers: DeskCustomerSide;
  private readonly agentTurns: DeskAgentTurns;

  constructor(options: AgentDeskOptions) {
    const { cases, agents, text } = options;
    // Read the clock on every use (not once here) so tests can move time after building the desk.
    const now = (): Date => options.now?.() ?? new Date();
    const queue = new DeskQueue(cases);
    const relay = new DeskRelay({
      agents,
      messenger: options.messenger,
      text,
      logger: options.logger,
      organisation: options.organisation,
      agentsConversation: options.agentsConversation,
      agentsLang: options.agentsLang,
    });
    const agentState = new DeskAgentState({ cases, agents, relay, text, now });
    this.deskQueue = queue;
    this.customers = new DeskCustomerSide({ cases, queue, relay, agentState, text, now });
    this.agentTurns = new DeskAgentTurns({
      cases,
      agents,
      queue,
      relay,
      agentState,
      text,
      now,
      organisation: options.organisation,
      offerFollowUp: options.offerFollowUp,
      // Through the public method, as before the split: releasing is queuing again.
      enqueue: (caseId, context, reason) => this.enqueue(caseId, context, reason),
    });
  }

  /** Cases waiting for an agent on this desk, by priority (score) then time queued. */
  queue(): Case[] {
    return this.deskQueue.queue();
  }

  /** 1-based position of the case in the queue, or undefined when it is not queued. */
  positionOf(caseId: string): number | undefined {
    return this.deskQueue.positionOf(caseId);
  }

  /** The customer conversation's case while it is with the desk (queued or with an agent). */
  handedOffCase(conversationId: string): Case | undefined {
    return this.deskQueue.handedOffCase(conversationId);
  }

  /**
   * Put the case in the queue and tell the customer their position — in the turn when `context` is the
   * customer's turn (its reference is stored for later relays), otherwise proactively. Posts the
   * handoff card to the agents' conversation when one is configured. Returns the position.
   */
  enqueue(caseId: string, context?: TurnContext, reason?: HandoffReason): Promise<number> {
    return this.customers.enqueue(caseId, context, reason);
  }

  /**
   * A customer message while their case is handed off: relayed to the agent who has it, appended to
   * the case while it waits (shown to the agent at pick-up), or — "back to the bot" — the case leaves
   * the queue and the bot takes over again.
   */
  handleCustomerTurnWhileHandedOff(c: Case, context: TurnContext): Promise<CustomerTurnOutcome> {
    return this.customers.handleTurnWhileHandedOff(c, context);
  }

  /** One turn from an agent: a command, or a message to relay to the customer of their active case. */
  handleAgentTurn(agent: DeskAgent, context: TurnContext): Promise<void> {
    return this.agentTurns.handle(agent, context);
  }
}
