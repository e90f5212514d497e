/**
 * Before vs after in one alternating run: `npx tsx bench/ab.ts <before-checkout> [troubleshooting|smalltalk|both]
 * [rounds] [seconds]`. The before server runs from another checkout of Firstline (e.g. `git archive <commit>`
 * unpacked next to a `node_modules` link), the after server from this one, the core-bot dialog floor beside them;
 * all are measured in alternating windows (32 concurrent conversations, expectReplies, DATA_FSYNC=true) so the
 * machine's other load falls on both alike. Prints server CPU per turn, ×floor and after/before, and the load
 * average at the start and the end. `BENCH_AB_BEFORE_FLAGS` / `BENCH_AB_AFTER_FLAGS`: node flags added to one side
 * (`BENCH_AB_BEFORE_ENV` / `BENCH_AB_AFTER_ENV`: `KEY=VALUE …` configuration for one side's server)
 * (what-ifs on one checkout: pass `.` as the before checkout).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startChildServer, type ChildServer } from './child.js';
import { alternateRounds, merge, row, type Contender, type Measured } from './measure.js';
import {
  coreBotScenario,
  echoCheck,
  firstlineCheck,
  firstlineScenario,
  smallTalkScenario,
} from './scenario.js';

const log = (line: string) => process.stdout.write(`${line}\n`);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const [base, which = 'both', roundCount = '3', seconds = '5'] = process.argv.slice(2);
  if (!base)
    throw new Error(
      'usage: bench/ab.ts <before-checkout> [troubleshooting|smalltalk|both] [rounds] [seconds]',
    );
  process.env['DOTENV_CONFIG_QUIET'] = 'true';
  const kinds = which === 'both' ? ['smalltalk', 'troubleshooting'] : [which];
  const dirs: string[] = [];
  const servers: ChildServer[] = [];
  const flags = (side: string) => (process.env[`BENCH_AB_${side}_FLAGS`] ?? '').split(/\s+/).filter(Boolean);
  const firstline = async (root: string | undefined, nodeFlags: string[], env: string) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'firstline-bench-ab-'));
    dirs.push(dataDir);
    const server = await startChildServer('firstline', {
      dataDir,
      fsync: true,
      nodeFlags,
      env: { BENCH_SERVER_ENV: env },
      ...(root ? { root } : {}),
    });
    servers.push(server);
    return server;
  };
  log(`# before ${path.resolve(base)} vs after (this checkout); load average ${load()}`);
  try {
    const core = await startChildServer('core');
    servers.push(core);
    const check = firstlineCheck();
    const contenders: Contender[] = [
      { name: 'core-bot dialog bot', server: core, scenario: coreBotScenario(), check: echoCheck },
    ];
    for (const kind of kinds) {
      const scenario = kind === 'smalltalk' ? smallTalkScenario() : firstlineScenario();
      contenders.push({
        name: `${kind} before`,
        server: await firstline(base, flags('BEFORE'), process.env['BENCH_AB_BEFORE_ENV'] ?? ''),
        scenario,
        check,
      });
      contenders.push({
        name: `${kind} after`,
        server: await firstline(undefined, flags('AFTER'), process.env['BENCH_AB_AFTER_ENV'] ?? ''),
        scenario,
        check,
      });
    }
    const rounds = await alternateRounds(contenders, {
      concurrency: 32,
      warmupSeconds: 3,
      rounds: Number(roundCount),
      windowSeconds: Number(seconds),
    });
    const measured = rounds.map(merge);
    const floor = measured[0]!.cpuMsPerTurn;
    for (const [i, c] of contenders.entries()) {
      const m = measured[i]!;
      const paired = c.name.endsWith(' after') ? pairedRatios(rounds[i - 1]!, rounds[i]!) : undefined;
      const extra = paired
        ? `  after/before ${(m.cpuMsPerTurn / measured[i - 1]!.cpuMsPerTurn).toFixed(3)} (per round: median ${median(paired).toFixed(3)}, ${paired.map((r) => r.toFixed(2)).join(' ')})`
        : '';
      row(c.name, m, `  ×floor ${(m.cpuMsPerTurn / floor).toFixed(2)}${extra}`);
    }
    log(`# load average at the end ${load()}`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

/** After/before CPU per turn of each round (the two windows of a round ran one after the other). */
function pairedRatios(before: readonly Measured[], after: readonly Measured[]): number[] {
  return after.map((a, r) => a.cpuMsPerTurn / before[r]!.cpuMsPerTurn);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench ab: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
