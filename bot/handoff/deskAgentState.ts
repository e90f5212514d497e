import { TurnContext } from 'botbuilder';
import type { Lang, SpokenLanguages } from '../domain/language.js';
import type { Case, StoredReference } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';
import type { Repository } from '../storage/repository.js';
import type { Availability, DeskAgentRecord } from './deskAgents.js';

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
  now: () => Date;
  /** The languages spoken (`languages.json`): an agent's locale counts only when it names one of them. */
  spoken?: () => SpokenLanguages;
}

/**
 * Each agent's desk record: their chat conversations and which case is active in each (the one plain messages in
 * that chat go to), where each held case is worked, and whether they take new cases.
 */
export class DeskAgentState {
  constructor(private readonly options: DeskAgentStateOptions) {}

  /** The agent's record, if they ever used the desk. */
  record(agentId: string): DeskAgentRecord | undefined {
    return this.options.agents.get(agentId);
  }

  /** Every agent known to the desk. */
  all(): DeskAgentRecord[] {
    return this.options.agents.list();
  }

  /** Store the agent's name, language and this chat conversation from a chat turn; returns the record. */
  async remember(agent: DeskAgent, context: TurnContext): Promise<DeskAgentRecord> {
    const { activityId: _reply, ...reference } = TurnContext.getConversationReference(context.activity);
    const conversationId = context.activity.conversation.id;
    return this.options.agents.update(agent.id, (current) => {
      const base = this.base(agent, current, this.options.spoken?.().fromLocale(context.activity.locale));
      const chat = base.chats[conversationId];
      const chats = { ...base.chats, [conversationId]: { ...chat, reference: reference as StoredReference } };
      return {
        ...base,
        reference: reference as StoredReference,
        chats: bounded(chats, base.caseChats, conversationId),
      };
    });
  }

  /** Make sure the agent has a record (signing in to the console); returns it. */
  async ensure(agent: DeskAgent): Promise<DeskAgentRecord> {
    const current = this.record(agent.id);
    if (current && (!agent.name || current.name === agent.name)) return current;
    return this.options.agents.update(agent.id, (cur) => this.base(agent, cur));
  }

  /** Cases the agent holds, the longest held first. */
  held(agentId: string): Case[] {
    return this.options.cases
      .assignedTo(agentId)
      .filter((c) => c.status === 'with_agent')
      .sort((a, b) => (a.pickedAt ?? a.updatedAt).localeCompare(b.pickedAt ?? b.updatedAt));
  }

  /** The case when the agent holds it now. */
  holding(agentId: string, caseId: string): Case | undefined {
    const c = this.options.cases.get(caseId);
    return c && c.status === 'with_agent' && c.assignedAgentId === agentId ? c : undefined;
  }

  /** The case active in one chat conversation of the agent — only while they still hold it. */
  activeCase(agentId: string, conversationId: string): Case | undefined {
    const id = this.record(agentId)?.chats[conversationId]?.activeCaseId;
    return id ? this.holding(agentId, id) : undefined;
  }

  /** The chat conversation a held case is worked in, or undefined when it is worked in the console only. */
  chatOf(agentId: string, caseId: string): string | undefined {
    return this.record(agentId)?.caseChats[caseId];
  }

  /**
   * Work `caseId` in chat `conversationId` (undefined = in the console only); `active` also makes it the chat's
   * active case. Returns the case that was active there before, when another one.
   */
  async place(
    agentId: string,
    caseId: string,
    conversationId: string | undefined,
    active: boolean,
  ): Promise<string | undefined> {
    let previous: string | undefined;
    await this.options.agents.update(agentId, (current) => {
      const base = this.base({ id: agentId }, current);
      const caseChats = { ...base.caseChats };
      const chats = { ...base.chats };
      if (conversationId) caseChats[caseId] = conversationId;
      else delete caseChats[caseId];
      const chat = conversationId ? chats[conversationId] : undefined;
      if (conversationId && chat && active) {
        previous = chat.activeCaseId !== caseId ? chat.activeCaseId : undefined;
        chats[conversationId] = { ...chat, activeCaseId: caseId };
      }
      return { ...base, caseChats, chats };
    });
    return previous && this.holding(agentId, previous) ? previous : undefined;
  }

  /** No case is active in this chat any more. */
  async clearActive(agentId: string, conversationId: string): Promise<void> {
    const record = this.record(agentId);
    if (!record?.chats[conversationId]?.activeCaseId) return;
    await this.options.agents.update(agentId, (current) => {
      const base = this.base({ id: agentId }, current);
      const { activeCaseId: _gone, ...chat } = base.chats[conversationId] ?? { reference: {} };
      return { ...base, chats: { ...base.chats, [conversationId]: chat } };
    });
  }

  /** The case left the agent (resolved, transferred, back to the queue or the bot): forget it everywhere. */
  async forget(agentId: string, caseId: string): Promise<void> {
    const record = this.record(agentId);
    if (!record) return;
    const inChats = Object.values(record.chats).some((chat) => chat.activeCaseId === caseId);
    if (!inChats && !(caseId in record.caseChats)) return;
    await this.options.agents.update(agentId, (current) => {
      const base = this.base({ id: agentId }, current);
      const caseChats = { ...base.caseChats };
      delete caseChats[caseId];
      const chats = Object.fromEntries(
        Object.entries(base.chats).map(([id, chat]) => {
          if (chat.activeCaseId !== caseId) return [id, chat];
          const { activeCaseId: _gone, ...rest } = chat;
          return [id, rest];
        }),
      );
      return { ...base, caseChats, chats };
    });
  }

  /** Set whether the agent takes new cases. */
  async setAvailability(agent: DeskAgent, availability: Availability): Promise<DeskAgentRecord> {
    return this.options.agents.update(agent.id, (current) => ({
      ...this.base(agent, current),
      availability,
    }));
  }

  /** Set the language the desk speaks to the agent in (chat replies, the console's case texts). */
  async setLang(agent: DeskAgent, lang: Lang): Promise<DeskAgentRecord> {
    return this.options.agents.update(agent.id, (current) => ({ ...this.base(agent, current), lang }));
  }

  /** The record to update: the current one refreshed, or a new one (available, no chats). */
  private base(agent: DeskAgent, current: DeskAgentRecord | undefined, locale?: Lang): DeskAgentRecord {
    return {
      chats: {},
      caseChats: {},
      availability: 'available',
      ...current,
      id: agent.id,
      name: agent.name ?? current?.name ?? agent.id,
      lang: agent.lang ?? locale ?? current?.lang ?? this.options.spoken?.().fallback ?? 'en',
      updatedAt: this.options.now().toISOString(),
    };
  }
}

/** Chats an agent record keeps; beyond this, chats with no case in them are forgotten (oldest first). */
const MAX_CHATS = 20;

function bounded(
  chats: DeskAgentRecord['chats'],
  caseChats: DeskAgentRecord['caseChats'],
  current: string,
): DeskAgentRecord['chats'] {
  const ids = Object.keys(chats);
  if (ids.length <= MAX_CHATS) return chats;
  const inUse = new Set([current, ...Object.values(caseChats)]);
  const kept = { ...chats };
  for (const id of ids) {
    if (Object.keys(kept).length <= MAX_CHATS) break;
    if (!inUse.has(id) && !kept[id]?.activeCaseId) delete kept[id];
  }
  return kept;
}
