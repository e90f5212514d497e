import type { Lang } from '../../../bot/domain/language.js';
import { renderArticle } from '../../../bot/knowledgeBase/articleIndex.js';
import type { KnowledgeBase } from '../../../bot/knowledgeBase/knowledgeBase.js';
import type { ReplyLanguage } from '../../../bot/evaluation/replyLanguage.js';
import { apiJson } from '../../helpers/cases.js';
import { Conversation, type Reply } from '../../helpers/conversation.js';
import type { ApiCase } from '../../helpers/replies.js';
import type { Script, ScriptExpect, ScriptTurn } from './script.js';

/** How one scripted conversation went. */
export interface ScriptResult {
  id: string;
  class: number;
  lang: Lang;
  title: string;
  passed: boolean;
  /** The turn after which every expectation held (1-based), or null when that never happened. */
  turnsToOutcome: number | null;
  turns: number;
  /** What did not hold at the end (or went wrong on the way: a reply in another language, a forbidden text). */
  failures: string[];
  /** What was said, turn by turn (the customer's text, or the button or card value; the bot's replies). */
  transcript: { customer: string; bot: string[] }[];
}

/** Where the evaluation talks to: the server, the admin token for the operations API, the knowledge. */
export interface EvalTarget {
  baseUrl: string;
  adminToken: string;
  serviceUrl: string;
  kb: KnowledgeBase;
  language: ReplyLanguage;
}

function textsOf(replies: readonly Reply[]): string[] {
  return replies.flatMap((r) => (r.type === 'message' && r.text ? [r.text] : []));
}

/** The buttons offered (suggested actions): said too, for `says`. */
function buttonsOf(replies: readonly Reply[]): string[] {
  return replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title ?? '') ?? []);
}

/**
 * What the customer reads in cards (Adaptive Card text blocks and facts, hero card titles and texts): said too,
 * for `says` — a SIM check shows the ICCID and the findings in its card, not in a bubble.
 */
function cardTextsOf(replies: readonly Reply[]): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && ['text', 'title', 'value', 'subtitle'].includes(key))
        found.push(value);
      else if (typeof value === 'object') walk(value);
    }
  };
  for (const r of replies) for (const a of r.attachments ?? []) walk(a.content);
  return found;
}

/** A knowledge text up to its first placeholder: what a reply rendered from it must contain. */
function prefix(kb: KnowledgeBase, lang: Lang, key: string): string {
  return kb.text(lang, key).split('{')[0]?.trim() ?? '';
}

/** What does not hold (yet): one line per unmet expectation. */
function unmet(
  target: EvalTarget,
  expect: ScriptExpect,
  lang: Lang,
  said: readonly string[],
  cases: readonly ApiCase[],
): string[] {
  const { kb } = target;
  const problems: string[] = [];
  const all = said.join('\n');
  const c = cases.at(-1);
  if (expect.case === null && cases.length > 0)
    problems.push(`a case was opened (${cases.map((x) => x.id).join(', ')})`);
  if (expect.case) {
    const e = expect.case;
    if (!c) problems.push('no case');
    else {
      if (e.type && c.type !== e.type) problems.push(`case type ${c.type}, expected ${e.type}`);
      if (e.status && c.status !== e.status) problems.push(`case status ${c.status}, expected ${e.status}`);
      if (e.category && c.category !== e.category)
        problems.push(`category ${c.category}, expected ${e.category}`);
      if (e.lang && c.lang !== e.lang) problems.push(`case language ${c.lang}, expected ${e.lang}`);
      for (const sim of e.sims ?? []) if (!c.sims.includes(sim)) problems.push(`SIM ${sim} not on the case`);
      const codes = cases.flatMap((x) => x.findings.map((f) => f.code));
      for (const code of e.findings ?? [])
        if (!codes.includes(code)) problems.push(`finding ${code} missing`);
      if (e.minAffected && c.affectedCount < e.minAffected)
        problems.push(`affected ${c.affectedCount}, expected at least ${e.minAffected}`);
      if (e.priority && c.priority.level !== e.priority)
        problems.push(`priority ${c.priority.level}, expected ${e.priority}`);
      for (const [field, value] of Object.entries(e.request ?? {}))
        if (c.request?.[field] !== value)
          problems.push(`request ${field} = ${c.request?.[field]}, expected ${value}`);
    }
  }
  if (expect.handoff !== undefined) {
    const handed = cases.find((x) => x.status === 'queued' || x.status === 'with_agent');
    if (expect.handoff === false && handed) problems.push(`handed off (${handed.handoffReason})`);
    if (expect.handoff === true && !handed) problems.push('not handed off');
    // The general reason ("flow_unresolved") or a flow's own ("data_limit_reached": what the agent's card shows).
    const reasons = [handed?.handoffReason, handed?.handoffDetail];
    if (typeof expect.handoff === 'string' && !reasons.includes(expect.handoff))
      problems.push(`handoff ${reasons.filter(Boolean).join('/') || 'none'}, expected ${expect.handoff}`);
  }
  for (const text of expect.says ?? []) if (!all.includes(text)) problems.push(`never said "${text}"`);
  for (const key of expect.saysKey ?? [])
    if (!all.includes(prefix(kb, lang, key))) problems.push(`never said ${key}`);
  if (expect.article) {
    // An article's id, or the first line of its answer as the customer reads it (the plan list may follow it).
    const article = kb.articles.get(expect.article);
    const first = article
      ? renderArticle(article, lang, kb.plans.list()).split('\n')[0]
      : expect.article.split('\n')[0]?.trim();
    if (!first || !all.includes(first)) problems.push(`article ${expect.article} not answered`);
  }
  return problems;
}

/**
 * The language a typed turn is in: the one it is written in alone ("Vuelvo yo. Ya funciona" is Spanish whatever came
 * before), else the turn before's — for a mixed message ("la 0035 no conecta, can you check it") and one too short to
 * tell ("ok", an ICCID); the first turn's is the script's.
 */
function writtenIn(target: EvalTarget, text: string, before: Lang): Lang {
  return target.language.writtenIn(text) ?? before;
}

function turnText(
  target: EvalTarget,
  turn: ScriptTurn,
  lang: Lang,
): { text?: string; value?: Record<string, unknown> } {
  if (typeof turn === 'string') return { text: turn };
  if ('say' in turn) return { text: turn.say };
  if ('tap' in turn) return { text: target.kb.text(lang, turn.tap) };
  return { value: turn.submit };
}

/**
 * Play one scripted conversation against the running bot (real HTTP, expectReplies) and judge it: after each
 * turn the expectations are checked against the replies so far and the conversation's cases (operations
 * API); every reply must be in the turn's language, and no forbidden text may appear.
 */
export async function playScript(target: EvalTarget, script: Script): Promise<ScriptResult> {
  const conv = new Conversation(target.baseUrl, {
    userId: script.user,
    locale: script.lang === 'es' ? 'es-ES' : 'en-GB',
    serviceUrl: target.serviceUrl,
  });
  const said: string[] = [];
  const failures: string[] = [];
  let turnsToOutcome: number | null = null;
  let cases: ApiCase[] = [];
  let lang: Lang = script.lang;
  const transcript: ScriptResult['transcript'] = [];
  for (const [i, turn] of script.turns.entries()) {
    lang = typeof turn === 'string' ? writtenIn(target, turn, lang) : (turn.lang ?? lang);
    const { text, value } = turnText(target, turn, lang);
    const caseId = cases.at(-1)?.id ?? '';
    const replies = text
      ? await conv.say(text)
      : await conv.submit(
          JSON.parse(JSON.stringify(value).replaceAll('{caseId}', caseId)) as Record<string, unknown>,
        );
    const texts = textsOf(replies);
    const cardTexts = cardTextsOf(replies);
    said.push(...texts, ...buttonsOf(replies), ...cardTexts);
    transcript.push({
      customer: text ?? JSON.stringify(value),
      bot: [...texts, ...buttonsOf(replies).map((b) => `[${b}]`), ...cardTexts.map((c) => `‹card› ${c}`)],
    });
    for (const wrong of target.language.notIn(lang, texts))
      failures.push(`turn ${i + 1}: reply not in ${lang}: "${wrong.slice(0, 80)}"`);
    for (const text of script.expect.never ?? [])
      if (texts.some((t) => t.includes(text))) failures.push(`turn ${i + 1}: said "${text}"`);
    const { cases: all } = await apiJson<{ cases: ApiCase[] }>(
      target.baseUrl,
      '/api/cases',
      target.adminToken,
    );
    cases = all
      .filter((c) => c.conversation?.conversation?.id === conv.id)
      .sort((a, b) => a.id.localeCompare(b.id));
    if (turnsToOutcome === null && unmet(target, script.expect, lang, said, cases).length === 0)
      turnsToOutcome = i + 1;
  }
  failures.push(...unmet(target, script.expect, lang, said, cases));
  return {
    id: script.id,
    class: script.class,
    lang: script.lang,
    title: script.title,
    passed: failures.length === 0,
    turnsToOutcome,
    turns: script.turns.length,
    failures,
    transcript,
  };
}
