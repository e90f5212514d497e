/**
 * The languages Firstline speaks: the one place a spoken language is declared in code (its texts, flows,
 * training examples and word lists are knowledge; `kb:check` requires every text in each). A language that
 * only reads — a word list `knowledge/nlu/words.<lang>.json` — needs no entry here.
 */
export const LANGUAGES = ['en', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** A text in every supported language. */
export type Localized = Readonly<Record<Lang, string>>;

/** Narrow an arbitrary locale string ("es-ES", "en-us") to a supported language, or undefined. */
export function langFromLocale(locale: string | undefined | null): Lang | undefined {
  const prefix = locale?.slice(0, 2).toLowerCase();
  return LANGUAGES.find((lang) => lang === prefix);
}
