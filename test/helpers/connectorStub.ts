import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One activity the bot sent to the stub (a proactive message: relay, check-in, handoff card). */
export interface ReceivedActivity {
  /** The conversation id, URL-decoded from the route. */
  conversationId: string;
  /** The `:activityId` of a reply route, when the bot used one. */
  replyToId?: string;
  /** The id the stub answered with. */
  id: string;
  type?: string;
  text?: string;
  attachments?: Array<{ contentType: string; content: unknown }>;
  value?: unknown;
  name?: string;
  /** The whole activity as posted. */
  body: Record<string, unknown>;
}

/**
 * How the stub answers an activity: an HTTP status (200 records it; anything else refuses it), maybe later.
 * {@link DROP_CONNECTION} reads the activity and closes the connection unanswered: the bot cannot know whether
 * it arrived.
 */
export type StubResponder = (activity: ReceivedActivity) => number | Promise<number>;

/** A running Bot Connector stub on 127.0.0.1. */
export interface ConnectorStub {
  /** Base URL to pass as the activity's `serviceUrl` (ends with `/`). */
  url: string;
  /** Every activity received, in order of arrival. */
  received: ReceivedActivity[];
  /** Activities the responder refused (answered with an error status), in order of arrival. */
  refused: ReceivedActivity[];
  /** Activities received for one conversation. */
  to(conversationId: string): ReceivedActivity[];
  /** Resolve with the first received activity matching `predicate` (checked as activities arrive). */
  waitFor(predicate: (a: ReceivedActivity) => boolean, timeoutMs?: number): Promise<ReceivedActivity>;
  /** Refuse every later activity to `conversationId` with `status` (a channel that lost the conversation: 404). */
  refuse(conversationId: string, status: number): void;
  /** Forget what was received so far. */
  clear(): void;
  close(): Promise<void>;
}

/** A responder status that drops the connection instead of answering (the activity goes to `refused`). */
export const DROP_CONNECTION = 0;

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * A real HTTP server on 127.0.0.1:0 implementing the Bot Connector routes the bot uses for
 * proactive messages: `POST /v3/conversations/:conversationId/activities` and
 * `POST /v3/conversations/:conversationId/activities/:activityId` (conversation id URL-encoded). It
 * records each activity with its conversation id and answers `{id}` — or, when `respond` says so, an error
 * status (the activity goes to `refused`), possibly after holding the request.
 */
export async function startConnectorStub(respond: StubResponder = () => 200): Promise<ConnectorStub> {
  const received: ReceivedActivity[] = [];
  const refused: ReceivedActivity[] = [];
  const waiters = new Set<() => void>();
  const refusing = new Map<string, number>();

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const match = ROUTE.exec(url.pathname);
      if (req.method !== 'POST' || !match?.[1]) {
        send(res, 404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      } catch {
        send(res, 400, { error: { code: 'BadRequest', message: 'body is not JSON' } });
        return;
      }
      const id = `stub-${randomUUID()}`;
      const activity: ReceivedActivity = {
        conversationId: decodeURIComponent(match[1]),
        ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
        id,
        body,
        ...(typeof body['type'] === 'string' ? { type: body['type'] } : {}),
        ...(typeof body['text'] === 'string' ? { text: body['text'] } : {}),
        ...(typeof body['name'] === 'string' ? { name: body['name'] } : {}),
        ...(Array.isArray(body['attachments'])
          ? { attachments: body['attachments'] as ReceivedActivity['attachments'] }
          : {}),
        ...('value' in body ? { value: body['value'] } : {}),
      };
      const status = refusing.get(activity.conversationId) ?? (await respond(activity));
      if (status === DROP_CONNECTION) {
        refused.push(activity);
        req.socket.destroy();
        return;
      }
      if (status !== 200) {
        refused.push(activity);
        send(res, status, { error: { code: 'Refused', message: `stub answered ${status}` } });
        return;
      }
      received.push(activity);
      for (const wake of [...waiters]) wake();
      send(res, 200, { id });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    refused,
    to: (conversationId) => received.filter((a) => a.conversationId === conversationId),
    waitFor: (predicate, timeoutMs = 5000) => waitFor(received, waiters, predicate, timeoutMs),
    refuse: (conversationId, status) => {
      refusing.set(conversationId, status);
    },
    clear: () => {
      received.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function waitFor(
  received: readonly ReceivedActivity[],
  waiters: Set<() => void>,
  predicate: (a: ReceivedActivity) => boolean,
  timeoutMs: number,
): Promise<ReceivedActivity> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const hit = received.find(predicate);
      if (!hit) return false;
      clearTimeout(timer);
      waiters.delete(wake);
      resolve(hit);
      return true;
    };
    const wake = (): void => {
      check();
    };
    const timer = setTimeout(() => {
      waiters.delete(wake);
      reject(
        new Error(
          `connector stub: nothing matched within ${timeoutMs} ms; received ${received.length}: ` +
            received.map((a) => `[${a.conversationId}] ${a.text ?? a.type ?? ''}`.slice(0, 120)).join(' | '),
        ),
      );
    }, timeoutMs);
    if (!check()) waiters.add(wake);
  });
}

/** All the text of received activities (message text and card JSON). */
export function stubText(activities: readonly ReceivedActivity[]): string {
  return activities.map((a) => `${a.text ?? ''} ${JSON.stringify(a.attachments ?? [])}`).join('\n');
}

/** Resolve once `predicate()` holds (polled every 20 ms), or reject after `timeoutMs`. */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
