import { parseArgs } from 'node:util';
import { formatKbError } from './kbError.js';
import { buildKnowledgeBase } from './loadKnowledgeBase.js';
import { readKnowledgeFiles } from './readKnowledge.js';

/**
 * `npm run kb:test [-- --knowledge dir] [words…]` (tests whose name contains any of the words): run the editors' flow tests (`knowledge/tests/*.json`)
 * and print one line per test and language: ✓, or ✗ with what was expected and what the walk did.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { knowledge: { type: 'string' } },
    allowPositionals: true,
  });
  const dir = values.knowledge ?? process.env['KNOWLEDGE_DIR'] ?? 'knowledge';
  const filters = positionals.map((p) => p.toLowerCase());
  const read = await readKnowledgeFiles(dir);
  const { tests, errors } = await buildKnowledgeBase(dir, read.files, { schemas: false });
  const shown = tests.filter(
    (t) => filters.length === 0 || filters.some((f) => t.name.toLowerCase().includes(f)),
  );
  for (const t of shown) {
    process.stdout.write(`${t.passed ? '✓' : '✗'} ${t.name} (${t.lang})\n`);
    for (const failure of t.failures) process.stdout.write(`    ${failure}\n`);
    if (!t.passed && t.walk)
      process.stdout.write(
        `    walk: ${t.walk.steps.map((s) => `${s.ref}${s.result ? `:${s.result}` : ''}`).join(' → ')}\n`,
      );
  }
  const broken = errors.filter(
    (e) => !tests.some((t) => !t.passed && e.message.startsWith(`test "${t.name}"`)),
  );
  for (const error of broken) process.stderr.write(`${formatKbError(error)}\n`);
  const failed = shown.filter((t) => !t.passed).length;
  process.stdout.write(`${shown.length - failed} passed, ${failed} failed\n`);
  return failed > 0 || broken.length > 0 ? 1 : 0;
}

process.exitCode = await main();
