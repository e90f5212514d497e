/**
 * Child process of the benchmark: boots one server so the load driver (the parent) and the server
 * each get their own core. Usage: `serverProcess.ts firstline|echo|core [dataDir] [fsync]`; Firstline runs on
 * PostgreSQL when `BENCH_DATABASE_URL` is set, on lowdb otherwise.
 * Prints one JSON line `{baseUrl, startupMs}` on stdout, then obeys stdin lines: `usage` (prints
 * `{cpuMs, rssMb}`), `memory` (collects garbage when run with --expose-gc, then prints `{rssMb, heapUsedMb}`),
 * `snapshot <file>` (writes a V8 heap snapshot there, prints `{file}`), `loop` (event-loop delay since the last
 * `loop`, from `monitorEventLoopDelay`: prints `{p50, p99, max}` in ms)
 * and `stop` (stops, keeping the data directory, and exits).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { writeHeapSnapshot } from 'node:v8';
import { startCoreBot } from './coreBot.js';
import { startEchoBot } from './echoBot.js';

async function main(): Promise<void> {
  const [kind, dataDir, fsync] = process.argv.slice(2);
  const started = performance.now();
  let stop: () => Promise<void>;
  let baseUrl: string;
  if (kind === 'echo' || kind === 'core') {
    const bot = kind === 'echo' ? await startEchoBot() : await startCoreBot();
    baseUrl = bot.baseUrl;
    stop = () => bot.close();
  } else if (kind === 'firstline') {
    const { startTestServer } = await import('../test/helpers/server.js');
    const importMs = performance.now() - started;
    const bootStarted = performance.now();
    const databaseUrl = process.env['BENCH_DATABASE_URL'];
    const storage: Record<string, string> = databaseUrl
      ? { STORAGE: 'postgres', DATABASE_URL: databaseUrl }
      : { STORAGE: 'lowdb' };
    const server = await startTestServer(
      {
        LOG_LEVEL: 'silent',
        DATA_FSYNC: fsync ?? 'true',
        DATA_VALIDATE_WRITES: 'false',
        ...storage,
        ...whatIfEnv(process.env['BENCH_SERVER_ENV']),
      },
      dataDir,
    );
    baseUrl = server.baseUrl;
    stop = () => server.stop();
    process.stdout.write(
      `${JSON.stringify({ baseUrl, startupMs: performance.now() - bootStarted, importMs })}\n`,
    );
  } else {
    throw new Error(`serverProcess: unknown kind "${kind ?? ''}"`);
  }
  if (kind !== 'firstline')
    process.stdout.write(`${JSON.stringify({ baseUrl, startupMs: performance.now() - started })}\n`);
  const cpuAtStart = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'usage') {
      const cpu = process.cpuUsage(cpuAtStart);
      process.stdout.write(
        `${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage().rss / 2 ** 20 })}\n`,
      );
    } else if (line === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      process.stdout.write(
        `${JSON.stringify({ rssMb: memory.rss / 2 ** 20, heapUsedMb: memory.heapUsed / 2 ** 20 })}\n`,
      );
    } else if (line.startsWith('snapshot ')) {
      (globalThis as { gc?: () => void }).gc?.();
      const file = writeHeapSnapshot(line.slice('snapshot '.length));
      process.stdout.write(`${JSON.stringify({ file })}\n`);
    } else if (line === 'loop') {
      const ms = (ns: number) => ns / 1e6;
      process.stdout.write(
        `${JSON.stringify({ p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) })}\n`,
      );
      loopDelay.reset();
    } else if (line === 'stop') break;
  }
  await stop();
  process.exit(0);
}

/** `K=V K=V` settings a what-if run gives the server's configuration on top of the benchmark's (bench/ab.ts). */
function whatIfEnv(settings: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of (settings ?? '').split(/\s+/).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`serverProcess: BENCH_SERVER_ENV "${pair}" is not KEY=VALUE`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
