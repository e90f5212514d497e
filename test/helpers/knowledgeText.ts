import type { Lang } from '../../bot/domain/language.js';
import type { KnowledgeBase, TextVars } from '../../bot/knowledgeBase/knowledgeBase.js';
import { loadKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { TEST_KNOWLEDGE_DIR } from './knowledgeDir.js';

/** Expected wording read from the shipped knowledge instead of hard-coded sentences. */
export interface KnowledgeText {
  /** (Re)load the shipped `knowledge/` directory; throws when it does not load. Call it in a `before` hook. */
  load: () => Promise<void>;
  /** The text `key` in `lang` with `vars` filled in, exactly as the bot renders it. */
  t: (lang: Lang, key: string, vars?: TextVars) => string;
  /** A text as a pattern: the given vars filled in, every other `{placeholder}` matching anything. */
  pattern: (lang: Lang, key: string, vars?: TextVars) => RegExp;
  /** The first line of article `id`'s answer in `lang`, up to its first placeholder: what its reply starts with. */
  articleLead: (lang: Lang, id: string) => string;
}

/**
 * The shipped knowledge base's texts for a test file. The functions are plain closures, so they can be
 * destructured: `const { load, t, pattern } = shippedKnowledgeText();` and `before(load)`.
 */
export function shippedKnowledgeText(): KnowledgeText {
  let kb: KnowledgeBase | undefined;
  const t = (lang: Lang, key: string, vars?: TextVars): string => {
    if (!kb) throw new Error('knowledge base not loaded yet: call load() in a before hook');
    return kb.text(lang, key, vars);
  };
  return {
    load: async () => {
      const loaded = await loadKnowledgeBase(TEST_KNOWLEDGE_DIR);
      if (!loaded.kb) throw new Error('knowledge base did not load');
      kb = loaded.kb;
    },
    t,
    articleLead: (lang, id) => {
      if (!kb) throw new Error('knowledge base not loaded yet: call load() in a before hook');
      const article = kb.articles.get(id);
      if (!article) throw new Error(`no article "${id}" in the shipped knowledge`);
      return (article.answer[lang] ?? '').split(/[\n{]/)[0]?.trim() ?? '';
    },
    pattern: (lang, key, vars) => {
      const escaped = t(lang, key, vars).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(escaped.replace(/\\\{[A-Za-z][A-Za-z0-9_.]*\\\}/g, '[\\s\\S]+?'));
    },
  };
}
