import { setTimeout as sleep } from 'node:timers/promises';
import {
  BenchConversation,
  BotClient,
  summarise,
  type BenchReply,
  type LoadResult,
  type Scenario,
  type ScenarioConversation,
} from './load.js';

/**
 * A conversation whose turns wait for the open-loop clock: each `join`/`say` queues for the next arrival
 * instead of being sent as soon as the previous reply came back.
 */
class PacedConversation implements ScenarioConversation {
  constructor(
    private readonly inner: BenchConversation,
    /** Resolves at the turn's arrival with the time it was due. */
    private readonly arrival: () => Promise<number>,
    /** The turn's latency from when it was due (a late driver counts against the server, never for it). */
    private readonly answered: (due: number, ms: number) => void,
  ) {}

  join(): Promise<BenchReply[]> {
    return this.paced(() => this.inner.join());
  }

  say(text: string): Promise<BenchReply[]> {
    return this.paced(() => this.inner.say(text));
  }

  private async paced(send: () => Promise<BenchReply[]>): Promise<BenchReply[]> {
    const due = await this.arrival();
    try {
      return await send();
    } finally {
      this.answered(due, performance.now() - due);
    }
  }

  choices(): string[] {
    return this.inner.choices();
  }
}

/**
 * Open-loop load: turns arrive at `turnsPerSecond`, evenly spaced, whether or not earlier turns were
 * answered. Each arrival goes to the conversation that has waited longest for its next turn (its previous
 * reply is in); when none is waiting a new conversation starts, so slow replies mean more conversations at
 * once, never fewer arrivals. Latency is measured from the arrival (the send) to the reply. Turns that
 * arrive in the first `warmupSeconds` are not counted.
 */
export async function runOpenLoop(options: {
  baseUrl: string;
  turnsPerSecond: number;
  warmupSeconds: number;
  seconds: number;
  userId: string;
  scenario: Scenario;
  check?: (replies: BenchReply[]) => string | undefined;
}): Promise<LoadResult & { offered: number; maxConversations: number }> {
  const client = new BotClient(options.baseUrl, 1024);
  const latencies: number[] = [];
  let bad = 0;
  let completed = 0;
  let firstProblem: string | undefined;
  const t0 = performance.now();
  const windowStart = t0 + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.seconds * 1000;
  const waiting: Array<(due: number) => void> = [];
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const check = (_ms: number, replies: BenchReply[]) => {
    const problem = options.check?.(replies);
    if (problem) {
      bad += 1;
      firstProblem ??= problem;
    }
  };
  const answered = (due: number, ms: number) => {
    inFlight -= 1;
    if (due >= windowStart && due < windowEnd) latencies.push(ms);
    if (performance.now() >= windowStart) completed += 1;
    if (inFlight === 0) drained?.();
  };
  const arrival = () => new Promise<number>((resolve) => waiting.push(resolve));
  let conversations = 0;
  let active = 0;
  let maxConversations = 0;
  const start = () => {
    const conversation = new PacedConversation(
      new BenchConversation(client, options.userId, check),
      arrival,
      answered,
    );
    conversations += 1;
    active += 1;
    maxConversations = Math.max(maxConversations, active);
    void options
      .scenario(conversation, conversations, 0)
      .catch((err: unknown) => {
        bad += 1;
        firstProblem ??= (err as Error).message;
      })
      .finally(() => {
        active -= 1;
      });
  };
  const interval = 1000 / options.turnsPerSecond;
  let offered = 0;
  let counted = 0;
  // Each arrival is due at t0 + n × interval; a late timer sends the overdue arrivals at once.
  for (let n = 0; ; n++) {
    const due = t0 + n * interval;
    if (due >= windowEnd) break;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (waiting.length === 0) {
      start();
      // The new conversation's first turn has queued synchronously (its scenario awaits `join` first).
      await Promise.resolve();
    }
    const next = waiting.shift();
    if (!next) continue;
    offered += 1;
    inFlight += 1;
    if (due >= windowStart) counted += 1;
    next(due);
  }
  // Let the turns in flight finish; the conversations' next turns are never sent.
  if (inFlight > 0) await Promise.race([new Promise<void>((r) => (drained = r)), sleep(30_000)]);
  client.close();
  const result = summarise([
    {
      turns: counted,
      completed,
      seconds: options.seconds,
      latencies,
      bad,
      ...(firstProblem ? { firstProblem } : {}),
    },
  ]);
  return { ...result, offered, maxConversations };
}
