/**
 * `npm run bench:soak`: does Firstline's memory level off? A Firstline server (child process, `--expose-gc`)
 * is driven through the Direct Line API — as Web Chat drives it — with the benchmark's Firstline conversation
 * (welcome, a data problem that opens a case, flow answers, a status question, thanks; about six turns) in
 * fresh conversations, `SOAK_CONCURRENCY` at a time, until `SOAK_TURNS` turns are done. At 25/50/75/100 % the
 * server collects garbage and reports RSS and heap; printed: both, and the KB kept per additional conversation
 * over the second half. Criterion: RSS grows by at most 10 KB per additional conversation over the second half.
 *
 * SOAK_SCENARIO: `new-problem` (default: every conversation is the benchmark's, so each opens a case) or
 * `mixed` (as the operations team sees it — most contacts are about an open case: every fifth conversation
 * reports a new problem, the others ask about one of the cases already opened and say thanks).
 *
 * SOAK_TURNS (default 50000), SOAK_CONCURRENCY (default 32), SOAK_FSYNC (default false: memory, not durability,
 * is measured, and the run stays shorter on a shared disk), SOAK_HEAP_MB (default 512: the server runs with
 * `--max-old-space-size`, as a production container should — without a limit V8 lets its heap grow to about four
 * times the live data before it collects, so RSS measures V8's headroom, not what is kept; 0 = no limit).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startChildServer } from './child.js';
import { DirectLineConversation, DirectLineHttp } from './directLineConversation.js';
import type { BenchReply } from './load.js';
import { firstlineCheck, firstlineScenario, returningScenario } from './scenario.js';

process.env['DOTENV_CONFIG_QUIET'] = 'true';
const TURNS = Number(process.env['SOAK_TURNS'] ?? 50_000);
const CONCURRENCY = Number(process.env['SOAK_CONCURRENCY'] ?? 32);
const FSYNC = process.env['SOAK_FSYNC'] === 'true';
const HEAP_MB = Number(process.env['SOAK_HEAP_MB'] ?? 512);
const MIXED = process.env['SOAK_SCENARIO'] === 'mixed';
const LIMIT_KB = 10;
/** SOAK_SNAPSHOT_DIR: also write a heap snapshot at each mark there (to diff what the server keeps). */
const SNAPSHOTS = process.env['SOAK_SNAPSHOT_DIR'];

const log = (line: string) => process.stdout.write(`${line}\n`);

interface Sample {
  percent: number;
  turns: number;
  conversations: number;
  rssMb: number;
  heapUsedMb: number;
  seconds: number;
}

async function main(): Promise<void> {
  log(
    `# Firstline soak — ${TURNS} turns through Direct Line, ${CONCURRENCY} conversations at a time, ${MIXED ? 'mixed (1 in 5 a new problem)' : 'every conversation a new problem'}`,
  );
  log(
    `  ${os.cpus().length} CPU(s), Node ${process.version}, DATA_FSYNC=${FSYNC}, server heap limit ${HEAP_MB > 0 ? `${HEAP_MB} MiB` : 'none'}`,
  );
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'firstline-soak-'));
  const server = await startChildServer('firstline', {
    dataDir,
    fsync: FSYNC,
    nodeFlags: ['--expose-gc', ...(HEAP_MB > 0 ? [`--max-old-space-size=${HEAP_MB}`] : [])],
  });
  const client = new DirectLineHttp(server.baseUrl, CONCURRENCY);
  const newProblem = firstlineScenario();
  // Case ids the bot has named (the newest 200): a returning customer asks about one of them.
  const caseIds: string[] = [];
  const returning = returningScenario(() => caseIds[Math.floor(Math.random() * caseIds.length)]);
  const check = firstlineCheck();
  const started = performance.now();
  let turns = 0;
  let conversations = 0;
  let bad = 0;
  let firstProblem: string | undefined;
  const samples: Sample[] = [];
  const marks = [25, 50, 75, 100];
  let sampling: Promise<void> = Promise.resolve();
  const named = new Set<string>();
  const record = (_ms: number, replies: BenchReply[]) => {
    turns += 1;
    for (const id of replies.flatMap((r) => (r.text ?? '').match(/CS-\d+/g) ?? [])) {
      if (named.has(id)) continue;
      named.add(id);
      caseIds.push(id);
      if (caseIds.length > 200) caseIds.shift();
    }
    const problem = check(replies);
    if (problem) {
      bad += 1;
      firstProblem ??= problem;
    }
    const mark = marks[0];
    if (mark !== undefined && turns >= (TURNS * mark) / 100) {
      marks.shift();
      const at = { turns, conversations };
      sampling = sampling.then(async () => {
        const memory = await server.memory();
        if (SNAPSHOTS) await server.heapSnapshot(path.join(SNAPSHOTS, `soak-${mark}.heapsnapshot`));
        samples.push({ percent: mark, ...at, ...memory, seconds: (performance.now() - started) / 1000 });
        log(
          `  ${String(mark).padStart(3)} %  ${String(at.turns).padStart(6)} turns  ${String(at.conversations).padStart(5)} conversations  RSS ${memory.rssMb.toFixed(1)} MiB  heap ${memory.heapUsedMb.toFixed(1)} MiB`,
        );
      });
    }
  };
  const worker = async (w: number) => {
    for (let round = 0; turns < TURNS; round++) {
      conversations += 1;
      try {
        const scenario = MIXED && round % 5 !== 0 ? returning : newProblem;
        await scenario(new DirectLineConversation(client, 'demo-user', record), w, round);
      } catch (err) {
        bad += 1;
        firstProblem ??= (err as Error).message;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
    await sampling;
  } finally {
    client.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const half = samples.find((s) => s.percent === 50);
  const full = samples.find((s) => s.percent === 100);
  log(
    `\n  ${turns} turns in ${seconds.toFixed(0)} s (${(turns / seconds).toFixed(0)} turns/s), ${conversations} conversations, ${named.size} cases opened, ${bad} bad turns${firstProblem ? ` (first: ${firstProblem})` : ''}`,
  );
  if (!half || !full) throw new Error('soak: missing samples');
  const added = full.conversations - half.conversations;
  const rssKb = ((full.rssMb - half.rssMb) * 1024) / added;
  const heapKb = ((full.heapUsedMb - half.heapUsedMb) * 1024) / added;
  log(
    `  second half: +${added} conversations, RSS ${rssKb.toFixed(2)} KB and heap ${heapKb.toFixed(2)} KB per additional conversation`,
  );
  log(
    `  RSS growth ≤ ${LIMIT_KB} KB per additional conversation: ${rssKb <= LIMIT_KB && bad === 0 ? 'PASS' : 'FAIL'}`,
  );
  // RSS follows V8's heap sizing (and, near the heap limit, flattens whatever is kept); the heap after a full
  // GC is what the server really keeps.
  log(
    `  heap (live data after a full GC) growth ≤ ${LIMIT_KB} KB per additional conversation: ${heapKb <= LIMIT_KB && bad === 0 ? 'PASS' : 'FAIL'}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `soak crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
