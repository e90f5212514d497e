import { z } from 'zod';
import type { Case } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';
import type { CaseLog, CaseLogEntry, Delivery } from '../handoff/caseLog.js';
import type { DeskAgentRecord } from '../handoff/deskAgents.js';
import type { DeskOffer } from '../handoff/deskOffers.js';
import type { ClusterBus } from '../storage/clusterBus.js';
import type { Repository } from '../storage/repository.js';

/** The cluster bus channel on which an instance says that the customer of a case is typing. */
export const TYPING_CHANNEL = 'console.typing';
const typingSchema = z.object({ caseId: z.string() });

/** What the console is told, live. */
export type ConsoleEvent =
  /** The queue changed: read it again. */
  | { type: 'queue' }
  /** A case the agent may have open changed: read it again. */
  | { type: 'case'; id: string }
  /** A new line in a case's conversation. */
  | { type: 'message'; caseId: string; entry: CaseLogEntry }
  | { type: 'delivery'; caseId: string; entryId: string; delivery: Delivery }
  /** The customer of a case is typing. */
  | { type: 'typing'; caseId: string }
  /** Offers changed (a case offered to someone, declined, lapsed). */
  | { type: 'offers' }
  /** An agent's availability or chats changed. */
  | { type: 'agents' };

/** Where the events come from. */
export interface ConsoleEventSources {
  cases: CaseService;
  log: CaseLog;
  offers: Repository<DeskOffer>;
  agents: Repository<DeskAgentRecord>;
  /**
   * The cluster bus, for what the store does not carry: "the customer is typing" seen by the instance that holds
   * the customer's conversation reaches agents whose console is held by another. (Case, queue, offer and agent
   * changes come from the repositories, kept current on every instance; case log lines from the log's own bus.)
   */
  bus?: ClusterBus;
}

type Listener = (event: ConsoleEvent) => void;

/**
 * Turns the store's change events (repositories' `onChange`, the case log's watchers) into what each signed-in
 * agent's console must hear: queue and offer changes for all, case and conversation events only for cases that
 * are queued or are (or were just) theirs.
 */
export class ConsoleEvents {
  private readonly listeners = new Map<Listener, string>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly sources: ConsoleEventSources) {
    if (sources.bus)
      this.unsubscribe.push(
        sources.bus.subscribe(TYPING_CHANNEL, (message) => {
          const typing = typingSchema.safeParse(message);
          const c = typing.success ? sources.cases.get(typing.data.caseId) : undefined;
          if (c) this.emit({ type: 'typing', caseId: c.id }, (agentId) => concerns(agentId, c));
        }),
      );
    this.unsubscribe.push(
      sources.cases.onChange((id, next, previous) => {
        const queueChanged = next?.status === 'queued' || previous?.status === 'queued';
        if (queueChanged) this.emit({ type: 'queue' });
        this.emit({ type: 'case', id }, (agentId) => concerns(agentId, next) || concerns(agentId, previous));
      }),
      sources.log.watch((event) => {
        const c = sources.cases.get(event.caseId);
        const visible = (agentId: string): boolean => concerns(agentId, c);
        if (event.kind === 'delivery')
          this.emit(
            { type: 'delivery', caseId: event.caseId, entryId: event.entryId, delivery: event.delivery },
            visible,
          );
        else if (event.entries.length === 0) this.emit({ type: 'case', id: event.caseId }, visible);
        else
          for (const entry of event.entries)
            this.emit({ type: 'message', caseId: event.caseId, entry }, visible);
      }),
      sources.offers.onChange(() => this.emit({ type: 'offers' })),
      sources.agents.onChange(() => this.emit({ type: 'agents' })),
    );
  }

  /** Hear the events meant for `agentId`; returns the unsubscribe function. */
  subscribe(agentId: string, listener: Listener): () => void {
    this.listeners.set(listener, agentId);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The customer of `c` is typing (from the customer's channel). */
  customerTyping(c: Case): void {
    // On the bus every instance hears it, this one included; without a bus only this one.
    if (this.sources.bus)
      this.sources.bus.publish(TYPING_CHANNEL, { caseId: c.id }).catch(() => {
        // Typing is a hint: a lost one is not worth a retry.
      });
    else this.emit({ type: 'typing', caseId: c.id }, (agentId) => concerns(agentId, c));
  }

  /** Stop listening to the sources. */
  close(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.listeners.clear();
  }

  private emit(event: ConsoleEvent, to: (agentId: string) => boolean = () => true): void {
    for (const [listener, agentId] of [...this.listeners]) {
      if (!to(agentId)) continue;
      try {
        listener(event);
      } catch {
        // A broken connection is cleaned up by its own close handler.
      }
    }
  }
}

/** A case an agent's console cares about: waiting for anyone, or theirs. */
function concerns(agentId: string, c: Case | undefined): boolean {
  return c !== undefined && (c.status === 'queued' || c.assignedAgentId === agentId);
}
