import { directorySeedSchema } from '../directory/schemas.js';
import { diagnose, type Service } from '../connectivity/diagnostics.js';
import { EmbeddedProvider } from '../connectivity/embeddedProvider.js';
import { inventorySeedSchema, recordsFromSeed } from '../connectivity/inventorySeed.js';
import { planNameOf } from '../connectivity/provider.js';
import type { SimRecord } from '../connectivity/simRecord.js';
import type { Facts, FactValue } from '../domain/facts.js';
import type { Lang } from '../domain/language.js';
import { advanceFlow, startFlow } from './flowEngine.js';
import type { FlowInput, FlowOutcome, FlowPrompt, FlowStep, RenderedText, TrailEntry } from './flowTypes.js';
import type { KnowledgeBase } from './knowledgeBase.js';
import type { KnowledgeFiles } from './readKnowledge.js';

/** One step of a tried walk, as kb:try prints it and the page shows it. */
export interface TriedStep {
  /** `node` for the flow tried, `flow.node` for a sub-flow's. */
  ref: string;
  flowId: string;
  nodeId: string;
  kind: TrailEntry['kind'] | 'handoff' | 'end';
  /** check: pass / fail / unknown; question: the answer; call: the sub-flow. */
  result?: string;
}

/** How a tried walk went: the steps, what the customer read, and where it ended. */
export interface TriedWalk {
  flowId: string;
  lang: Lang;
  facts: Facts;
  steps: TriedStep[];
  /** Questions asked (and "did it work?"), as refs, in order. */
  asked: string[];
  /** Texts shown on the way (instructions, the outcome's text), with their keys. */
  said: RenderedText[];
  outcome: FlowOutcome | { kind: 'asks'; at: string; prompt: FlowPrompt };
  /** An answer that did not fit its question (the walk stops there). */
  problem?: string;
}

/** The input an answer gives a prompt: yes/no for yes/no questions, a choice id, or the text typed. */
function inputFor(prompt: FlowPrompt, answer: string): FlowInput {
  if (prompt.kind === 'yesno') {
    const word = answer.trim().toLowerCase();
    if (word === 'yes' || word === 'no') return { yes: word === 'yes' };
    return { text: answer };
  }
  return prompt.kind === 'choice' ? { choice: answer } : { text: answer };
}

/**
 * Walk a flow the way a customer would, without a conversation: the engine answers checks from `facts`, the
 * customer's `answers` answer the questions in order; the walk stops at the outcome or at the first question
 * left without an answer.
 */
export function tryFlow(
  kb: KnowledgeBase,
  flowId: string,
  facts: Facts,
  answers: readonly string[],
  lang: Lang = kb.spoken.fallback,
): TriedWalk {
  const said: RenderedText[] = [];
  const asked: string[] = [];
  const refOf = (flow: string, node: string): string => (flow === flowId ? node : `${flow}.${node}`);
  let step: FlowStep = startFlow(kb, flowId, facts, lang);
  let problem: string | undefined;
  const queue = [...answers];
  for (let guard = 0; guard < 200; guard += 1) {
    said.push(...step.messages);
    if (step.outcome || !step.prompt) break;
    const prompt = step.prompt;
    if (step.notice !== 'invalid_input') asked.push(refOf(prompt.flowId, prompt.nodeId));
    const answer = queue.shift();
    if (answer === undefined) break;
    const next = advanceFlow(kb, step.state, facts, inputFor(prompt, answer));
    if (next.notice === 'invalid_input') {
      const expected =
        prompt.kind === 'yesno'
          ? 'yes or no'
          : prompt.kind === 'choice'
            ? prompt.choices.map((c) => c.id).join(', ')
            : 'a text';
      problem = `answer "${answer}" does not fit ${refOf(prompt.flowId, prompt.nodeId)} (expected ${expected})`;
      break;
    }
    step = next;
  }
  const steps: TriedStep[] = step.trail.map((t) => ({
    ref: refOf(t.flowId, t.nodeId),
    flowId: t.flowId,
    nodeId: t.nodeId,
    kind: t.kind,
    ...(t.result !== undefined ? { result: t.result } : {}),
  }));
  let outcome: TriedWalk['outcome'];
  if (step.outcome) {
    outcome = step.outcome;
    if (step.outcome.kind !== 'resolved' && step.outcome.text) said.push(step.outcome.text);
    const last = lastNode(kb, step);
    if (last && step.outcome.kind !== 'resolved')
      steps.push({
        ref: refOf(last.flowId, last.nodeId),
        ...last,
        kind: step.outcome.kind === 'handoff' ? 'handoff' : 'end',
      });
  } else {
    const prompt = step.prompt as FlowPrompt;
    outcome = { kind: 'asks', at: refOf(prompt.flowId, prompt.nodeId), prompt };
  }
  return { flowId, lang, facts, steps, asked, said, outcome, ...(problem ? { problem } : {}) };
}

/** The handoff or end node a finished walk stopped at (found by its text, which the engine rendered). */
function lastNode(kb: KnowledgeBase, step: FlowStep): { flowId: string; nodeId: string } | undefined {
  const outcome = step.outcome;
  if (!outcome || outcome.kind === 'resolved') return undefined;
  const key = outcome.text?.key;
  for (const flowId of kb.flowIds()) {
    for (const [nodeId, node] of Object.entries(kb.flow(flowId)?.nodes ?? {})) {
      if (node.kind !== outcome.kind) continue;
      if (node.kind === 'handoff' && outcome.kind === 'handoff' && node.reason !== outcome.reason) continue;
      if ('text' in node && node.text === key) return { flowId, nodeId };
    }
  }
  return undefined;
}

/** The demo SIMs and organisations (knowledge/demo), read from knowledge files in memory. */
export class DemoInventory {
  private readonly sims = new Map<string, SimRecord>();
  private readonly vip = new Map<string, boolean>();

  constructor(files: KnowledgeFiles, now: Date = new Date()) {
    const inventory = inventorySeedSchema.safeParse(
      JSON.parse(files.get('demo/inventory.json') ?? '{"sims":[]}'),
    );
    if (inventory.success)
      for (const record of recordsFromSeed(inventory.data, now)) this.sims.set(record.id, record);
    const directory = directorySeedSchema.safeParse(
      JSON.parse(files.get('demo/directory.json') ?? '{"organisations":[],"users":[]}'),
    );
    if (directory.success) for (const org of directory.data.organisations) this.vip.set(org.id, org.vip);
  }

  has(iccid: string): boolean {
    return this.sims.has(iccid);
  }

  iccids(): string[] {
    return [...this.sims.keys()];
  }

  /** The SIMs of the demo inventory with their organisation and plan, for pickers. */
  list(): Array<{ iccid: string; organisationId: string; plan: string | null; status: string }> {
    return [...this.sims.values()].map((r) => ({
      iccid: r.id,
      organisationId: r.organisationId,
      plan: r.communicationPlan,
      status: r.status,
    }));
  }

  /**
   * The facts a live look-up of this SIM gives the flow, as the embedded provider answers it: its platform
   * facts and findings, read against the plan catalogue, plus who the customer is.
   */
  async facts(kb: KnowledgeBase, iccid: string, service?: Service): Promise<Record<string, FactValue>> {
    const record = this.sims.get(iccid);
    if (!record) throw new Error(`SIM ${iccid} is not in knowledge/demo/inventory.json`);
    const provider = new EmbeddedProvider(this.sims);
    const device = await provider.getDevice(iccid);
    if (!device) throw new Error(`SIM ${iccid} is not in the demo inventory`);
    const planName = planNameOf(device);
    const diagnosis = diagnose({
      device,
      session: await provider.getSession(iccid),
      usage: await provider.getUsage(iccid),
      plan: planName === null ? undefined : kb.plans.getPlan(planName),
      planCatalogue: kb.plans,
      now: new Date(),
      text: (lang, key, vars) => kb.text(lang, key, vars),
      languages: kb.spoken.list,
      countries: kb.countries,
      ...(service ? { service } : {}),
    });
    return {
      'customer.identified': true,
      'customer.vip': this.vip.get(record.organisationId) ?? false,
      ...diagnosis.facts,
      'sim.count': 1,
      'sim.known': true,
    };
  }
}

/** The service a flow troubleshoots, when it is one of the four (sub-flows have none). */
export function serviceOf(flowId: string): Service | undefined {
  return (['data', 'sms', 'voice', 'csd'] as const).find((s) => s === flowId);
}
