import path from 'node:path';
import { FACT_CATALOGUE, FINDING_FACT_PREFIX, type FactType, isKnownFactName } from '../domain/facts.js';
import { FINDING_CODES } from '../domain/findings.js';
import { LANGUAGES } from '../domain/language.js';
import type { KbError } from './kbError.js';
import { toJsonPath } from './jsonPath.js';
import type { ParsedKnowledge } from './readKnowledge.js';
import type { Condition, Literal } from './schemas/conditionSchema.js';
import type { FlowNode } from './schemas/flowSchema.js';
import { codeProblems } from './codeSpans.js';
import { ARTICLE_PLACEHOLDERS } from './schemas/articleSchema.js';
import { placeholders } from './template.js';

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
  const planNames = new Set(kb.plans?.data.plans.map((plan) => plan.name) ?? []);
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
      errors.push({ file, path: toJsonPath(segments), message: `unknown fact "${name}"${hint}` });
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
    if (fact === 'plan.name' && typeof value === 'string' && !planNames.has(value)) {
      errors.push({
        file,
        path: toJsonPath(segments),
        message: `plan "${value}" is not defined in plans.json`,
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
    if (!kb.flows.has(id))
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
      if (node.kind === 'call') {
        if (!kb.flows.has(node.flow))
          errors.push({ file, path: toJsonPath(at('flow')), message: `unknown sub-flow "${node.flow}"` });
        else if (callsReach(kb, node.flow, flowId)) {
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
          });
      });
    });
  }

  errors.push(...checkTexts(dir, kb, textUses));
  errors.push(...checkNlu(dir, kb), ...checkArticles(kb), ...checkRequests(kb), ...checkCode(kb));
  return errors;
}

/** Every language Firstline speaks needs its intent examples and its word lists. */
function checkNlu(dir: string, kb: ParsedKnowledge): KbError[] {
  const errors: KbError[] = [];
  for (const lang of LANGUAGES) {
    if (!kb.training.some((t) => t.data.language === lang))
      errors.push({
        file: path.join(dir, 'nlu', `${lang}.json`),
        path: '$',
        message: `intent examples for ${lang} are missing`,
      });
    if (!kb.words.some((w) => w.data.language === lang))
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
      for (const lang of LANGUAGES)
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
    for (const lang of LANGUAGES)
      if (!defined(lang, key))
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
        field.choices.forEach((c, j) => needText(c.label, [...at, 'choices', j, 'label']));
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

function checkTexts(dir: string, kb: ParsedKnowledge, uses: Map<string, TextUse[]>): KbError[] {
  const errors: KbError[] = [];
  const byLang = new Map<string, Map<string, { file: string; text: string }>>();
  for (const lang of LANGUAGES) byLang.set(lang, new Map());
  for (const { file, data, lang } of kb.texts) {
    const table = byLang.get(lang) as Map<string, { file: string; text: string }>;
    for (const [key, text] of Object.entries(data.texts)) {
      const earlier = table.get(key);
      if (earlier)
        errors.push({
          file,
          path: toJsonPath(['texts', key]),
          message: `text "${key}" is also defined in ${earlier.file}`,
        });
      else table.set(key, { file, text });
    }
  }
  for (const lang of LANGUAGES) {
    for (const [key, { file }] of byLang.get(lang) ?? []) {
      for (const other of LANGUAGES) {
        if (!byLang.get(other)?.has(key)) {
          errors.push({
            file,
            path: toJsonPath(['texts', key]),
            message: `text "${key}" has no ${other} translation`,
          });
        }
      }
    }
  }
  const textsDir = path.join(dir, 'texts');
  for (const key of ENGINE_TEXT_KEYS) {
    if (!LANGUAGES.some((lang) => byLang.get(lang)?.has(key))) {
      errors.push({
        file: textsDir,
        path: toJsonPath(['texts', key]),
        message: `text "${key}" (used by the flow engine) is not defined`,
      });
    }
  }
  for (const [key, places] of uses) {
    const defined = LANGUAGES.map((lang) => byLang.get(lang)?.get(key)).filter(
      (entry) => entry !== undefined,
    );
    if (defined.length === 0) {
      for (const use of places)
        errors.push({
          file: use.file,
          path: use.path,
          message: `text "${key}" is not defined in any language`,
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
            path: toJsonPath(['texts', key]),
            message: `placeholder {${name}} is not a known fact (text used by ${places[0]?.file} ${places[0]?.path})`,
          });
        }
      }
      if (placeholders(entry.text).sort().join(',') !== reference) {
        errors.push({
          file: entry.file,
          path: toJsonPath(['texts', key]),
          message: `placeholders differ between languages for text "${key}"`,
        });
      }
    }
  }
  return errors;
}
