import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A load balancer in front of the cluster under test. */
export interface RoundRobinProxy {
  url: string;
  /** Requests answered by each target (by its base URL), to check that the load really was spread. */
  served: Map<string, number>;
  /** Stop sending to `target` (a health check that noticed it is gone). */
  remove(target: string): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Answer a request the proxy could not forward, as a balancer does. Its client may already be gone (the socket
 * closed while the upstream was failing): then there is nobody to answer and the response is only destroyed.
 */
function answer502(res: ServerResponse, why: string, status = 502): void {
  if (res.headersSent || res.destroyed || !res.socket || res.socket.destroyed) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.end(why);
}

/**
 * An HTTP round-robin proxy on 127.0.0.1, as any load balancer: each request goes to the next target; a target
 * that refuses the connection (nothing reached it) is skipped for the next one, as a balancer's passive health
 * check does; a target that dies while handling a request makes it answer 502 — the client was told nothing was
 * acknowledged and sends again. Responses (event streams too) are piped through as they come.
 */
export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  const live = [...targets];
  const served = new Map<string, number>();
  let next = 0;

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, tries: number): void => {
    const target = live[next++ % Math.max(live.length, 1)];
    if (!target || tries > live.length) {
      answer502(res, 'no live target', 503);
      return;
    }
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (answer) => {
        served.set(target, (served.get(target) ?? 0) + 1);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    // An upstream can fail more than once (reset, then hang-up): only the first failure answers.
    let failed = false;
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (failed || res.writableEnded || res.destroyed) return;
      failed = true;
      if (err.code === 'ECONNREFUSED') forward(req, res, body, tries + 1);
      else answer502(res, `upstream ${target}: ${err.message}`);
    });
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  };

  const server: Server = createServer((req, res) => {
    readBody(req).then(
      (body) => forward(req, res, body, 0),
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    remove: (target) => {
      const at = live.indexOf(target);
      if (at >= 0) live.splice(at, 1);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
