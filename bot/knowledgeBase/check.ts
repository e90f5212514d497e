import type { KbError } from './kbError.js';
import { checkDesk } from './checkDesk.js';
import { checkFlowGraph } from './checkFlowGraph.js';
import { checkReferences } from './checkReferences.js';
import { type ParsedKnowledge, readKnowledge } from './readKnowledge.js';

/** The outcome of checking a knowledge directory. */
export interface CheckResult {
  /** Every problem found; empty when the knowledge is valid. */
  errors: KbError[];
  /** What was read (files that failed their schema are absent). */
  knowledge: ParsedKnowledge;
}

/** Read and fully check the knowledge under `dir`: schemas, flow graphs and cross-file references. */
export async function checkKnowledge(dir: string): Promise<CheckResult> {
  const { knowledge, errors } = await readKnowledge(dir);
  for (const { file, data } of knowledge.flows.values()) errors.push(...checkFlowGraph(file, data));
  errors.push(...checkReferences(dir, knowledge));
  errors.push(...checkDesk(knowledge));
  return { errors, knowledge };
}
