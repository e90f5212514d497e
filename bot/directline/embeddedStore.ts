import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { DocumentStore } from '../storage/documentStore.js';
import type { Journal } from '../storage/journal.js';
import { KeyedMutex } from '../storage/keyedMutex.js';
import { activityId, sequenceOf, withKnownReplyTo } from './activityIds.js';
import { ByteCache } from './byteCache.js';
import { SignalListeners } from './signalBus.js';
import {
  ConversationNotFoundError,
  DEFAULT_HISTORY_BYTES,
  type ActivityDraft,
  type ActivityPage,
  type ConversationInfo,
  type DirectLineStore,
  type PageLimits,
  type StreamActivity,
  type StreamSignal,
} from './store.js';

/** Options of the {@link EmbeddedDirectLineStore}. */
export interface EmbeddedDirectLineStoreOptions {
  /** Directory under DATA_DIR that holds the conversations (`conversations/`) and sealed pages (`pages/`). */
  dir: string;
  /** The DATA_DIR's journal (group commit); without it every write rewrites its file. */
  journal?: Journal;
  fsync?: boolean;
  /** Activity bytes kept per conversation (default 256 KiB). */
  historyBytes?: number;
  /** Size at which the newest activities are sealed into a page document (default 4 KiB). */
  pageBytes?: number;
  /** Bytes of parsed documents kept in memory (default 4 MiB). */
  cacheBytes?: number;
  logger?: Pick<Logger, 'warn'>;
  now?: () => number;
}

/** One stored activity with its sequence number and its JSON size. */
interface Entry {
  seq: number;
  bytes: number;
  activity: StreamActivity;
}

/** A sealed page: activities `first`..`last`, in its own document. */
interface PageRef {
  no: number;
  first: number;
  last: number;
  bytes: number;
}

/**
 * A conversation's head document: who it belongs to, the next sequence number, the list of sealed pages and
 * the newest activities (the tail). An append rewrites only this document (at most about `pageBytes` of
 * activities), and once in a while writes one sealed page.
 */
interface Head {
  conversation: ConversationInfo;
  started: boolean;
  nextSeq: number;
  updatedAt: number;
  pages: PageRef[];
  nextPage: number;
  tail: Entry[];
  tailBytes: number;
}

interface PageDoc {
  entries: Entry[];
}

/** Bytes a head document takes besides its activities (ids, counters, page list), for the cache's budget. */
const HEAD_OVERHEAD = 512;

/**
 * The embedded {@link DirectLineStore}: lowdb documents under DATA_DIR written through the shared journal,
 * like every other record of the embedded store. Memory is bounded by bytes: parsed documents live in a
 * {@link ByteCache}; the documents' own caches are kept small. Signals stay inside this process (one process
 * per DATA_DIR).
 */
export class EmbeddedDirectLineStore implements DirectLineStore {
  private readonly heads: DocumentStore<Head>;
  private readonly pages: DocumentStore<PageDoc>;
  private readonly cache: ByteCache<Head | PageDoc>;
  private readonly mutex = new KeyedMutex();
  private readonly listeners: SignalListeners;
  private readonly historyBytes: number;
  private readonly pageBytes: number;
  private readonly now: () => number;
  private readonly headsDir: string;

  constructor(options: EmbeddedDirectLineStoreOptions) {
    const documents = {
      fsync: options.fsync ?? true,
      cacheSize: 64,
      ...(options.journal ? { journal: options.journal } : {}),
    };
    this.headsDir = path.join(options.dir, 'conversations');
    this.heads = new DocumentStore<Head>(this.headsDir, documents);
    this.pages = new DocumentStore<PageDoc>(path.join(options.dir, 'pages'), documents);
    this.cache = new ByteCache(options.cacheBytes ?? 4 * 2 ** 20);
    this.listeners = new SignalListeners(options.logger);
    this.historyBytes = options.historyBytes ?? DEFAULT_HISTORY_BYTES;
    this.pageBytes = options.pageBytes ?? 4 * 1024;
    this.now = options.now ?? Date.now;
  }

  async ensureConversation(info: Omit<ConversationInfo, 'createdAt'>): Promise<ConversationInfo> {
    return this.mutex.run(info.id, async () => {
      const existing = await this.head(info.id);
      if (existing) return existing.conversation;
      const now = this.now();
      const head: Head = {
        conversation: { ...stripUndefined(info), createdAt: now },
        started: false,
        nextSeq: 0,
        updatedAt: now,
        pages: [],
        nextPage: 0,
        tail: [],
        tailBytes: 0,
      };
      await this.writeHead(head);
      return head.conversation;
    });
  }

  async conversation(id: string): Promise<ConversationInfo | undefined> {
    return (await this.head(id))?.conversation;
  }

  async markStarted(id: string): Promise<boolean> {
    return this.mutex.run(id, async () => {
      const head = await this.requireHead(id);
      if (head.started) return false;
      await this.writeHead({ ...head, started: true });
      return true;
    });
  }

  async append(id: string, draft: ActivityDraft, replaces?: string): Promise<StreamActivity> {
    const { stored, seq } = await this.mutex.run(id, async () => {
      const head = await this.requireHead(id);
      const seq = head.nextSeq;
      const stored = withKnownReplyTo(
        id,
        { ...draft, id: replaces ?? activityId(id, seq) },
        keptFrom(head),
        seq,
      );
      const bytes = Buffer.byteLength(JSON.stringify(stored));
      let tail = [...head.tail, { seq, bytes, activity: stored }];
      let tailBytes = head.tailBytes + bytes;
      let pages = head.pages;
      let nextPage = head.nextPage;
      if (tailBytes >= this.pageBytes) {
        // Sealed before the head lists it: a crash in between leaves an unlisted page the next seal overwrites.
        const sealed: PageDoc = { entries: tail };
        await this.pages.replace(pageKey(id, nextPage), () => sealed);
        this.cache.set(pageKey(id, nextPage), sealed, tailBytes);
        pages = [...pages, { no: nextPage, first: tail[0]?.seq ?? seq, last: seq, bytes: tailBytes }];
        nextPage += 1;
        tail = [];
        tailBytes = 0;
      }
      // Oldest pages go first; the newest activity always stays, even when it alone is over the budget.
      const doomed: PageRef[] = [];
      let kept = pages.reduce((sum, p) => sum + p.bytes, tailBytes);
      while (kept > this.historyBytes && pages.length > (tail.length === 0 ? 1 : 0)) {
        const [oldest, ...rest] = pages;
        if (!oldest) break;
        doomed.push(oldest);
        kept -= oldest.bytes;
        pages = rest;
      }
      await this.writeHead({
        ...head,
        nextSeq: seq + 1,
        updatedAt: this.now(),
        pages,
        nextPage,
        tail,
        tailBytes,
      });
      // Dropped once the head no longer lists them; a failure leaves an unlisted file, never a gap.
      for (const page of doomed) await this.deletePage(id, page.no);
      return { stored, seq };
    });
    this.listeners.emit({ kind: 'activity', conversationId: id, seq });
    return stored;
  }

  async holds(id: string, activityIdToFind: string): Promise<boolean> {
    const head = await this.head(id);
    const seq = sequenceOf(id, activityIdToFind);
    return head !== undefined && seq !== undefined && seq >= keptFrom(head) && seq < head.nextSeq;
  }

  async read(id: string, watermark: number | undefined, limits: PageLimits): Promise<ActivityPage> {
    const head = await this.requireHead(id);
    const oldest = keptFrom(head);
    const from = Math.max(watermark === undefined ? 0 : watermark + 1, oldest);
    const page = new PageCollector(id, limits, oldest, head.nextSeq);
    for (const ref of head.pages) {
      if (ref.last < from) continue;
      const doc = await this.page(id, ref.no);
      if (!page.takeAll(doc.entries, from)) break;
    }
    if (!page.full) page.takeAll(head.tail, from);
    return page.result(head.nextSeq);
  }

  async signal(signal: StreamSignal): Promise<void> {
    this.listeners.emit(signal);
  }

  subscribe(listener: (signal: StreamSignal) => void): () => void {
    return this.listeners.add(listener);
  }

  async sweep(idleMs: number): Promise<number> {
    const cutoff = this.now() - idleMs;
    let names: string[];
    try {
      names = await readdir(this.headsDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    let deleted = 0;
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      // The file is rewritten whenever the head changes (at a checkpoint at the latest): a recent file is busy.
      const modified = await stat(path.join(this.headsDir, name)).then(
        (s) => s.mtimeMs,
        () => Number.POSITIVE_INFINITY,
      );
      if (modified >= cutoff) continue;
      const gone = await this.mutex.run(id, async () => {
        const head = await this.head(id);
        if (!head || head.updatedAt >= cutoff) return false;
        for (const page of head.pages) await this.deletePage(id, page.no);
        await this.heads.replace(id, () => undefined);
        this.cache.delete(headKey(id));
        return true;
      });
      if (gone) deleted += 1;
    }
    return deleted;
  }

  async close(): Promise<void> {}

  /** Bytes of parsed documents held in memory (for tests and the soak benchmark). */
  get cachedBytes(): number {
    return this.cache.bytes;
  }

  private async head(id: string): Promise<Head | undefined> {
    const cached = this.cache.get(headKey(id));
    if (cached) return cached as Head;
    const envelope = await this.heads.get(id);
    if (!envelope) return undefined;
    this.cache.set(headKey(id), envelope.data, envelope.data.tailBytes + HEAD_OVERHEAD);
    return envelope.data;
  }

  private async requireHead(id: string): Promise<Head> {
    const head = await this.head(id);
    if (!head) throw new ConversationNotFoundError(id);
    return head;
  }

  private async page(id: string, no: number): Promise<PageDoc> {
    const key = pageKey(id, no);
    const cached = this.cache.get(key);
    if (cached) return cached as PageDoc;
    const envelope = await this.pages.get(key);
    // A listed page is written before the head that lists it; a missing one means the files were damaged.
    if (!envelope) throw new Error(`Direct Line store: page ${key} of conversation ${id} is missing`);
    this.cache.set(
      key,
      envelope.data,
      envelope.data.entries.reduce((sum, e) => sum + e.bytes, 0),
    );
    return envelope.data;
  }

  /** Persists the head, then caches it: readers never see an activity that is not yet durable. */
  private async writeHead(head: Head): Promise<void> {
    await this.heads.replace(head.conversation.id, () => head);
    this.cache.set(headKey(head.conversation.id), head, head.tailBytes + HEAD_OVERHEAD);
  }

  private async deletePage(id: string, no: number): Promise<void> {
    const key = pageKey(id, no);
    this.cache.delete(key);
    await this.pages.replace(key, () => undefined);
  }
}

/**
 * Gathers one page of a read: activities from `from` on, until the count or byte limit (at least one
 * activity, however large).
 */
class PageCollector {
  private readonly activities: StreamActivity[] = [];
  private bytes = 0;
  private last: number | undefined;
  private more = false;

  constructor(
    private readonly conversationId: string,
    private readonly limits: PageLimits,
    private readonly keptFrom: number,
    private readonly nextSeq: number,
  ) {}

  get full(): boolean {
    return this.more;
  }

  /** Takes the entries from `from` on; false once the page is full. */
  takeAll(entries: readonly Entry[], from: number): boolean {
    for (const entry of entries) {
      if (entry.seq < from) continue;
      const count = this.activities.length;
      if (count >= this.limits.maxCount || (count > 0 && this.bytes + entry.bytes > this.limits.maxBytes)) {
        this.more = true;
        return false;
      }
      this.activities.push(
        withKnownReplyTo(this.conversationId, entry.activity, this.keptFrom, this.nextSeq),
      );
      this.bytes += entry.bytes;
      this.last = entry.seq;
    }
    return true;
  }

  result(nextSeq: number): ActivityPage {
    return { activities: this.activities, watermark: this.last ?? nextSeq - 1, more: this.more };
  }
}

/** Sequence number of the oldest activity still kept. */
function keptFrom(head: Head): number {
  return head.pages[0]?.first ?? head.tail[0]?.seq ?? head.nextSeq;
}

function headKey(id: string): string {
  return `h:${id}`;
}

function pageKey(id: string, no: number): string {
  return `${id}.${no}`;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
