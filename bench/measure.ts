/** Measured windows of load against bench servers: CPU per turn from /proc, alternating contenders. */
import type { ChildServer } from './child.js';
import { runLoad, summarise, type BenchReply, type LoadResult, type Scenario } from './load.js';
import { cpuWhenQuiet } from './procCpu.js';

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** A measured load: its result, server CPU per turn and driver CPU per turn. */
export interface Measured {
  result: LoadResult;
  /** Server CPU (all its processes, from /proc, until quiet) per completed turn. */
  cpuMsPerTurn: number;
  /** The load driver's own CPU (this process) per completed turn. */
  driverMsPerTurn: number;
}

/**
 * One measured window of `scenario` against `servers` (several: round robin per request), with the
 * servers' CPU per turn: read from /proc when they are quiet before the window and again once they are
 * quiet after it, so work a turn leaves behind (checkpoints, garbage collection) is counted.
 */
export async function window(
  servers: ChildServer | readonly ChildServer[],
  scenario: Scenario,
  check: (replies: BenchReply[]) => string | undefined,
  seconds: number,
  warmupSeconds: number,
  concurrency: number,
): Promise<Measured> {
  const all = Array.isArray(servers) ? servers : [servers as ChildServer];
  const pids = all.map((s) => s.pid);
  const before = await cpuWhenQuiet(pids);
  const driverBefore = process.cpuUsage();
  const result = await runLoad({
    baseUrl: all.map((s) => s.baseUrl),
    concurrency,
    warmupSeconds,
    seconds,
    userId: 'demo-user',
    scenario,
    check,
  });
  const driver = process.cpuUsage(driverBefore);
  const after = await cpuWhenQuiet(pids);
  const turns = Math.max(1, result.completed);
  return {
    result,
    cpuMsPerTurn: (after.cpuMs - before.cpuMs) / turns,
    driverMsPerTurn: (driver.user + driver.system) / 1000 / turns,
  };
}

/** Several measured windows as one: turns and latencies together, CPU per turn weighted by turns. */
export function merge(ms: Measured[]): Measured {
  const turns = ms.reduce((a, m) => a + m.result.completed, 0);
  const weighted = (f: (m: Measured) => number) =>
    ms.reduce((a, m) => a + f(m) * m.result.completed, 0) / Math.max(1, turns);
  return {
    result: summarise(ms.map((m) => m.result)),
    cpuMsPerTurn: weighted((m) => m.cpuMsPerTurn),
    driverMsPerTurn: weighted((m) => m.driverMsPerTurn),
  };
}

/** One printed line for a measured contender. */
export function row(
  name: string,
  m: Measured,
  extra = '',
  log = (line: string) => process.stdout.write(`${line}\n`),
): void {
  log(
    `   ${name.padEnd(26)} ${fmt(m.result.turnsPerSecond).padStart(7)} turns/s  p50 ${fmt(m.result.p50).padStart(6)} ms  p99 ${fmt(m.result.p99).padStart(6)} ms  server CPU ${fmt(m.cpuMsPerTurn, 3)} ms/turn  driver ${fmt(m.driverMsPerTurn, 3)}${extra}  (${m.result.turns} turns, ${m.result.bad} bad)`,
  );
}

/** A server, the conversation it is driven with and how its replies are checked. */
export interface Contender {
  name: string;
  server: ChildServer;
  scenario: Scenario;
  check: (replies: BenchReply[]) => string | undefined;
}

/** Warm every contender up, then measure them in alternating windows; merged per contender. */
export async function alternate(
  contenders: readonly Contender[],
  options: { concurrency: number; warmupSeconds: number; rounds: number; windowSeconds: number },
  servers: (c: Contender) => ChildServer | readonly ChildServer[] = (c) => c.server,
): Promise<Measured[]> {
  return (await alternateRounds(contenders, options, servers)).map(merge);
}

/** Like {@link alternate}, but every window on its own: per contender, one measurement per round. */
export async function alternateRounds(
  contenders: readonly Contender[],
  options: { concurrency: number; warmupSeconds: number; rounds: number; windowSeconds: number },
  servers: (c: Contender) => ChildServer | readonly ChildServer[] = (c) => c.server,
): Promise<Measured[][]> {
  for (const c of contenders)
    await window(servers(c), c.scenario, c.check, 0, options.warmupSeconds, options.concurrency);
  const measured: Measured[][] = contenders.map(() => []);
  for (let r = 0; r < options.rounds; r++)
    for (const [i, c] of contenders.entries())
      measured[i]!.push(
        await window(servers(c), c.scenario, c.check, options.windowSeconds, 0, options.concurrency),
      );
  return measured;
}
