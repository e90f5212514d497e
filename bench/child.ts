import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The V8/Node flags `npm start` runs the server with (package.json's `start` script, e.g.
 * `--max-semi-space-size`): every bench server gets them, Firstline and the baselines alike.
 * `BENCH_NODE_FLAGS` (even empty) replaces them, for what-if runs.
 */
export function startScriptFlags(): string[] {
  // What-if runs: BENCH_NODE_FLAGS (even empty) replaces the start script's flags.
  const override = process.env['BENCH_NODE_FLAGS'];
  if (override !== undefined) return override.split(/\s+/).filter(Boolean);
  const pkg = JSON.parse(readFileSync(path.resolve(here, '..', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const tokens = (pkg.scripts['start'] ?? '').split(/\s+/);
  return tokens.filter(
    (t, i) =>
      t.startsWith('--') && t !== '--import' && t !== '--no-deprecation' && tokens[i - 1] !== '--import',
  );
}

/** The kinds of server `bench/serverProcess.ts` boots. */
export type ServerKind = 'firstline' | 'echo' | 'core';

/** A server running in its own process (see serverProcess.ts). */
export interface ChildServer {
  baseUrl: string;
  /** The server's process id (its CPU time is read from /proc, see procCpu.ts). */
  pid: number;
  /** Time from the start of `createFirstline` to listening (echo: whole boot), in ms. */
  startupMs: number;
  /** CPU time (user + system) the server used since it started listening, in ms. */
  cpuMs(): Promise<number>;
  /** Resident set size and (after a full GC when started with `expose-gc`) heap used, in MiB. */
  memory(): Promise<{ rssMb: number; heapUsedMb: number }>;
  /** Event-loop delay (p50, p99, max in ms) since the last call (monitorEventLoopDelay, 5 ms resolution). */
  loopDelay(): Promise<{ p50: number; p99: number; max: number }>;
  /** Write a V8 heap snapshot (after a full GC) to `file`; resolves with its path. */
  heapSnapshot(file: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Start `bench/serverProcess.ts` as a child (`node --import tsx`). With `cpuProfileDir` the child
 * runs under `--cpu-prof` and writes a .cpuprofile there when it stops.
 */
export async function startChildServer(
  kind: ServerKind,
  options: {
    dataDir?: string;
    fsync?: boolean;
    cpuProfileDir?: string;
    nodeFlags?: string[];
    databaseUrl?: string;
    /** Another checkout of Firstline to run the server from (bench/ab.ts: before vs after, same run). */
    root?: string;
    /** More environment for the server. */
    env?: Record<string, string>;
  } = {},
): Promise<ChildServer> {
  const root = options.root ?? path.resolve(here, '..');
  const args = [
    '--no-deprecation',
    '--import',
    'tsx',
    ...(options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : []),
    ...startScriptFlags(),
    ...(options.nodeFlags ?? []),
    path.join(root, 'bench', 'serverProcess.ts'),
    kind,
    ...(kind === 'firstline' ? [options.dataDir ?? '', String(options.fsync ?? true)] : []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      DOTENV_CONFIG_QUIET: 'true',
      LOG_LEVEL: 'silent',
      // The store is chosen here, never by a TEST_STORAGE left in the environment.
      TEST_STORAGE: 'lowdb',
      BENCH_DATABASE_URL: options.databaseUrl ?? '',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Interface = createInterface({ input: child.stdout! });
  const waiting: Array<(line: string) => void> = [];
  // Lines that are not the server's JSON answers (node's own output, e.g. --trace-gc in a what-if run) go to stderr.
  lines.on('line', (line) => {
    if (line.startsWith('{')) waiting.shift()?.(line);
    else process.stderr.write(`${line}\n`);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const nextLine = () =>
    Promise.race([
      new Promise<string>((resolve) => waiting.push(resolve)),
      exited.then((code) => {
        throw new Error(`bench ${kind} server exited with code ${code}`);
      }),
    ]);
  const hello = JSON.parse(await nextLine()) as { baseUrl: string; startupMs: number };
  return {
    baseUrl: hello.baseUrl,
    pid: child.pid!,
    startupMs: hello.startupMs,
    async cpuMs() {
      child.stdin!.write('usage\n');
      return (JSON.parse(await nextLine()) as { cpuMs: number }).cpuMs;
    },
    async memory() {
      child.stdin!.write('memory\n');
      return JSON.parse(await nextLine()) as { rssMb: number; heapUsedMb: number };
    },
    async loopDelay() {
      child.stdin!.write('loop\n');
      return JSON.parse(await nextLine()) as { p50: number; p99: number; max: number };
    },
    async heapSnapshot(file: string) {
      child.stdin!.write(`snapshot ${file}\n`);
      return (JSON.parse(await nextLine()) as { file: string }).file;
    },
    async stop() {
      child.stdin!.end('stop\n');
      await exited;
    },
  };
}
