import type { FlowFile, FlowNode } from './schemas/flowSchema.js';

/** One outgoing edge of a node, with the JSON path segments of the field that names the target. */
export interface Edge {
  path: PropertyKey[];
  target: string;
}

/** Node kinds that finish a flow (resolution finishes it on "yes"). */
export const TERMINAL_KINDS: ReadonlySet<FlowNode['kind']> = new Set([
  'end',
  'return',
  'handoff',
  'resolution',
]);

/** Every node id a node can continue to. */
export function edgesOf(id: string, node: FlowNode): Edge[] {
  const at = (...rest: PropertyKey[]): PropertyKey[] => ['nodes', id, ...rest];
  switch (node.kind) {
    case 'question':
      switch (node.answer.type) {
        case 'choice':
          return node.answer.choices.map((choice, i) => ({
            path: at('answer', 'choices', i, 'next'),
            target: choice.next,
          }));
        case 'yesno':
          return [
            { path: at('answer', 'yes'), target: node.answer.yes },
            { path: at('answer', 'no'), target: node.answer.no },
            ...(node.answer.unknown ? [{ path: at('answer', 'unknown'), target: node.answer.unknown }] : []),
          ];
        case 'text':
          return [{ path: at('answer', 'next'), target: node.answer.next }];
      }
      break;
    case 'check':
      return (['pass', 'fail', 'unknown'] as const).map((branch) => ({
        path: at('next', branch),
        target: node.next[branch],
      }));
    case 'instruction':
    case 'call':
      return [{ path: at('next'), target: node.next }];
    case 'resolution':
      return [{ path: at('no'), target: node.no }];
    case 'handoff':
    case 'end':
    case 'return':
      return [];
  }
  return [];
}

/** Strongly connected components (Tarjan), used to tell "a loop with no exit" from a dead end. */
export function stronglyConnected(flow: FlowFile): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const visit = (id: string): void => {
    index.set(id, counter);
    low.set(id, counter);
    counter += 1;
    stack.push(id);
    onStack.add(id);
    const node = flow.nodes[id];
    for (const edge of node ? edgesOf(id, node) : []) {
      if (!(edge.target in flow.nodes)) continue;
      if (!index.has(edge.target)) {
        visit(edge.target);
        low.set(id, Math.min(low.get(id) ?? 0, low.get(edge.target) ?? 0));
      } else if (onStack.has(edge.target)) {
        low.set(id, Math.min(low.get(id) ?? 0, index.get(edge.target) ?? 0));
      }
    }
    if (low.get(id) === index.get(id)) {
      const component: string[] = [];
      let top: string | undefined;
      do {
        top = stack.pop();
        if (top === undefined) break;
        onStack.delete(top);
        component.push(top);
      } while (top !== id);
      components.push(component);
    }
  };
  for (const id of Object.keys(flow.nodes)) if (!index.has(id)) visit(id);
  return components;
}
