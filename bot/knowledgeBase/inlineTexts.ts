import type { Lang } from '../domain/language.js';
import { INLINE_TEXT_PREFIX, type FlowFile } from './schemas/flowSchema.js';

/** A text written in a flow itself (`{"en": …, "es": …}`), under the key the loader gave it. */
export interface InlineText {
  key: string;
  lang: Lang;
  text: string;
  /** The flow file and the JSON path of this language's text in it. */
  file: string;
  segments: PropertyKey[];
}

/**
 * Give a flow's inline texts keys of their own — `inline.<flow>.<node>.text`, `….choices.<id>`,
 * `….report.label`, `….report.outcomes.<result>`, `inline.<flow>.title` — so the engine, the handoff card and
 * the checks treat them like any other text. Changes `flow` in place; returns the texts.
 */
export function takeInlineTexts(flow: FlowFile, file: string): InlineText[] {
  const out: InlineText[] = [];
  const take = (value: string, key: string, segments: PropertyKey[]): string => {
    if (!value.startsWith(INLINE_TEXT_PREFIX)) return value;
    const texts = JSON.parse(value.slice(INLINE_TEXT_PREFIX.length)) as Record<Lang, string>;
    for (const [lang, text] of Object.entries(texts))
      out.push({ key, lang, text, file, segments: [...segments, lang] });
    return key;
  };
  const base = `inline.${flow.id}`;
  flow.title = take(flow.title, `${base}.title`, ['title']);
  for (const [id, node] of Object.entries(flow.nodes)) {
    const at = `${base}.${id}`;
    if ('text' in node && node.text !== undefined)
      node.text = take(node.text, `${at}.text`, ['nodes', id, 'text']);
    if ('report' in node && node.report) {
      const report = node.report;
      report.label = take(report.label, `${at}.report.label`, ['nodes', id, 'report', 'label']);
      for (const [result, value] of Object.entries(report.outcomes ?? {}))
        (report.outcomes as Record<string, string>)[result] = take(value, `${at}.report.outcomes.${result}`, [
          'nodes',
          id,
          'report',
          'outcomes',
          result,
        ]);
    }
    if (node.kind === 'question' && node.answer.type === 'choice')
      node.answer.choices.forEach((choice, i) => {
        choice.label = take(choice.label, `${at}.choices.${choice.id}`, [
          'nodes',
          id,
          'answer',
          'choices',
          i,
          'label',
        ]);
      });
  }
  return out;
}
