import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../bot/config.js';
import { createFirstline, type Firstline } from '../../bot/index.js';
import { createLogger } from '../../bot/logger.js';

/** A real Firstline server on an ephemeral port with its own data directory. */
export interface TestServer {
  baseUrl: string;
  dataDir: string;
  firstline: Firstline;
  close(): Promise<void>;
  /** Stop this server but keep the data directory (to start another on it: a restart). */
  stop(): Promise<void>;
}

/**
 * Boot the real server (same wiring as `npm start`) on 127.0.0.1:0 with a fresh DATA_DIR and the
 * shipped knowledge. `env` overrides any variable; LOG_LEVEL defaults to silent.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  dataDir?: string,
  logStream?: { write(line: string): void },
): Promise<TestServer> {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'firstline-test-')));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dir,
    KNOWLEDGE_DIR: 'knowledge',
    KNOWLEDGE_WATCH: 'false',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    DATA_FSYNC: 'false',
    ...env,
  });
  const logger = logStream ? createLogger(config.LOG_LEVEL, logStream) : pino({ level: config.LOG_LEVEL });
  const firstline = await createFirstline(config, logger);
  await firstline.start();
  return {
    baseUrl: firstline.baseUrl,
    dataDir: dir,
    firstline,
    stop: () => firstline.close(),
    close: async () => {
      await firstline.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Register mocha hooks that run a {@link startTestServer} with `env` for the enclosing `describe`:
 * one server for all its tests, or with `perTest` a fresh one (and data directory) for each test.
 * Call it inside the `describe` callback. The returned handle forwards to the running server, so use
 * it only inside tests and hooks.
 */
export function useTestServer(env: Record<string, string> = {}, options: { perTest?: boolean } = {}): TestServer {
  let current: TestServer | undefined;
  const running = (): TestServer => {
    if (!current) throw new Error('the test server is not running: use it inside tests and hooks only');
    return current;
  };
  const [setUp, tearDown] = options.perTest ? [beforeEach, afterEach] : [before, after];
  setUp(async () => {
    current = await startTestServer(env);
  });
  tearDown(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get baseUrl() {
      return running().baseUrl;
    },
    get dataDir() {
      return running().dataDir;
    },
    get firstline() {
      return running().firstline;
    },
    close: () => running().close(),
    stop: () => running().stop(),
  };
}
