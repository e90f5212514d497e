import type { KbError } from './kbError.js';
import { checkDesk } from './checkDesk.js';
import { checkFlowGraph } from './checkFlowGraph.js';
import { checkLanguages } from './checkLanguages.js';
import { checkPersonPromises } from './checkPromises.js';
import { checkReferences } from './checkReferences.js';
import { locateErrors } from './errors/locate.js';
import {
  type KnowledgeFiles,
  type ParsedKnowledge,
  type ParseOptions,
  parseKnowledge,
  readKnowledgeFiles,
} from './readKnowledge.js';

/** The outcome of checking a knowledge directory. */
export interface CheckResult {
  /** Every problem found, each with its file, line and column; empty when the knowledge is valid. */
  errors: KbError[];
  /** What was read (files that failed their schema are absent). */
  knowledge: ParsedKnowledge;
}

/** Read and fully check the knowledge under `dir`: schemas, flow graphs and cross-file references. */
export async function checkKnowledge(dir: string, options: ParseOptions = {}): Promise<CheckResult> {
  const read = await readKnowledgeFiles(dir);
  const result = checkKnowledgeFiles(dir, read.files, options);
  return { ...result, errors: [...read.errors, ...result.errors] };
}

/** {@link checkKnowledge} over files in memory; `dir` is only used to name the files in errors. */
export function checkKnowledgeFiles(
  dir: string,
  files: KnowledgeFiles,
  options: ParseOptions = {},
): CheckResult {
  const { knowledge, errors } = parseKnowledge(dir, files, options);
  for (const { file, data } of knowledge.flows.values()) errors.push(...checkFlowGraph(file, data));
  errors.push(...checkReferences(dir, knowledge));
  errors.push(...checkDesk(knowledge));
  errors.push(...checkLanguages(dir, knowledge));
  errors.push(...checkPersonPromises(knowledge));
  return { errors: locateErrors(dir, files, errors), knowledge };
}
