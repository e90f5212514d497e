import { z } from 'zod';
import { BusMessageTooLargeError, type ClusterBus } from '../storage/clusterBus.js';
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

/** What a watcher of the log is told (also what crosses the cluster bus, checked on arrival). */
export const caseLogEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('appended'), caseId: z.string(), entries: z.array(caseLogEntrySchema) }),
  z.object({
    kind: z.literal('delivery'),
    caseId: z.string(),
    entryId: z.string(),
    delivery: deliverySchema,
  }),
]);
export type CaseLogEvent = z.infer<typeof caseLogEventSchema>;

/** The cluster bus channel on which every instance announces the lines it appended. */
export const CASE_LOG_CHANNEL = 'caselog';

/** Options of a {@link CaseLog}. */
export interface CaseLogOptions {
  now?: () => Date;
  /** Lines kept per case (default {@link CASE_LOG_LIMIT}). */
  limit?: number;
  /**
   * The cluster bus: appends and delivery changes made on any instance reach the watchers of every instance (an
   * agent's console held by another instance than the customer's conversation sees its lines live).
   */
  bus?: ClusterBus;
  /** Told when an announcement could not be published (the write itself succeeded). */
  onPublishError?: (err: unknown) => void;
}

/** Lines a case keeps; the oldest are dropped (and counted) beyond this. */
export const CASE_LOG_LIMIT = 2000;

/**
 * The full conversation of each case — customer, bot, agents and desk events, with the delivery state of
 * every message a person sent — one document per case in an async keyed store. The case record keeps only
 * its last lines (for the handoff card); this is what the agent console shows.
 */
export class CaseLog {
  private readonly watchers = new Set<(event: CaseLogEvent) => void>();
  private readonly now: () => Date;
  private readonly limit: number;
  private readonly unsubscribe: (() => void) | undefined;

  constructor(
    private readonly docs: KeyedDocuments<CaseLogDoc>,
    private readonly options: CaseLogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.limit = options.limit ?? CASE_LOG_LIMIT;
    // Other instances' lines: told to this instance's watchers as if appended here (this one's are told at once).
    this.unsubscribe = options.bus?.subscribe(CASE_LOG_CHANNEL, (message, meta) => {
      if (meta.local) return;
      const event = caseLogEventSchema.safeParse(message);
      if (event.success) this.tell(event.data);
    });
  }

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

  /** Remove the case's log (its case was withdrawn: nothing of it is kept). */
  async remove(caseId: string): Promise<void> {
    await this.docs.replace(caseId, () => undefined);
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

  /** Stop hearing other instances' lines. */
  close(): void {
    this.unsubscribe?.();
  }

  private emit(event: CaseLogEvent): void {
    this.tell(event);
    const bus = this.options.bus;
    if (!bus) return;
    const announce = (message: CaseLogEvent): Promise<void> => bus.publish(CASE_LOG_CHANNEL, message);
    announce(event)
      .catch((err: unknown) =>
        // Lines too long for one notification: the other instances re-read the case (an empty append).
        err instanceof BusMessageTooLargeError
          ? announce({ kind: 'appended', caseId: event.caseId, entries: [] })
          : Promise.reject(err),
      )
      .catch((err: unknown) => this.options.onPublishError?.(err));
  }

  private tell(event: CaseLogEvent): void {
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
