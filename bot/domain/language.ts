/** The two languages Firstline speaks. */
export const LANGUAGES = ['en', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** A text in every supported language. */
export type Localized = Readonly<Record<Lang, string>>;

/** Narrow an arbitrary locale string ("es-ES", "en-us") to a supported language, or undefined. */
export function langFromLocale(locale: string | undefined | null): Lang | undefined {
  const prefix = locale?.slice(0, 2).toLowerCase();
  return prefix === 'en' || prefix === 'es' ? prefix : undefined;
}
