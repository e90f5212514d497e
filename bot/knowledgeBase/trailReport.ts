import type { FactValue } from '../domain/facts.js';
import type { Lang, Localized } from '../domain/language.js';
import type { TrailEntry } from './flowTypes.js';
import type { KnowledgeBase } from './knowledgeBase.js';
import type { FlowNode } from './schemas/flowSchema.js';

/** Results the engine records for check nodes and yes/no answers, with a generic text each. */
const GENERIC_OUTCOMES = new Set(['pass', 'fail', 'unknown', 'yes', 'no']);

/**
 * The checks a flow walk did, as agents read them ("APN on the device: iot.firstline.example — matches the
 * plan"), in every language so the card can be shown in the agent's. Texts come from each node's `report` in
 * the knowledge base, filled with the facts known at the end of the walk; a node without one falls back to its
 * question text or its flow's title with a generic outcome, so a missing text never shows a node id. Calls and
 * unreported instructions are left out (they are structure and advice, not checks); repeats are shown once.
 */
export function reportTrail(
  kb: KnowledgeBase,
  trail: readonly TrailEntry[],
  facts: Readonly<Record<string, FactValue>>,
): Localized[] {
  const lines: Localized[] = [];
  const seen = new Set<string>();
  for (const entry of trail) {
    const node = kb.flow(entry.flowId)?.nodes[entry.nodeId];
    if (!node || !reported(node)) continue;
    const line: Localized = Object.fromEntries(
      kb.spoken.list.map((lang) => [lang, lineFor(kb, entry, node, facts, lang)]),
    );
    const same = line[kb.spoken.fallback] ?? '';
    if (seen.has(same)) continue;
    seen.add(same);
    lines.push(line);
  }
  return lines;
}

type ReportedNode = Extract<FlowNode, { kind: 'check' | 'question' | 'resolution' | 'instruction' }>;

function reported(node: FlowNode): node is ReportedNode {
  if (node.kind === 'instruction') return node.report !== undefined;
  return node.kind === 'check' || node.kind === 'question' || node.kind === 'resolution';
}

function lineFor(
  kb: KnowledgeBase,
  entry: TrailEntry,
  node: ReportedNode,
  facts: Readonly<Record<string, FactValue>>,
  lang: Lang,
): string {
  const text = (key: string): string => kb.text(lang, key, facts);
  const label = node.report ? text(node.report.label) : fallbackLabel(kb, entry, node, lang, text);
  const outcome = outcomeOf(kb, entry, node, lang, text);
  return outcome ? kb.text(lang, 'desk.check.line', { label, outcome }) : label;
}

function fallbackLabel(
  kb: KnowledgeBase,
  entry: TrailEntry,
  node: ReportedNode,
  lang: Lang,
  text: (key: string) => string,
): string {
  if (node.kind === 'question') return text(node.text);
  const flow = kb.flow(entry.flowId);
  const title = flow && kb.hasText(flow.title) ? text(flow.title) : entry.flowId;
  return kb.text(lang, `desk.check.unnamed.${node.kind}`, { flow: title });
}

function outcomeOf(
  kb: KnowledgeBase,
  entry: TrailEntry,
  node: ReportedNode,
  lang: Lang,
  text: (key: string) => string,
): string | undefined {
  const result = entry.result;
  if (result === undefined) return undefined;
  const own = node.report?.outcomes?.[result];
  if (own && kb.hasText(own)) return text(own);
  if (node.kind === 'question' && node.answer.type === 'choice') {
    const choice = node.answer.choices.find((c) => c.id === result);
    if (choice) return text(choice.label);
  }
  if (node.kind === 'question' && node.answer.type === 'text') return result;
  const kind = node.kind === 'question' ? 'answer' : node.kind;
  const generic = `desk.check.outcome.${kind}.${result}`;
  return GENERIC_OUTCOMES.has(result) && kb.hasText(generic) ? kb.text(lang, generic) : result;
}
