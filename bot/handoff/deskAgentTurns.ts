import type { TurnContext } from 'botbuilder';
import type { Lang } from '../domain/language.js';
import type { Case } from '../cases/caseSchema.js';
import type { CaseOrganisation } from '../cases/caseService.js';
import type { TextFn, TextVars } from '../cases/texts.js';
import type { Vocabulary } from '../nlu/words/vocabulary.js';
import type { DeskTeam } from '../knowledgeBase/schemas/deskSchema.js';
import { parseAgentCommand, textForBot, type AgentCommand } from './agentCommands.js';
import { handoffCard, queueCard, workingCard } from './cards.js';
import { DeskError, type ActingAgent, type DeskActions, type TransferTarget } from './deskActions.js';
import type { DeskAgent, DeskAgentState } from './deskAgentState.js';
import type { DeskOffers } from './deskOffers.js';
import type { DeskQueue } from './deskQueue.js';
import { quoteCustomerText } from './relayText.js';

/** Dependencies of a {@link DeskAgentTurns}. */
export interface DeskAgentTurnsOptions {
  actions: DeskActions;
  agentState: DeskAgentState;
  queue: DeskQueue;
  offers: DeskOffers;
  text: TextFn;
  organisation?: (organisationId: string) => CaseOrganisation | undefined;
  person?: (userId: string) => string | undefined;
  /** The directory's agents (transfer targets and examples in the help). */
  agentDirectory: () => ReadonlyArray<{ id: string; name: string }>;
  teams: () => readonly DeskTeam[];
  /** The knowledge's word lists: the desk's command words (`agentCommand.*`). */
  vocabulary: () => Vocabulary;
}

/** One agent's chat turn, what it is about: who, in which chat, in which language. */
interface ChatTurn {
  agent: ActingAgent;
  lang: Lang;
  chat: string;
  context: TurnContext;
}

/**
 * The chat-command desk (Teams chats and channels, Web Chat): commands after an optional @mention, and plain
 * text for the chat's **active** case — at most one per agent and conversation. Plain text with no active case,
 * unknown commands and likely typos are answered, never sent to anyone. Every case-changing step is a
 * {@link DeskActions} call that names its case; nothing moves the agent to another case without saying so.
 */
export class DeskAgentTurns {
  constructor(private readonly options: DeskAgentTurnsOptions) {}

  /** One turn from an agent in a chat. */
  async handle(agent: DeskAgent, context: TurnContext): Promise<void> {
    const record = await this.options.agentState.remember(agent, context);
    const turn: ChatTurn = {
      agent: { id: record.id, name: record.name },
      lang: record.lang,
      chat: context.activity.conversation.id,
      context,
    };
    const text = textForBot(context.activity);
    const command = parseAgentCommand(this.options.vocabulary(), text, context.activity.value);
    try {
      if (command) await this.run(command, turn);
      else if (text) await this.toActive(turn, text);
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      await this.say(turn, ...this.refusal(error, turn));
    }
  }

  private async run(command: AgentCommand, turn: ChatTurn): Promise<void> {
    const { actions, agentState } = this.options;
    switch (command.kind) {
      case 'help':
        return this.say(turn, 'desk.agent.help', this.examples(turn));
      case 'usage':
        return this.say(turn, `desk.agent.usage.${command.command}`, this.examples(turn));
      case 'typo':
        return this.say(turn, 'desk.agent.typo', {
          word: command.word,
          command: command.suggestion,
          example: this.examples(turn).example,
        });
      case 'unknown':
        return this.say(turn, 'desk.agent.unknownCommand', { word: command.word });
      case 'queue':
        await turn.context.sendActivity({
          type: 'message',
          attachments: [
            queueCard(this.options.queue.queue(), turn.lang, this.options.text, (id) =>
              this.agentName(this.options.offers.offeredTo(id)),
            ),
          ],
        });
        return;
      case 'mine':
        return this.mine(turn);
      case 'availability':
        await agentState.setAvailability(turn.agent, command.availability);
        if (command.availability === 'away') await this.options.offers.withdraw(turn.agent.id);
        else await this.options.offers.sweep(this.options.queue.queue());
        return this.say(turn, `desk.agent.${command.availability}`);
      case 'decline': {
        const declined = await this.options.offers.decline(turn.agent.id, command.caseId);
        return this.say(turn, declined ? 'desk.agent.declined' : 'desk.agent.notOffered', {
          id: command.caseId,
        });
      }
      case 'pick_next': {
        const queue = this.options.queue.queue();
        const next = this.options.offers.nextFor(turn.agent.id, queue);
        if (!next)
          return this.say(turn, queue.length ? 'desk.agent.queueOnlyOffered' : 'desk.agent.queueEmpty');
        return this.pick(turn, next.id);
      }
      case 'pick':
        return this.pick(turn, command.caseId);
      case 'switch': {
        const c = actions.holding(turn.agent, command.caseId);
        const previous = await agentState.place(turn.agent.id, c.id, turn.chat, true);
        await this.say(turn, 'desk.agent.switchedTo', this.about(c));
        return this.onHold(turn, previous);
      }
      case 'send':
        return this.send(turn, command.caseId, command.text);
      case 'note': {
        const c = command.caseId ? actions.holding(turn.agent, command.caseId) : await this.active(turn);
        if (!c) return;
        await actions.note(turn.agent, c.id, command.text);
        return this.say(turn, 'desk.agent.noted', { id: c.id });
      }
      case 'resolve': {
        const c = command.caseId ? actions.holding(turn.agent, command.caseId) : await this.active(turn);
        if (!c) return;
        await actions.resolve(turn.agent, c.id, command.summary);
        await this.say(turn, 'desk.agent.resolved', { id: c.id });
        return this.left(turn, c);
      }
      case 'release': {
        const c = command.caseId ? actions.holding(turn.agent, command.caseId) : await this.active(turn);
        if (!c) return;
        const position = await actions.release(turn.agent, c.id);
        await this.say(turn, 'desk.agent.released', { id: c.id, position });
        return this.left(turn, c);
      }
      case 'handback': {
        const c = command.caseId ? actions.holding(turn.agent, command.caseId) : await this.active(turn);
        if (!c) return;
        await actions.handBack(turn.agent, c.id);
        await this.say(turn, 'desk.agent.handedBack', { id: c.id });
        return this.left(turn, c);
      }
      case 'transfer': {
        const c = command.caseId ? actions.holding(turn.agent, command.caseId) : await this.active(turn);
        if (!c) return;
        if (command.target === 'queue') {
          const position = await actions.release(turn.agent, c.id);
          await this.say(turn, 'desk.agent.released', { id: c.id, position });
          return this.left(turn, c);
        }
        const target = this.target(command.target.name);
        if (!target) throw new DeskError('unknown_target', command.target.name);
        const moved = await actions.transfer(turn.agent, c.id, target);
        const team =
          'teamId' in target ? this.options.teams().find((x) => x.id === target.teamId) : undefined;
        await this.say(turn, team ? 'desk.agent.transferredToTeam' : 'desk.agent.transferred', {
          id: c.id,
          agent: moved.to,
          team: team?.name[turn.lang] ?? moved.to,
        });
        return this.left(turn, c);
      }
    }
  }

  /** Plain text: to this chat's active case only; with none, nothing is sent and the agent is told why. */
  private async toActive(turn: ChatTurn, text: string): Promise<void> {
    const active = await this.active(turn);
    if (active) await this.send(turn, active.id, text);
  }

  /** Send to case `caseId` (which the agent must hold) and confirm naming the case and the customer. */
  private async send(turn: ChatTurn, caseId: string, text: string): Promise<void> {
    const { outcome, case: c } = await this.options.actions.reply(turn.agent, caseId, text);
    if (outcome.delivered) return this.say(turn, 'desk.agent.sentTo', this.about(c));
    return this.say(turn, 'desk.agent.notDelivered', { ...this.about(c), error: outcome.error });
  }

  private async pick(turn: ChatTurn, caseId: string): Promise<void> {
    const picked = await this.options.actions.pick(turn.agent, caseId, turn.chat);
    const previous = await this.options.agentState.place(turn.agent.id, picked.case.id, turn.chat, true);
    const c = picked.case;
    if (picked.already) {
      await this.say(turn, 'desk.agent.switchedTo', this.about(c));
      return this.onHold(turn, previous);
    }
    await turn.context.sendActivity({
      type: 'message',
      text: this.t(turn.lang, 'desk.agent.picked', this.about(c)),
      attachments: [
        handoffCard(c, this.options.organisation?.(c.organisationId), turn.lang, this.options.text),
        workingCard(c, turn.lang, this.options.text),
      ],
    });
    if (picked.waiting.length > 0) {
      await turn.context.sendActivity({
        type: 'message',
        textFormat: 'plain',
        text: this.t(turn.lang, 'desk.agent.whileWaiting', {
          messages: picked.waiting.map((e) => quoteCustomerText(e.text)).join('\n'),
        }),
      });
    }
    await this.onHold(turn, previous);
  }

  /** This chat's active case; without one, the agent is told (with the cases they hold) and gets undefined. */
  private async active(turn: ChatTurn): Promise<Case | undefined> {
    const active = this.options.agentState.activeCase(turn.agent.id, turn.chat);
    if (active) return active;
    const held = this.options.agentState.held(turn.agent.id);
    if (held.length === 0) await this.say(turn, 'desk.agent.noActiveCase');
    else
      await this.say(turn, 'desk.agent.noActiveCaseHolding', {
        cases: held.map((c) => this.label(c)).join('; '),
        example: held[0]?.id ?? '',
      });
    return undefined;
  }

  /** After a case left the agent: when it was active here, say that nothing is active now (never switch silently). */
  private async left(turn: ChatTurn, c: Case): Promise<void> {
    const stillActive = this.options.agentState.activeCase(turn.agent.id, turn.chat);
    if (stillActive && stillActive.id !== c.id) return;
    await this.options.agentState.clearActive(turn.agent.id, turn.chat);
    const held = this.options.agentState.held(turn.agent.id);
    if (held.length > 0)
      await this.say(turn, 'desk.agent.stillHolding', {
        cases: held.map((x) => this.label(x)).join('; '),
        example: held[0]?.id ?? '',
      });
  }

  /** The case that went on hold when another became active here. */
  private async onHold(turn: ChatTurn, previous: string | undefined): Promise<void> {
    const c = previous ? this.options.agentState.holding(turn.agent.id, previous) : undefined;
    if (c) await this.say(turn, 'desk.agent.onHold', { ...this.about(c), previous: c.id });
  }

  private async mine(turn: ChatTurn): Promise<void> {
    const held = this.options.agentState.held(turn.agent.id);
    if (held.length === 0) return this.say(turn, 'desk.agent.mineEmpty');
    const active = this.options.agentState.activeCase(turn.agent.id, turn.chat)?.id;
    const lines = held.map((c) => {
      const where = this.options.agentState.chatOf(turn.agent.id, c.id);
      const state =
        c.id === active ? 'active' : where === turn.chat ? 'onHold' : where ? 'otherChat' : 'console';
      return `${this.t(turn.lang, `desk.agent.mine.${state}`)} · ${this.label(c)} · ${c.priority.level}`;
    });
    await turn.context.sendActivity({
      type: 'message',
      textFormat: 'plain',
      text: this.t(turn.lang, 'desk.agent.mine', { lines: lines.join('\n') }),
    });
  }

  /** An agent (by id or name) or a team (by id or name in any language). */
  private target(name: string): TransferTarget | undefined {
    const folded = name.toLowerCase();
    const agent = this.options
      .agentDirectory()
      .find((a) => a.id.toLowerCase() === folded || a.name.toLowerCase().split(/\s+/)[0] === folded);
    if (agent) return { agentId: agent.id };
    const team = this.options
      .teams()
      .find((x) => x.id === folded || Object.values(x.name).some((n) => n.toLowerCase() === folded));
    return team ? { teamId: team.id } : undefined;
  }

  private refusal(error: DeskError, turn: ChatTurn): [string, TextVars] {
    switch (error.code) {
      case 'not_found':
        return ['desk.agent.notFound', { id: error.caseId }];
      case 'not_yours':
        return ['desk.agent.notYours', { id: error.caseId }];
      case 'taken':
        return ['desk.agent.takenBy', { id: error.caseId, agent: this.agentName(error.holder) }];
      case 'not_pickable':
      case 'not_mergeable':
        return ['desk.agent.notPickable', { id: error.caseId }];
      case 'unknown_target':
        return [
          'desk.agent.unknownAgent',
          {
            agent: error.caseId,
            agents: this.options
              .agentDirectory()
              .filter((a) => a.id !== turn.agent.id)
              .map((a) => a.id)
              .join(', '),
            teams: this.options
              .teams()
              .map((x) => x.id)
              .join(', '),
          },
        ];
    }
  }

  /** Real values for the examples of help and usage texts: a case the agent could name, a colleague. */
  private examples(turn: ChatTurn): TextVars {
    const example =
      this.options.agentState.held(turn.agent.id)[0]?.id ?? this.options.queue.queue()[0]?.id ?? 'CS-10001';
    const colleague = this.options.agentDirectory().find((a) => a.id !== turn.agent.id)?.id ?? 'demo-agent-2';
    const team = this.options.teams()[0]?.id ?? 'network';
    return { example, colleague, team };
  }

  private about(c: Case): TextVars {
    return this.options.actions.about(c);
  }

  private label(c: Case): string {
    const about = this.about(c);
    return `${c.id} (${about['customer']}, ${about['organisation']})`;
  }

  private agentName(agentId: string | undefined): string {
    if (!agentId) return '';
    return this.options.agentDirectory().find((a) => a.id === agentId)?.name ?? agentId;
  }

  private async say(turn: ChatTurn, key: string, vars?: TextVars): Promise<void> {
    await turn.context.sendActivity(this.t(turn.lang, key, vars));
  }

  private t(lang: Lang, key: string, vars?: TextVars): string {
    return this.options.text(lang, key, vars);
  }
}
