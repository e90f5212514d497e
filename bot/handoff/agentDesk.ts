import type { Vocabulary } from '../nlu/words/vocabulary.js';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Lang, SpokenLanguages } from '../domain/language.js';
import type { Case, StoredReference } from '../cases/caseSchema.js';
import type { CaseOrganisation, CaseService } from '../cases/caseService.js';
import type { TextFn } from '../cases/texts.js';
import { PeriodicTask } from '../jobs/periodicTask.js';
import type { DeskTeam } from '../knowledgeBase/schemas/deskSchema.js';
import type { Repository } from '../storage/repository.js';
import type { CaseLog } from './caseLog.js';
import { offerCard } from './cards.js';
import { DeskActions } from './deskActions.js';
import type { DeskAgentRecord } from './deskAgents.js';
import { DeskAgentState, type DeskAgent } from './deskAgentState.js';
import { DeskAgentTurns } from './deskAgentTurns.js';
import {
  DeskCustomerSide,
  type CustomerTurnOutcome,
  type DeskCustomerSideOptions,
} from './deskCustomerSide.js';
import { DeskOffers, type DeskOffer } from './deskOffers.js';
import { DeskQueue } from './deskQueue.js';
import { DeskRelay } from './deskRelay.js';
import type { DeliveringMessenger } from './messenger.js';
import type { HandoffReason } from './triggers.js';

export type { DeskAgent } from './deskAgentState.js';
export type { CustomerTurnOutcome } from './deskCustomerSide.js';

/** Options of an {@link AgentDesk}. */
export interface AgentDeskOptions {
  cases: CaseService;
  agents: Repository<DeskAgentRecord>;
  offers: Repository<DeskOffer>;
  /** Every case's full conversation. */
  log: CaseLog;
  messenger: DeliveringMessenger;
  text: TextFn;
  logger: Logger;
  /** Organisation look-up for the handoff card (falls back to the case's snapshot). */
  organisation?: (organisationId: string) => CaseOrganisation | undefined;
  /** The knowledge's word lists, for what a customer says while handed off ("back to the bot", "close it"). */
  vocabulary: () => Vocabulary;
  /** A customer's name from the directory. */
  person?: (userId: string) => string | undefined;
  /** The organisation's own SIMs a customer's identifiers name (inventory only), attached while the case waits. */
  identifySims?: DeskCustomerSideOptions['identifySims'];
  checkSims?: DeskCustomerSideOptions['checkSims'];
  interpretEvidence?: DeskCustomerSideOptions['interpretEvidence'];
  answerHowTo?: DeskCustomerSideOptions['answerHowTo'];
  languageAsked?: DeskCustomerSideOptions['languageAsked'];
  describeSims?: DeskCustomerSideOptions['describeSims'];
  /** The directory's agents (transfer targets, offers). */
  agentDirectory?: () => ReadonlyArray<{ id: string; name: string }>;
  /** Teams a case can be transferred to (the knowledge base's `desk/teams.json`). */
  teams?: () => readonly DeskTeam[];
  /** The customer's latest language in a conversation, when known. */
  conversationLang?: (reference: StoredReference) => Lang | undefined;
  /** The agents' shared conversation (e.g. a Teams channel) where new handoff cards are posted. */
  agentsConversation?: StoredReference;
  /** Language of the shared agents' conversation. */
  agentsLang?: Lang;
  /** The languages spoken (`languages.json`): an agent's locale counts only when it names one of them. */
  spoken?: () => SpokenLanguages;
  /** Follow-up offer sent to the customer after resolution (wired to the follow-up service). */
  offerFollowUp?: (c: Case) => Partial<Activity>[];
  /** How long an offer to one agent holds (default 60 s). */
  offerMs?: number;
  /** How often lapsed offers move on (default 5 s). */
  sweepMs?: number;
  now?: () => Date;
}

/**
 * The built-in agent desk: a queue ordered by priority then age, offers of new cases to available agents, the
 * chat-command desk for Teams and Web Chat, the actions the web console calls, and relaying both ways.
 *
 * A thin coordinator: the queue ({@link DeskQueue}), proactive sends ({@link DeskRelay}), agents' chats and
 * availability ({@link DeskAgentState}), offers ({@link DeskOffers}), case actions ({@link DeskActions}), chat
 * turns ({@link DeskAgentTurns}) and customer turns ({@link DeskCustomerSide}) live in their own files. They are
 * built here from the options, so the composition root creates a single desk from one options object.
 */
export class AgentDesk {
  readonly actions: DeskActions;
  readonly agentState: DeskAgentState;
  readonly offers: DeskOffers;
  readonly log: CaseLog;
  private readonly deskQueue: DeskQueue;
  private readonly relay: DeskRelay;
  private readonly customers: DeskCustomerSide;
  private readonly agentTurns: DeskAgentTurns;
  private readonly sweeper: PeriodicTask<void>;

  constructor(options: AgentDeskOptions) {
    const { cases, agents, text } = options;
    // Read the clock on every use (not once here) so tests can move time after building the desk.
    const now = (): Date => options.now?.() ?? new Date();
    const agentDirectory =
      options.agentDirectory ?? (() => agents.list().map((a) => ({ id: a.id, name: a.name })));
    const teams = options.teams ?? (() => []);
    const queue = new DeskQueue(cases);
    const relay = new DeskRelay({
      cases,
      agents,
      messenger: options.messenger,
      log: options.log,
      text,
      logger: options.logger,
      now,
      organisation: options.organisation,
      conversationLang: options.conversationLang,
      agentsConversation: options.agentsConversation,
      agentsLang: options.agentsLang,
    });
    const agentState = new DeskAgentState({
      cases,
      agents,
      now,
      ...(options.spoken ? { spoken: options.spoken } : {}),
    });
    const offers = new DeskOffers({
      repo: options.offers,
      cases,
      agentState,
      teamMembers: (teamId) => teams().find((t) => t.id === teamId)?.members,
      // The chat hears of an offer; the console sees it through the offers repository.
      announce: async (agentId, c, seconds) => {
        await relay.toAgent(agentId, (lang) => ({
          type: 'message',
          text: text(lang, 'desk.agent.offered', { id: c.id, organisation: c.organisationName, seconds }),
          attachments: [offerCard(c, lang, text, seconds)],
        }));
      },
      now,
      ...(options.offerMs ? { offerMs: options.offerMs } : {}),
    });
    this.deskQueue = queue;
    this.relay = relay;
    this.agentState = agentState;
    this.offers = offers;
    this.log = options.log;
    this.customers = new DeskCustomerSide({
      cases,
      queue,
      relay,
      agentState,
      offers,
      text,
      now,
      person: options.person,
      organisation: options.organisation,
      log: options.log,
      vocabulary: options.vocabulary,
      identifySims: options.identifySims,
      checkSims: options.checkSims,
      interpretEvidence: options.interpretEvidence,
      answerHowTo: options.answerHowTo,
      languageAsked: options.languageAsked,
      describeSims: options.describeSims,
    });
    this.actions = new DeskActions({
      cases,
      relay,
      agentState,
      offers,
      queue,
      log: options.log,
      text,
      now,
      organisation: options.organisation,
      person: options.person,
      agentName: (id) => agentDirectory().find((a) => a.id === id)?.name,
      teams,
      offerFollowUp: options.offerFollowUp,
      enqueue: (caseId, reason) => this.enqueue(caseId, undefined, reason),
    });
    this.agentTurns = new DeskAgentTurns({
      actions: this.actions,
      agentState,
      queue,
      offers,
      text,
      organisation: options.organisation,
      person: options.person,
      agentDirectory,
      teams,
      vocabulary: options.vocabulary,
    });
    this.sweeper = new PeriodicTask(
      () => offers.sweep(queue.queue()),
      options.sweepMs ?? 5000,
      (err) => options.logger.warn({ err }, 'AgentDesk: offer sweep failed'),
    );
  }

  /** Start moving lapsed offers on. */
  async start(): Promise<void> {
    await this.sweeper.start();
  }

  async stop(): Promise<void> {
    await this.sweeper.stop();
  }

  /** The language the customer of `c` is written to in (their latest in that conversation). */
  customerLang(c: Case): Lang {
    return this.relay.customerLang(c);
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
  enqueue(caseId: string, context?: TurnContext, reason?: HandoffReason, detail?: string): Promise<number> {
    return this.customers.enqueue(caseId, context, reason, detail);
  }

  /**
   * A customer message while their case is handed off: relayed to the agent who has it, appended to
   * the case while it waits (shown to the agent at pick-up), or — "back to the bot" — the case leaves
   * the queue and the bot takes over again.
   */
  handleCustomerTurnWhileHandedOff(c: Case, context: TurnContext): Promise<CustomerTurnOutcome> {
    return this.customers.handleTurnWhileHandedOff(c, context);
  }

  /** One turn from an agent in a chat: a command, or a message for the chat's active case. */
  handleAgentTurn(agent: DeskAgent, context: TurnContext): Promise<void> {
    return this.agentTurns.handle(agent, context);
  }
}
