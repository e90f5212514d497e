import { edgesOf } from './flowGraph.js';
import type { Condition } from './schemas/conditionSchema.js';
import type { FlowFile, FlowNode } from './schemas/flowSchema.js';

/** A condition in short words: `sim.active = true`, `modem.pdpCause in 8, 33`, `all(…)`. */
export function conditionText(condition: Condition): string {
  if ('all' in condition) return condition.all.map(conditionText).join(' and ');
  if ('any' in condition) return `(${condition.any.map(conditionText).join(' or ')})`;
  if ('not' in condition) return `not ${conditionText(condition.not)}`;
  if (!('value' in condition)) return `${condition.fact} ${condition.op}`;
  const ops: Record<string, string> = {
    eq: '=',
    ne: '≠',
    gt: '>',
    gte: '≥',
    lt: '<',
    lte: '≤',
    in: 'in',
    notIn: 'not in',
  };
  const value = condition.value;
  const shown = Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'object'
      ? value.fact
      : String(value);
  return `${condition.fact} ${ops[condition.op] ?? condition.op} ${shown}`;
}

/** What a node is, in a few words (under its id in the diagram). */
export function nodeSummary(node: FlowNode): string {
  switch (node.kind) {
    case 'check':
      return `check: ${conditionText(node.condition)}`;
    case 'question':
      return `question (${node.answer.type === 'yesno' ? 'yes/no' : node.answer.type}${'fact' in node.answer && node.answer.fact ? ` → ${node.answer.fact}` : ''})`;
    case 'resolution':
      return 'resolution: did it work?';
    case 'handoff':
      return `handoff: ${node.reason}`;
    case 'call':
      return `call ${node.flow}`;
    default:
      return node.kind;
  }
}

/** Mermaid node id: prefixed, so ids such as `end` never clash with Mermaid's keywords. */
const mid = (id: string): string => `n_${id}`;

/** A label Mermaid takes in double quotes: quotes and angle brackets as entities. */
const label = (text: string): string =>
  text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

/** A node's shape by kind; `text` is already escaped. */
function shape(node: FlowNode, text: string): string {
  const t = `"${text}"`;
  switch (node.kind) {
    case 'check':
      return `{${t}}`;
    case 'question':
      return `[/${t}/]`;
    case 'resolution':
      return `([${t}])`;
    case 'handoff':
      return `{{${t}}}`;
    case 'call':
      return `[[${t}]]`;
    case 'end':
    case 'return':
      return `((${t}))`;
    default:
      return `[${t}]`;
  }
}

/** The label of an edge: the branch of a check, the answer of a question. */
function edgeLabel(node: FlowNode, index: number): string | undefined {
  if (node.kind === 'check') return (['pass', 'fail', 'unknown'] as const)[index];
  if (node.kind === 'resolution') return 'no';
  if (node.kind !== 'question') return undefined;
  if (node.answer.type === 'yesno') return index === 0 ? 'yes' : 'no';
  if (node.answer.type === 'choice') return node.answer.choices[index]?.id;
  return 'answer';
}

/** Options of {@link mermaidFlow}. */
export interface MermaidOptions {
  /** Nodes a tried walk passed (own ids): drawn highlighted. */
  visited?: readonly string[];
  /** Where the walk stopped (a question waiting, the handoff or end). */
  stoppedAt?: string;
}

/**
 * A flow as a Mermaid flowchart: every node with its id and kind (checks with their condition, handoffs with
 * their reason, calls with their sub-flow), every branch labelled (pass / fail / unknown, yes / no, choice
 * ids), a resolution's "yes" ending in ✓ resolved, a return going back to the caller.
 */
export function mermaidFlow(flow: FlowFile, options: MermaidOptions = {}): string {
  const lines = ['flowchart TD', `  start(("${label(flow.id)}")) --> ${mid(flow.start)}`];
  let resolved = false;
  for (const [id, node] of Object.entries(flow.nodes)) {
    lines.push(`  ${mid(id)}${shape(node, `<b>${label(id)}</b><br/>${label(nodeSummary(node))}`)}`);
    edgesOf(id, node).forEach((edge, i) => {
      const text = edgeLabel(node, i);
      lines.push(`  ${mid(id)} -->${text ? `|${label(text)}|` : ''} ${mid(edge.target)}`);
    });
    if (node.kind === 'resolution') {
      lines.push(`  ${mid(id)} -->|yes| resolved`);
      resolved = true;
    }
    if (node.kind === 'return') lines.push(`  ${mid(id)} -.-> caller(["back to the calling flow"])`);
  }
  if (resolved) lines.push('  resolved(["✓ resolved"])');
  lines.push(
    '  classDef k_check fill:#fff4d6,stroke:#b07d00',
    '  classDef k_question fill:#e3f0ff,stroke:#2a6cc4',
    '  classDef k_handoff fill:#ffe3e3,stroke:#c43a3a',
    '  classDef k_resolution fill:#e3f7e8,stroke:#2a8a4a',
    '  classDef k_call fill:#efe8ff,stroke:#6a4ac4',
    '  classDef k_visited stroke-width:4px,stroke:#111',
    '  classDef k_stopped stroke-width:5px,stroke:#e05a00',
  );
  for (const kind of ['check', 'question', 'handoff', 'resolution', 'call'] as const) {
    const ids = Object.entries(flow.nodes)
      .filter(([, node]) => node.kind === kind)
      .map(([id]) => mid(id));
    if (ids.length) lines.push(`  class ${ids.join(',')} k_${kind}`);
  }
  const visited = (options.visited ?? []).filter((id) => id in flow.nodes);
  if (visited.length) lines.push(`  class ${[...new Set(visited)].map(mid).join(',')} k_visited`);
  if (options.stoppedAt && options.stoppedAt in flow.nodes)
    lines.push(`  class ${mid(options.stoppedAt)} k_stopped`);
  return `${lines.join('\n')}\n`;
}
