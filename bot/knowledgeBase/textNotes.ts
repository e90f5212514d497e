import path from 'node:path';
import { ENGINE_TEXT_KEYS, textDefinitions } from './checkReferences.js';
import type { ParsedKnowledge } from './readKnowledge.js';

/** Texts worth a look, not errors: flow texts nothing uses, and the same sentence under several keys. */
export interface TextNotes {
  /** `flows.*` keys of the texts files that no flow uses (the code uses no `flows.*` key but the engine's). */
  unused: Array<{ key: string; file: string }>;
  /** The same text in one language under several keys. */
  duplicated: Array<{ lang: string; text: string; keys: string[] }>;
}

/** The flow texts nobody uses and the texts said twice, for kb:check to list. */
export function textNotes(kb: ParsedKnowledge): TextNotes {
  const used = new Set<string>(ENGINE_TEXT_KEYS);
  for (const { data } of kb.flows.values()) {
    used.add(data.title);
    for (const node of Object.values(data.nodes)) {
      if ('text' in node && node.text) used.add(node.text);
      if ('report' in node && node.report) {
        used.add(node.report.label);
        for (const key of Object.values(node.report.outcomes ?? {})) used.add(key);
      }
      if (node.kind === 'question' && node.answer.type === 'choice')
        for (const choice of node.answer.choices) used.add(choice.label);
    }
  }
  const unused = kb.texts
    .filter((t) => t.lang === kb.languages.fallback)
    .flatMap(({ file, data }) =>
      Object.keys(data.texts)
        .filter((key) => key.startsWith('flows.') && !used.has(key))
        .map((key) => ({ key, file: path.basename(file) })),
    );
  const duplicated: TextNotes['duplicated'] = [];
  const byLang = textDefinitions(kb);
  for (const lang of kb.languages.list) {
    const byText = new Map<string, string[]>();
    for (const [key, { text }] of byLang.get(lang) ?? []) {
      const normal = text.trim();
      if (normal.length < 12) continue; // "Yes", "No", labels: the same short word in several places is fine
      byText.set(normal, [...(byText.get(normal) ?? []), key]);
    }
    // Flow texts only: elsewhere the code picks keys by meaning (a case type and a request type may read alike).
    for (const [text, keys] of byText)
      if (keys.length > 1 && keys.some((key) => key.startsWith('flows.') || key.startsWith('inline.')))
        duplicated.push({ lang, text, keys: keys.sort() });
  }
  return { unused, duplicated };
}
