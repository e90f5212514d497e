/**
 * `npm run bench`: Firstline against baselines measured in the same run.
 *   1. Turn cost — echo bot, a core-bot-shaped dialog bot, Firstline small talk and Firstline
 *      troubleshooting, alternating windows, 32 concurrent conversations with expectReplies: turns/s,
 *      p50/p99 and server CPU per turn from /proc (all threads, until the server is quiet).
 *   2. Open loop — 200 troubleshooting turns/s offered whatever the replies: latency at a steady load.
 *   3. Storage scaling — per-turn cost of real turns with 1k, 10k and 100k stored documents.
 *   4. NLU — recognise (intent + entities) throughput vs a tokenise-only pass.
 *   5. Store — the same conversations on PostgreSQL (1 and 3 instances) vs lowdb, alternating.
 * Prints PASS/FAIL per criterion and exits 0; a crash exits 1. `BENCH_QUICK=1`: short windows;
 * `BENCH_ONLY=turns,open,scale,nlu,stores`: only those parts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChildServer } from './child.js';
import { runLoad } from './load.js';
import { alternate, row, window, type Contender, type Measured } from './measure.js';
import { benchNlu } from './nlu.js';
import { runOpenLoop } from './openLoop.js';
import { cpuWhenQuiet } from './procCpu.js';
import {
  coreBotScenario,
  echoCheck,
  echoScenario,
  firstlineCheck,
  firstlineScenario,
  smallTalkScenario,
} from './scenario.js';
import { preload, readTemplates } from './storageScale.js';
import { startStorePair } from './stores.js';

process.env['DOTENV_CONFIG_QUIET'] = 'true';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.env['BENCH_QUICK'] === '1';

const TURNS = {
  concurrency: 32,
  warmupSeconds: quick ? 1 : 3,
  rounds: quick ? 2 : 3,
  windowSeconds: quick ? 2 : 5,
};
const OPEN = { turnsPerSecond: 200, warmupSeconds: quick ? 1 : 2, seconds: quick ? 3 : 10 };
const SCALE = {
  sizes: quick ? [1_000, 10_000] : [1_000, 10_000, 100_000],
  concurrency: 32,
  warmupSeconds: quick ? 1 : 2,
  seconds: quick ? 2 : 6,
};
const NLU_SECONDS = quick ? 1 : 3;
const STORES = {
  concurrency: 16,
  instances: 3,
  warmupSeconds: quick ? 1 : 3,
  rounds: quick ? 2 : 3,
  windowSeconds: quick ? 2 : 5,
};
const PARTS = ['turns', 'open', 'scale', 'nlu', 'stores'] as const;
type Part = (typeof PARTS)[number];
/**
 * `BENCH_ONLY=turns,stores` runs those parts alone (`open` starts part 1's servers too; `scale` alone first
 * makes its templates with a short run).
 */
const only = new Set(
  (process.env['BENCH_ONLY'] ?? PARTS.join(','))
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean),
);
const runs = (part: Part) => only.has(part);

const log = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function turnCost(smallTalkDir: string, troubleshootingDir: string, withOpenLoop: boolean) {
  log(
    `\n## 1. Turn cost (${TURNS.concurrency} concurrent conversations, expectReplies, loopback, alternating ${TURNS.rounds} × ${TURNS.windowSeconds} s windows)`,
  );
  log(
    '   Firstline with DATA_FSYNC=true (the production default); every server with the flags of `npm start`.',
  );
  log(
    '   Server CPU: utime + stime of the server process from /proc (all threads), until it is quiet after each window.',
  );
  const profileDir = process.env['BENCH_CPU_PROF'];
  const [echo, core, smallTalk, troubleshooting] = await Promise.all([
    startChildServer('echo'),
    startChildServer('core'),
    startChildServer('firstline', { dataDir: smallTalkDir, fsync: true }),
    startChildServer('firstline', {
      dataDir: troubleshootingDir,
      fsync: true,
      ...(profileDir ? { cpuProfileDir: profileDir } : {}),
    }),
  ]);
  try {
    const fCheck = firstlineCheck();
    const [e, c, s, t] = (await alternate(
      [
        { name: 'echo', server: echo, scenario: echoScenario(), check: echoCheck },
        { name: 'core-bot dialog bot', server: core, scenario: coreBotScenario(), check: echoCheck },
        { name: 'Firstline small talk', server: smallTalk, scenario: smallTalkScenario(), check: fCheck },
        {
          name: 'Firstline troubleshooting',
          server: troubleshooting,
          scenario: firstlineScenario(),
          check: fCheck,
        },
      ],
      TURNS,
    )) as [Measured, Measured, Measured, Measured];
    const ratios = (m: Measured) =>
      `  ×echo ${fmt(m.cpuMsPerTurn / e.cpuMsPerTurn, 2)}  ×floor ${fmt(m.cpuMsPerTurn / c.cpuMsPerTurn, 2)}`;
    row('echo', e, ratios(e));
    row('core-bot dialog bot', c, ratios(c));
    row('Firstline small talk', s, ratios(s));
    row('Firstline troubleshooting', t, ratios(t));
    for (const m of [s, t]) if (m.result.firstProblem) log(`   first problem seen: ${m.result.firstProblem}`);
    log(
      '   ×echo, ×floor: server CPU per turn relative to the echo bot and to the core-bot dialog bot (the dialog floor).',
    );

    if (!withOpenLoop) return { e, c, s, t, open: undefined };
    log(
      `\n## 2. Open loop: ${OPEN.turnsPerSecond} Firstline troubleshooting turns/s offered for ${OPEN.seconds} s (arrivals independent of replies)`,
    );
    const before = await cpuWhenQuiet([troubleshooting.pid]);
    await troubleshooting.loopDelay();
    const open = await runOpenLoop({
      baseUrl: troubleshooting.baseUrl,
      turnsPerSecond: OPEN.turnsPerSecond,
      warmupSeconds: OPEN.warmupSeconds,
      seconds: OPEN.seconds,
      userId: 'demo-user',
      scenario: firstlineScenario(),
      check: fCheck,
    });
    const loop = await troubleshooting.loopDelay();
    const after = await cpuWhenQuiet([troubleshooting.pid]);
    log(
      `   offered ${open.turns} turns (${fmt(open.turnsPerSecond)} /s)  p50 ${fmt(open.p50)} ms  p99 ${fmt(open.p99)} ms  mean ${fmt(open.mean)} ms  server CPU ${fmt((after.cpuMs - before.cpuMs) / Math.max(1, open.completed), 3)} ms/turn  up to ${open.maxConversations} conversations at once  (${open.bad} bad)`,
    );
    log(
      "   latency from each turn's due time (a late driver counts against the server); absolute figures move with the machine's other load.",
    );
    log(
      `   server event-loop delay during the open loop (monitorEventLoopDelay): p50 ${fmt(loop.p50)} ms  p99 ${fmt(loop.p99)} ms  max ${fmt(loop.max)} ms`,
    );
    return { e, c, s, t, open };
  } finally {
    await Promise.all([echo, core, smallTalk, troubleshooting].map((server) => server.stop()));
  }
}

async function storageScaling(templateDir: string) {
  log(`\n## 3. Storage scaling: real turns against a Firstline booted on pre-loaded data (DATA_FSYNC=true)`);
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
  log(`\n## 4. NLU: recognise (intent + entities) on one core, held-out messages (test/nlu/heldout)`);
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
    `\n## 5. Store: PostgreSQL (1 and ${STORES.instances} instances) vs lowdb (${STORES.concurrency} concurrent conversations, same scenario, alternating windows)`,
  );
  log('   lowdb with DATA_FSYNC=true; PostgreSQL with its defaults (synchronous commit) on this machine.');
  log(
    `   ${STORES.instances} instances: one database, a round-robin balancer per request (a conversation's turns hop between instances).`,
  );
  const pair = await startStorePair(STORES.instances);
  if (typeof pair === 'string') {
    log(`   skipped: ${pair}`);
    return undefined;
  }
  try {
    const scenario = firstlineScenario();
    const check = firstlineCheck();
    const contenders: Contender[] = [
      { name: 'lowdb', server: pair.lowdb, scenario, check },
      { name: 'postgres ×1', server: pair.postgres, scenario, check },
      { name: `postgres ×${STORES.instances}`, server: pair.postgres, scenario, check },
    ];
    const [l, p, c] = (await alternate(contenders, STORES, (x) =>
      x === contenders[2] ? pair.cluster : x === contenders[1] ? pair.postgres : pair.lowdb,
    )) as [Measured, Measured, Measured];
    row('lowdb', l);
    row('postgres, 1 instance', p);
    row(`postgres, ${STORES.instances} instances`, c);
    log(
      `   postgres ×1 / lowdb: throughput ${fmt(p.result.turnsPerSecond / l.result.turnsPerSecond, 3)}×, p50 ${fmt(p.result.p50 / l.result.p50, 2)}×, p99 ${fmt(p.result.p99 / l.result.p99, 2)}×, Firstline CPU per turn ${fmt(p.cpuMsPerTurn / l.cpuMsPerTurn, 2)}×`,
    );
    log(
      `   postgres ×${STORES.instances} / ×1:   throughput ${fmt(c.result.turnsPerSecond / p.result.turnsPerSecond, 3)}×, p50 ${fmt(c.result.p50 / p.result.p50, 2)}×, p99 ${fmt(c.result.p99 / p.result.p99, 2)}×, Firstline CPU per turn ${fmt(c.cpuMsPerTurn / p.cpuMsPerTurn, 2)}× (all instances' CPU)`,
    );
    log(
      `   PostgreSQL's own CPU is not counted; all ${STORES.instances + 2} processes share this machine's ${os.cpus().length} cores, so ×${STORES.instances} cannot add cores here.`,
    );
    return { lowdb: l, postgres: p, cluster: c };
  } finally {
    await pair.close();
  }
}

/** A data directory with real troubleshooting records in it (part 3's templates), when part 1 did not run. */
async function templateRun(dataDir: string): Promise<void> {
  const server = await startChildServer('firstline', { dataDir, fsync: false });
  try {
    await runLoad({
      baseUrl: server.baseUrl,
      concurrency: 8,
      warmupSeconds: 0,
      seconds: 1,
      userId: 'demo-user',
      scenario: firstlineScenario(),
    });
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  log(
    `# Firstline benchmark — ${os.cpus().length} CPU(s), Node ${process.version}${quick ? ' (BENCH_QUICK)' : ''}${process.env['BENCH_ONLY'] ? ` — parts: ${[...only].join(', ')}` : ''}`,
  );
  const [smallTalkDir, troubleshootingDir] = await Promise.all(
    ['smalltalk', 'troubleshooting'].map((k) => mkdtemp(path.join(os.tmpdir(), `firstline-bench-${k}-`))),
  );
  const criteria: Array<[string, string, boolean]> = [];
  const criterion = (what: string, measured: string, ok: boolean) => criteria.push([what, measured, ok]);
  let bad = 0;
  try {
    if (runs('turns') || runs('open')) {
      const { c, s, t, open } = await turnCost(smallTalkDir!, troubleshootingDir!, runs('open'));
      const tRatio = t.cpuMsPerTurn / c.cpuMsPerTurn;
      const sRatio = s.cpuMsPerTurn / c.cpuMsPerTurn;
      criterion(
        'troubleshooting CPU/turn ≤ 1.5 × core-bot',
        `${fmt(tRatio, 2)}× (${fmt(t.cpuMsPerTurn, 3)} vs ${fmt(c.cpuMsPerTurn, 3)} ms)`,
        tRatio <= 1.5,
      );
      criterion(
        'small talk CPU/turn ≤ 1.1 × core-bot',
        `${fmt(sRatio, 2)}× (${fmt(s.cpuMsPerTurn, 3)} vs ${fmt(c.cpuMsPerTurn, 3)} ms)`,
        sRatio <= 1.1,
      );
      if (open)
        criterion(
          `open loop ${OPEN.turnsPerSecond} turns/s: p99 ≤ 50 ms`,
          `p99 ${fmt(open.p99)} ms (p50 ${fmt(open.p50)} ms)`,
          open.p99 <= 50,
        );
      bad += s.result.bad + t.result.bad + (open?.bad ?? 0);
    }
    if (runs('scale')) {
      if (!runs('turns') && !runs('open')) await templateRun(troubleshootingDir!);
      const scale = await storageScaling(troubleshootingDir!);
      const first = scale[0]!;
      const last = scale[scale.length - 1]!;
      const ratio = last.m.cpuMsPerTurn / first.m.cpuMsPerTurn;
      criterion(
        `CPU/turn at ${last.size / 1000}k ≤ 1.2 × at ${first.size / 1000}k stored`,
        `${fmt(ratio, 2)}× (wall ${fmt(first.m.result.turnsPerSecond / last.m.result.turnsPerSecond, 2)}×)`,
        ratio <= 1.2,
      );
      bad += scale.reduce((a, r) => a + r.m.result.bad, 0);
    }
    if (runs('nlu')) {
      const n = await nlu();
      criterion(
        'NLU recognise with entities ≥ 5,000 msg/s',
        `${n.full.messagesPerSecond} msg/s`,
        n.full.messagesPerSecond >= 5000,
      );
    }
    if (runs('stores')) {
      const st = await stores();
      if (st) {
        log('');
        criterion(
          'PostgreSQL ×1 vs lowdb (measured, no bound)',
          `${fmt(st.postgres.result.turnsPerSecond / st.lowdb.result.turnsPerSecond, 2)}× turns/s, p50 ${fmt(st.postgres.result.p50)} vs ${fmt(st.lowdb.result.p50)} ms`,
          true,
        );
        criterion(
          `PostgreSQL ×${STORES.instances} vs ×1 (measured, no bound)`,
          `${fmt(st.cluster.result.turnsPerSecond / st.postgres.result.turnsPerSecond, 2)}× turns/s, p50 ${fmt(st.cluster.result.p50)} vs ${fmt(st.postgres.result.p50)} ms`,
          true,
        );
        bad += st.lowdb.result.bad + st.postgres.result.bad + st.cluster.result.bad;
      }
    }
    criterion('Firstline turns answered without error', `${bad} bad`, bad === 0);
    log(`\n## Summary (${fmt((performance.now() - started) / 1000, 0)} s)`);
    for (const [what, measured, ok] of criteria)
      log(`   ${what.padEnd(48)} ${measured.padEnd(44)} ${pass(ok)}`);
  } finally {
    await Promise.all(
      [smallTalkDir, troubleshootingDir].map((d) => rm(d!, { recursive: true, force: true })),
    );
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
