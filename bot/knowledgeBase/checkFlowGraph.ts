import { didYouMean } from './errors/suggest.js';
import type { KbError } from './kbError.js';
import { toJsonPath } from './jsonPath.js';
import { edgesOf, stronglyConnected, TERMINAL_KINDS } from './flowGraph.js';
import type { FlowFile } from './schemas/flowSchema.js';

/** Node kinds the engine runs without the customer; a cycle made only of these never stops. */
const AUTOMATIC_KINDS = new Set(['check', 'instruction']);

/**
 * Graph errors inside one flow: unknown node references, unreachable nodes, nodes with no way to an
 * end/resolution/handoff/return, loops with no exit, and loops the engine would spin in without asking.
 */
export function checkFlowGraph(file: string, flow: FlowFile): KbError[] {
  const errors: KbError[] = [];
  const err = (segments: PropertyKey[], message: string, suggestion?: string): void => {
    errors.push({ file, path: toJsonPath(segments), message, ...(suggestion ? { suggestion } : {}) });
  };
  const ids = Object.keys(flow.nodes);
  if (!(flow.start in flow.nodes))
    err(['start'], `unknown node "${flow.start}"`, didYouMean(flow.start, ids));

  const successors = new Map<string, string[]>();
  for (const id of ids) {
    const node = flow.nodes[id];
    if (!node) continue;
    const targets: string[] = [];
    for (const edge of edgesOf(id, node)) {
      if (edge.target in flow.nodes) targets.push(edge.target);
      else err(edge.path, `unknown node "${edge.target}"`, didYouMean(edge.target, ids));
    }
    successors.set(id, targets);
  }

  const reachable = new Set<string>();
  const queue = flow.start in flow.nodes ? [flow.start] : [];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (reachable.has(id)) continue;
    reachable.add(id);
    queue.push(...(successors.get(id) ?? []));
  }
  for (const id of ids) {
    if (!reachable.has(id))
      err(['nodes', id], `unreachable node "${id}" (no path from start "${flow.start}")`);
  }

  // Backwards from every finishing node: whatever is not reached has no way out.
  const predecessors = new Map<string, string[]>();
  for (const [id, targets] of successors) {
    for (const target of targets) predecessors.set(target, [...(predecessors.get(target) ?? []), id]);
  }
  const finishes = new Set<string>();
  const back = ids.filter((id) => {
    const node = flow.nodes[id];
    return node !== undefined && TERMINAL_KINDS.has(node.kind);
  });
  while (back.length > 0) {
    const id = back.pop() as string;
    if (finishes.has(id)) continue;
    finishes.add(id);
    back.push(...(predecessors.get(id) ?? []));
  }

  const reported = new Set<string>();
  for (const component of stronglyConnected(flow)) {
    const cyclic =
      component.length > 1 || (successors.get(component[0] ?? '') ?? []).includes(component[0] ?? '');
    if (!cyclic) continue;
    const sorted = [...component].sort();
    const first = sorted[0] as string;
    if (!finishes.has(first)) {
      err(
        ['nodes', first],
        `loop with no exit: ${sorted.join(', ')} never reach an end, resolution or handoff`,
      );
      for (const id of component) reported.add(id);
    } else if (component.every((id) => AUTOMATIC_KINDS.has(flow.nodes[id]?.kind ?? ''))) {
      err(
        ['nodes', first],
        `loop without a question: ${sorted.join(', ')} would repeat forever on the same facts`,
      );
    }
  }
  for (const id of ids) {
    if (finishes.has(id) || reported.has(id)) continue;
    const hasUnknownTarget = edgesOf(id, flow.nodes[id] as NonNullable<(typeof flow.nodes)[string]>).some(
      (edge) => !(edge.target in flow.nodes),
    );
    if (!hasUnknownTarget)
      err(['nodes', id], `path ends nowhere: no way from "${id}" to an end, resolution or handoff`);
  }
  return errors;
}
