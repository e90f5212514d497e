import { z } from 'zod';
import type { KeyedDocuments } from '../storage/keyedDocuments.js';

/** How a message to the customer fared: accepted by Firstline, accepted by the channel, or refused. */
export const DELIVERY_STATES = ['sent', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const deliverySchema = z.object({
  state: z.enum(DELIVERY_STATES),
  at: z.string(),
  /** Why it failed, in words an agent can act on ("the channel answered 404"). */
  error: z.string().optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** One line of a case's conversation: what the customer, the bot or an agent said, or a desk event. */
export const caseLogEntrySchema = z.object({
  /** `<caseId>#<n>`, unique within the log (a merged case keeps the ids of both). */
  id: z.string().min(1),
  at: z.string(),
  from: z.enum(['customer', 'bot', 'agent', 'system']),
  /** The person behind an agent or customer line. */
  author: z.object({ id: z.string(), name: z.string() }).optional(),
  text: z.string(),
  /** `message`: said in the conversation; `event`: a desk event (joined, left, transferred, merged). */
  kind: z.enum(['message', 'event']).default('message'),
  /** Messages to the customer sent by a person: how their delivery went. */
  delivery: deliverySchema.optional(),
  /** Set on lines folded in from a merged duplicate. */
  fromCase: z.string().optional(),
});
export type CaseLogEntry = z.infer<typeof caseLogEntrySchema>;

export const caseLogSchema = z.object({
  caseId: z.string(),
  /** Last entry number handed out. */
  seq: z.number().int().min(0),
  /** Lines dropped from the front once the log outgrew its limit. */
  dropped: z.number().int().min(0).default(0),
  entries: z.array(caseLogEntrySchema),
});
export type CaseLogDoc = z.infer<typeof caseLogSchema>;

/** A line to append; the log stamps `id` (and `at` when not given). */
export type NewCaseLogEntry = Omit<CaseLogEntry, 'id' | 'at' | 'kind'> & {
  at?: string;
  kind?: CaseLogEntry['kind'];
};

/**
 * Async keyed documents (lowdb's `DocumentStore`, PostgreSQL's `PgDocuments`): a log is read and changed one
 * case at a time, never kept in memory as a whole collection.
 */
export type { KeyedDocuments };

/** What a watcher of the log is told. */
export type CaseLogEvent =
  | { kind: 'appended'; caseId: string; entries: CaseLogEntry[] }
  | { kind: 'delivery'; caseId: string; entryId: string; delivery: Delivery };

/** Lines a case keeps; the oldest are dropped (and counted) beyond this. */
export const CASE_LOG_LIMIT = 2000;

/**
 * The full conversation of each case — customer, bot, agents and desk events, with the delivery state of
 * every message a person sent — one document per case in an async keyed store. The case record keeps only
 * its last lines (for the handoff card); this is what the agent console shows.
 */
export class CaseLog {
  private readonly watchers = new Set<(event: CaseLogEvent) => void>();

  constructor(
    private readonly docs: KeyedDocuments<CaseLogDoc>,
    private readonly now: () => Date = () => new Date(),
    private readonly limit = CASE_LOG_LIMIT,
  ) {}

  /** The case's log (an empty one when nothing was recorded yet). */
  async read(caseId: string): Promise<CaseLogDoc> {
    const env = await this.docs.get(caseId);
    return env ? caseLogSchema.parse(env.data) : empty(caseId);
  }

  /** Append lines in order; returns them as stored (with ids). */
  async append(caseId: string, entries: readonly NewCaseLogEntry[]): Promise<CaseLogEntry[]> {
    if (entries.length === 0) return [];
    const at = this.now().toISOString();
    let added: CaseLogEntry[] = [];
    await this.docs.update(caseId, (current) => {
      const doc = current ? caseLogSchema.parse(current.data) : empty(caseId);
      added = entries.map((e, i) => ({
        ...e,
        kind: e.kind ?? 'message',
        at: e.at ?? at,
        id: `${caseId}#${doc.seq + i + 1}`,
      }));
      return trim({ ...doc, seq: doc.seq + entries.length, entries: [...doc.entries, ...added] }, this.limit);
    });
    this.emit({ kind: 'appended', caseId, entries: added });
    return added;
  }

  /** Record how the delivery of one line went. */
  async setDelivery(caseId: string, entryId: string, delivery: Delivery): Promise<void> {
    await this.docs.update(caseId, (current) => {
      const doc = current ? caseLogSchema.parse(current.data) : empty(caseId);
      return {
        ...doc,
        entries: doc.entries.map((e) => (e.id === entryId ? { ...e, delivery } : e)),
      };
    });
    this.emit({ kind: 'delivery', caseId, entryId, delivery });
  }

  /** Fold the log of `sourceId` into `targetId` in time order (lines keep their ids and say where they came from). */
  async fold(targetId: string, sourceId: string): Promise<void> {
    const source = await this.read(sourceId);
    if (source.entries.length === 0) return;
    await this.docs.update(targetId, (current) => {
      const doc = current ? caseLogSchema.parse(current.data) : empty(targetId);
      const folded = source.entries.map((e) => ({ ...e, fromCase: e.fromCase ?? sourceId }));
      const entries = [...doc.entries, ...folded].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      return trim({ ...doc, entries, dropped: doc.dropped + source.dropped }, this.limit);
    });
    this.emit({ kind: 'appended', caseId: targetId, entries: [] });
  }

  /** Watch appends and delivery changes made through this log; returns the unsubscribe function. */
  watch(watcher: (event: CaseLogEvent) => void): () => void {
    this.watchers.add(watcher);
    return () => {
      this.watchers.delete(watcher);
    };
  }

  private emit(event: CaseLogEvent): void {
    for (const watcher of [...this.watchers]) {
      try {
        watcher(event);
      } catch {
        // A watcher's failure must not fail the write that already happened.
      }
    }
  }
}

function empty(caseId: string): CaseLogDoc {
  return { caseId, seq: 0, dropped: 0, entries: [] };
}

function trim(doc: CaseLogDoc, limit: number): CaseLogDoc {
  const over = doc.entries.length - limit;
  return over > 0 ? { ...doc, entries: doc.entries.slice(over), dropped: doc.dropped + over } : doc;
}
