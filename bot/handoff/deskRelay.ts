import type { Activity } from 'botbuilder';
import type { Lang } from '../domain/language.js';
import type { Case } from '../cases/caseSchema.js';
import type { AgentDeskOptions } from './agentDesk.js';
import { handoffCard } from './cards.js';
import { textActivity, toReference } from './messenger.js';

/** Dependencies of a {@link DeskRelay}: the agent desk's own options, minus what relaying does not use. */
export type DeskRelayOptions = Pick<
  AgentDeskOptions,
  'agents' | 'messenger' | 'text' | 'logger' | 'organisation' | 'agentsConversation' | 'agentsLang'
>;

/**
 * Proactive sends for the desk: to a case's customer, to an agent's own conversation, and to the
 * agents' shared conversation. Undeliverable messages are logged, not thrown: the case state has
 * already changed and is the source of truth.
 */
export class DeskRelay {
  constructor(private readonly options: DeskRelayOptions) {}

  /** Send to the case's customer conversation (logged and skipped when the case has none). */
  async toCustomer(c: Case, activities: Partial<Activity>[]): Promise<void> {
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
  async toAgent(agentId: string, build: (lang: Lang) => string | Partial<Activity>): Promise<boolean> {
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

  /** Post a newly queued case's handoff card to the agents' conversation, when one is configured. */
  async postToAgents(c: Case): Promise<void> {
    const ref = this.options.agentsConversation;
    if (!ref) return;
    const lang = this.options.agentsLang ?? 'en';
    try {
      await this.options.messenger.send(toReference(ref), [
        {
          type: 'message',
          text: this.options.text(lang, 'desk.agent.newInQueue', { id: c.id, level: c.priority.level }),
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
}
