import path from 'node:path';
import type { Lang } from '../domain/language.js';
import { toJsonPath } from './jsonPath.js';
import type { KbError } from './kbError.js';
import { LANGUAGES_FILE, type ParsedKnowledge } from './readKnowledge.js';

/** One text written in every language where it stands: `{"en": …, "es": …}`. */
interface LocalizedAt {
  file: string;
  segments: PropertyKey[];
  languages: readonly string[];
}

/**
 * Every text written in place — a flow's inline texts, plan descriptions, canned replies and team names — is
 * in each language spoken (`languages.json`) and in no other; flow tests walk only languages spoken. Texts
 * files, intent examples, word lists and articles are checked with the rest of their checks.
 */
export function checkLanguages(dir: string, kb: ParsedKnowledge): KbError[] {
  const spoken = kb.languages;
  const errors: KbError[] = [];
  const declare = `declare it in ${LANGUAGES_FILE}, or remove it`;
  for (const { file, segments, languages } of localizedTexts(kb)) {
    for (const lang of spoken.list)
      if (!languages.includes(lang))
        errors.push({
          file,
          path: toJsonPath([...segments, lang]),
          message: `no ${lang} text`,
          suggestion: `add "${lang}": "…"`,
        });
    for (const lang of languages)
      if (!spoken.has(lang))
        errors.push({
          file,
          path: toJsonPath([...segments, lang]),
          message: `"${lang}" is not a language Firstline speaks (${spoken.list.join(', ')})`,
          suggestion: declare,
        });
  }
  for (const { file, data } of kb.tests)
    data.tests.forEach((test, i) => {
      (test.languages ?? []).forEach((lang, j) => {
        if (!spoken.has(lang))
          errors.push({
            file,
            path: toJsonPath(['tests', i, 'languages', j]),
            message: `"${lang}" is not a language Firstline speaks (${spoken.list.join(', ')})`,
            suggestion: declare,
          });
      });
    });
  if (kb.languagesFile && !kb.broken.has(LANGUAGES_FILE))
    for (const lang of spoken.list) errors.push(...languageFilesMissing(dir, kb, lang));
  return errors;
}

/** Where each text written in place stands, and the languages it is written in. */
function localizedTexts(kb: ParsedKnowledge): LocalizedAt[] {
  const out: LocalizedAt[] = [];
  const inline = new Map<string, LocalizedAt & { languages: string[] }>();
  for (const text of kb.inlineTexts) {
    const at = `${text.file}\0${text.key}`;
    const entry = inline.get(at) ?? { file: text.file, segments: text.segments.slice(0, -1), languages: [] };
    entry.languages.push(text.lang);
    inline.set(at, entry);
  }
  out.push(...inline.values());
  if (kb.plans)
    for (const [i, plan] of kb.plans.data.plans.entries())
      out.push({
        file: kb.plans.file,
        segments: ['plans', i, 'description'],
        languages: Object.keys(plan.description),
      });
  if (kb.canned)
    for (const [i, reply] of kb.canned.data.replies.entries())
      for (const part of ['title', 'text'] as const)
        out.push({
          file: kb.canned.file,
          segments: ['replies', i, part],
          languages: Object.keys(reply[part]),
        });
  if (kb.teams)
    for (const [i, team] of kb.teams.data.teams.entries())
      out.push({ file: kb.teams.file, segments: ['teams', i, 'name'], languages: Object.keys(team.name) });
  return out;
}

/** A language spoken needs at least one texts file; its intent examples and word lists are checked with the NLU. */
function languageFilesMissing(dir: string, kb: ParsedKnowledge, lang: Lang): KbError[] {
  const hasTexts = [...kb.files.keys()].some(
    (relative) => relative.startsWith('texts/') && relative.endsWith(`.${lang}.json`),
  );
  return hasTexts
    ? []
    : [
        {
          file: path.join(dir, 'texts'),
          path: '$',
          message: `no texts in ${lang} (texts/<name>.${lang}.json)`,
          suggestion: `copy each texts/<name>.${kb.languages.fallback}.json to texts/<name>.${lang}.json and translate it`,
        },
      ];
}
