import { FACT_CATALOGUE, type Facts, type FactValue } from '../domain/facts.js';
import type { Lang, Localized } from '../domain/language.js';
import type { KnowledgeBase } from './knowledgeBase.js';
import { evaluateCondition } from './conditions.js';
import type { FlowNode } from './schemas/flowSchema.js';
import type {
  FlowInput,
  FlowNotice,
  FlowOutcome,
  FlowPointer,
  FlowPrompt,
  FlowState,
  FlowStep,
  RenderedText,
} from './flowTypes.js';

export type * from './flowTypes.js';

/** Guard against a loop kb:check could not see (e.g. sub-flows that only ever call each other). */
const MAX_AUTOMATIC_STEPS = 500;

/** Start flow `flowId` (an intent id) for the customer. Throws for a flow the knowledge base lacks. */
export function startFlow(kb: KnowledgeBase, flowId: string, facts: Facts, lang: Lang): FlowStep {
  const flow = kb.flow(flowId);
  if (!flow) throw new Error(`flowEngine: no flow "${flowId}" in knowledge version ${kb.version}`);
  const state: FlowState = {
    kbVersion: kb.version,
    lang,
    flowId,
    at: null,
    stack: [],
    learned: {},
    trail: [],
  };
  return run(kb, state, facts, { flowId, nodeId: flow.start }, {});
}

/**
 * Answer the pending prompt and run on until the customer is needed again or the flow ends.
 * Pass the knowledge base the state started on (`store.get(state.kbVersion) ?? store.current()`); when it
 * is another version the flow continues if its node still exists, else restarts (see `notice`).
 */
export function advanceFlow(
  kb: KnowledgeBase,
  previous: FlowState,
  facts: Facts,
  input: FlowInput,
  options: { lang?: Lang } = {},
): FlowStep {
  if (!previous.at) throw new Error(`flowEngine: flow "${previous.flowId}" has already finished`);
  const state: FlowState = structuredClone({ ...previous, lang: options.lang ?? previous.lang });
  let notice: FlowNotice | undefined;
  if (state.kbVersion !== kb.version) {
    if (!kb.flow(state.flowId)) {
      return finish(state, [], { kind: 'end' }, {}, 'flow_removed');
    }
    if (!stillValid(kb, previous)) {
      const restarted = startFlow(kb, state.flowId, { ...facts, ...state.learned }, state.lang);
      restarted.state.learned = { ...state.learned, ...restarted.state.learned };
      return { ...restarted, notice: 'restarted' };
    }
    state.kbVersion = kb.version;
    notice = 'continued_on_new_version';
  }
  const at = state.at as FlowPointer;
  const node = kb.flow(at.flowId)?.nodes[at.nodeId];
  if (!node || (node.kind !== 'question' && node.kind !== 'resolution')) {
    throw new Error(`flowEngine: ${at.flowId}/${at.nodeId} is not waiting for an answer`);
  }
  const learned: Record<string, FactValue> = {};
  const entry = { flowId: at.flowId, nodeId: at.nodeId, kind: node.kind };
  let next: string | undefined;

  if ('unknown' in input && node.kind === 'question' && node.answer.type === 'yesno') {
    // "I don't know": the fact stays unknown and the flow goes on where the editors said (else the no branch).
    state.trail.push({ ...entry, result: 'unknown' });
    next = node.answer.unknown ?? node.answer.no;
  } else if (node.kind === 'resolution') {
    const yes = readYesNo(kb, input);
    if (yes === undefined) return reprompt(kb, state, facts, notice);
    state.trail.push({ ...entry, result: yes ? 'yes' : 'no' });
    if (yes) return finish(state, [], { kind: 'resolved' }, learned, notice);
    next = node.no;
  } else if (node.answer.type === 'yesno') {
    const yes = readYesNo(kb, input);
    if (yes === undefined) return reprompt(kb, state, facts, notice);
    if (node.answer.fact) learned[node.answer.fact] = yes;
    state.trail.push({ ...entry, result: yes ? 'yes' : 'no' });
    next = yes ? node.answer.yes : node.answer.no;
  } else if (node.answer.type === 'text') {
    const text = 'text' in input ? input.text.trim() : '';
    if (text === '') return reprompt(kb, state, facts, notice);
    learned[node.answer.fact] = text;
    state.trail.push({ ...entry, result: text });
    next = node.answer.next;
  } else {
    const choice = node.answer.choices.find((c) => matchesChoice(kb, c.id, c.label, input));
    if (!choice) return reprompt(kb, state, facts, notice);
    Object.assign(learned, choice.sets ?? {});
    state.trail.push({ ...entry, result: choice.id });
    next = choice.next;
  }
  Object.assign(state.learned, learned);
  return run(kb, state, facts, { flowId: at.flowId, nodeId: next }, learned, notice);
}

/** The pending prompt rendered again (after an interruption such as help, or in another language). */
export function currentPrompt(
  kb: KnowledgeBase,
  state: FlowState,
  lang: Lang = state.lang,
): FlowPrompt | undefined {
  const node = state.at ? kb.flow(state.at.flowId)?.nodes[state.at.nodeId] : undefined;
  return state.at && node ? promptFor(kb, { ...state, lang }, state.at, node, {}) : undefined;
}

function run(
  kb: KnowledgeBase,
  state: FlowState,
  facts: Facts,
  start: FlowPointer,
  learned: Record<string, FactValue>,
  notice?: FlowNotice,
): FlowStep {
  const messages: RenderedText[] = [];
  const vars = (): Facts => ({ ...facts, ...state.learned });
  let at: FlowPointer = start;
  for (let steps = 0; steps < MAX_AUTOMATIC_STEPS; steps += 1) {
    const node = kb.flow(at.flowId)?.nodes[at.nodeId];
    if (!node) throw new Error(`flowEngine: unknown node ${at.flowId}/${at.nodeId} in version ${kb.version}`);
    const entry = { flowId: at.flowId, nodeId: at.nodeId };
    switch (node.kind) {
      case 'question':
      case 'resolution':
        state.at = at;
        return {
          state,
          messages,
          prompt: promptFor(kb, state, at, node, vars()),
          trail: state.trail,
          learned,
          ...(notice ? { notice } : {}),
        };
      case 'check': {
        const result = evaluateCondition(node.condition, vars());
        state.trail.push({ ...entry, kind: 'check', result });
        at = { flowId: at.flowId, nodeId: node.next[result] };
        break;
      }
      case 'instruction':
        messages.push(render(kb, state.lang, node.text, vars()));
        state.trail.push({ ...entry, kind: 'instruction' });
        at = { flowId: at.flowId, nodeId: node.next };
        break;
      case 'call': {
        const sub = kb.flow(node.flow);
        if (!sub) throw new Error(`flowEngine: unknown sub-flow "${node.flow}" in version ${kb.version}`);
        state.trail.push({ ...entry, kind: 'call', result: node.flow });
        state.stack.push(at);
        at = { flowId: node.flow, nodeId: sub.start };
        break;
      }
      case 'return': {
        const caller = state.stack.pop();
        const callNode = caller ? kb.flow(caller.flowId)?.nodes[caller.nodeId] : undefined;
        if (!caller || callNode?.kind !== 'call')
          return finish(state, messages, { kind: 'end' }, learned, notice);
        at = { flowId: caller.flowId, nodeId: callNode.next };
        break;
      }
      case 'end':
        return finish(
          state,
          messages,
          node.text ? { kind: 'end', text: render(kb, state.lang, node.text, vars()) } : { kind: 'end' },
          learned,
          notice,
        );
      case 'handoff':
        return finish(
          state,
          messages,
          { kind: 'handoff', reason: node.reason, text: render(kb, state.lang, node.text, vars()) },
          learned,
          notice,
        );
    }
  }
  throw new Error(
    `flowEngine: flow "${state.flowId}" ran ${MAX_AUTOMATIC_STEPS} steps without asking; a loop in version ${kb.version}`,
  );
}

function finish(
  state: FlowState,
  messages: RenderedText[],
  outcome: FlowOutcome,
  learned: Record<string, FactValue>,
  notice?: FlowNotice,
): FlowStep {
  state.at = null;
  state.stack = [];
  return { state, messages, outcome, trail: state.trail, learned, ...(notice ? { notice } : {}) };
}

function reprompt(kb: KnowledgeBase, state: FlowState, facts: Facts, notice?: FlowNotice): FlowStep {
  const prompt = currentPrompt(kb, state);
  void facts;
  return {
    state,
    messages: [],
    ...(prompt ? { prompt } : {}),
    trail: state.trail,
    learned: {},
    notice: notice ?? 'invalid_input',
  };
}

function render(kb: KnowledgeBase, lang: Lang, key: string, vars: Facts): RenderedText {
  return { key, text: kb.text(lang, key, shownFacts(kb, lang, vars)) };
}

function localized(kb: KnowledgeBase, key: string, vars: Facts): Localized {
  return Object.fromEntries(
    kb.spoken.list.map((lang) => [lang, kb.text(lang, key, shownFacts(kb, lang, vars))]),
  );
}

/** The facts a text shows as something else than their value (a country code as the country's name). */
const SHOWN_AS: readonly string[] = Object.entries(FACT_CATALOGUE).flatMap(([name, spec]) =>
  'shownAs' in spec ? [name] : [],
);

/** Facts as a text in `lang` shows them: a country code becomes the country's name (`DE` → "Germany"). */
function shownFacts(kb: KnowledgeBase, lang: Lang, facts: Facts): Facts {
  let shown: Record<string, FactValue> | undefined;
  for (const name of SHOWN_AS) {
    const value = facts[name];
    if (typeof value !== 'string') continue;
    shown ??= { ...facts };
    shown[name] = kb.countries.name(value, lang);
  }
  return shown ?? facts;
}

function promptFor(
  kb: KnowledgeBase,
  state: FlowState,
  at: FlowPointer,
  node: FlowNode,
  vars: Facts,
): FlowPrompt {
  if (node.kind !== 'question' && node.kind !== 'resolution')
    throw new Error(`flowEngine: ${at.nodeId} is not a prompt`);
  const base = { flowId: at.flowId, nodeId: at.nodeId, text: render(kb, state.lang, node.text, vars) };
  const yesNo = ['yes', 'no'].map((id) => {
    const labels = localized(kb, `flows.common.${id}`, vars);
    return { id, label: labels[state.lang], labels };
  });
  if (node.kind === 'resolution') return { ...base, kind: 'yesno', choices: yesNo, resolution: true };
  switch (node.answer.type) {
    case 'yesno':
      return {
        ...base,
        kind: 'yesno',
        choices: yesNo,
        ...(node.answer.fact ? { setsFact: node.answer.fact } : {}),
      };
    case 'text':
      return { ...base, kind: 'text', choices: [], setsFact: node.answer.fact };
    case 'choice':
      return {
        ...base,
        kind: 'choice',
        choices: node.answer.choices.map((choice) => {
          const labels = localized(kb, choice.label, vars);
          return {
            id: choice.id,
            label: labels[state.lang],
            labels,
            ...(choice.unknown ? { unknown: true } : {}),
          };
        }),
      };
  }
}

/** A typed yes/no, read with the knowledge base's word lists (a choice id `yes`/`no` as such). */
function readYesNo(kb: KnowledgeBase, input: FlowInput): boolean | undefined {
  if ('yes' in input) return input.yes;
  if ('unknown' in input) return undefined;
  if ('choice' in input && (input.choice === 'yes' || input.choice === 'no')) return input.choice === 'yes';
  return kb.vocabulary.yesNo('choice' in input ? input.choice : input.text);
}

function matchesChoice(kb: KnowledgeBase, id: string, labelKey: string, input: FlowInput): boolean {
  if ('yes' in input || 'unknown' in input) return false;
  const given = ('choice' in input ? input.choice : input.text).trim().toLowerCase();
  if (given === id.toLowerCase()) return true;
  return (
    'text' in input && kb.spoken.list.some((lang) => kb.text(lang, labelKey).trim().toLowerCase() === given)
  );
}

/** The pending node (same kind and answer type) and every call node on the stack exist in `kb`. */
function stillValid(kb: KnowledgeBase, state: FlowState): boolean {
  if (!state.at) return false;
  const was = kb.flow(state.at.flowId)?.nodes[state.at.nodeId];
  if (!was || (was.kind !== 'question' && was.kind !== 'resolution')) return false;
  return state.stack.every((frame) => kb.flow(frame.flowId)?.nodes[frame.nodeId]?.kind === 'call');
}
