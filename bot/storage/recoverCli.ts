import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataDirInUseError } from './dataDirLock.js';
import { describeRecovery, recoverJournal } from './journalRecovery.js';

/**
 * `npm run data:recover -- --data-dir ./data`: with Firstline stopped, make a journal with damaged
 * lines replayable again, keeping every intact acknowledged write (see journalRecovery.ts). Prints
 * what it dropped; exit 0 when done (or nothing to do), 1 when it could not run.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
  const dataDir = path.resolve(values['data-dir'] ?? process.env['DATA_DIR'] ?? './data');
  try {
    const report = await recoverJournal(dataDir);
    if (report.recovered.length === 0) {
      process.stdout.write(
        `data:recover: ${path.join(dataDir, 'journal')}: nothing to recover (${report.checked} segment(s) intact)\n`,
      );
      return 0;
    }
    process.stdout.write(describeRecovery(report));
    process.stdout.write('data:recover: done — start Firstline again; the journal is replayed at start-up\n');
    return 0;
  } catch (err) {
    const advice = err instanceof DataDirInUseError ? ' (stop Firstline first)' : '';
    process.stderr.write(`data:recover: ${(err as Error).message}${advice}\n`);
    return 1;
  }
}

process.exitCode = await main();
