import { createRequire } from 'node:module';
import { ConnectionStatus, DirectLine, type Activity } from 'botframework-directlinejs';
import { WebSocket as NodeWebSocket } from 'ws';

/** The official client's own dependencies, resolved from its package (rxjs 5, xhr2 as its README advises). */
const fromClient = createRequire(createRequire(import.meta.url).resolve('botframework-directlinejs'));
const requireHere = createRequire(import.meta.url);

/** The parts of rxjs 5's AsyncAction this file relies on. */
interface RxAction {
  delay: number;
  execute(state: unknown, delay: number): unknown;
  requestAsyncId(scheduler: unknown, id?: unknown, delay?: number): unknown;
}
type ActionClass = new (scheduler: unknown, work: (state?: unknown) => void) => RxAction;
type SchedulerClass = new (action: ActionClass) => unknown;

/**
 * Gives Node what the official client expects of a browser (its README: `XMLHttpRequest` from xhr2 and
 * `WebSocket` from ws). @returns The function that restores the previous globals.
 */
export function installBrowserGlobals(): () => void {
  const globals = globalThis as { XMLHttpRequest?: unknown; WebSocket?: unknown };
  const before = { xhr: globals.XMLHttpRequest, ws: globals.WebSocket };
  globals.XMLHttpRequest = requireHere('xhr2') as unknown;
  globals.WebSocket = NodeWebSocket;
  return () => {
    globals.XMLHttpRequest = before.xhr;
    globals.WebSocket = before.ws;
  };
}

/**
 * An rxjs scheduler for the client that runs its long timers (the 15-minute token refresh) after `fastMs`
 * instead, calling `onLongTimer(ms)` each time one fires — the test moves the server's clock by the same amount,
 * so the client's real refresh schedule runs against the server's real expiry checks in a moment.
 *
 * A long timer fires only once `ready()` says so (it is tried again every `fastMs`): a browser's 15 minutes
 * leave every refresh time to be answered, and a loaded machine's 150 ms must too — otherwise the clock moves on
 * while refreshes sent with the previous token are still on their way, and they meet an expired token.
 */
export function fastLongTimers(
  onLongTimer: (ms: number) => void,
  options: { fastMs?: number; ready?: () => boolean } = {},
): unknown {
  const { fastMs = 150, ready = () => true } = options;
  const AsyncAction = fromClient('rxjs/scheduler/AsyncAction').AsyncAction as ActionClass;
  const AsyncScheduler = fromClient('rxjs/scheduler/AsyncScheduler').AsyncScheduler as SchedulerClass;
  const long = 10 * 60_000;
  class FastAction extends AsyncAction {
    override requestAsyncId(scheduler: unknown, id?: unknown, delay = 0): unknown {
      return super.requestAsyncId(scheduler, id, delay >= long ? fastMs : delay);
    }
    override execute(state: unknown, delay: number): unknown {
      if (this.delay >= long) {
        // Not yet: the action stays pending and its interval tries again after fastMs.
        if (!ready()) return undefined;
        onLongTimer(this.delay);
      }
      return super.execute(state, delay);
    }
  }
  return new AsyncScheduler(FastAction);
}

/** A running official client and everything it received, for assertions. */
export interface ClientRun {
  client: DirectLine;
  activities: Activity[];
  statuses: ConnectionStatus[];
  /** Resolves with the first activity matching `predicate` (already received or later). */
  waitFor(predicate: (a: Activity) => boolean, timeoutMs?: number, what?: string): Promise<Activity>;
  waitForStatus(status: ConnectionStatus, timeoutMs?: number): Promise<void>;
  post(activity: Partial<Activity>): Promise<string>;
  end(): void;
}

/** Starts the official client and records its activities and connection statuses. */
export function runClient(options: ConstructorParameters<typeof DirectLine>[0]): ClientRun {
  const client = new DirectLine(options);
  const activities: Activity[] = [];
  const statuses: ConnectionStatus[] = [];
  const statusSub = client.connectionStatus$.subscribe((s) => statuses.push(s));
  const activitySub = client.activity$.subscribe({ next: (a) => activities.push(a), error: () => undefined });
  const poll = async <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}; statuses ${JSON.stringify(statuses)}, activities ${JSON.stringify(
            activities.map((a) => [a.type, (a as { text?: string }).text]),
          )}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    client,
    activities,
    statuses,
    waitFor: (predicate, timeoutMs = 10_000, what = 'an activity') =>
      poll(() => activities.find(predicate), timeoutMs, what),
    waitForStatus: async (status, timeoutMs = 10_000) => {
      await poll(
        () => (client.connectionStatus$.getValue() === status ? true : undefined),
        timeoutMs,
        `status ${ConnectionStatus[status]}`,
      );
    },
    post: (activity) =>
      new Promise<string>((resolve, reject) => {
        client
          .postActivity({ type: 'message', from: { id: 'ignored' }, ...activity } as Activity)
          .subscribe({ next: resolve, error: reject });
      }),
    end: () => {
      activitySub.unsubscribe();
      statusSub.unsubscribe();
      client.end();
    },
  };
}

export { ConnectionStatus };
