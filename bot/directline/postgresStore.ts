import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { activityId, sequenceOf, withKnownReplyTo } from './activityIds.js';
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

/** Options of the {@link PostgresDirectLineStore}. */
export interface PostgresDirectLineStoreOptions {
  /** Activity bytes kept per conversation (default 256 KiB). */
  historyBytes?: number;
  /** NOTIFY channel shared by the instances (default `firstline_directline`). */
  channel?: string;
  /** Delay before a lost LISTEN connection is opened again (default 1000 ms). */
  reconnectMs?: number;
  logger?: Pick<Logger, 'warn' | 'info' | 'error'>;
  now?: () => number;
}

/** NOTIFY payloads are limited to 8000 bytes; a signal that does not fit is not sent. */
const MAX_NOTIFY_BYTES = 7900;

/** What travels in a NOTIFY: the signal and the store that sent it (which already told its own listeners). */
interface Notice {
  o: string;
  s: StreamSignal;
}

interface ConversationRow {
  id: string;
  user_id: string;
  user_name: string | null;
  locale: string | null;
  created_at: Date;
}

/**
 * The PostgreSQL {@link DirectLineStore} (tables of `migrations/0100_directline.sql`). Appends lock the
 * conversation's row, so sequence numbers stay gap-free across instances. Every signal is announced with
 * `pg_notify` (an appended activity from inside its transaction, so it is heard only once committed); each
 * instance LISTENs on one connection and hands what it hears to its own listeners — a WebSocket held by another
 * instance pushes the activity within milliseconds.
 */
export class PostgresDirectLineStore implements DirectLineStore {
  private readonly origin = randomBytes(8).toString('base64url');
  private readonly listeners: SignalListeners;
  private readonly historyBytes: number;
  private readonly channel: string;
  private readonly now: () => number;
  private listener: PoolClient | undefined;
  private detachListener: (() => void) | undefined;
  private listening: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly options: PostgresDirectLineStoreOptions = {},
  ) {
    this.listeners = new SignalListeners(options.logger);
    this.historyBytes = options.historyBytes ?? DEFAULT_HISTORY_BYTES;
    this.channel = options.channel ?? 'firstline_directline';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.channel))
      throw new Error(`PostgresDirectLineStore: channel "${this.channel}" is not a plain identifier`);
    this.now = options.now ?? Date.now;
  }

  async ensureConversation(info: Omit<ConversationInfo, 'createdAt'>): Promise<ConversationInfo> {
    const at = new Date(this.now());
    const inserted = await this.pool.query<ConversationRow>(
      `INSERT INTO directline_conversations (id, user_id, user_name, locale, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (id) DO NOTHING
       RETURNING id, user_id, user_name, locale, created_at`,
      [info.id, info.userId, info.userName ?? null, info.locale ?? null, at],
    );
    const row = inserted.rows[0];
    if (row) return this.info(row);
    const existing = await this.conversation(info.id);
    if (!existing) throw new ConversationNotFoundError(info.id);
    return existing;
  }

  async conversation(id: string): Promise<ConversationInfo | undefined> {
    const result = await this.pool.query<ConversationRow>(
      'SELECT id, user_id, user_name, locale, created_at FROM directline_conversations WHERE id = $1',
      [id],
    );
    const row = result.rows[0];
    return row ? this.info(row) : undefined;
  }

  async markStarted(id: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE directline_conversations SET started = true WHERE id = $1 AND NOT started RETURNING id',
      [id],
    );
    if (result.rowCount) return true;
    if (!(await this.exists(id))) throw new ConversationNotFoundError(id);
    return false;
  }

  async append(id: string, draft: ActivityDraft, replaces?: string): Promise<StreamActivity> {
    const client = await this.pool.connect();
    let stored: StreamActivity;
    let seq: number;
    try {
      await client.query('BEGIN');
      const claimed = await client.query<{ seq: string; kept_from: string; kept_bytes: string }>(
        `UPDATE directline_conversations SET next_seq = next_seq + 1, updated_at = $2 WHERE id = $1
         RETURNING next_seq - 1 AS seq, kept_from, kept_bytes`,
        [id, new Date(this.now())],
      );
      const row = claimed.rows[0];
      if (!row) throw new ConversationNotFoundError(id);
      seq = Number(row.seq);
      stored = withKnownReplyTo(
        id,
        { ...draft, id: replaces ?? activityId(id, seq) },
        Number(row.kept_from),
        seq,
      );
      const json = JSON.stringify(stored);
      const bytes = Buffer.byteLength(json);
      const signal: StreamSignal = { kind: 'activity', conversationId: id, seq };
      await client.query(
        `WITH added AS (
           INSERT INTO directline_activities (conversation_id, seq, activity, bytes) VALUES ($1, $2, $3, $4)
         ), counted AS (
           UPDATE directline_conversations SET kept_bytes = kept_bytes + $4 WHERE id = $1
         )
         SELECT pg_notify($5, $6)`,
        [id, seq, json, bytes, this.channel, this.notice(signal)],
      );
      if (Number(row.kept_bytes) + bytes > this.historyBytes) await this.trim(client, id, seq);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    this.listeners.emit({ kind: 'activity', conversationId: id, seq });
    return stored;
  }

  async holds(id: string, activityIdToFind: string): Promise<boolean> {
    const seq = sequenceOf(id, activityIdToFind);
    if (seq === undefined) return false;
    const result = await this.pool.query(
      'SELECT 1 FROM directline_activities WHERE conversation_id = $1 AND seq = $2',
      [id, seq],
    );
    return Boolean(result.rowCount);
  }

  async read(id: string, watermark: number | undefined, limits: PageLimits): Promise<ActivityPage> {
    // One statement, one snapshot: the conversation's counters and the page that fits the limits (sizes are
    // summed before any activity text is fetched).
    const result = await this.pool.query<{
      next_seq: string;
      kept_from: string;
      seq: string | null;
      activity: string | null;
    }>(
      `SELECT c.next_seq, c.kept_from, a.seq, a.activity
         FROM directline_conversations c
         LEFT JOIN LATERAL (
           SELECT d.seq, d.activity FROM directline_activities d
            WHERE d.conversation_id = c.id AND d.seq IN (
              SELECT seq FROM (
                SELECT seq, bytes, sum(bytes) OVER (ORDER BY seq) AS running
                  FROM directline_activities
                 WHERE conversation_id = c.id AND seq >= GREATEST($2::bigint, c.kept_from)
                 ORDER BY seq LIMIT $3
              ) w WHERE running <= $4 OR running = bytes)
            ORDER BY d.seq
         ) a ON true
        WHERE c.id = $1`,
      [id, watermark === undefined ? 0 : watermark + 1, limits.maxCount, limits.maxBytes],
    );
    const first = result.rows[0];
    if (!first) throw new ConversationNotFoundError(id);
    const nextSeq = Number(first.next_seq);
    const keptFrom = Number(first.kept_from);
    const activities: StreamActivity[] = [];
    let last: number | undefined;
    for (const row of result.rows) {
      if (row.seq === null || row.activity === null) continue;
      activities.push(withKnownReplyTo(id, JSON.parse(row.activity) as StreamActivity, keptFrom, nextSeq));
      last = Number(row.seq);
    }
    const watermarkAfter = last ?? nextSeq - 1;
    return { activities, watermark: watermarkAfter, more: watermarkAfter < nextSeq - 1 };
  }

  async signal(signal: StreamSignal): Promise<void> {
    const payload = this.notice(signal);
    if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) {
      this.options.logger?.warn(
        { kind: signal.kind, bytes: Buffer.byteLength(payload) },
        'Direct Line: signal too large for NOTIFY; delivered on this instance only',
      );
    } else {
      await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, payload]);
    }
    this.listeners.emit(signal);
  }

  subscribe(listener: (signal: StreamSignal) => void): () => void {
    const remove = this.listeners.add(listener);
    this.listening ??= this.listen();
    return remove;
  }

  /** Resolves once this instance LISTENs (tests wait for it before expecting another instance's signals). */
  async ready(): Promise<void> {
    this.listening ??= this.listen();
    await this.listening;
  }

  async sweep(idleMs: number): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM directline_conversations WHERE id IN (
         SELECT id FROM directline_conversations WHERE updated_at < $1 ORDER BY updated_at LIMIT 1000)`,
      [new Date(this.now() - idleMs)],
    );
    return result.rowCount ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.listening?.catch(() => undefined);
    const client = this.listener;
    this.listener = undefined;
    if (client) {
      this.detachListener?.();
      await client.query(`UNLISTEN ${this.channel}`).catch(() => undefined);
      client.release();
    }
  }

  /** Opens the LISTEN connection; on its loss, opens another and tells listeners to catch up. */
  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = await this.pool.connect();
    const onNotification = (message: { channel: string; payload?: string }) => {
      if (message.channel === this.channel && message.payload) this.hear(message.payload);
    };
    const onError = (err: Error) => {
      this.options.logger?.warn({ err }, 'Direct Line: LISTEN connection lost; reconnecting');
      detach();
      if (this.listener === client) this.listener = undefined;
      client.release(err);
      this.scheduleReconnect();
    };
    const detach = () => {
      client.off('notification', onNotification);
      client.off('error', onError);
    };
    client.on('notification', onNotification);
    client.on('error', onError);
    this.detachListener = detach;
    await client.query(`LISTEN ${this.channel}`);
    this.listener = client;
    if (this.closed) {
      detach();
      client.release();
      this.listener = undefined;
    }
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => {
      this.listening = this.listen().then(
        () => this.listeners.emit({ kind: 'resync' }),
        (err: unknown) => {
          this.options.logger?.error({ err }, 'Direct Line: could not LISTEN again; retrying');
          this.scheduleReconnect();
        },
      );
    }, this.options.reconnectMs ?? 1000);
    this.reconnectTimer.unref();
  }

  private hear(payload: string): void {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      this.options.logger?.warn('Direct Line: ignored a malformed NOTIFY payload');
      return;
    }
    if (notice.o === this.origin || typeof notice.s?.kind !== 'string') return;
    this.listeners.emit(notice.s);
  }

  private notice(signal: StreamSignal): string {
    const notice: Notice = { o: this.origin, s: signal };
    return JSON.stringify(notice);
  }

  /** Drops the oldest activities until the history fits its budget again (never the one just added). */
  private async trim(client: PoolClient, id: string, newest: number): Promise<void> {
    await client.query(
      `WITH ordered AS (
         SELECT seq, sum(bytes) OVER (ORDER BY seq DESC) AS newer_bytes
           FROM directline_activities WHERE conversation_id = $1
       ), doomed AS (
         DELETE FROM directline_activities a USING ordered o
          WHERE a.conversation_id = $1 AND a.seq = o.seq AND o.newer_bytes > $2 AND a.seq < $3
          RETURNING a.seq, a.bytes
       )
       UPDATE directline_conversations
          SET kept_bytes = kept_bytes - COALESCE((SELECT sum(bytes) FROM doomed), 0),
              kept_from = COALESCE((SELECT max(seq) + 1 FROM doomed), kept_from)
        WHERE id = $1`,
      [id, this.historyBytes, newest],
    );
  }

  private async exists(id: string): Promise<boolean> {
    const result = await this.pool.query('SELECT 1 FROM directline_conversations WHERE id = $1', [id]);
    return Boolean(result.rowCount);
  }

  private info(row: ConversationRow): ConversationInfo {
    return {
      id: row.id,
      userId: row.user_id,
      ...(row.user_name !== null ? { userName: row.user_name } : {}),
      ...(row.locale !== null ? { locale: row.locale } : {}),
      createdAt: row.created_at.getTime(),
    };
  }
}

/**
 * The PostgreSQL Direct Line store on the application's pool (the coordinator wires it when `STORAGE=postgres`).
 * The tables come from `bot/storage/postgres/migrations/0100_directline.sql`.
 */
export function createPostgresDirectLineStore(
  pool: Pool,
  options: PostgresDirectLineStoreOptions = {},
): PostgresDirectLineStore {
  return new PostgresDirectLineStore(pool, options);
}
