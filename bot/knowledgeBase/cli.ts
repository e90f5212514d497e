import { checkKnowledge } from './check.js';
import { formatKbError } from './kbError.js';

/** `npm run kb:check [dir]`: one line per error and exit 1, or a one-line summary and exit 0. */
async function main(): Promise<number> {
  const dir = process.argv[2] ?? 'knowledge/';
  const { errors, knowledge } = await checkKnowledge(dir);
  if (errors.length > 0) {
    for (const error of errors) process.stderr.write(`${formatKbError(error)}\n`);
    process.stderr.write(`kb:check: ${errors.length} error(s) in ${dir}\n`);
    return 1;
  }
  const keys = new Set(knowledge.texts.flatMap((file) => Object.keys(file.data.texts)));
  const nodes = [...knowledge.flows.values()].reduce(
    (sum, flow) => sum + Object.keys(flow.data.nodes).length,
    0,
  );
  process.stdout.write(
    `kb:check: ${dir} OK — ${knowledge.flows.size} flows (${nodes} nodes), ${knowledge.plans?.data.plans.length ?? 0} plans, ` +
      `${Object.keys(knowledge.plans?.data.zones ?? {}).length} zones, ${keys.size} texts in en+es, ` +
      `${knowledge.training.length} intent files, ${knowledge.words.length} word-list files, ` +
      `${knowledge.articles.length} articles, ${knowledge.fileCount} files checked, version ${knowledge.version}\n`,
  );
  return 0;
}

process.exitCode = await main();
