import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startChildServer } from './child.js';
import { runLoad } from './load.js';
import { firstlineScenario, smallTalkScenario } from './scenario.js';

/**
 * What a troubleshooting turn writes: runs the benchmark's Firstline conversation for a few seconds on a fresh
 * data directory, then reads the journal back — entries and bytes per turn, by collection. A second argument
 * `smalltalk` runs the small-talk conversation instead.
 */
async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'firstline-census-'));
  const server = await startChildServer('firstline', { dataDir, fsync: false });
  let turns = 0;
  try {
    const result = await runLoad({
      baseUrl: server.baseUrl,
      concurrency: 8,
      warmupSeconds: 0,
      seconds: Number(process.argv[2] ?? 3),
      userId: 'demo-user',
      scenario: process.argv[3] === 'smalltalk' ? smallTalkScenario() : firstlineScenario(),
    });
    turns = result.completed;
  } finally {
    // Killed, not stopped: a clean stop checkpoints the journal into the data files and empties it.
    process.kill(server.pid, 'SIGKILL');
  }
  const journal = path.join(dataDir, 'journal');
  const byCollection = new Map<string, { entries: number; bytes: number }>();
  let lines = 0;
  for (const name of (await readdir(journal)).sort()) {
    const text = await readFile(path.join(journal, name), 'utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      lines += 1;
      const parsed = JSON.parse(line) as { f?: string; v?: unknown; g?: Array<{ f: string; v: unknown }> };
      for (const entry of parsed.g ?? [{ f: parsed.f ?? '?', v: parsed.v }]) {
        const parts = entry.f.split('/');
        const collection =
          parts[0] === 'records' || parts[0] === 'documents'
            ? parts.slice(0, 2).join('/')
            : (parts[0] ?? '?');
        const stat = byCollection.get(collection) ?? { entries: 0, bytes: 0 };
        stat.entries += 1;
        stat.bytes += JSON.stringify(entry.v).length;
        byCollection.set(collection, stat);
      }
    }
  }
  process.stdout.write(`${turns} turns, ${lines} journal lines (${(lines / turns).toFixed(2)} per turn)\n`);
  for (const [collection, stat] of [...byCollection].sort((a, b) => b[1].bytes - a[1].bytes))
    process.stdout.write(
      `${collection.padEnd(40)} ${(stat.entries / turns).toFixed(2)} writes/turn  ${(stat.bytes / turns / 1024).toFixed(2)} KiB/turn  ${(stat.bytes / stat.entries / 1024).toFixed(2)} KiB/write\n`,
    );
  await rm(dataDir, { recursive: true, force: true });
}

await main();
