import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { HttpError } from './httpError.js';
import {
  ConversationNotFoundError,
  type DirectLineStore,
  type PageLimits,
  type StreamActivity,
  type StreamSignal,
} from './store.js';
import { STREAM_PATH } from './streamUrl.js';
import type { TokenService } from './tokenService.js';

/** Options of the {@link StreamHub}. */
export interface StreamHubOptions {
  /** Size of one frame (a replay is sent as several). */
  page: PageLimits;
  /** Interval of keep-alives (an empty message plus a ping; a socket that missed a pong is dropped). */
  keepAliveMs?: number;
  /** A client that lets this much pile up unsent is disconnected; it reconnects and replays (default 1 MiB). */
  maxBufferedBytes?: number;
}

/** One open WebSocket of a conversation. */
interface Socket {
  readonly id: string;
  readonly conversationId: string;
  readonly ws: WebSocket;
  /** Watermark of the last activity sent (undefined: nothing sent yet, replay from the oldest kept). */
  sent: number | undefined;
  pumping: boolean;
  dirty: boolean;
  alive: boolean;
}

/** Close code and reason for the older socket when a newer one opens for the same conversation. */
export const COLLISION = { code: 1008, reason: 'collision' } as const;

/**
 * Serves the conversations' `streamUrl`s: Direct Line 3.0 WebSocket streaming as the official client
 * (`botframework-directlinejs`, inside Web Chat) expects it. The upgrade is pre-authorised by the stream token in
 * the URL (no Authorization header); the socket then receives `{activities, watermark}` frames — first a replay
 * from the URL's watermark, then every new activity as soon as the store signals it (from this instance or, on
 * PostgreSQL, another) — plus `typing` activities, which are never stored, and empty keep-alive messages.
 *
 * One socket per conversation: a newly opened one closes the older one (on any instance) with reason
 * `collision`. The official client reconnects whatever closed its socket, so a reload, a language switch or a
 * half-open socket after a network change never locks the current page out.
 */
export class StreamHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false });
  private readonly sockets = new Map<string, Set<Socket>>();
  private readonly unsubscribe: () => void;
  private readonly keepAlive: NodeJS.Timeout;
  private readonly maxBufferedBytes: number;
  private attached: HttpServer | undefined;

  constructor(
    private readonly store: DirectLineStore,
    private readonly tokens: TokenService,
    private readonly logger: Logger,
    private readonly options: StreamHubOptions,
  ) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? 2 ** 20;
    this.unsubscribe = store.subscribe((signal) => this.onSignal(signal));
    this.keepAlive = setInterval(() => this.beat(), options.keepAliveMs ?? 20_000);
    this.keepAlive.unref();
  }

  /** Serves upgrades of stream paths on `server`; other upgrade requests are left to their own handlers. */
  attach(server: HttpServer): void {
    this.attached = server;
    server.on('upgrade', this.onUpgrade);
  }

  /** Number of open sockets (tests, metrics). */
  get size(): number {
    let n = 0;
    for (const set of this.sockets.values()) n += set.size;
    return n;
  }

  /** Closes every socket (clients reconnect elsewhere) and stops listening for signals. */
  async close(): Promise<void> {
    clearInterval(this.keepAlive);
    this.unsubscribe();
    this.attached?.off('upgrade', this.onUpgrade);
    const closing: Promise<void>[] = [];
    for (const set of this.sockets.values()) {
      for (const socket of set) {
        closing.push(new Promise((resolve) => socket.ws.once('close', () => resolve())));
        socket.ws.close(1001, 'server shutting down');
        // A client that does not answer the close handshake is cut off.
        setTimeout(() => socket.ws.terminate(), 1000).unref();
      }
    }
    await Promise.all(closing);
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match?.[1]) return;
    const conversationId = decodeURIComponent(match[1]);
    socket.on('error', () => undefined);
    this.authorise(conversationId, url).then(
      (watermark) => {
        this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, conversationId, watermark));
      },
      (error: unknown) => refuse(socket, error, this.logger),
    );
  };

  /** Checks the stream token and the conversation; resolves with the watermark to replay from. */
  private async authorise(conversationId: string, url: URL): Promise<number | undefined> {
    const claims = this.tokens.verify(url.searchParams.get('t') ?? '', 'stream');
    if (claims.conversationId !== conversationId) {
      throw new HttpError(
        403,
        'WrongConversation',
        'This stream token does not grant access to that conversation',
      );
    }
    if (!(await this.store.conversation(conversationId))) {
      throw new HttpError(
        404,
        'ConversationNotFound',
        `Conversation ${conversationId} is not started or has expired`,
      );
    }
    const raw = url.searchParams.get('watermark');
    if (raw === null || raw === '') return undefined;
    const watermark = Number(raw);
    if (!Number.isInteger(watermark) || watermark < -1)
      throw new HttpError(400, 'BadArgument', 'watermark must be an integer string');
    return watermark;
  }

  private open(ws: WebSocket, conversationId: string, watermark: number | undefined): void {
    const socket: Socket = {
      id: randomBytes(9).toString('base64url'),
      conversationId,
      ws,
      sent: watermark,
      pumping: false,
      dirty: false,
      alive: true,
    };
    let set = this.sockets.get(conversationId);
    if (!set) this.sockets.set(conversationId, (set = new Set()));
    set.add(socket);
    // The client's own keep-alives are empty messages; nothing else is expected from it.
    ws.on('message', () => (socket.alive = true));
    ws.on('pong', () => (socket.alive = true));
    ws.on('error', (err) => this.logger.debug({ err, conversationId }, 'Direct Line stream error'));
    ws.on('close', () => this.forget(socket));
    this.store.signal({ kind: 'socket', conversationId, socketId: socket.id }).catch((err: unknown) => {
      this.logger.warn({ err, conversationId }, 'Direct Line: could not announce a new stream');
    });
    this.pump(socket);
  }

  private forget(socket: Socket): void {
    const set = this.sockets.get(socket.conversationId);
    if (!set) return;
    set.delete(socket);
    if (set.size === 0) this.sockets.delete(socket.conversationId);
  }

  private onSignal(signal: StreamSignal): void {
    if (signal.kind === 'resync') {
      for (const set of this.sockets.values()) for (const socket of set) this.pump(socket);
      return;
    }
    const set = this.sockets.get(signal.conversationId);
    if (!set) return;
    for (const socket of [...set]) {
      if (signal.kind === 'activity') this.pump(socket);
      else if (signal.kind === 'ephemeral') this.sendEphemeral(socket, signal.activity);
      else if (signal.socketId !== socket.id) {
        this.forget(socket);
        socket.ws.close(COLLISION.code, COLLISION.reason);
      }
    }
  }

  /** Sends the socket everything after its watermark, one page per frame, until it is up to date. */
  private pump(socket: Socket): void {
    if (socket.pumping) {
      socket.dirty = true;
      return;
    }
    socket.pumping = true;
    this.drain(socket)
      .catch((error: unknown) => {
        if (error instanceof ConversationNotFoundError) {
          socket.ws.close(1000, 'conversation ended');
          return;
        }
        this.logger.error({ err: error, conversationId: socket.conversationId }, 'Direct Line stream failed');
        socket.ws.close(1011, 'stream failed');
      })
      .finally(() => {
        socket.pumping = false;
      });
  }

  private async drain(socket: Socket): Promise<void> {
    do {
      socket.dirty = false;
      const page = await this.store.read(socket.conversationId, socket.sent, this.options.page);
      if (!this.isOpen(socket)) return;
      if (page.activities.length > 0) {
        socket.ws.send(JSON.stringify({ activities: page.activities, watermark: String(page.watermark) }));
      }
      socket.sent = page.watermark;
      if (page.more) socket.dirty = true;
      if (this.overflowing(socket)) return;
    } while (socket.dirty);
  }

  private sendEphemeral(socket: Socket, activity: StreamActivity): void {
    if (!this.isOpen(socket)) return;
    socket.ws.send(JSON.stringify({ activities: [activity] }));
    this.overflowing(socket);
  }

  /** Disconnects a client that does not read; it reconnects and replays from its watermark. */
  private overflowing(socket: Socket): boolean {
    if (socket.ws.bufferedAmount <= this.maxBufferedBytes) return false;
    this.logger.warn(
      { conversationId: socket.conversationId },
      'Direct Line stream: client too slow, disconnected',
    );
    this.forget(socket);
    socket.ws.terminate();
    return true;
  }

  private isOpen(socket: Socket): boolean {
    return socket.ws.readyState === socket.ws.OPEN;
  }

  /** Keep-alive: an empty message (what Azure sends) and a ping; a socket that missed the last pong is dropped. */
  private beat(): void {
    for (const set of this.sockets.values()) {
      for (const socket of [...set]) {
        if (!socket.alive) {
          this.forget(socket);
          socket.ws.terminate();
          continue;
        }
        socket.alive = false;
        if (!this.isOpen(socket)) continue;
        socket.ws.send('');
        socket.ws.ping();
      }
    }
  }
}

/** Answers a refused upgrade with a plain HTTP error in Direct Line's error shape, and hangs up. */
function refuse(socket: Duplex, error: unknown, logger: Logger): void {
  const known = error instanceof HttpError;
  if (!known) logger.error({ err: error }, 'Direct Line stream upgrade failed');
  const status = known ? error.status : 500;
  const body = JSON.stringify({
    error: known
      ? { code: error.code, message: error.message }
      : { code: 'ServiceError', message: 'Internal error in the Direct Line service' },
  });
  const reason =
    status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : status === 400 ? 'Bad Request' : 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
