import type { Activity } from 'botbuilder';
import type { Lang } from '../domain/language.js';
import type { Case, TranscriptEntry } from '../cases/caseSchema.js';
import { CaseConflictError, type CaseOrganisation, type CaseService } from '../cases/caseService.js';
import type { TextFn, TextVars } from '../cases/texts.js';
import type { DeskTeam } from '../knowledgeBase/schemas/deskSchema.js';
import type { CaseLog } from './caseLog.js';
import { handoffCard } from './cards.js';
import type { DeskAgentState } from './deskAgentState.js';
import type { DeskOffers } from './deskOffers.js';
import type { DeskQueue } from './deskQueue.js';
import type { DeskRelay, Told } from './deskRelay.js';
import type { DeliveryOutcome, FirstlineChannelData } from './messenger.js';
import { firstName } from './relayText.js';
import type { HandoffReason } from './triggers.js';

/** The agent doing something. */
export interface ActingAgent {
  id: string;
  name: string;
}

/** Why a desk action was refused. */
export type DeskErrorCode =
  'not_found' | 'not_yours' | 'taken' | 'not_pickable' | 'unknown_target' | 'not_mergeable';

/** A desk action that cannot be done (the case is not theirs, is taken, …); `holder` names who has it. */
export class DeskError extends Error {
  constructor(
    readonly code: DeskErrorCode,
    readonly caseId: string,
    readonly holder?: string,
  ) {
    super(`AgentDesk: ${code} (${caseId}${holder ? `, with ${holder}` : ''})`);
    this.name = 'DeskError';
  }
}

/** Where a transfer goes: a named agent or a team. */
export type TransferTarget = { agentId: string } | { teamId: string };

/** Dependencies of {@link DeskActions}. */
export interface DeskActionsOptions {
  cases: CaseService;
  relay: DeskRelay;
  agentState: DeskAgentState;
  offers: DeskOffers;
  queue: DeskQueue;
  log: CaseLog;
  text: TextFn;
  now: () => Date;
  organisation?: (organisationId: string) => CaseOrganisation | undefined;
  /** A customer's name from the directory. */
  person?: (userId: string) => string | undefined;
  /** Agents in the directory (transfer targets), by id. */
  agentName: (agentId: string) => string | undefined;
  /** Teams (transfer targets), from the knowledge base. */
  teams: () => readonly DeskTeam[];
  /** Follow-up offer sent to the customer after resolution. */
  offerFollowUp?: (c: Case) => Partial<Activity>[];
  /** Puts a case in the queue and tells the customer their place (the desk's enqueue). */
  enqueue: (caseId: string, reason?: HandoffReason) => Promise<number>;
}

/** What a pick-up gave the agent. */
export interface Picked {
  case: Case;
  /** Already theirs: nothing changed. */
  already: boolean;
  /** What the customer added while waiting. */
  waiting: TranscriptEntry[];
}

/**
 * Everything an agent can do to a case, each naming the case by id — the one path both the chat desk and the
 * console use. Actions on a case check that the agent holds it; agent text reaches only the conversation stored
 * on the case it names ({@link DeskActions.reply}). Status changes go through {@link CaseService}.
 */
export class DeskActions {
  constructor(private readonly options: DeskActionsOptions) {}

  /** Take a queued case (or a case being worked by nobody); `chat` = the chat conversation it is worked in. */
  async pick(agent: ActingAgent, caseId: string, chat?: string): Promise<Picked> {
    const { cases, agentState } = this.options;
    const c = cases.get(caseId);
    if (!c) throw new DeskError('not_found', caseId);
    if (c.status === 'with_agent' && c.assignedAgentId === agent.id)
      return { case: c, already: true, waiting: [] };
    if (c.status === 'with_agent' && c.assignedAgentId) throw new DeskError('taken', c.id, c.assignedAgentId);
    if (c.status === 'resolved' || c.status === 'closed') throw new DeskError('not_pickable', c.id);
    let picked: Case;
    try {
      picked = await cases.assign(c.id, agent.id);
    } catch (error) {
      if (!(error instanceof CaseConflictError)) throw error;
      throw new DeskError(error.holder ? 'taken' : 'not_pickable', c.id, error.holder);
    }
    await agentState.place(agent.id, c.id, chat, false);
    await this.options.offers.clear(c.id);
    // Strictly after queuing: entries stamped in the same millisecond were written before the queue step.
    const waiting = picked.transcript.filter(
      (e) => e.from === 'customer' && picked.queuedAt !== undefined && e.at > picked.queuedAt,
    );
    await this.event(picked.id, agent, 'agent_joined', (lang) =>
      this.t(lang, 'desk.customer.agentJoined', { agent: firstName(agent.name), id: c.id }),
    );
    return { case: picked, already: false, waiting };
  }

  /**
   * Send an agent's words to the customer of case `caseId` — the only way agent text reaches a customer. The
   * agent must hold that case; the message goes to the conversation stored on it, carries the agent's identity,
   * and is kept on the case's log with its delivery state.
   */
  async reply(agent: ActingAgent, caseId: string, text: string): Promise<Told & { case: Case }> {
    const c = this.holding(agent, caseId);
    await this.options.cases.appendTranscript(c.id, [{ from: 'agent', text }]);
    const told = await this.options.relay.tell(
      c.id,
      () => ({ from: 'agent', author: { id: agent.id, name: agent.name }, text }),
      (target, lang) => [this.agentMessage(target, agent, text, lang)],
      agent.id,
    );
    if (!told) throw new DeskError('not_found', caseId);
    return { ...told, case: c };
  }

  /** An internal note on a held case (never sent). */
  async note(agent: ActingAgent, caseId: string, text: string): Promise<Case> {
    const c = this.holding(agent, caseId);
    return this.options.cases.addNote(c.id, agent.id, text);
  }

  /** Show the customer of a held case that the agent is typing (where the channel shows it). */
  async typing(agent: ActingAgent, caseId: string): Promise<DeliveryOutcome> {
    const c = this.holding(agent, caseId);
    return this.options.relay.toCustomer(c.id, () => [{ type: 'typing' }], agent.id);
  }

  /** Resolve a held case: the customer is told (with the summary), offered a follow-up, and is back with the bot. */
  async resolve(agent: ActingAgent, caseId: string, summary?: string): Promise<Case> {
    const c = this.holding(agent, caseId);
    const resolved = await this.options.cases.resolve(c.id, agent.id, summary);
    await this.options.agentState.forget(agent.id, c.id);
    const name = firstName(agent.name);
    await this.options.relay.tell(
      c.id,
      (lang) => ({ from: 'system', kind: 'event', text: this.resolvedText(lang, name, c.id, summary) }),
      (target, lang) => [
        this.systemMessage(this.resolvedText(lang, name, c.id, summary), target.id, agent, 'agent_left'),
        this.systemMessage(
          this.t(lang, 'desk.customer.agentLeft', { agent: name }),
          target.id,
          agent,
          'agent_left',
        ),
        ...(this.options.offerFollowUp?.(resolved) ?? []),
      ],
      agent.id,
    );
    return resolved;
  }

  /** Give a held case back to the bot: the customer is told the agent left. */
  async handBack(agent: ActingAgent, caseId: string): Promise<Case> {
    const c = this.holding(agent, caseId);
    const back = await this.options.cases.returnToBot(c.id, agent.id, 'handed_back');
    await this.options.agentState.forget(agent.id, c.id);
    await this.event(c.id, agent, 'agent_left', (lang) =>
      this.t(lang, 'desk.customer.agentLeft', { agent: firstName(agent.name) }),
    );
    return back;
  }

  /** Put a held case back in the queue for anyone else; returns its position. */
  async release(agent: ActingAgent, caseId: string): Promise<number> {
    const c = this.holding(agent, caseId);
    await this.options.agentState.forget(agent.id, c.id);
    await this.options.offers.passedBy(c.id, agent.id);
    await this.event(c.id, agent, 'agent_left', (lang) =>
      this.t(lang, 'desk.customer.released', { agent: firstName(agent.name), id: c.id }),
    );
    return this.options.enqueue(c.id, c.handoffReason as HandoffReason | undefined);
  }

  /**
   * Transfer a held case to a named agent (it is theirs at once) or to a team (back in the queue, offered to the
   * team's available members first).
   */
  async transfer(
    agent: ActingAgent,
    caseId: string,
    target: TransferTarget,
  ): Promise<{ case: Case; to: string; position?: number }> {
    const c = this.holding(agent, caseId);
    const name = firstName(agent.name);
    if ('teamId' in target) {
      const team = this.options.teams().find((x) => x.id === target.teamId);
      if (!team) throw new DeskError('unknown_target', target.teamId);
      await this.options.agentState.forget(agent.id, c.id);
      await this.options.offers.routeToTeam(c.id, team.id, agent.id);
      await this.event(c.id, agent, 'agent_left', (lang) =>
        this.t(lang, 'desk.customer.transferredToTeam', { agent: name, id: c.id, team: team.name[lang] }),
      );
      const position = await this.options.enqueue(c.id, c.handoffReason as HandoffReason | undefined);
      return { case: this.options.cases.get(c.id) ?? c, to: team.name.en, position };
    }
    const targetName = this.options.agentName(target.agentId);
    if (!targetName || target.agentId === agent.id) throw new DeskError('unknown_target', target.agentId);
    const moved = await this.options.cases.assign(c.id, target.agentId, agent.id, { transfer: true });
    await this.options.agentState.forget(agent.id, c.id);
    const targetChat = this.options.agentState.record(target.agentId)?.reference?.conversation?.id;
    await this.options.agentState.place(target.agentId, c.id, targetChat, false);
    await this.event(c.id, { id: target.agentId, name: targetName }, 'agent_joined', (lang) =>
      this.t(lang, 'desk.customer.transferred', { previous: name, agent: firstName(targetName), id: c.id }),
    );
    if (targetChat) {
      // In the chat it is on hold (the agent may be in the middle of another case); the console shows it anyway.
      await this.options.relay.toAgent(
        target.agentId,
        (lang) => ({
          type: 'message',
          text: this.t(lang, 'desk.agent.transferredToYou', { ...this.about(moved), agent: agent.name }),
          attachments: [
            handoffCard(moved, this.options.organisation?.(moved.organisationId), lang, this.options.text),
          ],
        }),
        targetChat,
      );
    }
    return { case: moved, to: targetName };
  }

  /**
   * Merge `duplicateId` into the held case `targetId` (same organisation, the duplicate still open and not with
   * another agent): its transcript, notes, SIMs, findings and checks are folded into the target, its
   * conversation log too, and it is closed as a duplicate that names the target.
   */
  async merge(agent: ActingAgent, targetId: string, duplicateId: string): Promise<Case> {
    const { cases } = this.options;
    const target = this.holding(agent, targetId);
    const dup = cases.get(duplicateId);
    if (!dup || dup.organisationId !== target.organisationId) throw new DeskError('not_found', duplicateId);
    if (dup.id === target.id || dup.status === 'resolved' || dup.status === 'closed')
      throw new DeskError('not_mergeable', dup.id);
    if (dup.status === 'with_agent' && dup.assignedAgentId && dup.assignedAgentId !== agent.id)
      throw new DeskError('taken', dup.id, dup.assignedAgentId);
    const merged = await cases.change(
      target.id,
      'merged',
      agent.id,
      (c) => {
        c.transcript = [...c.transcript, ...dup.transcript]
          .sort((a, b) => a.at.localeCompare(b.at))
          .slice(-50);
        c.notes = [...c.notes, ...dup.notes].sort((a, b) => a.at.localeCompare(b.at));
        for (const sim of dup.sims) if (!c.sims.includes(sim)) c.sims.push(sim);
        c.affectedCount = Math.max(c.affectedCount, dup.affectedCount, c.sims.length);
        for (const f of dup.findings)
          if (!c.findings.some((x) => x.code === f.code && x.iccid === f.iccid)) c.findings.push(f);
        for (const check of dup.checksDone) if (!c.checksDone.includes(check)) c.checksDone.push(check);
        for (const line of dup.checkReport)
          if (!c.checkReport.some((x) => x.en === line.en)) c.checkReport.push(line);
      },
      `from ${dup.id}`,
    );
    await this.options.log.fold(target.id, dup.id);
    await cases.change(
      dup.id,
      'merged_into',
      agent.id,
      (c) => {
        c.mergedInto = target.id;
      },
      target.id,
    );
    if (dup.assignedAgentId) await this.options.agentState.forget(dup.assignedAgentId, dup.id);
    await this.options.offers.clear(dup.id);
    await cases.close(dup.id, agent.id, `duplicate of ${target.id}`);
    if (dup.conversation && dup.conversation.conversation?.id !== target.conversation?.conversation?.id) {
      await this.event(dup.id, agent, 'agent_left', (lang) =>
        this.t(lang, 'desk.customer.mergedInto', { duplicate: dup.id, id: target.id }),
      );
    }
    return merged;
  }

  /** Case id, customer and organisation: how the desk names a case to agents. */
  about(c: Case): TextVars {
    return {
      id: c.id,
      customer: this.options.person?.(c.contactUserId) ?? c.contactUserId,
      organisation: this.options.organisation?.(c.organisationId)?.name ?? c.organisationName,
    };
  }

  /** The case when `agent` holds it; otherwise a {@link DeskError} (`not_found` or `not_yours`). */
  holding(agent: ActingAgent, caseId: string): Case {
    const c = this.options.cases.get(caseId);
    if (!c) throw new DeskError('not_found', caseId);
    if (c.status !== 'with_agent' || c.assignedAgentId !== agent.id)
      throw new DeskError('not_yours', c.id, c.status === 'with_agent' ? c.assignedAgentId : undefined);
    return c;
  }

  /** Tell the customer of `caseId` a desk event (joined, left, transferred), kept on the case's log. */
  private async event(
    caseId: string,
    agent: ActingAgent,
    kind: FirstlineChannelData['kind'],
    text: (lang: Lang) => string,
  ): Promise<void> {
    await this.options.relay.tell(
      caseId,
      (lang) => ({ from: 'system', kind: 'event', text: text(lang) }),
      (c, lang) => [this.systemMessage(text(lang), c.id, agent, kind)],
      agent.id,
    );
  }

  /** A message from the agent as contracts.md defines it (the messenger shows the agent as its sender). */
  private agentMessage(c: Case, agent: ActingAgent, text: string, lang: Lang): Partial<Activity> {
    // Teams always shows the bot as the sender: there the text names the agent.
    const shown =
      c.conversation?.channelId === 'msteams'
        ? this.t(lang, 'desk.customer.fromAgent', { agent: agent.name, text })
        : text;
    return {
      type: 'message',
      text: shown,
      from: { id: `agent:${agent.id}`, name: agent.name },
      channelData: {
        firstline: { kind: 'agent', agentId: agent.id, agentName: agent.name, caseId: c.id },
      },
    };
  }

  private systemMessage(
    text: string,
    caseId: string,
    agent: ActingAgent,
    kind: FirstlineChannelData['kind'],
  ): Partial<Activity> {
    return {
      type: 'message',
      text,
      channelData: { firstline: { kind, agentId: agent.id, agentName: agent.name, caseId } },
    };
  }

  private resolvedText(lang: Lang, agent: string, id: string, summary?: string): string {
    return summary
      ? this.t(lang, 'desk.customer.resolvedWithSummary', {
          id,
          agent,
          summary: summary.replace(/[\s.]+$/, ''),
        })
      : this.t(lang, 'desk.customer.resolved', { id, agent });
  }

  private t(lang: Lang, key: string, vars?: TextVars): string {
    return this.options.text(lang, key, vars);
  }
}
