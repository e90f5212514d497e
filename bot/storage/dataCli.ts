import '../loadEnv.js';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { exportToPostgres, importFromPostgres, type TransferCounts } from './dataTransfer.js';

const USAGE =
  'usage: npm run data:export -- [--data-dir DIR] [--database-url URL]   (lowdb DATA_DIR → PostgreSQL)\n' +
  '       npm run data:import -- [--database-url URL] [--data-dir DIR]   (PostgreSQL → lowdb DATA_DIR)\n' +
  'Defaults: DATA_DIR and DATABASE_URL from the environment (.env). The target must be empty.';

/** A database URL without its password, for output. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

function summary(counts: TransferCounts): string {
  const parts = Object.entries(counts.collections).map(([name, n]) => `${name} ${n}`);
  parts.push(`bot state ${counts.botState}`);
  for (const [name, n] of Object.entries(counts.documents)) parts.push(`documents/${name} ${n}`);
  return parts.join(', ');
}

/** `npm run data:export` / `data:import`: one summary line and exit 0, or one error line and exit 1. */
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const [command] = parsed.positionals;
  const dataDir = parsed.values['data-dir'] ?? process.env['DATA_DIR'] ?? './data';
  const databaseUrl = parsed.values['database-url'] ?? process.env['DATABASE_URL'];
  if ((command !== 'export' && command !== 'import') || !databaseUrl) {
    process.stderr.write(`${!databaseUrl ? 'no --database-url and no DATABASE_URL\n' : ''}${USAGE}\n`);
    return 1;
  }
  const logger = pino({ level: 'warn' }, pino.destination(2));
  try {
    if (command === 'export') {
      const counts = await exportToPostgres({ dataDir, databaseUrl, logger });
      process.stdout.write(`data:export: ${dataDir} → ${shown(databaseUrl)}: ${summary(counts)}\n`);
    } else {
      const counts = await importFromPostgres({ databaseUrl, dataDir, logger });
      process.stdout.write(`data:import: ${shown(databaseUrl)} → ${dataDir}: ${summary(counts)}\n`);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`data:${command}: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
