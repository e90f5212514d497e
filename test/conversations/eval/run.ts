import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ReplyLanguage } from '../../../bot/evaluation/replyLanguage.js';
import { loadKnowledgeBase } from '../../../bot/knowledgeBase/loadKnowledgeBase.js';
import { startConnectorStub } from '../../helpers/connectorStub.js';
import { startTestServer } from '../../helpers/server.js';
import { playScript, type ScriptResult } from './evaluate.js';
import { loadScripts } from './script.js';

/** The classes of issue 12, as the report names them. */
const CLASSES: Record<number, string> = {
  1: 'identifiers at the prompt',
  2: 'pasted modem output',
  3: 'questions: articles and fleet',
  4: 'orders and requests',
  5: 'closing a case',
  6: '"back to the bot"',
  7: 'one language per turn',
  8: 'fleet filters and counts',
  9: 'VIP and unknown SIMs',
  10: 'true wording',
  11: 'commands as code',
  12: 'yes/no: done, not sure',
  13: 'a person promised is a handoff',
  14: 'only public and own data',
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pct = (n: number): string => `${Math.round(n * 1000) / 10}%`;

function mean(values: readonly number[]): number {
  return values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : 0;
}

function markdown(results: readonly ScriptResult[], seconds: number, set: string): string {
  const passed = results.filter((r) => r.passed);
  const rows = Object.entries(CLASSES).map(([n, name]) => {
    const of = results.filter((r) => r.class === Number(n));
    const ok = of.filter((r) => r.passed);
    const turns = ok.flatMap((r) => (r.turnsToOutcome === null ? [] : [r.turnsToOutcome]));
    return `| ${n} | ${name} | ${of.length} | ${ok.length} | ${of.length ? pct(ok.length / of.length) : '—'} | ${mean(turns)} |`;
  });
  const detail = results.map(
    (r) =>
      `| ${r.passed ? '✔' : '✘'} | ${r.id} | ${r.class} | ${r.lang} | ${r.title} | ${r.turnsToOutcome ?? '—'}/${r.turns} | ${r.failures.join('; ').replace(/\|/g, '\\|')} |`,
  );
  return [
    set === 'report' ? '# Conversation evaluation' : `# Conversation evaluation: ${set} set`,
    '',
    `${results.length} scripted conversations (${results.filter((r) => r.lang === 'en').length} English, ` +
      `${results.filter((r) => r.lang === 'es').length} Spanish) against the real server: ` +
      `**${passed.length} reached the right outcome (${pct(passed.length / Math.max(1, results.length))})**, ` +
      `in ${mean(passed.flatMap((r) => (r.turnsToOutcome === null ? [] : [r.turnsToOutcome])))} turns on average; ${seconds.toFixed(1)} s.`,
    '',
    'Outcome = every expectation of the script holds (finding, answer, case type, handoff) and every reply is in the customer’s language.',
    '',
    '| class | what | conversations | right outcome | rate | mean turns to outcome |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '| | id | class | lang | conversation | turns to outcome / turns | what went wrong |',
    '|---|---|---|---|---|---|---|',
    ...detail,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      min: { type: 'string', default: '0.9' },
      scripts: { type: 'string' },
      // A directory of scripts other than the developer's own set (e.g. the blind set): same as --scripts.
      dir: { type: 'string' },
      out: { type: 'string' },
      only: { type: 'string' },
      // Play against a Firstline already running there (e.g. another version) instead of starting one.
      url: { type: 'string' },
      'admin-token': { type: 'string' },
    },
  });
  const min = Number(values.min);
  if (!Number.isFinite(min)) throw new Error(`--min: not a number: ${values.min}`);
  const defaultDir = path.join(root, 'test/conversations/eval/scripts');
  const dir = path.resolve(root, values.dir ?? values.scripts ?? defaultDir);
  // The developer's set writes report.md; any other set writes <its directory name>.md beside it (blind.md).
  const reportName = dir === defaultDir ? 'report' : path.basename(dir);
  const scripts = (await loadScripts(dir)).filter((s) => !values.only || s.id.includes(values.only));
  const { kb, errors } = await loadKnowledgeBase(path.join(root, 'knowledge'));
  if (!kb) throw new Error(`knowledge does not load: ${errors.map((e) => e.message).join('; ')}`);
  const adminToken = values['admin-token'] ?? 'conversations-eval-admin-token-0123456789';
  const stub = await startConnectorStub();
  const server = values.url ? undefined : await startTestServer({ ADMIN_TOKEN: adminToken });
  const started = Date.now();
  const results: ScriptResult[] = [];
  try {
    const target = {
      baseUrl: values.url ?? server?.baseUrl ?? '',
      adminToken,
      serviceUrl: stub.url,
      kb,
      language: new ReplyLanguage(kb),
    };
    for (const script of scripts) results.push(await playScript(target, script));
  } finally {
    await server?.close();
    await stub.close();
  }
  const seconds = (Date.now() - started) / 1000;
  const outDir = values.out ?? path.join(root, 'reports', 'conversations');
  await mkdir(outDir, { recursive: true });
  const resultsName = reportName === 'report' ? 'results.json' : `${reportName}.results.json`;
  await writeFile(path.join(outDir, resultsName), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(path.join(outDir, `${reportName}.md`), markdown(results, seconds, reportName));
  const passed = results.filter((r) => r.passed).length;
  const rate = passed / Math.max(1, results.length);
  for (const r of results.filter((x) => !x.passed))
    process.stdout.write(`✘ ${r.id}: ${r.failures.join('; ')}\n`);
  process.stdout.write(
    `conversations:eval: ${passed}/${results.length} reached the right outcome (${pct(rate)}), ` +
      `mean ${mean(results.flatMap((r) => (r.passed && r.turnsToOutcome !== null ? [r.turnsToOutcome] : [])))} turns, ` +
      `${seconds.toFixed(1)} s${rate < min ? ` — below ${pct(min)}: FAIL` : ''}\n` +
      `report: ${path.relative(root, path.join(outDir, `${reportName}.md`))}\n`,
  );
  if (rate < min) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`conversations:eval: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
