import { randomUUID } from 'node:crypto';
import http from 'node:http';

/** A bot reply as it comes back in the expectReplies body (only what the driver looks at). */
export interface BenchReply {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ title?: string; value?: unknown }> };
}

/** One HTTP request over `agent` to `base`'s host; resolves with the status and the body as text. */
export function sendText(
  agent: http.Agent,
  base: URL,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
  const { body } = options;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path,
        method,
        headers: {
          ...(body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One simulated channel talking to `/api/messages` over a keep-alive connection pool. */
export class BotClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(baseUrl: string, maxSockets: number) {
    this.url = new URL('/api/messages', baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** POST one activity with `deliveryMode: "expectReplies"`; resolves with the replies. */
  async post(activity: Record<string, unknown>): Promise<BenchReply[]> {
    const { status, text } = await sendText(this.agent, this.url, 'POST', this.url.pathname, {
      body: JSON.stringify(activity),
    });
    if (status !== 200) throw new Error(`POST /api/messages → ${status}: ${text.slice(0, 200)}`);
    return ((JSON.parse(text) as { activities?: BenchReply[] }).activities ?? []) as BenchReply[];
  }

  close(): void {
    this.agent.destroy();
  }
}

/** What a {@link Scenario} drives: a conversation over `/api/messages` or over Direct Line (the soak). */
export interface ScenarioConversation {
  join(): Promise<BenchReply[]>;
  say(text: string): Promise<BenchReply[]>;
  choices(): string[];
}

/** The part of {@link BotClient} a conversation uses. */
export type TurnPoster = Pick<BotClient, 'post' | 'close'>;

/** Clients used in turn, one request each (a round-robin load balancer in front of several instances). */
export function roundRobin(clients: readonly BotClient[]): TurnPoster {
  let next = 0;
  return {
    post: (activity) => clients[next++ % clients.length]!.post(activity),
    close: () => clients.forEach((c) => c.close()),
  };
}

/** One conversation as the driver sees it: sends turns and remembers the last replies. */
export class BenchConversation implements ScenarioConversation {
  readonly id = `bench-${randomUUID()}`;
  last: BenchReply[] = [];

  constructor(
    private readonly client: TurnPoster,
    private readonly userId: string,
    private readonly record: (ms: number, replies: BenchReply[]) => void,
  ) {}

  join(): Promise<BenchReply[]> {
    return this.turn({ type: 'conversationUpdate', membersAdded: [{ id: this.userId }] });
  }

  say(text: string): Promise<BenchReply[]> {
    return this.turn({ type: 'message', text });
  }

  /** The suggested-action titles of the last reply that has any. */
  choices(): string[] {
    const withChoices = [...this.last].reverse().find((r) => r.suggestedActions?.actions.length);
    return withChoices?.suggestedActions?.actions.map((a) => a.title ?? '') ?? [];
  }

  private async turn(fields: Record<string, unknown>): Promise<BenchReply[]> {
    const started = performance.now();
    const replies = await this.client.post({
      id: randomUUID(),
      channelId: 'test',
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      from: { id: this.userId, name: this.userId },
      recipient: { id: 'bot', name: 'Bot' },
      conversation: { id: this.id },
      ...fields,
    });
    this.record(performance.now() - started, replies);
    this.last = replies;
    return replies;
  }
}

/** What one measured load phase produced. */
export interface LoadResult {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  p50: number;
  p99: number;
  mean: number;
  /** Turns completed by the load after its warm-up, inside the window or after it (finishing conversations). */
  completed: number;
  /** Turns whose replies failed the scenario's check (empty, error text, HTTP error). */
  bad: number;
  /** Every counted turn's latency in ms, sorted. */
  latencies: number[];
  firstProblem?: string;
}

/** A scenario plays one whole conversation; it throws (or calls `problem`) when a reply is wrong. */
export type Scenario = (conversation: ScenarioConversation, worker: number, round: number) => Promise<void>;

/**
 * Run `concurrency` workers, each playing `scenario` in fresh conversations back to back. The first
 * `warmupSeconds` are not counted; turns that complete in the next `seconds` are. Workers stop
 * starting new conversations after the window and finish the one they are in.
 */
export async function runLoad(options: {
  /** Several: each request goes to the next one (a round-robin load balancer). */
  baseUrl: string | readonly string[];
  concurrency: number;
  warmupSeconds: number;
  seconds: number;
  userId: string;
  scenario: Scenario;
  check?: (replies: BenchReply[]) => string | undefined;
}): Promise<LoadResult> {
  const client = roundRobin(
    (typeof options.baseUrl === 'string' ? [options.baseUrl] : options.baseUrl).map(
      (url) => new BotClient(url, options.concurrency),
    ),
  );
  const latencies: number[] = [];
  let bad = 0;
  let firstProblem: string | undefined;
  const t0 = performance.now();
  const windowStart = t0 + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.seconds * 1000;
  let counted = 0;
  let completed = 0;
  const record = (ms: number, replies: BenchReply[]) => {
    const now = performance.now();
    if (now >= windowStart) completed += 1;
    const problem = options.check?.(replies);
    if (problem) {
      bad += 1;
      firstProblem ??= problem;
    }
    if (now >= windowStart && now < windowEnd) {
      counted += 1;
      latencies.push(ms);
    }
  };
  const worker = async (w: number) => {
    for (let round = 0; performance.now() < windowEnd; round++) {
      const conversation = new BenchConversation(client, options.userId, record);
      try {
        await options.scenario(conversation, w, round);
      } catch (err) {
        bad += 1;
        firstProblem ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  client.close();
  return summarise([
    {
      turns: counted,
      completed,
      seconds: options.seconds,
      latencies,
      bad,
      ...(firstProblem ? { firstProblem } : {}),
    },
  ]);
}

/** Merge measured windows (e.g. alternating rounds) into one result. */
export function summarise(
  windows: Array<Pick<LoadResult, 'turns' | 'completed' | 'seconds' | 'latencies' | 'bad' | 'firstProblem'>>,
): LoadResult {
  const latencies = windows.flatMap((w) => w.latencies).sort((a, b) => a - b);
  const turns = windows.reduce((a, w) => a + w.turns, 0);
  const seconds = windows.reduce((a, w) => a + w.seconds, 0);
  const pick = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const firstProblem = windows.find((w) => w.firstProblem)?.firstProblem;
  return {
    turns,
    completed: windows.reduce((a, w) => a + w.completed, 0),
    seconds,
    turnsPerSecond: turns / seconds,
    p50: pick(0.5),
    p99: pick(0.99),
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    bad: windows.reduce((a, w) => a + w.bad, 0),
    latencies,
    ...(firstProblem ? { firstProblem } : {}),
  };
}
