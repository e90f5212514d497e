import path from 'node:path';
import { parseArgs } from 'node:util';
import { readKnowledgeFiles, versionOf } from '../readKnowledge.js';
import { FileKnowledgeReleases } from './fileReleases.js';
import { restoreFiles } from './restore.js';

/**
 * `npm run kb:rollback [-- <version>] [--data-dir ./data] [--knowledge ./knowledge]`: without a version, list the
 * kept versions (newest first; `*` = what the knowledge directory holds now); with one, write that version's files
 * back into the knowledge directory. A running Firstline that watches the directory serves it within a second
 * (else: `POST /api/knowledge/reload`, or the page's Reload button).
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { 'data-dir': { type: 'string' }, knowledge: { type: 'string' } },
    allowPositionals: true,
  });
  const dataDir = values['data-dir'] ?? process.env['DATA_DIR'] ?? './data';
  const dir = values.knowledge ?? process.env['KNOWLEDGE_DIR'] ?? './knowledge';
  const releases = new FileKnowledgeReleases(path.join(dataDir, 'knowledge-releases'));
  const onDisk = versionOf((await readKnowledgeFiles(dir)).files);
  const wanted = positionals[0];
  if (!wanted) {
    const kept = await releases.list();
    if (kept.length === 0) process.stdout.write(`no kept versions under ${dataDir}/knowledge-releases\n`);
    for (const r of kept)
      process.stdout.write(
        `${r.version === onDisk ? '*' : ' '} ${r.version}  ${r.acceptedAt}  ${r.changed.length ? r.changed.join(', ') : '(as loaded)'}\n`,
      );
    return 0;
  }
  const match = (await releases.list()).filter((r) => r.version.startsWith(wanted));
  if (match.length !== 1) {
    process.stderr.write(
      `kb:rollback: ${match.length === 0 ? 'no kept version' : 'several versions'} start with "${wanted}"\n`,
    );
    return 1;
  }
  const version = (match[0] as { version: string }).version;
  const files = await releases.files(version);
  if (!files) {
    process.stderr.write(`kb:rollback: the files of ${version} cannot be read\n`);
    return 1;
  }
  const changed = await restoreFiles(dir, files);
  process.stdout.write(
    `kb:rollback: ${dir} now holds ${version} (${changed.length} file(s) changed${changed.length ? `: ${changed.join(', ')}` : ''})\n`,
  );
  return 0;
}

process.exitCode = await main();
