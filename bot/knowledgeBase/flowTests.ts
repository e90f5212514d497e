import type { Facts, FactValue } from '../domain/facts.js';
import type { Lang } from '../domain/language.js';
import { didYouMean } from './errors/suggest.js';
import type { KbError } from './kbError.js';
import { toJsonPath } from './jsonPath.js';
import type { KnowledgeBase } from './knowledgeBase.js';
import type { Located } from './readKnowledge.js';
import type { FlowTest, FlowTestFile } from './schemas/flowTestSchema.js';
import { DemoInventory, serviceOf, tryFlow, type TriedWalk } from './tryFlow.js';

/** The result of one test in one language. */
export interface FlowTestResult {
  file: string;
  index: number;
  name: string;
  lang: Lang;
  passed: boolean;
  /** What did not hold (empty when passed). */
  failures: string[];
  walk?: TriedWalk;
}

/** Every node ref of the knowledge base (`node` for `flowId`'s own, `flow.node` for every flow's). */
function refsFor(kb: KnowledgeBase, flowId: string): Set<string> {
  const refs = new Set<string>();
  for (const id of kb.flowIds())
    for (const node of Object.keys(kb.flow(id)?.nodes ?? {})) {
      refs.add(`${id}.${node}`);
      if (id === flowId) refs.add(node);
    }
  return refs;
}

/** A ref as the walk writes it: own nodes bare, others as flow.node (`data.final` → `final` in the data flow). */
function normalise(ref: string, flowId: string): string {
  return ref.startsWith(`${flowId}.`) ? ref.slice(flowId.length + 1) : ref;
}

/** Problems with a test itself (not its outcome): unknown flow, nodes, SIM, texts. */
function testProblems(
  kb: KnowledgeBase,
  test: FlowTest,
  inventory: DemoInventory,
): Array<{ at: PropertyKey[]; message: string; suggestion?: string }> {
  const problems: Array<{ at: PropertyKey[]; message: string; suggestion?: string }> = [];
  const add = (at: PropertyKey[], message: string, suggestion?: string): void => {
    problems.push({ at, message, ...(suggestion ? { suggestion } : {}) });
  };
  if (!kb.flow(test.flow)) {
    add(['flow'], `unknown flow "${test.flow}"`, didYouMean(test.flow, kb.flowIds()));
    return problems;
  }
  if (test.sim && !inventory.has(test.sim))
    add(
      ['sim'],
      `SIM ${test.sim} is not in knowledge/demo/inventory.json`,
      didYouMean(test.sim, inventory.iccids()),
    );
  const refs = refsFor(kb, test.flow);
  for (const part of ['asks', 'visits', 'skips'] as const)
    test.expect[part]?.forEach((ref, i) => {
      if (!refs.has(ref)) add(['expect', part, i], `unknown node "${ref}"`, didYouMean(ref, refs));
    });
  if (test.expect.at && !refs.has(test.expect.at))
    add(['expect', 'at'], `unknown node "${test.expect.at}"`, didYouMean(test.expect.at, refs));
  const keys = new Set(kb.textKeys(kb.spoken.fallback));
  test.expect.says?.forEach((key, i) => {
    if (!keys.has(key)) add(['expect', 'says', i], `unknown text "${key}"`, didYouMean(key, keys));
  });
  return problems;
}

/** What of `expect` does not hold for a walk, in words. */
function compare(test: FlowTest, walk: TriedWalk): string[] {
  const failures: string[] = [];
  const { expect } = test;
  const flowId = test.flow;
  const visited = walk.steps.map((s) => s.ref).concat(walk.outcome.kind === 'asks' ? [walk.outcome.at] : []);
  const outcome = walk.outcome.kind;
  const ended =
    walk.outcome.kind === 'asks'
      ? `it waits at ${walk.outcome.at}`
      : walk.outcome.kind === 'handoff'
        ? `it hands over (${walk.outcome.reason})`
        : walk.outcome.kind === 'resolved'
          ? 'it ends resolved'
          : 'it ends';
  if (walk.problem) failures.push(walk.problem);
  if (expect.outcome && expect.outcome !== outcome)
    failures.push(`expected outcome ${expect.outcome}, but ${ended}`);
  if (expect.reason && (walk.outcome.kind !== 'handoff' || walk.outcome.reason !== expect.reason))
    failures.push(`expected a handoff for ${expect.reason}, but ${ended}`);
  if (expect.at && (walk.outcome.kind !== 'asks' || walk.outcome.at !== normalise(expect.at, flowId)))
    failures.push(`expected to wait at ${expect.at}, but ${ended}`);
  if (expect.asks) {
    const wanted = expect.asks.map((r) => normalise(r, flowId));
    if (wanted.join(',') !== walk.asked.join(','))
      failures.push(
        `expected the questions ${wanted.join(', ') || '(none)'}, but it asked ${walk.asked.join(', ') || 'nothing'}`,
      );
  }
  if (expect.visits) {
    let from = 0;
    for (const ref of expect.visits.map((r) => normalise(r, flowId))) {
      const found = visited.indexOf(ref, from);
      if (found < 0) {
        failures.push(
          visited.includes(ref)
            ? `expected ${ref} later in the walk (walk: ${visited.join(' → ')})`
            : `expected the walk to pass ${ref} (walk: ${visited.join(' → ')})`,
        );
        break;
      }
      from = found + 1;
    }
  }
  for (const ref of (expect.skips ?? []).map((r) => normalise(r, flowId)))
    if (visited.includes(ref)) failures.push(`expected the walk never to reach ${ref}, but it did`);
  const keys = walk.said.map((t) => t.key);
  for (const key of expect.says ?? [])
    if (!keys.includes(key)) failures.push(`expected the customer to read ${key}`);
  const text = walk.said.map((t) => t.text).join('\n');
  for (const part of expect.saysText?.[walk.lang] ?? [])
    if (!text.includes(part)) failures.push(`expected the customer to read "${part}"`);
  return failures;
}

/**
 * Run the editors' flow tests (`knowledge/tests/*.json`) against a knowledge base: each test in each of its
 * languages. A test that names an unknown flow, node, SIM or text is an error of the test file; a test whose
 * walk does not match `expect` fails with what was expected and what happened.
 */
export async function runFlowTests(
  kb: KnowledgeBase,
  files: ReadonlyArray<Located<FlowTestFile>>,
  inventory: DemoInventory,
): Promise<{ results: FlowTestResult[]; errors: KbError[] }> {
  const results: FlowTestResult[] = [];
  const errors: KbError[] = [];
  for (const { file, data } of files) {
    const names = new Set<string>();
    for (const [index, test] of data.tests.entries()) {
      const at = (...rest: PropertyKey[]): string => toJsonPath(['tests', index, ...rest]);
      if (names.has(test.name))
        errors.push({
          file,
          path: at('name'),
          message: `another test is named "${test.name}"`,
          suggestion: 'give each test its own name',
        });
      names.add(test.name);
      const problems = testProblems(kb, test, inventory);
      for (const problem of problems)
        errors.push({
          file,
          path: at(...problem.at),
          message: problem.message,
          ...(problem.suggestion ? { suggestion: problem.suggestion } : {}),
        });
      if (problems.length > 0) continue;
      let facts: Record<string, FactValue> = {};
      if (test.sim) facts = await inventory.facts(kb, test.sim, serviceOf(test.flow));
      for (const [name, value] of Object.entries(test.facts ?? {})) {
        if (value === null) delete facts[name];
        else if (value !== undefined) facts[name] = value;
      }
      for (const lang of test.languages ?? kb.spoken.list) {
        const walk = tryFlow(kb, test.flow, facts as Facts, test.answers ?? [], lang);
        const failures = compare(test, walk);
        results.push({ file, index, name: test.name, lang, passed: failures.length === 0, failures, walk });
        if (failures.length > 0)
          errors.push({
            file,
            path: at(),
            message: `test "${test.name}" fails in ${lang}: ${failures.join('; ')}`,
          });
      }
    }
  }
  return { results, errors };
}
