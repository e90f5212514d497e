/** Where a bus message came from. */
export interface BusMeta {
  /** The publishing process (its claim owner: `<INSTANCE_ID>#<per-start random>`). */
  from: string;
  /** Whether this process published it. */
  local: boolean;
}

/** Handles a message of a channel (called asynchronously; a throwing handler is logged, never retried). */
export type BusHandler = (message: unknown, meta: BusMeta) => void;

/** Largest serialised message a bus carries (PostgreSQL NOTIFY payloads are limited to 8000 bytes). */
export const BUS_MAX_BYTES = 7_500;

/** Channel names: short, lower-case words (they become PostgreSQL channel names). */
const CHANNEL = /^[a-z][a-z0-9_.:-]{0,39}$/;

/** A message that does not fit the bus: send an id and let the receiver read the rest from the store. */
export class BusMessageTooLargeError extends Error {
  constructor(
    readonly channel: string,
    readonly bytes: number,
  ) {
    super(`ClusterBus: a message of ${bytes} bytes on "${channel}" exceeds ${BUS_MAX_BYTES} bytes`);
    this.name = 'BusMessageTooLargeError';
  }
}

/**
 * Small JSON messages between the instances of one Firstline deployment, by named channel: every
 * subscriber of a channel in every instance (this one included) receives every message published on it
 * after it subscribed. Delivery is at most once and only to instances that are running; a listener that
 * must not miss anything re-reads the store when {@link ClusterBus.onResync} fires (after the bus lost
 * its connection and may have missed messages). In-process for lowdb (one process per data directory),
 * PostgreSQL `LISTEN/NOTIFY` for several instances.
 */
export interface ClusterBus {
  /** Publish `message` (JSON, at most {@link BUS_MAX_BYTES} serialised) on `channel`. */
  publish(channel: string, message: unknown): Promise<void>;
  /** Receive the messages of `channel`; returns the function that unsubscribes. */
  subscribe(channel: string, handler: BusHandler): () => void;
  /** Called after messages may have been missed (the bus reconnected); returns the unsubscribe function. */
  onResync(handler: () => void): () => void;
  close(): Promise<void>;
}

/** Check a channel name and serialise a message; throws a clear error for either. */
export function encodeBusMessage(channel: string, message: unknown): string {
  if (!CHANNEL.test(channel))
    throw new Error(`ClusterBus: invalid channel "${channel}" (lower-case letters, digits, _.:- ; ≤ 40)`);
  const text = JSON.stringify(message);
  if (text === undefined) throw new Error(`ClusterBus: a message on "${channel}" must be JSON`);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > BUS_MAX_BYTES) throw new BusMessageTooLargeError(channel, bytes);
  return text;
}

/** Subscribers by channel, shared by the bus implementations. */
export class BusSubscribers {
  private readonly byChannel = new Map<string, Set<BusHandler>>();
  private readonly resync = new Set<() => void>();

  constructor(private readonly reportError: (err: unknown, channel: string) => void) {}

  add(channel: string, handler: BusHandler): { first: boolean; remove: () => boolean } {
    encodeBusMessage(channel, null);
    let handlers = this.byChannel.get(channel);
    const first = !handlers;
    if (!handlers) this.byChannel.set(channel, (handlers = new Set()));
    handlers.add(handler);
    return {
      first,
      /** True when it was the channel's last handler. */
      remove: () => {
        handlers.delete(handler);
        if (handlers.size > 0 || this.byChannel.get(channel) !== handlers) return false;
        this.byChannel.delete(channel);
        return true;
      },
    };
  }

  channels(): string[] {
    return [...this.byChannel.keys()];
  }

  deliver(channel: string, message: unknown, meta: BusMeta): void {
    for (const handler of this.byChannel.get(channel) ?? []) {
      try {
        handler(message, meta);
      } catch (err) {
        this.reportError(err, channel);
      }
    }
  }

  onResync(handler: () => void): () => void {
    this.resync.add(handler);
    return () => this.resync.delete(handler);
  }

  resynced(): void {
    for (const handler of this.resync) {
      try {
        handler();
      } catch (err) {
        this.reportError(err, '(resync)');
      }
    }
  }
}

/** The bus of a single process (lowdb): messages go to this process's subscribers, asynchronously. */
export class LocalBus implements ClusterBus {
  private readonly subscribers: BusSubscribers;
  private closed = false;

  constructor(
    private readonly owner: string,
    reportError: (err: unknown, channel: string) => void,
  ) {
    this.subscribers = new BusSubscribers(reportError);
  }

  async publish(channel: string, message: unknown): Promise<void> {
    if (this.closed) throw new Error('ClusterBus: publish after close');
    // Encoded and decoded as it would cross the network: a subscriber never shares the publisher's object.
    const copy: unknown = JSON.parse(encodeBusMessage(channel, message));
    setImmediate(() => this.subscribers.deliver(channel, copy, { from: this.owner, local: true }));
  }

  subscribe(channel: string, handler: BusHandler): () => void {
    const { remove } = this.subscribers.add(channel, handler);
    return () => void remove();
  }

  onResync(handler: () => void): () => void {
    return this.subscribers.onResync(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
