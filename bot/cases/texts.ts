import type { Lang } from '../domain/language.js';

/** Values substituted into `{placeholders}` of a text. */
export type TextVars = Readonly<Record<string, string | number>>;

/**
 * Renders a customer- or agent-facing text from `knowledge/texts/<file>.<lang>.json`. Injected so the
 * case, desk and follow-up code never hard-codes wording and the knowledge loader stays the only reader.
 */
export type TextFn = (lang: Lang, key: string, vars?: TextVars) => string;
