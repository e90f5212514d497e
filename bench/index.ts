/**
 * `npm run bench`: Firstline against baselines measured in the same run.
 *   1. HTTP throughput — Firstline vs a bare echo bot on the same stack (restify 11 + CloudAdapter),
 *      64 concurrent conversations with expectReplies, servers in child processes.
 *   2. Storage scaling — per-turn cost of real turns with 1k, 10k and 100k stored documents.
 *   3. NLU — recognise (intent + entities) throughput vs a tokenise-only pass.
 *   5. Store — the same conversations on PostgreSQL (STORAGE=postgres) vs lowdb, both durable.
 * Prints PASS/FAIL per criterion and exits 0; a crash exits 1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChildServer, type ChildServer } from './child.js';
import { runLoad, summarise, type LoadResult, type Scenario } from './load.js';
import { benchNlu } from './nlu.js';
import { echoCheck, echoScenario, firstlineCheck, firstlineScenario } from './scenario.js';
import { preload, readTemplates } from './storageScale.js';
import { startStorePair } from './stores.js';
import type { BenchReply } from './load.js';

process.env['DOTENV_CONFIG_QUIET'] = 'true';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.env['BENCH_QUICK'] === '1';

const HTTP = { concurrency: 64, warmupSeconds: quick ? 1 : 4, rounds: 3, windowSeconds: quick ? 2 : 5 };
const SCALE = {
  sizes: [1_000, 10_000, 100_000],
  concurrency: 32,
  warmupSeconds: quick ? 1 : 2,
  seconds: quick ? 2 : 6,
};
const NLU_SECONDS = quick ? 1 : 3;
const STORES = {
  concurrency: 16,
  warmupSeconds: quick ? 1 : 3,
  rounds: quick ? 2 : 3,
  windowSeconds: quick ? 2 : 5,
};
/** `BENCH_ONLY=stores` runs part 5 alone. */
const only = process.env['BENCH_ONLY'];

const log = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

interface Measured {
  result: LoadResult;
  cpuMsPerTurn: number;
}

/** One measured window of `scenario` against `server`, with the server's CPU time per turn. */
async function window(
  server: ChildServer,
  scenario: Scenario,
  check: (replies: BenchReply[]) => string | undefined,
  seconds: number,
  warmupSeconds: number,
  concurrency: number,
): Promise<Measured> {
  const cpuBefore = await server.cpuMs();
  const result = await runLoad({
    baseUrl: server.baseUrl,
    concurrency,
    warmupSeconds,
    seconds,
    userId: 'demo-user',
    scenario,
    check,
  });
  const cpu = (await server.cpuMs()) - cpuBefore;
  return { result, cpuMsPerTurn: cpu / Math.max(1, result.turns) };
}

/** Several measured windows as one: turns and latencies together, CPU per turn weighted by turns. */
function merge(ms: Measured[]): Measured {
  const turns = ms.reduce((a, m) => a + m.result.turns, 0);
  return {
    result: summarise(ms.map((m) => m.result)),
    cpuMsPerTurn: ms.reduce((a, m) => a + m.cpuMsPerTurn * m.result.turns, 0) / Math.max(1, turns),
  };
}

async function httpThroughput(dataDir: string) {
  log(
    `\n## 1. HTTP throughput: Firstline vs echo bot (${HTTP.concurrency} concurrent conversations, expectReplies, loopback)`,
  );
  log(
    '   Firstline runs with DATA_FSYNC=true (the production default: every acknowledged write is fsynced).',
  );
  const [firstline, echo] = await Promise.all([
    startChildServer('firstline', {
      dataDir,
      fsync: true,
      ...(process.env['BENCH_CPU_PROF'] ? { cpuProfileDir: process.env['BENCH_CPU_PROF'] } : {}),
    }),
    startChildServer('echo'),
  ]);
  try {
    const fScenario = firstlineScenario();
    const fCheck = firstlineCheck();
    const eScenario = echoScenario();
    // Warm up both (JIT, NLU caches, connection pools), then alternate measured windows so both bots
    // see the same background load on the machine.
    await runLoad({
      baseUrl: firstline.baseUrl,
      concurrency: HTTP.concurrency,
      warmupSeconds: HTTP.warmupSeconds,
      seconds: 0,
      userId: 'demo-user',
      scenario: fScenario,
      check: fCheck,
    });
    await runLoad({
      baseUrl: echo.baseUrl,
      concurrency: HTTP.concurrency,
      warmupSeconds: HTTP.warmupSeconds,
      seconds: 0,
      userId: 'demo-user',
      scenario: eScenario,
      check: echoCheck,
    });
    const f: Measured[] = [];
    const e: Measured[] = [];
    for (let r = 0; r < HTTP.rounds; r++) {
      f.push(await window(firstline, fScenario, fCheck, HTTP.windowSeconds, 0, HTTP.concurrency));
      e.push(await window(echo, eScenario, echoCheck, HTTP.windowSeconds, 0, HTTP.concurrency));
    }
    const fl = merge(f);
    const ec = merge(e);
    const row = (name: string, m: Measured) =>
      log(
        `   ${name.padEnd(10)} ${fmt(m.result.turnsPerSecond).padStart(8)} turns/s   p50 ${fmt(m.result.p50).padStart(7)} ms   p99 ${fmt(m.result.p99).padStart(7)} ms   server CPU ${fmt(m.cpuMsPerTurn, 2)} ms/turn   (${m.result.turns} turns, ${m.result.bad} bad)`,
      );
    row('Firstline', fl);
    row('echo', ec);
    if (fl.result.firstProblem) log(`   first problem seen: ${fl.result.firstProblem}`);
    const ratio = fl.result.turnsPerSecond / ec.result.turnsPerSecond;
    log(
      `   ratio Firstline/echo: throughput ${fmt(ratio, 3)}×, p50 latency ${fmt(fl.result.p50 / ec.result.p50, 1)}×, server CPU per turn ${fmt(fl.cpuMsPerTurn / ec.cpuMsPerTurn, 1)}×`,
    );
    return { fl, ec, ratio };
  } finally {
    await Promise.all([firstline.stop(), echo.stop()]);
  }
}

async function storageScaling(templateDir: string) {
  log(`\n## 2. Storage scaling: real turns against a Firstline booted on pre-loaded data (DATA_FSYNC=true)`);
  log(
    '   size = stored documents: half conversation-state documents (LowdbStorage), half case records (Repository).',
  );
  const templates = await readTemplates(templateDir);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'firstline-bench-scale-'));
  const rows: Array<{ size: number; preloadMs: number; startupMs: number; m: Measured }> = [];
  try {
    let stored = 0;
    for (const size of SCALE.sizes) {
      const t0 = performance.now();
      await preload(dataDir, templates, stored / 2, size / 2);
      stored = size;
      const preloadMs = performance.now() - t0;
      const server = await startChildServer('firstline', { dataDir, fsync: true });
      try {
        const m = await window(
          server,
          firstlineScenario(),
          firstlineCheck(),
          SCALE.seconds,
          SCALE.warmupSeconds,
          SCALE.concurrency,
        );
        rows.push({ size, preloadMs, startupMs: server.startupMs, m });
        log(
          `   ${String(size).padStart(7)} docs: ${fmt(m.cpuMsPerTurn, 2)} ms CPU/turn, ${fmt(1000 / m.result.turnsPerSecond, 2)} ms wall/turn (${fmt(m.result.turnsPerSecond)} turns/s, p50 ${fmt(m.result.p50)} ms, ${m.result.bad} bad); start-up ${fmt(server.startupMs / 1000, 2)} s; pre-load ${fmt(preloadMs / 1000, 1)} s`,
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const base = rows[0]!;
  for (const r of rows) {
    log(
      `   ${String(r.size).padStart(7)} vs ${base.size}: CPU/turn ${fmt(r.m.cpuMsPerTurn / base.m.cpuMsPerTurn, 2)}×, wall/turn ${fmt(base.m.result.turnsPerSecond / r.m.result.turnsPerSecond, 2)}×, start-up ${fmt(r.startupMs / base.startupMs, 1)}×`,
    );
  }
  return rows;
}

async function nlu() {
  log(`\n## 3. NLU: recognise (intent + entities) on one core, held-out messages (test/nlu/heldout)`);
  const { createRecognizer } = await import('../bot/nlu/recognizer.js');
  const { loadHeldOut } = await import('../bot/nlu/trainingData.js');
  const { foldWords } = await import('../bot/nlu/normalize.js');
  const recognizer = await createRecognizer({ knowledgeDir: path.join(root, 'knowledge') });
  const messages = (
    await Promise.all(
      ['en', 'es'].map((l) => loadHeldOut(path.join(root, 'test', 'nlu', 'heldout', `${l}.json`))),
    )
  ).flatMap((h) => h.messages.map((m) => m.text));
  // Baseline: the cheapest pass over the same text — fold accents/case and split into words.
  let sink = 0;
  const tokeniseOnly = {
    recognize(text: string) {
      sink += foldWords(text).split(/\s+/).length;
      return undefined;
    },
  } as unknown as Parameters<typeof benchNlu>[0];
  const baseline = await benchNlu(tokeniseOnly, messages, 1);
  const full = await benchNlu(recognizer, messages, NLU_SECONDS);
  log(
    `   recognise   ${String(full.messagesPerSecond).padStart(9)} msg/s  (${messages.length} distinct held-out messages, en + es)`,
  );
  log(
    `   tokenise    ${String(baseline.messagesPerSecond).padStart(9)} msg/s  (baseline: fold + split only${sink < 0 ? '' : ''})`,
  );
  log(`   ratio recognise/tokenise ${fmt(full.messagesPerSecond / baseline.messagesPerSecond, 3)}×`);
  const { naturalBayesBaseline, recognizerAccuracy } = await import('./naturalBaseline.js');
  const bayes = await naturalBayesBaseline(root, 1);
  const ours = await recognizerAccuracy(root, recognizer);
  log(
    `   natural BayesClassifier, same features: ${bayes.messagesPerSecond} msg/s (intent only), held-out accuracy ${fmt(bayes.accuracy, 3)}`,
  );
  log(
    `   Firstline recognise: ${fmt(full.messagesPerSecond / bayes.messagesPerSecond, 1)}× natural's throughput, held-out accuracy ${fmt(ours, 3)}`,
  );
  return { full, baseline };
}

async function stores() {
  log(
    `\n## 5. Store: PostgreSQL vs lowdb (${STORES.concurrency} concurrent conversations, same scenario, alternating windows)`,
  );
  log('   lowdb with DATA_FSYNC=true; PostgreSQL with its defaults (synchronous commit) on this machine.');
  const pair = await startStorePair();
  if (typeof pair === 'string') {
    log(`   skipped: ${pair}`);
    return undefined;
  }
  try {
    const scenario = firstlineScenario();
    const check = firstlineCheck();
    for (const server of [pair.lowdb, pair.postgres])
      await window(server, scenario, check, 0, STORES.warmupSeconds, STORES.concurrency);
    const low: Measured[] = [];
    const pgm: Measured[] = [];
    for (let r = 0; r < STORES.rounds; r++) {
      low.push(await window(pair.lowdb, scenario, check, STORES.windowSeconds, 0, STORES.concurrency));
      pgm.push(await window(pair.postgres, scenario, check, STORES.windowSeconds, 0, STORES.concurrency));
    }
    const l = merge(low);
    const p = merge(pgm);
    const row = (name: string, m: Measured) =>
      log(
        `   ${name.padEnd(10)} ${fmt(m.result.turnsPerSecond).padStart(8)} turns/s   p50 ${fmt(m.result.p50).padStart(7)} ms   p99 ${fmt(m.result.p99).padStart(7)} ms   Firstline CPU ${fmt(m.cpuMsPerTurn, 2)} ms/turn   (${m.result.turns} turns, ${m.result.bad} bad)`,
      );
    row('lowdb', l);
    row('postgres', p);
    log(
      `   ratio postgres/lowdb: throughput ${fmt(p.result.turnsPerSecond / l.result.turnsPerSecond, 3)}×, p50 latency ${fmt(p.result.p50 / l.result.p50, 2)}×, p99 ${fmt(p.result.p99 / l.result.p99, 2)}×, Firstline CPU per turn ${fmt(p.cpuMsPerTurn / l.cpuMsPerTurn, 2)}× (PostgreSQL's own CPU not counted)`,
    );
    return { lowdb: l, postgres: p };
  } finally {
    await pair.close();
  }
}

async function main(): Promise<void> {
  if (only === 'stores') {
    log(`# Firstline benchmark, part 5 only — ${os.cpus().length} CPU(s), Node ${process.version}`);
    const s = await stores();
    if (s && s.lowdb.result.bad + s.postgres.result.bad > 0)
      log('   FAIL: some turns were answered with an error');
    return;
  }
  const started = performance.now();
  log(
    `# Firstline benchmark — ${os.cpus().length} CPU(s), Node ${process.version}${quick ? ' (BENCH_QUICK)' : ''}`,
  );
  const httpDir = await mkdtemp(path.join(os.tmpdir(), 'firstline-bench-http-'));
  try {
    const http = await httpThroughput(httpDir);
    const scale = await storageScaling(httpDir);
    const n = await nlu();
    const s = await stores();

    const first = scale[0]!;
    const last = scale[scale.length - 1]!;
    const scaleRatio = last.m.cpuMsPerTurn / first.m.cpuMsPerTurn;
    const scaleWall = first.m.result.turnsPerSecond / last.m.result.turnsPerSecond;
    log(`\n## Summary (${fmt((performance.now() - started) / 1000, 0)} s)`);
    log('   criterion                                         measured              result');
    log(
      `   Firstline throughput ≥ 0.5 × echo (fsync on)       ${fmt(http.ratio, 3).padEnd(6)}× (${fmt(http.fl.result.turnsPerSecond, 0)}/${fmt(http.ec.result.turnsPerSecond, 0)} turns/s)`.padEnd(
        75,
      ) + pass(http.ratio >= 0.5),
    );
    log(
      `   turn cost at ${last.size / 1000}k ≤ 1.5 × at ${first.size / 1000}k (server CPU/turn)   ${fmt(scaleRatio, 2)}× (wall ${fmt(scaleWall, 2)}×)`.padEnd(
        75,
      ) + pass(scaleRatio <= 1.5),
    );
    log(
      `   NLU recognise with entities ≥ 5,000 msg/s           ${n.full.messagesPerSecond} msg/s`.padEnd(82) +
        pass(n.full.messagesPerSecond >= 5000),
    );
    log(
      `   Firstline turns answered without error              ${http.fl.result.bad + scale.reduce((a, r) => a + r.m.result.bad, 0)} bad`.padEnd(
        75,
      ) + pass(http.fl.result.bad + scale.reduce((a, r) => a + r.m.result.bad, 0) === 0),
    );
    if (s)
      log(
        `   PostgreSQL store: throughput vs lowdb (measured)     ${fmt(s.postgres.result.turnsPerSecond / s.lowdb.result.turnsPerSecond, 3)}× (${fmt(s.postgres.result.turnsPerSecond, 0)}/${fmt(s.lowdb.result.turnsPerSecond, 0)} turns/s), ${s.postgres.result.bad} bad`.padEnd(
          75,
        ) + pass(s.postgres.result.bad === 0),
      );
  } finally {
    await rm(httpDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
