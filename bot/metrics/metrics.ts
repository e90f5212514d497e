import type { Middleware, TurnContext } from 'botbuilder';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the desk gauges are computed from at each scrape (the store's view: the same on every instance). */
export interface DeskReadings {
  /** Cases waiting in the queue. */
  queueLength(): number;
  /** Seconds the longest-waiting queued case has waited (0 when none waits). */
  oldestWaitSeconds(): number;
}

/** Options of {@link FirstlineMetrics}. */
export interface MetricsOptions {
  /** `INSTANCE_ID`: a label on every series, so a dashboard tells the instances apart. */
  instanceId: string;
  desk: DeskReadings;
  /** Sample Node's own metrics (event-loop lag, heap, GC); off in unit tests that build many registries. */
  processMetrics?: boolean;
}

/** Which turns failed: set by the wrapped turn error handler, read by the turn middleware. */
const TURN_FAILED = Symbol('firstline.metrics.turnFailed');

/**
 * Firstline's Prometheus metrics, in a registry of its own (never prom-client's global one): turns by outcome and
 * their latency, errors by source, the desk's queue length and wait, handoffs, connectivity platform calls and
 * failures, store latency, and Node's event-loop lag. Every series carries `instance_id`. Counters count what this
 * instance did; sum them over instances for the cluster.
 */
export class FirstlineMetrics {
  readonly registry = new Registry();
  readonly turns: Counter<'outcome'>;
  readonly turnSeconds: Histogram<'outcome'>;
  readonly errors: Counter<'source'>;
  readonly handoffs: Counter<'mode' | 'reason'>;
  readonly platformCalls: Counter<'provider' | 'operation'>;
  readonly platformFailures: Counter<'provider' | 'operation'>;
  readonly platformSeconds: Histogram<'provider' | 'operation'>;
  readonly storeSeconds: Histogram<'operation'>;

  constructor(options: MetricsOptions) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ instance_id: options.instanceId });
    this.turns = new Counter({
      name: 'firstline_turns_total',
      help: 'Turns run by this instance, by outcome (ok, error)',
      labelNames: ['outcome'],
      registers,
    });
    this.turnSeconds = new Histogram({
      name: 'firstline_turn_duration_seconds',
      help: 'Time from a turn reaching the bot to its last reply, by outcome',
      labelNames: ['outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.errors = new Counter({
      name: 'firstline_errors_total',
      help: 'Errors by source (turn: a turn that failed; http: a request answered 5xx)',
      labelNames: ['source'],
      registers,
    });
    this.handoffs = new Counter({
      name: 'firstline_handoffs_total',
      help: 'Cases handed to a person by this instance, by mode (desk, contact_centre) and reason',
      labelNames: ['mode', 'reason'],
      registers,
    });
    this.platformCalls = new Counter({
      name: 'firstline_platform_calls_total',
      help: 'Calls to the connectivity platform, by provider and operation',
      labelNames: ['provider', 'operation'],
      registers,
    });
    this.platformFailures = new Counter({
      name: 'firstline_platform_failures_total',
      help: 'Calls to the connectivity platform that failed (threw), by provider and operation',
      labelNames: ['provider', 'operation'],
      registers,
    });
    this.platformSeconds = new Histogram({
      name: 'firstline_platform_call_duration_seconds',
      help: 'Latency of connectivity platform calls',
      labelNames: ['provider', 'operation'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.storeSeconds = new Histogram({
      name: 'firstline_store_duration_seconds',
      help: 'Latency of conversation state reads and writes in the store (lowdb or PostgreSQL)',
      labelNames: ['operation'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    new Gauge({
      name: 'firstline_desk_queue_length',
      help: 'Cases waiting in the desk queue (store-wide)',
      registers,
      collect() {
        this.set(options.desk.queueLength());
      },
    });
    new Gauge({
      name: 'firstline_desk_queue_oldest_wait_seconds',
      help: 'How long the longest-waiting queued case has waited (store-wide)',
      registers,
      collect() {
        this.set(options.desk.oldestWaitSeconds());
      },
    });
    // Event-loop lag (nodejs_eventloop_lag_*), heap, GC and process figures.
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** The outermost middleware of both adapters: counts and times every turn. */
  turnMiddleware(): Middleware {
    return {
      onTurn: async (context: TurnContext, next: () => Promise<void>): Promise<void> => {
        const stop = this.turnSeconds.startTimer();
        let outcome = 'ok';
        try {
          await next();
          if (context.turnState.get(TURN_FAILED) === true) outcome = 'error';
        } catch (err) {
          outcome = 'error';
          throw err;
        } finally {
          stop({ outcome });
          this.turns.inc({ outcome });
        }
      },
    };
  }

  /** Wraps the adapters' turn error handler: the turn is counted as failed and the error counted. */
  countTurnErrors<A extends unknown[]>(
    handler: (context: TurnContext, error: Error, ...rest: A) => Promise<void>,
  ): (context: TurnContext, error: Error, ...rest: A) => Promise<void> {
    return async (context, error, ...rest) => {
      context.turnState.set(TURN_FAILED, true);
      this.errors.inc({ source: 'turn' });
      await handler(context, error, ...rest);
    };
  }

  /** Time `work` as a store operation. */
  async timeStore<R>(operation: string, work: () => Promise<R>): Promise<R> {
    const stop = this.storeSeconds.startTimer({ operation });
    try {
      return await work();
    } finally {
      stop();
    }
  }

  /** The exposition text and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
