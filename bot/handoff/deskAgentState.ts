import { TurnContext } from 'botbuilder';
import { langFromLocale, type Lang } from '../domain/language.js';
import type { Case, StoredReference } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';
import type { TextFn } from '../cases/texts.js';
import type { Repository } from '../storage/repository.js';
import type { DeskAgentRecord } from './deskAgents.js';
import type { DeskRelay } from './deskRelay.js';

/** Who is speaking on the agent side. */
export interface DeskAgent {
  id: string;
  name?: string;
  lang?: Lang;
}

/** Dependencies of a {@link DeskAgentState}. */
export interface DeskAgentStateOptions {
  cases: CaseService;
  agents: Repository<DeskAgentRecord>;
  relay: DeskRelay;
  text: TextFn;
  now: () => Date;
}

/**
 * Each agent's stored record and which of their cases is active — the one their plain messages are
 * relayed to.
 */
export class DeskAgentState {
  constructor(private readonly options: DeskAgentStateOptions) {}

  /** Store the agent's name, language and conversation reference from this turn; returns the record. */
  async remember(agent: DeskAgent, context: TurnContext): Promise<DeskAgentRecord> {
    const reference = TurnContext.getConversationReference(context.activity) as StoredReference;
    return this.options.agents.update(agent.id, (current) => ({
      id: agent.id,
      name: agent.name ?? current?.name ?? agent.id,
      lang: agent.lang ?? langFromLocale(context.activity.locale) ?? current?.lang ?? 'en',
      reference,
      ...(current?.activeCaseId ? { activeCaseId: current.activeCaseId } : {}),
      updatedAt: this.options.now().toISOString(),
    }));
  }

  /** The agent's active case, else the most recently updated case they hold. */
  activeCase(agent: DeskAgentRecord): Case | undefined {
    const active = agent.activeCaseId ? this.options.cases.get(agent.activeCaseId) : undefined;
    if (active && active.status === 'with_agent' && active.assignedAgentId === agent.id) return active;
    return this.options.cases
      .assignedTo(agent.id)
      .filter((c) => c.status === 'with_agent')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  }

  /** The named case when the agent holds it, or their active case when no id is given. */
  caseFor(agent: DeskAgentRecord, caseId: string | undefined): Case | undefined {
    if (!caseId) return this.activeCase(agent);
    const c = this.options.cases.get(caseId);
    return c && c.assignedAgentId === agent.id && c.status === 'with_agent' ? c : undefined;
  }

  /** Make `caseId` the agent's active case (`fallback` seeds the record if it vanished meanwhile). */
  async setActive(agentId: string, fallback: DeskAgentRecord, caseId: string): Promise<void> {
    await this.options.agents.update(agentId, (a) => ({ ...(a ?? fallback), activeCaseId: caseId }));
  }

  /** Forget the agent's active case, but only when it is still `caseId`. */
  async clearActive(agentId: string, caseId: string): Promise<void> {
    const record = this.options.agents.get(agentId);
    if (!record || record.activeCaseId !== caseId) return;
    await this.options.agents.update(agentId, (a) => {
      const next = { ...(a ?? record) };
      delete next.activeCaseId;
      return next;
    });
  }

  /**
   * After the agent's active case left them: when they still hold other cases, make the most recent one
   * explicitly active and say so — their next message must not go to a customer they did not expect.
   */
  async tellNextActive(agentId: string, context?: TurnContext): Promise<void> {
    const record = this.options.agents.get(agentId);
    if (!record || record.activeCaseId) return;
    const next = this.activeCase(record);
    if (!next) return;
    await this.setActive(agentId, record, next.id);
    const message = this.options.text(record.lang, 'desk.agent.stillHolding', { id: next.id });
    if (context) await context.sendActivity(message);
    else await this.options.relay.toAgent(agentId, () => message);
  }
}
