import { formatKbError } from './kbError.js';
import { buildKnowledgeBase } from './loadKnowledgeBase.js';
import { readKnowledgeFiles } from './readKnowledge.js';
import { textNotes } from './textNotes.js';

/**
 * `npm run kb:check [dir]`: every file under the knowledge directory (schemas, references, languages, the
 * editors' flow tests). One line per error (file:line:column, where, what, a suggestion) and exit 1, or a summary
 * and exit 0. Also lists flow texts nothing uses and texts said twice (notes, not errors).
 */
async function main(): Promise<number> {
  const dir = process.argv[2] ?? process.env['KNOWLEDGE_DIR'] ?? 'knowledge/';
  const read = await readKnowledgeFiles(dir);
  const { errors: found, knowledge, tests } = await buildKnowledgeBase(dir, read.files);
  const errors = [...read.errors, ...found];
  if (errors.length > 0) {
    for (const error of errors) process.stderr.write(`${formatKbError(error)}\n`);
    process.stderr.write(`kb:check: ${errors.length} error(s) in ${dir}\n`);
    return 1;
  }
  const notes = textNotes(knowledge);
  for (const { key, file } of notes.unused)
    process.stdout.write(`note: text "${key}" (${file}) is used by no flow\n`);
  for (const { lang, text, keys } of notes.duplicated)
    process.stdout.write(
      `note: the same ${lang} text under ${keys.join(', ')}: "${text.slice(0, 60)}${text.length > 60 ? '…' : ''}"\n`,
    );
  const keys = new Set(knowledge.texts.flatMap((file) => Object.keys(file.data.texts)));
  const nodes = [...knowledge.flows.values()].reduce(
    (sum, flow) => sum + Object.keys(flow.data.nodes).length,
    0,
  );
  process.stdout.write(
    `kb:check: ${dir} OK — ${knowledge.flows.size} flows (${nodes} nodes), ${knowledge.plans?.data.plans.length ?? 0} plans, ` +
      `${Object.keys(knowledge.plans?.data.zones ?? {}).length} zones, ${keys.size} texts in ${knowledge.languages.list.join('+')} ` +
      `(${knowledge.inlineTexts.length / knowledge.languages.list.length} inline), ${knowledge.training.length} intent files, ` +
      `${knowledge.words.length} word-list files, ${knowledge.articles.length} articles, ` +
      `${tests.length} flow test runs passed, ${knowledge.fileCount} files checked, version ${knowledge.version}\n`,
  );
  return 0;
}

process.exitCode = await main();
