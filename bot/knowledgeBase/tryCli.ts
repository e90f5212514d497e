import { parseArgs } from 'node:util';
import type { FactValue } from '../domain/facts.js';
import { formatKbError } from './kbError.js';
import { buildKnowledgeBase } from './loadKnowledgeBase.js';
import { readKnowledgeFiles } from './readKnowledge.js';
import { factSpec } from '../domain/facts.js';
import { DemoInventory, serviceOf, tryFlow, type TriedWalk } from './tryFlow.js';

/** `key=value,key=value` → facts, typed by the catalogue (numbers and booleans as such; `null` = unknown). */
export function parseFacts(text: string): Record<string, FactValue> {
  const facts: Record<string, FactValue> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name = '', ...rest] = pair.split('=');
    const raw = rest.join('=').trim();
    const type = factSpec(name.trim())?.type ?? (name.startsWith('finding.') ? 'boolean' : undefined);
    if (!type) throw new Error(`unknown fact "${name.trim()}" (see knowledge/schema/names.md)`);
    facts[name.trim()] =
      raw === 'null' ? null : type === 'boolean' ? raw === 'true' : type === 'number' ? Number(raw) : raw;
  }
  return facts;
}

/** The walk as lines: each step, what the customer reads, where it ends. */
export function describeWalk(walk: TriedWalk): string[] {
  const lines = walk.steps.map((s) => {
    const what =
      s.kind === 'check'
        ? `check → ${s.result}`
        : s.kind === 'question'
          ? `asks → answered ${s.result}`
          : s.kind === 'resolution'
            ? `"did it work?" → ${s.result}`
            : s.kind === 'call'
              ? `calls ${s.result}`
              : s.kind;
    return `  ${s.ref.padEnd(36)} ${what}`;
  });
  if (walk.problem) lines.push(`  ✗ ${walk.problem}`);
  const o = walk.outcome;
  lines.push(
    o.kind === 'asks'
      ? `→ asks ${o.at}: "${o.prompt.text.text}"${o.prompt.choices.length ? ` [${o.prompt.choices.map((c) => c.id).join(' / ')}]` : ''}`
      : o.kind === 'handoff'
        ? `→ handoff (${o.reason}): "${o.text.text}"`
        : o.kind === 'resolved'
          ? '→ resolved'
          : `→ end${o.text ? `: "${o.text.text}"` : ''}`,
  );
  return lines;
}

/**
 * `npm run kb:try -- <flow> [--sim ICCID] [--facts k=v,…] [--answers yes,no,…] [--lang <code>] [--knowledge dir]`:
 * the steps a customer would walk with these facts and answers, what they read, and where it ends.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      sim: { type: 'string' },
      facts: { type: 'string' },
      answers: { type: 'string' },
      lang: { type: 'string' },
      knowledge: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const flowId = positionals[0];
  if (!flowId) {
    process.stderr.write(
      'usage: npm run kb:try -- <flow> [--sim ICCID] [--facts k=v,…] [--answers yes,no,…] [--lang <a language of languages.json>]\n',
    );
    return 2;
  }
  const dir = values.knowledge ?? process.env['KNOWLEDGE_DIR'] ?? 'knowledge';
  const read = await readKnowledgeFiles(dir);
  const { kb, errors } = await buildKnowledgeBase(dir, read.files, { schemas: false, tests: false });
  if (!kb) {
    for (const error of errors) process.stderr.write(`${formatKbError(error)}\n`);
    return 1;
  }
  const lang = values.lang ?? kb.spoken.fallback;
  if (!kb.spoken.has(lang)) {
    process.stderr.write(
      `--lang: "${lang}" is not a language of languages.json (${kb.spoken.list.join(', ')})\n`,
    );
    return 2;
  }
  if (!kb.flow(flowId)) {
    process.stderr.write(`no flow "${flowId}" (flows: ${kb.flowIds().join(', ')})\n`);
    return 1;
  }
  let facts: Record<string, FactValue> = {};
  if (values.sim) facts = await new DemoInventory(read.files).facts(kb, values.sim, serviceOf(flowId));
  Object.assign(facts, parseFacts(values.facts ?? ''));
  for (const [name, value] of Object.entries(facts)) if (value === null) delete facts[name];
  const answers = (values.answers ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const walk = tryFlow(kb, flowId, facts, answers, lang);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(walk, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${flowId} (${lang}), knowledge ${kb.version}\n`);
  process.stdout.write(
    `facts: ${
      Object.entries(facts)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || '(none)'
    }\n`,
  );
  for (const line of describeWalk(walk)) process.stdout.write(`${line}\n`);
  process.stdout.write(`asked: ${walk.asked.join(', ') || '(nothing)'}\n`);
  return walk.problem ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
