import pg from 'pg';
import type { Logger } from 'pino';
import { BusSubscribers, encodeBusMessage, type BusHandler, type ClusterBus } from '../clusterBus.js';
import type { PgTransaction, Queryable } from './database.js';

/** PostgreSQL channel of a bus channel (a quoted identifier: case and punctuation are kept). */
export function pgChannel(channel: string): string {
  return `firstline:${channel}`;
}

/** The PostgreSQL channel and payload that publish `message` on `channel` from `owner`. */
export function notification(channel: string, message: unknown, owner: string): [string, string] {
  const m = encodeBusMessage(channel, message);
  return [pgChannel(channel), `{"f":${JSON.stringify(owner)},"m":${m}}`];
}

/** Options of a {@link PgBus}. */
export interface PgBusOptions {
  connectionString: string;
  /** This process (claims' owner): receivers see it as the message's origin. */
  owner: string;
  /** Where publishes go: the current transaction (sent with its COMMIT), or else the pool. */
  db: () => Queryable;
  transaction: () => PgTransaction | undefined;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** First pause before reconnecting a lost listening connection (doubles up to 5 s; default 100 ms). */
  reconnectMs?: number;
}

/**
 * The cluster bus on PostgreSQL `LISTEN/NOTIFY`: one listening connection per instance (LISTEN on each
 * channel that has subscribers); publishing is a `pg_notify` on the pool — or inside the caller's transaction,
 * so a message about a change goes out only if the change commits. When the listening connection is lost the
 * bus reconnects (with back-off), listens again and fires {@link onResync}: notifications sent meanwhile are
 * gone, and subscribers that keep state re-read the store.
 */
export class PgBus implements ClusterBus {
  private readonly subscribers: BusSubscribers;
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(private readonly options: PgBusOptions) {
    this.subscribers = new BusSubscribers((err, channel) =>
      options.logger.error({ err, channel }, 'cluster bus: a subscriber failed'),
    );
  }

  /** Whether the listening connection is up (readiness). */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Open the listening connection (resolves once it listens; a failure here is thrown). */
  start(): Promise<void> {
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async publish(channel: string, message: unknown): Promise<void> {
    if (this.closed) throw new Error('ClusterBus: publish after close');
    const [pgChannelName, payload] = notification(channel, message, this.options.owner);
    const tx = this.options.transaction();
    if (tx) tx.notify(pgChannelName, payload);
    else await this.options.db().query('SELECT pg_notify($1, $2)', [pgChannelName, payload]);
  }

  subscribe(channel: string, handler: BusHandler): () => void {
    const { first, remove } = this.subscribers.add(channel, handler);
    if (first && this.client) this.listen(this.client, channel);
    return () => {
      if (remove() && this.client) {
        this.client.query(`UNLISTEN ${pg.escapeIdentifier(pgChannel(channel))}`).catch((err: unknown) => {
          this.options.logger.warn({ err, channel }, 'cluster bus: UNLISTEN failed');
        });
      }
    };
  }

  onResync(handler: () => void): () => void {
    return this.subscribers.onResync(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: 'firstline-bus',
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    client.on('notification', (n) => this.receive(n));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    const listened = this.subscribers.channels();
    try {
      await client.connect();
      for (const channel of listened) await client.query(`LISTEN ${pg.escapeIdentifier(pgChannel(channel))}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Channels first subscribed while this connection was being opened.
    for (const channel of this.subscribers.channels())
      if (!listened.includes(channel)) this.listen(client, channel);
  }

  private listen(client: pg.Client, channel: string): void {
    client.query(`LISTEN ${pg.escapeIdentifier(pgChannel(channel))}`).catch((err: unknown) => {
      this.options.logger.warn({ err, channel }, 'cluster bus: LISTEN failed');
    });
  }

  private receive(notification: pg.Notification): void {
    if (!notification.channel.startsWith('firstline:') || notification.payload === undefined) return;
    let envelope: { f?: unknown; m?: unknown };
    try {
      envelope = JSON.parse(notification.payload) as { f?: unknown; m?: unknown };
    } catch (err) {
      this.options.logger.warn({ err, channel: notification.channel }, 'cluster bus: unreadable message');
      return;
    }
    const from = typeof envelope.f === 'string' ? envelope.f : '';
    this.subscribers.deliver(notification.channel.slice('firstline:'.length), envelope.m, {
      from,
      local: from === this.options.owner,
    });
  }

  /** The listening connection is gone: reconnect with back-off, then tell subscribers to resync. */
  private lost(client: pg.Client, err: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.options.logger.warn({ err }, 'cluster bus: listening connection lost; reconnecting');
    this.retry();
  }

  private retry(): void {
    const first = this.options.reconnectMs ?? 100;
    const delay = Math.min(5_000, first * 2 ** this.failures);
    this.retryTimer = setTimeout(() => {
      this.start().then(
        () => {
          this.failures = 0;
          this.options.logger.info('cluster bus: listening again');
          this.subscribers.resynced();
        },
        (err: unknown) => {
          this.failures += 1;
          if (!this.closed) {
            this.options.logger.warn({ err, attempt: this.failures }, 'cluster bus: reconnect failed');
            this.retry();
          }
        },
      );
    }, delay);
    this.retryTimer.unref();
  }
}
