import { checkKnowledgeFiles } from './check.js';
import { locateErrors } from './errors/locate.js';
import { runFlowTests, type FlowTestResult } from './flowTests.js';
import type { KbError } from './kbError.js';
import { KnowledgeBase } from './knowledgeBase.js';
import {
  type KnowledgeFiles,
  type ParsedKnowledge,
  type ParseOptions,
  readKnowledgeFiles,
} from './readKnowledge.js';
import { DemoInventory } from './tryFlow.js';

/** Knowledge checked, built and tested. */
export interface BuildResult {
  /** The knowledge base, when every check and every editor test passed. */
  kb?: KnowledgeBase;
  knowledge: ParsedKnowledge;
  errors: KbError[];
  /** The editors' flow tests (empty when the knowledge did not build). */
  tests: FlowTestResult[];
}

/**
 * Check `files` and, when they are valid, build the knowledge base and run the editors' flow tests on it: a
 * version whose own tests fail is refused like one with an error.
 */
export async function buildKnowledgeBase(
  dir: string,
  files: KnowledgeFiles,
  options: ParseOptions & { tests?: boolean } = {},
): Promise<BuildResult> {
  const { errors, knowledge } = checkKnowledgeFiles(dir, files, options);
  if (errors.length > 0) return { knowledge, errors, tests: [] };
  const kb = new KnowledgeBase(knowledge);
  // kb:try and the page's try-out walk a flow while its tests are still being written.
  if (options.tests === false) return { kb, knowledge, errors: [], tests: [] };
  const run = await runFlowTests(kb, knowledge.tests, new DemoInventory(files));
  if (run.errors.length > 0)
    return { knowledge, errors: locateErrors(dir, files, run.errors), tests: run.results };
  return { kb, knowledge, errors: [], tests: run.results };
}

/** Check `dir` and, when it is valid (its flow tests included), build the knowledge base from it. */
export async function loadKnowledgeBase(
  dir: string,
  options: ParseOptions & { tests?: boolean } = {},
): Promise<{ kb?: KnowledgeBase; errors: KbError[] }> {
  const read = await readKnowledgeFiles(dir);
  if (read.errors.length > 0) return { errors: read.errors };
  const { kb, errors } = await buildKnowledgeBase(dir, read.files, options);
  return kb ? { kb, errors } : { errors };
}
