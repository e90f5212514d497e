import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { Lang } from '../domain/language.js';
import type { Case, StoredReference } from '../cases/caseSchema.js';
import type { CaseOrganisation, CaseService } from '../cases/caseService.js';
import type { TextFn } from '../cases/texts.js';
import type { Repository } from '../storage/repository.js';
import type { CaseLog, CaseLogEntry, NewCaseLogEntry } from './caseLog.js';
import { handoffCard } from './cards.js';
import type { DeskAgentRecord } from './deskAgents.js';
import {
  deliverReporting,
  textActivity,
  toNewMessageReference,
  type DeliveringMessenger,
  type DeliveryOutcome,
} from './messenger.js';

/** Dependencies of a {@link DeskRelay}. */
export interface DeskRelayOptions {
  cases: CaseService;
  agents: Repository<DeskAgentRecord>;
  messenger: DeliveringMessenger;
  log: CaseLog;
  text: TextFn;
  logger: Logger;
  now: () => Date;
  organisation?: (organisationId: string) => CaseOrganisation | undefined;
  /** The customer's latest language in the case's conversation, when known (else the case's). */
  conversationLang?: (reference: StoredReference) => Lang | undefined;
  agentsConversation?: StoredReference;
  agentsLang?: Lang;
}

/** What the customer was sent, as recorded on the case's log, and how its delivery went. */
export interface Told {
  entry: CaseLogEntry;
  outcome: DeliveryOutcome;
}

/**
 * Proactive sends of the desk. Every send to a customer names its case by id and goes to the conversation stored
 * on that case, read at the moment of sending — there is no "current case" here. Every send reports whether the
 * channel took it; a refusal is recorded on the case (timeline) and on the line of its log.
 */
export class DeskRelay {
  constructor(private readonly options: DeskRelayOptions) {}

  /** The language the customer of `c` is written to in: their latest in that conversation, else the case's. */
  customerLang(c: Case): Lang {
    return (c.conversation && this.options.conversationLang?.(c.conversation)) || c.lang;
  }

  /**
   * Send to the customer of case `caseId`: `build` makes the activities from the case (as stored now) and the
   * customer's language. Undelivered messages are recorded on the case; the outcome is returned, never thrown.
   */
  async toCustomer(
    caseId: string,
    build: (c: Case, lang: Lang) => Partial<Activity>[],
    by = 'desk',
  ): Promise<DeliveryOutcome> {
    const c = this.options.cases.get(caseId);
    if (!c?.conversation) {
      this.options.logger.warn(
        { caseId },
        'AgentDesk: case has no customer conversation; message not delivered',
      );
      return { delivered: false, error: 'the case has no customer conversation', uncertain: false };
    }
    const outcome = await deliverReporting(
      this.options.messenger,
      toNewMessageReference(c.conversation),
      build(c, this.customerLang(c)),
    );
    if (!outcome.delivered) {
      this.options.logger.warn(
        { caseId, error: outcome.error },
        'AgentDesk: message to the customer not delivered',
      );
      await this.options.cases.change(caseId, 'delivery_failed', by, () => undefined, outcome.error);
    }
    return outcome;
  }

  /**
   * Tell the customer of `caseId` something and keep it on the case's log with its delivery state: `line` is
   * what the log shows, `build` the activities (given the customer's language).
   */
  async tell(
    caseId: string,
    line: (lang: Lang) => NewCaseLogEntry,
    build: (c: Case, lang: Lang) => Partial<Activity>[],
    by = 'desk',
  ): Promise<Told | undefined> {
    const c = this.options.cases.get(caseId);
    if (!c) return undefined;
    const lang = this.customerLang(c);
    const [entry] = await this.options.log.append(caseId, [
      { ...line(lang), delivery: { state: 'sent', at: this.options.now().toISOString() } },
    ]);
    if (!entry) return undefined;
    const outcome = await this.toCustomer(caseId, build, by);
    const delivery = outcome.delivered
      ? { state: 'delivered' as const, at: this.options.now().toISOString() }
      : { state: 'failed' as const, at: this.options.now().toISOString(), error: outcome.error };
    await this.options.log.setDelivery(caseId, entry.id, delivery);
    return { entry: { ...entry, delivery }, outcome };
  }

  /**
   * Send to one of the agent's chat conversations (`conversationId`), or their most recent one. False when the
   * agent has no such chat or the channel refused.
   */
  async toAgent(
    agentId: string,
    build: (lang: Lang) => string | Partial<Activity>,
    conversationId?: string,
  ): Promise<boolean> {
    const record = this.options.agents.get(agentId);
    const reference = conversationId ? record?.chats[conversationId]?.reference : record?.reference;
    if (!record || !reference) {
      this.options.logger.debug({ agentId }, 'AgentDesk: agent has no chat conversation; not relayed there');
      return false;
    }
    const built = build(record.lang);
    const outcome = await deliverReporting(this.options.messenger, toNewMessageReference(reference), [
      typeof built === 'string' ? textActivity(built) : built,
    ]);
    if (!outcome.delivered)
      this.options.logger.warn(
        { agentId, error: outcome.error },
        'AgentDesk: message to the agent not delivered',
      );
    return outcome.delivered;
  }

  /** Post a newly queued case's handoff card to the agents' conversation, when one is configured. */
  async postToAgents(c: Case): Promise<void> {
    const ref = this.options.agentsConversation;
    if (!ref) return;
    const lang = this.options.agentsLang ?? 'en';
    // The queue is the source of truth; a failed notification must not fail the customer's handoff.
    const outcome = await deliverReporting(this.options.messenger, toNewMessageReference(ref), [
      {
        type: 'message',
        text: this.options.text(lang, 'desk.agent.newInQueue', { id: c.id, level: c.priority.level }),
        attachments: [handoffCard(c, this.options.organisation?.(c.organisationId), lang, this.options.text)],
      },
    ]);
    if (!outcome.delivered)
      this.options.logger.warn(
        { caseId: c.id, error: outcome.error },
        'AgentDesk: could not post handoff card to agents conversation',
      );
  }
}
