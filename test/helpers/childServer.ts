import { spawn, type ChildProcess } from 'node:child_process';

/** Firstline started exactly as `npm start` does, in a child process (for kill -9 and exit tests). */
export interface ChildServer {
  process: ChildProcess;
  baseUrl: string;
  output: () => string;
}

/** Everything the child printed, and how it ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const ENTRY = ['--no-deprecation', '--import', 'tsx', 'bot/index.ts'];

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    PORT: '0',
    LOG_LEVEL: 'info',
    KNOWLEDGE_WATCH: 'false',
    ...env,
  };
}

/** Start the server and resolve once it logs that it listens (with its URL). */
export function startChildServer(env: Record<string, string>, timeoutMs = 90_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ENTRY, { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child server did not start:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*Firstline is listening/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ process: child, baseUrl: match[1], output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child server exited with ${code} before listening:\n${out}`));
    });
  });
}

/** Run the server entry point until it exits by itself (e.g. refused configuration). */
export function runChildToExit(env: Record<string, string>, timeoutMs = 30_000): Promise<ChildExit> {
  const child = spawn(process.execPath, ENTRY, { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * `kill -9` the child and resolve once it is reaped: until then its pid still answers signals,
 * so the data directory's lock would look held by a live process.
 */
export async function killHard(child: ChildServer): Promise<void> {
  const proc = child.process;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGKILL');
  await exited;
}

/** What the child printed on stderr, one entry per line, without Node's deprecation notices. */
export function stderrLines(exit: ChildExit): string[] {
  return exit.stderr
    .trim()
    .split('\n')
    .filter((l) => !/DeprecationWarning|trace-deprecation/.test(l));
}
