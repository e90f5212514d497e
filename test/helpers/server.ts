import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../bot/config.js';
import { createFirstline, type Firstline, type FirstlineSeams } from '../../bot/index.js';
import { createLogger } from '../../bot/logger.js';
import { startConnectorStub, type ConnectorStub } from './connectorStub.js';
import { TEST_KNOWLEDGE_DIR } from './knowledgeDir.js';
import { dropStorage, storageEnv } from './testStorage.js';

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
 * shipped knowledge, on the test store (`TEST_STORAGE=postgres`: the data directory's own database).
 * `env` overrides any variable; LOG_LEVEL defaults to silent.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  dataDir?: string,
  logStream?: { write(line: string): void },
  seams: FirstlineSeams = {},
): Promise<TestServer> {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'firstline-test-')));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dir,
    KNOWLEDGE_DIR: TEST_KNOWLEDGE_DIR,
    KNOWLEDGE_WATCH: 'false',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    DATA_FSYNC: 'false',
    // A bug that writes an invalid record fails the test instead of the next start-up.
    DATA_VALIDATE_WRITES: 'true',
    ...(await storageEnv(dir)),
    // Outside local mode the token key is required; tests that do not care get a fixed one.
    ...(env.MicrosoftAppId ? { DIRECT_LINE_TOKEN_KEY: 'test-direct-line-token-key-0123456789abcdef' } : {}),
    ...env,
  });
  const logger = logStream ? createLogger(config.LOG_LEVEL, logStream) : pino({ level: config.LOG_LEVEL });
  const firstline = await createFirstline(config, logger, seams);
  await firstline.start();
  return {
    baseUrl: firstline.baseUrl,
    dataDir: dir,
    firstline,
    stop: () => firstline.close(),
    close: async () => {
      await firstline.close();
      if (dataDir) return;
      await rm(dir, { recursive: true, force: true });
      await dropStorage(dir);
    },
  };
}

/**
 * Register mocha hooks (inside a `describe` callback) that keep one `T` running: started `before` the
 * tests and stopped `after` them, or with `perTest` started and stopped around each test. The returned
 * function gives the running one and throws outside tests and hooks.
 */
function useRunning<T>(
  what: string,
  start: () => Promise<T>,
  stop: (running: T) => Promise<void>,
  perTest = false,
): () => T {
  let current: T | undefined;
  const [setUp, tearDown] = perTest ? [beforeEach, afterEach] : [before, after];
  setUp(async () => {
    current = await start();
  });
  tearDown(async () => {
    if (current !== undefined) await stop(current);
    current = undefined;
  });
  return () => {
    if (current === undefined)
      throw new Error(`the ${what} is not running: use it inside tests and hooks only`);
    return current;
  };
}

/**
 * Run a {@link startTestServer} with `env` for the enclosing `describe`: one server for all its tests,
 * or with `perTest` a fresh one (and data directory) for each test. Call it inside the `describe`
 * callback; the returned handle forwards to the running server.
 */
export function useTestServer(
  env: Record<string, string> = {},
  options: { perTest?: boolean } = {},
): TestServer {
  const running = useRunning(
    'test server',
    () => startTestServer(env),
    (server) => server.close(),
    options.perTest,
  );
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

/**
 * Run a {@link startConnectorStub} for the enclosing `describe` (started before its tests, closed after
 * them), to receive the bot's proactive messages. Call it inside the `describe` callback; the returned
 * handle forwards to the running stub.
 */
export function useConnectorStub(): ConnectorStub {
  const running = useRunning('connector stub', startConnectorStub, (stub) => stub.close());
  return {
    get url() {
      return running().url;
    },
    get received() {
      return running().received;
    },
    get refused() {
      return running().refused;
    },
    to: (conversationId) => running().to(conversationId),
    waitFor: (predicate, timeoutMs) => running().waitFor(predicate, timeoutMs),
    refuse: (conversationId, status) => running().refuse(conversationId, status),
    clear: () => running().clear(),
    close: () => running().close(),
  };
}
