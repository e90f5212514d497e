import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, all threads: the main thread, V8's and libuv's pools) `pid` has used since it
 * started, in ms, from /proc/PID/stat — what the kernel charged, whatever the process itself reports.
 */
export async function procCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) in parentheses: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime))
    throw new Error(`procCpuMs: cannot read /proc/${pid}/stat`);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/**
 * Wait until every process of `pids` is quiet — less than `idleMs` of CPU over `intervalMs` (all together) —
 * and resolve with their summed CPU time at the start of that quiet interval: the work a load left behind
 * (journal checkpoints, garbage collection) is counted, the idle interval is not. Gives up after `maxMs`.
 */
export async function cpuWhenQuiet(
  pids: readonly number[],
  options: { intervalMs?: number; idleMs?: number; maxMs?: number } = {},
): Promise<{ cpuMs: number; waitedMs: number }> {
  const intervalMs = options.intervalMs ?? 250;
  const idleMs = options.idleMs ?? 20;
  const maxMs = options.maxMs ?? 15_000;
  const started = performance.now();
  const total = async () => (await Promise.all(pids.map(procCpuMs))).reduce((a, b) => a + b, 0);
  let before = await total();
  for (;;) {
    await sleep(intervalMs);
    const now = await total();
    if (now - before <= idleMs || performance.now() - started > maxMs)
      return { cpuMs: before, waitedMs: performance.now() - started };
    before = now;
  }
}
