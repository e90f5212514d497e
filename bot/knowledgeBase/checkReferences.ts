import path from 'node:path';
import {
  FACT_CATALOGUE,
  factSpec,
  FINDING_FACT_PREFIX,
  type FactType,
  isKnownFactName,
} from '../domain/facts.js';
import { FINDING_CODES } from '../domain/findings.js';
import type { KbError } from './kbError.js';
import { toJsonPath } from './jsonPath.js';
import type { ParsedKnowledge } from './readKnowledge.js';
import type { Condition, Literal } from './schemas/conditionSchema.js';
import type { FlowNode } from './schemas/flowSchema.js';
import { codeProblems } from './codeSpans.js';
import { ARTICLE_PLACEHOLDERS } from './schemas/articleSchema.js';
import { placeholders } from './template.js';
import { didYouMean } from './errors/suggest.js';

/** Flows the troubleshooting dialog starts by intent id. */
export const REQUIRED_FLOWS = ['data', 'sms', 'voice', 'csd'] as const;

/** Texts the flow engine itself uses (labels of yes/no prompts). */
export const ENGINE_TEXT_KEYS = ['flows.common.yes', 'flows.common.no'] as const;

/** The type of a fact, or undefined when the name is not a fact. */
export function factType(name: string): FactType | undefined {
  if (name in FACT_CATALOGUE) return FACT_CATALOGUE[name as keyof typeof FACT_CATALOGUE].type;
  return isKnownFactName(name, FINDING_CODES) ? 'boolean' : undefined;
}

interface TextUse {
  file: string;
  path: string;
}

/**
 * Cross-file checks: fact names and value types, plans and zones, sub-flows, required flows, and that
 * every text exists in every language with matching placeholders naming known facts.
 */
export function checkReferences(dir: string, kb: ParsedKnowledge): KbError[] {
  const errors: KbError[] = [];
  const planNames = kb.planNames;
  // A file that did not parse defines nothing we know of: its own error says why; nothing else is blamed.
  const plansBroken = kb.broken.has('plans.json');
  const textUses = new Map<string, TextUse[]>();
  const useText = (key: string, file: string, segments: PropertyKey[]): void => {
    textUses.set(key, [...(textUses.get(key) ?? []), { file, path: toJsonPath(segments) }]);
  };

  const checkFact = (
    file: string,
    segments: PropertyKey[],
    name: string,
    expected?: FactType,
  ): FactType | undefined => {
    const type = factType(name);
    if (!type) {
      const hint = name.startsWith(FINDING_FACT_PREFIX)
        ? ' (finding codes are listed in bot/domain/findings.ts)'
        : '';
      const suggestion = didYouMean(name, [
        ...Object.keys(FACT_CATALOGUE),
        ...FINDING_CODES.map((code) => `${FINDING_FACT_PREFIX}${code}`),
      ]);
      errors.push({
        file,
        path: toJsonPath(segments),
        message: `unknown fact "${name}"${hint}`,
        suggestion: suggestion ?? 'facts are listed in knowledge/schema/names.md (npm run kb:schema)',
      });
    } else if (expected && type !== expected) {
      errors.push({
        file,
        path: toJsonPath(segments),
        message: `fact "${name}" is a ${type}, expected a ${expected}`,
      });
    }
    return type;
  };
  const checkLiteral = (
    file: string,
    segments: PropertyKey[],
    fact: string,
    type: FactType | undefined,
    value: Literal,
  ): void => {
    if (type && typeof value !== type) {
      errors.push({
        file,
        path: toJsonPath(segments),
        message: `fact "${fact}" is a ${type}, compared with ${JSON.stringify(value)}`,
      });
    }
    const values = factSpec(fact)?.values;
    if (values && typeof value === 'string' && !values.includes(value)) {
      errors.push({
        file,
        path: toJsonPath(segments),
        message: `fact "${fact}" is never ${JSON.stringify(value)} (its values: ${values.join(', ')})`,
        ...withSuggestion(didYouMean(value, values)),
      });
    }
    if (fact === 'plan.name' && typeof value === 'string' && !plansBroken && !planNames.has(value)) {
      const suggestion = didYouMean(value, planNames);
      errors.push({
        file,
        path: toJsonPath(segments),
        message: `plan "${value}" is not defined in plans.json`,
        ...(suggestion ? { suggestion } : {}),
      });
    }
  };
  const checkCondition = (file: string, segments: PropertyKey[], condition: Condition): void => {
    if ('all' in condition) condition.all.forEach((c, i) => checkCondition(file, [...segments, 'all', i], c));
    else if ('any' in condition)
      condition.any.forEach((c, i) => checkCondition(file, [...segments, 'any', i], c));
    else if ('not' in condition) checkCondition(file, [...segments, 'not'], condition.not);
    else {
      const type = checkFact(file, [...segments, 'fact'], condition.fact);
      if (!('value' in condition)) return;
      if (['gt', 'gte', 'lt', 'lte'].includes(condition.op) && type && type !== 'number') {
        errors.push({
          file,
          path: toJsonPath([...segments, 'op']),
          message: `"${condition.op}" needs a number fact, "${condition.fact}" is a ${type}`,
        });
      }
      if (Array.isArray(condition.value)) {
        condition.value.forEach((v, i) =>
          checkLiteral(file, [...segments, 'value', i], condition.fact, type, v),
        );
      } else if (typeof condition.value === 'object') {
        const other = checkFact(file, [...segments, 'value', 'fact'], condition.value.fact);
        if (type && other && type !== other) {
          errors.push({
            file,
            path: toJsonPath([...segments, 'value']),
            message: `compares a ${type} fact with a ${other} fact`,
          });
        }
      } else {
        checkLiteral(file, [...segments, 'value'], condition.fact, type, condition.value);
      }
    }
  };

  for (const id of REQUIRED_FLOWS) {
    if (!kb.flows.has(id) && !kb.files.has(`flows/${id}.json`))
      errors.push({
        file: path.join(dir, 'flows', `${id}.json`),
        path: '$',
        message: `required flow "${id}" is missing`,
      });
  }

  for (const [flowId, { file, data: flow }] of kb.flows) {
    useText(flow.title, file, ['title']);
    for (const [id, node] of Object.entries(flow.nodes)) {
      const at = (...rest: PropertyKey[]): PropertyKey[] => ['nodes', id, ...rest];
      if ('text' in node && node.text !== undefined) useText(node.text, file, at('text'));
      if ('report' in node && node.report) {
        useText(node.report.label, file, at('report', 'label'));
        const results = reportResults(node);
        for (const [result, key] of Object.entries(node.report.outcomes ?? {})) {
          useText(key, file, at('report', 'outcomes', result));
          if (!results.includes(result))
            errors.push({
              file,
              path: toJsonPath(at('report', 'outcomes', result)),
              message: `"${result}" is not a result of this ${node.kind} (${results.join(', ') || 'it has none'})`,
            });
        }
      }
      if (node.kind === 'check') checkCondition(file, at('condition'), node.condition);
      // The agent's card says why in words: every reason a flow uses needs its text.
      if (node.kind === 'handoff') useText(`desk.reason.${node.reason}`, file, at('reason'));
      if (node.kind === 'call') {
        if (!kb.flows.has(node.flow)) {
          if (!kb.files.has(`flows/${node.flow}.json`))
            errors.push({
              file,
              path: toJsonPath(at('flow')),
              message: `unknown sub-flow "${node.flow}"`,
              ...withSuggestion(didYouMean(node.flow, kb.flows.keys())),
            });
        } else if (callsReach(kb, node.flow, flowId)) {
          errors.push({
            file,
            path: toJsonPath(at('flow')),
            message: `recursive sub-flow call: "${node.flow}" leads back to "${flowId}"`,
          });
        }
      }
      if (node.kind === 'question') {
        const answer = node.answer;
        if (answer.type === 'yesno' && answer.fact)
          checkFact(file, at('answer', 'fact'), answer.fact, 'boolean');
        if (answer.type === 'text') checkFact(file, at('answer', 'fact'), answer.fact, 'string');
        if (answer.type === 'choice') {
          const seen = new Set<string>();
          answer.choices.forEach((choice, i) => {
            useText(choice.label, file, at('answer', 'choices', i, 'label'));
            if (seen.has(choice.id))
              errors.push({
                file,
                path: toJsonPath(at('answer', 'choices', i, 'id')),
                message: `duplicate choice id "${choice.id}"`,
              });
            seen.add(choice.id);
            for (const [fact, value] of Object.entries(choice.sets ?? {})) {
              if (value === undefined) continue;
              const type = checkFact(file, at('answer', 'choices', i, 'sets', fact), fact);
              checkLiteral(file, at('answer', 'choices', i, 'sets', fact), fact, type, value);
            }
          });
        }
      }
    }
  }

  if (kb.plans) {
    const { file, data } = kb.plans;
    const seen = new Set<string>();
    data.plans.forEach((plan, i) => {
      if (seen.has(plan.name))
        errors.push({
          file,
          path: toJsonPath(['plans', i, 'name']),
          message: `duplicate plan "${plan.name}"`,
        });
      seen.add(plan.name);
      plan.roaming.zones.forEach((zone, z) => {
        if (!(zone in data.zones))
          errors.push({
            file,
            path: toJsonPath(['plans', i, 'roaming', 'zones', z]),
            message: `zone "${zone}" is not defined in zones`,
            ...withSuggestion(didYouMean(zone, Object.keys(data.zones))),
          });
      });
    });
  }

  errors.push(...checkTexts(dir, kb, textUses));
  errors.push(...checkNlu(dir, kb), ...checkArticles(kb), ...checkRequests(kb), ...checkCode(kb));
  return errors;
}

/** `{ suggestion }` when there is one, to spread into an error. */
function withSuggestion(suggestion: string | undefined): { suggestion?: string } {
  return suggestion ? { suggestion } : {};
}

/** Every language Firstline speaks needs its intent examples and its word lists. */
function checkNlu(dir: string, kb: ParsedKnowledge): KbError[] {
  const errors: KbError[] = [];
  for (const lang of kb.languages.list) {
    if (!kb.training.some((t) => t.data.language === lang) && !kb.files.has(`nlu/${lang}.json`))
      errors.push({
        file: path.join(dir, 'nlu', `${lang}.json`),
        path: '$',
        message: `intent examples for ${lang} are missing`,
      });
    if (!kb.words.some((w) => w.data.language === lang) && !kb.files.has(`nlu/words.${lang}.json`))
      errors.push({
        file: path.join(dir, 'nlu', `words.${lang}.json`),
        path: '$',
        message: `word lists for ${lang} are missing`,
      });
  }
  return errors;
}

/** Articles answer in every language, with the placeholders they may use, the same in each. */
function checkArticles(kb: ParsedKnowledge): KbError[] {
  const errors: KbError[] = [];
  for (const { file, data } of kb.articles) {
    for (const part of ['title', 'questions', 'answer'] as const) {
      for (const lang of kb.languages.list)
        if (!(lang in data[part]))
          errors.push({
            file,
            path: toJsonPath([part]),
            message: `no ${lang} ${part === 'questions' ? 'questions' : part}`,
          });
    }
    const reference = placeholders(Object.values(data.answer)[0] ?? '')
      .sort()
      .join(',');
    for (const [lang, answer] of Object.entries(data.answer)) {
      for (const name of placeholders(answer))
        if (!(ARTICLE_PLACEHOLDERS as readonly string[]).includes(name))
          errors.push({
            file,
            path: toJsonPath(['answer', lang]),
            message: `unknown placeholder {${name}} (articles may use ${ARTICLE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
          });
      if (placeholders(answer).sort().join(',') !== reference)
        errors.push({
          file,
          path: toJsonPath(['answer', lang]),
          message: 'placeholders differ between languages',
        });
    }
  }
  return errors;
}

/** Request fields name texts that exist in every language, and field ids are unique per type. */
function checkRequests(kb: ParsedKnowledge): KbError[] {
  if (!kb.requests) return [];
  const { file, data } = kb.requests;
  const errors: KbError[] = [];
  const defined = (lang: string, key: string): boolean =>
    kb.texts.some((t) => t.lang === lang && key in t.data.texts);
  const needText = (key: string, segments: PropertyKey[]): void => {
    for (const lang of kb.languages.list)
      if (!defined(lang, key) && !textsBroken(kb, lang))
        errors.push({ file, path: toJsonPath(segments), message: `text "${key}" has no ${lang} text` });
  };
  for (const [type, spec] of Object.entries(data.types)) {
    const seen = new Set<string>();
    spec.fields.forEach((field, i) => {
      const at = ['types', type, 'fields', i];
      if (seen.has(field.id))
        errors.push({ file, path: toJsonPath([...at, 'id']), message: `duplicate field "${field.id}"` });
      seen.add(field.id);
      needText(field.label, [...at, 'label']);
      needText(field.ask, [...at, 'ask']);
      if (field.kind === 'choice')
        field.choices.forEach((c, j) => {
          needText(c.label, [...at, 'choices', j, 'label']);
          (c.combines ?? []).forEach((id, k) => {
            if (id === c.id || !field.choices.some((other) => other.id === id))
              errors.push({
                file,
                path: toJsonPath([...at, 'choices', j, 'combines', k]),
                message: `"${id}" is no other choice of field "${field.id}"`,
              });
          });
        });
    });
  }
  return errors;
}

/** Commands in customer-visible texts and answers are code, so they copy and paste correctly. */
function checkCode(kb: ParsedKnowledge): KbError[] {
  const errors: KbError[] = [];
  for (const { file, data } of kb.texts)
    for (const [key, text] of Object.entries(data.texts)) {
      // Check reports are agents' lines on Adaptive Cards, which have no code formatting: plain text there.
      if (/\.report(\.|$)/.test(key)) continue;
      for (const message of codeProblems(text))
        errors.push({ file, path: toJsonPath(['texts', key]), message });
    }
  for (const { file, data } of kb.articles)
    for (const [lang, answer] of Object.entries(data.answer))
      for (const message of codeProblems(answer))
        errors.push({ file, path: toJsonPath(['answer', lang]), message });
  return errors;
}

/** The results the flow engine records for a node: what a report's `outcomes` may be keyed by. */
function reportResults(node: FlowNode): string[] {
  if (node.kind === 'check') return ['pass', 'fail', 'unknown'];
  if (node.kind === 'resolution') return ['yes', 'no'];
  if (node.kind !== 'question') return [];
  if (node.answer.type === 'yesno') return ['yes', 'no'];
  return node.answer.type === 'choice' ? node.answer.choices.map((choice) => choice.id) : [];
}

/** True when `from` (or a sub-flow it calls) calls `target`. */
function callsReach(kb: ParsedKnowledge, from: string, target: string, seen = new Set<string>()): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  const flow = kb.flows.get(from)?.data;
  return Object.values(flow?.nodes ?? {}).some(
    (node) => node.kind === 'call' && callsReach(kb, node.flow, target, seen),
  );
}

/** True when a texts file of `lang` (or an inline text) could not be read: what it defines is unknown. */
function textsBroken(kb: ParsedKnowledge, lang: string): boolean {
  return [...kb.broken].some(
    (relative) => relative.startsWith('texts/') && relative.endsWith(`.${lang}.json`),
  );
}

/** Where a text is defined: its file and the JSON path of its value there. */
interface TextDefinition {
  file: string;
  segments: PropertyKey[];
  text: string;
}

/** Every text by language: texts files and the flows' inline texts. */
export function textDefinitions(kb: ParsedKnowledge): Map<string, Map<string, TextDefinition>> {
  const byLang = new Map<string, Map<string, TextDefinition>>(
    kb.languages.list.map((lang) => [lang, new Map()]),
  );
  for (const { file, data, lang } of kb.texts)
    for (const [key, text] of Object.entries(data.texts))
      if (!byLang.get(lang)?.has(key)) byLang.get(lang)?.set(key, { file, segments: ['texts', key], text });
  for (const inline of kb.inlineTexts)
    byLang
      .get(inline.lang)
      ?.set(inline.key, { file: inline.file, segments: inline.segments, text: inline.text });
  return byLang;
}

function checkTexts(dir: string, kb: ParsedKnowledge, uses: Map<string, TextUse[]>): KbError[] {
  const errors: KbError[] = [];
  for (const lang of kb.languages.list) {
    const seen = new Map<string, string>();
    for (const { file, data } of kb.texts.filter((t) => t.lang === lang))
      for (const key of Object.keys(data.texts)) {
        const earlier = seen.get(key);
        if (earlier)
          errors.push({
            file,
            path: toJsonPath(['texts', key]),
            message: `text "${key}" is also defined in ${path.basename(earlier)}`,
            suggestion: 'keep one of them',
          });
        else seen.set(key, file);
      }
  }
  const byLang = textDefinitions(kb);
  // A text missing in one language is reported on the file that needs it: the same name in that language,
  // once (naming the first language that has it).
  const reported = new Set<string>();
  for (const lang of kb.languages.list) {
    for (const [key, { file, segments }] of byLang.get(lang) ?? []) {
      if (!file.includes(`${path.sep}texts${path.sep}`) && !file.includes('/texts/')) continue;
      for (const other of kb.languages.list) {
        if (byLang.get(other)?.has(key) || textsBroken(kb, other)) continue;
        if (reported.has(`${other}\0${key}`)) continue;
        reported.add(`${other}\0${key}`);
        const needs = file.replace(new RegExp(`\\.${lang}\\.json$`), `.${other}.json`);
        const line = kb.files.get(path.relative(dir, file).split(path.sep).join('/'));
        errors.push({
          file: needs,
          path: toJsonPath(['texts', key]),
          message: `text "${key}" is missing in ${other} (the ${lang} text is in ${path.basename(file)}${line === undefined ? '' : ` ${toJsonPath(segments)}`})`,
          suggestion: `add "${key}": "…" to ${path.basename(needs)}`,
        });
      }
    }
  }
  const textsDir = path.join(dir, 'texts');
  for (const key of ENGINE_TEXT_KEYS) {
    if (!kb.languages.list.some((lang) => byLang.get(lang)?.has(key))) {
      errors.push({
        file: textsDir,
        path: toJsonPath(['texts', key]),
        message: `text "${key}" (used by the flow engine) is not defined`,
      });
    }
  }
  const allKeys = new Set(kb.languages.list.flatMap((lang) => [...(byLang.get(lang)?.keys() ?? [])]));
  for (const [key, places] of uses) {
    const defined = kb.languages.list
      .map((lang) => byLang.get(lang)?.get(key))
      .filter((entry) => entry !== undefined);
    if (defined.length === 0) {
      if (kb.languages.list.some((lang) => textsBroken(kb, lang))) continue;
      for (const use of places)
        errors.push({
          file: use.file,
          path: use.path,
          message: `text "${key}" is not defined in any language`,
          suggestion:
            didYouMean(key, allKeys) ??
            `add it to texts/flows.en.json and texts/flows.es.json, or write the text here as {"en": "…", "es": "…"}`,
        });
      continue;
    }
    // Flow texts are rendered with facts, so every placeholder must name one, in every language alike.
    const reference = placeholders(defined[0]?.text ?? '')
      .sort()
      .join(',');
    for (const entry of defined) {
      for (const name of placeholders(entry.text)) {
        if (!factType(name)) {
          errors.push({
            file: entry.file,
            path: toJsonPath(entry.segments),
            message: `placeholder {${name}} is not a known fact (text used by ${path.basename(places[0]?.file ?? '')} ${places[0]?.path})`,
            ...withSuggestion(didYouMean(name, Object.keys(FACT_CATALOGUE))),
          });
        }
      }
      if (placeholders(entry.text).sort().join(',') !== reference) {
        errors.push({
          file: entry.file,
          path: toJsonPath(entry.segments),
          message: `placeholders differ between languages for text "${key}"`,
        });
      }
    }
  }
  return errors;
}
