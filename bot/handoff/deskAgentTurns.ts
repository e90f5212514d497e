import type { Activity, TurnContext } from 'botbuilder';
import type { Lang } from '../domain/language.js';
import type { Case } from '../cases/caseSchema.js';
import { CaseConflictError, type CaseOrganisation, type CaseService } from '../cases/caseService.js';
import type { TextFn, TextVars } from '../cases/texts.js';
import type { Repository } from '../storage/repository.js';
import { parseAgentCommand, type AgentCommand } from './agentCommands.js';
import { handoffCard, queueCard, workingCard } from './cards.js';
import type { DeskAgentRecord } from './deskAgents.js';
import type { DeskAgent, DeskAgentState } from './deskAgentState.js';
import type { DeskQueue } from './deskQueue.js';
import type { DeskRelay } from './deskRelay.js';
import { textActivity } from './messenger.js';
import type { HandoffReason } from './triggers.js';

/** Dependencies of a {@link DeskAgentTurns}. */
export interface DeskAgentTurnsOptions {
  cases: CaseService;
  agents: Repository<DeskAgentRecord>;
  queue: DeskQueue;
  relay: DeskRelay;
  agentState: DeskAgentState;
  text: TextFn;
  now: () => Date;
  organisation?: (organisationId: string) => CaseOrganisation | undefined;
  offerFollowUp?: (c: Case) => Partial<Activity>[];
  /** Puts a released case back in the queue (the desk's own enqueue, so releasing notifies like queuing). */
  enqueue: (caseId: string, context?: TurnContext, reason?: HandoffReason) => Promise<number>;
}

/** The agent's side of the desk: commands (queue/pick/note/transfer/release/resolve) and plain replies. */
export class DeskAgentTurns {
  constructor(private readonly options: DeskAgentTurnsOptions) {}

  /** One turn from an agent: a command, or a message to relay to the customer of their active case. */
  async handle(agent: DeskAgent, context: TurnContext): Promise<void> {
    const record = await this.options.agentState.remember(agent, context);
    const command = parseAgentCommand(context.activity.text, context.activity.value);
    const lang = record.lang;
    if (!command) {
      const active = this.options.agentState.activeCase(record);
      if (!active) {
        await context.sendActivity(this.t(lang, 'desk.agent.noActiveCase'));
        return;
      }
      const text = context.activity.text?.trim() ?? '';
      if (!text) return;
      await this.options.cases.appendTranscript(active.id, [{ from: 'agent', text }]);
      await this.options.relay.toCustomer(active, [
        textActivity(this.t(active.lang, 'desk.customer.fromAgent', { agent: record.name, text })),
      ]);
      return;
    }
    await this.run(command, record, context);
  }

  private async run(command: AgentCommand, agent: DeskAgentRecord, context: TurnContext): Promise<void> {
    const { agentState } = this.options;
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
          attachments: [queueCard(this.options.queue.queue(), lang, this.options.text)],
        });
        return;
      }
      case 'pick_next': {
        const next = this.options.queue.queue()[0];
        if (!next) return reply('desk.agent.queueEmpty');
        return this.pick(agent, next.id, context);
      }
      case 'pick':
        return this.pick(agent, command.caseId, context);
      case 'note': {
        const active = agentState.activeCase(agent);
        if (!active) return reply('desk.agent.noActiveCase');
        await this.options.cases.addNote(active.id, agent.id, command.text);
        return reply('desk.agent.noted', { id: active.id });
      }
      case 'transfer': {
        const c = agentState.caseFor(agent, command.caseId);
        if (!c) return reply('desk.agent.noActiveCase');
        if (command.target === 'queue') return this.release(agent, c, context);
        return this.transfer(agent, c, command.target.agentId, context);
      }
      case 'release': {
        const c = agentState.caseFor(agent, command.caseId);
        if (!c) return reply('desk.agent.noActiveCase');
        return this.release(agent, c, context);
      }
      case 'resolve': {
        const c = agentState.caseFor(agent, command.caseId);
        if (!c) return reply('desk.agent.noActiveCase');
        return this.resolve(agent, c, context, command.summary);
      }
    }
  }

  private async pick(agent: DeskAgentRecord, caseId: string, context: TurnContext): Promise<void> {
    const { cases, agentState } = this.options;
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
      await agentState.setActive(agent.id, agent, c.id);
      await context.sendActivity({
        type: 'message',
        text: this.t(agent.lang, 'desk.agent.switchedTo', { id: c.id }),
        attachments: [workingCard(c, agent.lang, this.options.text)],
      });
      return;
    }
    const previous = agentState.activeCase(agent);
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
    await agentState.setActive(agent.id, agent, c.id);
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
    await this.options.relay.toCustomer(picked, [
      textActivity(this.t(picked.lang, 'desk.customer.agentJoined', { agent: agent.name, id: c.id })),
    ]);
  }

  private async release(agent: DeskAgentRecord, c: Case, context: TurnContext): Promise<void> {
    const { agentState } = this.options;
    await agentState.clearActive(agent.id, c.id);
    await this.options.enqueue(c.id, undefined, c.handoffReason as HandoffReason | undefined);
    await context.sendActivity(
      this.t(agent.lang, 'desk.agent.released', {
        id: c.id,
        position: this.options.queue.positionOf(c.id) ?? 1,
      }),
    );
    await agentState.tellNextActive(agent.id, context);
  }

  private async transfer(
    agent: DeskAgentRecord,
    c: Case,
    targetId: string,
    context: TurnContext,
  ): Promise<void> {
    const { agentState, relay } = this.options;
    const target = this.options.agents.get(targetId);
    if (!target) {
      await context.sendActivity(this.t(agent.lang, 'desk.agent.unknownAgent', { agent: targetId }));
      return;
    }
    const moved = await this.options.cases.assign(c.id, targetId, agent.id, { transfer: true });
    await agentState.clearActive(agent.id, c.id);
    await agentState.setActive(targetId, target, c.id);
    await relay.toAgent(targetId, (lang) => ({
      type: 'message',
      text: this.t(lang, 'desk.agent.transferredToYou', { id: c.id, agent: agent.name }),
      attachments: [
        handoffCard(moved, this.options.organisation?.(moved.organisationId), lang, this.options.text),
      ],
    }));
    await relay.toCustomer(moved, [
      textActivity(this.t(moved.lang, 'desk.customer.transferred', { id: c.id, agent: target.name })),
    ]);
    await context.sendActivity(
      this.t(agent.lang, 'desk.agent.transferred', { id: c.id, agent: target.name }),
    );
    await agentState.tellNextActive(agent.id, context);
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
        x.resolvedAt = this.options.now().toISOString();
        delete x.handoffChannel;
      },
      summary,
    );
    await this.options.agentState.clearActive(agent.id, c.id);
    await this.options.relay.toCustomer(resolved, [
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
    await this.options.agentState.tellNextActive(agent.id, context);
  }

  private t(lang: Lang, key: string, vars?: TextVars): string {
    return this.options.text(lang, key, vars);
  }
}
