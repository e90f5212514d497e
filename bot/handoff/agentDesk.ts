import { TurnContext, type Activity } from 'botbuilder';
import type { Logger } from 'pino';
import { langFromLocale, type Lang } from '../domain/language.js';
import type { Case, StoredReference } from '../cases/caseSchema.js';
import { CaseConflictError, type CaseOrganisation, type CaseService } from '../cases/caseService.js';
import type { TextFn, TextVars } from '../cases/texts.js';
import type { Repository } from '../storage/repository.js';
import { parseAgentCommand, wantsBackToBot, type AgentCommand } from './agentCommands.js';
import { handoffCard, queueCard, workingCard } from './cards.js';
import type { DeskAgentRecord } from './deskAgents.js';
import { textActivity, toReference, type Messenger } from './messenger.js';
import type { HandoffReason } from './triggers.js';

/** Who is speaking on the agent side. */
export interface DeskAgent {
  id: string;
  name?: string;
  lang?: Lang;
}

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

/** What happened to a customer's message while their case is handed off. */
export type CustomerTurnOutcome = 'relayed' | 'queued_note' | 'back_to_bot';

/**
 * The built-in agent desk: a queue ordered by priority then age, agent commands (text in English or
 * Spanish, or card buttons), and relaying both ways with proactive messages on stored references.
 */
export class AgentDesk {
  constructor(private readonly options: AgentDeskOptions) {}

  /** Cases waiting for an agent on this desk, by priority (score) then time queued. */
  queue(): Case[] {
    return this.options.cases
      .withStatus('queued')
      .filter((c) => c.handoffChannel !== 'contact_centre')
      .sort(queueOrder);
  }

  /**
   * 1-based position of the case in the queue, or undefined when it is not queued. Counts the cases
   * ahead in one pass instead of sorting the whole queue: customers ask for it on every message.
   */
  positionOf(caseId: string): number | undefined {
    const target = this.options.cases.get(caseId);
    if (!target || target.status !== 'queued' || target.handoffChannel === 'contact_centre') return undefined;
    let ahead = 0;
    for (const c of this.options.cases.withStatus('queued')) {
      if (c.id !== caseId && c.handoffChannel !== 'contact_centre' && queueOrder(c, target) < 0) ahead += 1;
    }
    return ahead + 1;
  }

  /** The customer conversation's case while it is with the desk (queued or with an agent). */
  handedOffCase(conversationId: string): Case | undefined {
    const c = this.options.cases.findActiveByConversation(conversationId);
    return c && (c.status === 'queued' || c.status === 'with_agent') && c.handoffChannel !== 'contact_centre'
      ? c
      : undefined;
  }

  /**
   * Put the case in the queue and tell the customer their position — in the turn when `context` is the
   * customer's turn (its reference is stored for later relays), otherwise proactively. Posts the
   * handoff card to the agents' conversation when one is configured. Returns the position.
   */
  async enqueue(caseId: string, context?: TurnContext, reason?: HandoffReason): Promise<number> {
    const { cases } = this.options;
    const reference = context
      ? (TurnContext.getConversationReference(context.activity) as StoredReference)
      : undefined;
    const queued = await cases.change(
      caseId,
      'status:queued',
      'bot',
      (c) => {
        c.status = 'queued';
        c.handoffChannel = 'desk';
        c.queuedAt = this.now().toISOString();
        c.everHandedOff = true;
        delete c.assignedAgentId;
        if (reason) c.handoffReason = reason;
        if (reference) c.conversation = reference;
      },
      reason,
    );
    const position = this.positionOf(caseId) ?? 1;
    const message = textActivity(this.t(queued.lang, 'desk.customer.queued', { position, id: caseId }));
    if (context) await context.sendActivity(message);
    else await this.toCustomer(queued, [message]);
    await this.postToAgents(queued);
    return position;
  }

  /**
   * A customer message while their case is handed off: relayed to the agent who has it, appended to
   * the case while it waits (shown to the agent at pick-up), or — "back to the bot" — the case leaves
   * the queue and the bot takes over again.
   */
  async handleCustomerTurnWhileHandedOff(c: Case, context: TurnContext): Promise<CustomerTurnOutcome> {
    const { cases } = this.options;
    const text = context.activity.text?.trim() ?? '';
    if (wantsBackToBot(text, context.activity.value)) {
      const agentId = c.status === 'with_agent' ? c.assignedAgentId : undefined;
      await cases.change(c.id, 'back_to_bot', c.contactUserId, (x) => {
        x.status = 'open';
        delete x.assignedAgentId;
        delete x.handoffChannel;
      });
      if (agentId) {
        await this.clearActive(agentId, c.id);
        await this.toAgent(agentId, (lang) => this.t(lang, 'desk.agent.customerLeft', { id: c.id }));
        await this.tellNextActive(agentId);
      }
      await context.sendActivity(this.t(c.lang, 'desk.customer.backToBot', { id: c.id }));
      return 'back_to_bot';
    }
    if (text) await cases.appendTranscript(c.id, [{ from: 'customer', text }]);
    if (c.status === 'with_agent' && c.assignedAgentId) {
      const delivered = await this.toAgent(c.assignedAgentId, () => `[${c.id}] ${c.contactUserId}: ${text}`);
      if (delivered) return 'relayed';
    }
    const position = this.positionOf(c.id);
    await context.sendActivity(
      position === undefined
        ? this.t(c.lang, 'desk.customer.detailAddedForAgent', { id: c.id })
        : this.t(c.lang, 'desk.customer.detailAdded', { position, id: c.id }),
    );
    return 'queued_note';
  }

  /** One turn from an agent: a command, or a message to relay to the customer of their active case. */
  async handleAgentTurn(agent: DeskAgent, context: TurnContext): Promise<void> {
    const record = await this.rememberAgent(agent, context);
    const command = parseAgentCommand(context.activity.text, context.activity.value);
    const lang = record.lang;
    if (!command) {
      const active = this.activeCase(record);
      if (!active) {
        await context.sendActivity(this.t(lang, 'desk.agent.noActiveCase'));
        return;
      }
      const text = context.activity.text?.trim() ?? '';
      if (!text) return;
      await this.options.cases.appendTranscript(active.id, [{ from: 'agent', text }]);
      await this.toCustomer(active, [
        textActivity(this.t(active.lang, 'desk.customer.fromAgent', { agent: record.name, text })),
      ]);
      return;
    }
    await this.run(command, record, context);
  }

  private async run(command: AgentCommand, agent: DeskAgentRecord, context: TurnContext): Promise<void> {
    const lang = agent.lang;
    const reply = async (key: string, vars?: TextVars): Promise<void> => {
      await context.sendActivity(this.t(lang, key, vars));
    };
    switch (command.kind) {
      case 'help':
        return reply('desk.agent.help');
      case 'usage':
        return reply(`desk.agent.usage.${command.command}`);
      case 'queue': {
        await context.sendActivity({
          type: 'message',
          attachments: [queueCard(this.queue(), lang, this.options.text)],
        });
        return;
      }
      case 'pick_next': {
        const next = this.queue()[0];
        if (!next) return reply('desk.agent.queueEmpty');
        return this.pick(agent, next.id, context);
      }
      case 'pick':
        return this.pick(agent, command.caseId, context);
      case 'note': {
        const active = this.activeCase(agent);
        if (!active) return reply('desk.agent.noActiveCase');
        await this.options.cases.addNote(active.id, agent.id, command.text);
        return reply('desk.agent.noted', { id: active.id });
      }
      case 'transfer': {
        const c = this.caseFor(agent, command.caseId);
        if (!c) return reply('desk.agent.noActiveCase');
        if (command.target === 'queue') return this.release(agent, c, context);
        return this.transfer(agent, c, command.target.agentId, context);
      }
      case 'release': {
        const c = this.caseFor(agent, command.caseId);
        if (!c) return reply('desk.agent.noActiveCase');
        return this.release(agent, c, context);
      }
      case 'resolve': {
        const c = this.caseFor(agent, command.caseId);
        if (!c) return reply('desk.agent.noActiveCase');
        return this.resolve(agent, c, context, command.summary);
      }
    }
  }

  private async pick(agent: DeskAgentRecord, caseId: string, context: TurnContext): Promise<void> {
    const { cases } = this.options;
    const c = cases.get(caseId);
    if (!c) {
      await context.sendActivity(this.t(agent.lang, 'desk.agent.notFound', { id: caseId }));
      return;
    }
    if (c.status === 'with_agent' && c.assignedAgentId && c.assignedAgentId !== agent.id) {
      await context.sendActivity(
        this.t(agent.lang, 'desk.agent.takenBy', { id: c.id, agent: c.assignedAgentId }),
      );
      return;
    }
    if (c.status === 'resolved' || c.status === 'closed') {
      await context.sendActivity(this.t(agent.lang, 'desk.agent.notPickable', { id: c.id }));
      return;
    }
    if (c.status === 'with_agent' && c.assignedAgentId === agent.id) {
      // Already theirs: "pick" switches which customer their messages go to.
      await this.options.agents.update(agent.id, (a) => ({ ...(a ?? agent), activeCaseId: c.id }));
      await context.sendActivity({
        type: 'message',
        text: this.t(agent.lang, 'desk.agent.switchedTo', { id: c.id }),
        attachments: [workingCard(c, agent.lang, this.options.text)],
      });
      return;
    }
    const previous = this.activeCase(agent);
    let picked: Case;
    try {
      picked = await cases.assign(c.id, agent.id);
    } catch (error) {
      if (!(error instanceof CaseConflictError)) throw error;
      await context.sendActivity(
        error.holder
          ? this.t(agent.lang, 'desk.agent.takenBy', { id: c.id, agent: error.holder })
          : this.t(agent.lang, 'desk.agent.notPickable', { id: c.id }),
      );
      return;
    }
    await this.options.agents.update(agent.id, (a) => ({ ...(a ?? agent), activeCaseId: c.id }));
    // Strictly after queuing: entries stamped in the same millisecond were written before the queue step.
    const waitingNotes = picked.transcript.filter(
      (e) => e.from === 'customer' && picked.queuedAt !== undefined && e.at > picked.queuedAt,
    );
    await context.sendActivity({
      type: 'message',
      text: this.t(agent.lang, 'desk.agent.picked', { id: c.id }),
      attachments: [
        handoffCard(
          picked,
          this.options.organisation?.(picked.organisationId),
          agent.lang,
          this.options.text,
        ),
        workingCard(picked, agent.lang, this.options.text),
      ],
    });
    if (waitingNotes.length > 0) {
      await context.sendActivity(
        this.t(agent.lang, 'desk.agent.whileWaiting', {
          messages: waitingNotes.map((e) => `> ${e.text}`).join('\n'),
        }),
      );
    }
    if (previous && previous.id !== c.id) {
      await context.sendActivity(
        this.t(agent.lang, 'desk.agent.switched', { id: c.id, previous: previous.id }),
      );
    }
    await this.toCustomer(picked, [
      textActivity(this.t(picked.lang, 'desk.customer.agentJoined', { agent: agent.name, id: c.id })),
    ]);
  }

  private async release(agent: DeskAgentRecord, c: Case, context: TurnContext): Promise<void> {
    await this.clearActive(agent.id, c.id);
    await this.enqueue(c.id, undefined, c.handoffReason as HandoffReason | undefined);
    await context.sendActivity(
      this.t(agent.lang, 'desk.agent.released', { id: c.id, position: this.positionOf(c.id) ?? 1 }),
    );
    await this.tellNextActive(agent.id, context);
  }

  private async transfer(
    agent: DeskAgentRecord,
    c: Case,
    targetId: string,
    context: TurnContext,
  ): Promise<void> {
    const target = this.options.agents.get(targetId);
    if (!target) {
      await context.sendActivity(this.t(agent.lang, 'desk.agent.unknownAgent', { agent: targetId }));
      return;
    }
    const moved = await this.options.cases.assign(c.id, targetId, agent.id, { transfer: true });
    await this.clearActive(agent.id, c.id);
    await this.options.agents.update(targetId, (a) => ({ ...(a ?? target), activeCaseId: c.id }));
    await this.toAgent(targetId, (lang) => ({
      type: 'message',
      text: this.t(lang, 'desk.agent.transferredToYou', { id: c.id, agent: agent.name }),
      attachments: [
        handoffCard(moved, this.options.organisation?.(moved.organisationId), lang, this.options.text),
      ],
    }));
    await this.toCustomer(moved, [
      textActivity(this.t(moved.lang, 'desk.customer.transferred', { id: c.id, agent: target.name })),
    ]);
    await context.sendActivity(
      this.t(agent.lang, 'desk.agent.transferred', { id: c.id, agent: target.name }),
    );
    await this.tellNextActive(agent.id, context);
  }

  private async resolve(
    agent: DeskAgentRecord,
    c: Case,
    context: TurnContext,
    summary?: string,
  ): Promise<void> {
    const resolved = await this.options.cases.change(
      c.id,
      'resolved',
      agent.id,
      (x) => {
        x.status = 'resolved';
        x.resolvedAt = this.now().toISOString();
        delete x.handoffChannel;
      },
      summary,
    );
    await this.clearActive(agent.id, c.id);
    await this.toCustomer(resolved, [
      textActivity(
        summary
          ? this.t(resolved.lang, 'desk.customer.resolvedWithSummary', {
              id: c.id,
              agent: agent.name,
              summary: summary.replace(/[\s.]+$/, ''),
            })
          : this.t(resolved.lang, 'desk.customer.resolved', { id: c.id, agent: agent.name }),
      ),
      ...(this.options.offerFollowUp?.(resolved) ?? []),
    ]);
    await context.sendActivity(this.t(agent.lang, 'desk.agent.resolved', { id: c.id }));
    await this.tellNextActive(agent.id, context);
  }

  /**
   * After the agent's active case left them: when they still hold other cases, make the most recent one
   * explicitly active and say so — their next message must not go to a customer they did not expect.
   */
  private async tellNextActive(agentId: string, context?: TurnContext): Promise<void> {
    const record = this.options.agents.get(agentId);
    if (!record || record.activeCaseId) return;
    const next = this.activeCase(record);
    if (!next) return;
    await this.options.agents.update(agentId, (a) => ({ ...(a ?? record), activeCaseId: next.id }));
    const message = this.t(record.lang, 'desk.agent.stillHolding', { id: next.id });
    if (context) await context.sendActivity(message);
    else await this.toAgent(agentId, () => message);
  }

  private activeCase(agent: DeskAgentRecord): Case | undefined {
    const active = agent.activeCaseId ? this.options.cases.get(agent.activeCaseId) : undefined;
    if (active && active.status === 'with_agent' && active.assignedAgentId === agent.id) return active;
    return this.options.cases
      .assignedTo(agent.id)
      .filter((c) => c.status === 'with_agent')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  }

  private caseFor(agent: DeskAgentRecord, caseId: string | undefined): Case | undefined {
    if (!caseId) return this.activeCase(agent);
    const c = this.options.cases.get(caseId);
    return c && c.assignedAgentId === agent.id && c.status === 'with_agent' ? c : undefined;
  }

  private async rememberAgent(agent: DeskAgent, context: TurnContext): Promise<DeskAgentRecord> {
    const reference = TurnContext.getConversationReference(context.activity) as StoredReference;
    return this.options.agents.update(agent.id, (current) => ({
      id: agent.id,
      name: agent.name ?? current?.name ?? agent.id,
      lang: agent.lang ?? langFromLocale(context.activity.locale) ?? current?.lang ?? 'en',
      reference,
      ...(current?.activeCaseId ? { activeCaseId: current.activeCaseId } : {}),
      updatedAt: this.now().toISOString(),
    }));
  }

  private async clearActive(agentId: string, caseId: string): Promise<void> {
    const record = this.options.agents.get(agentId);
    if (!record || record.activeCaseId !== caseId) return;
    await this.options.agents.update(agentId, (a) => {
      const next = { ...(a ?? record) };
      delete next.activeCaseId;
      return next;
    });
  }

  private async toCustomer(c: Case, activities: Partial<Activity>[]): Promise<void> {
    if (!c.conversation) {
      this.options.logger.warn(
        { caseId: c.id },
        'AgentDesk: case has no customer conversation; message not delivered',
      );
      return;
    }
    await this.options.messenger.send(toReference(c.conversation), activities);
  }

  /** Send to an agent's own conversation; false when the agent never talked to the bot. */
  private async toAgent(
    agentId: string,
    build: (lang: Lang) => string | Partial<Activity>,
  ): Promise<boolean> {
    const record = this.options.agents.get(agentId);
    if (!record) {
      this.options.logger.warn(
        { agentId },
        'AgentDesk: agent has no stored conversation; message not delivered',
      );
      return false;
    }
    const built = build(record.lang);
    await this.options.messenger.send(toReference(record.reference), [
      typeof built === 'string' ? textActivity(built) : built,
    ]);
    return true;
  }

  private async postToAgents(c: Case): Promise<void> {
    const ref = this.options.agentsConversation;
    if (!ref) return;
    const lang = this.options.agentsLang ?? 'en';
    try {
      await this.options.messenger.send(toReference(ref), [
        {
          type: 'message',
          text: this.t(lang, 'desk.agent.newInQueue', { id: c.id, level: c.priority.level }),
          attachments: [
            handoffCard(c, this.options.organisation?.(c.organisationId), lang, this.options.text),
          ],
        },
      ]);
    } catch (err) {
      // The queue is the source of truth; a failed notification must not fail the customer's handoff.
      this.options.logger.warn(
        { err, caseId: c.id },
        'AgentDesk: could not post handoff card to agents conversation',
      );
    }
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private t(lang: Lang, key: string, vars?: TextVars): string {
    return this.options.text(lang, key, vars);
  }
}

/** Queue order: higher priority score first, then longest waiting, then case id (stable). */
function queueOrder(a: Case, b: Case): number {
  return (
    b.priority.score - a.priority.score ||
    compareText(a.queuedAt ?? a.createdAt, b.queuedAt ?? b.createdAt) ||
    compareText(a.id, b.id)
  );
}

/** Plain code-unit order: ISO timestamps and case ids need no locale rules (and localeCompare is slow). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
