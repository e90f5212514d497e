import { z } from 'zod';

/**
 * A language code ("en", "es", "pt"). Which languages Firstline speaks is knowledge, not code:
 * `knowledge/languages.json` declares them and the default one, and `kb:check` requires every text, flow,
 * article, word list and NLU file in each. Stored records carry a code checked by {@link langSchema}; what
 * enters from outside (a case's language, an API parameter) is checked against the loaded
 * {@link SpokenLanguages}.
 */
export type Lang = string;

/** The form of a language code: two lower-case letters (ISO 639-1). */
export const langSchema = z
  .string()
  .regex(/^[a-z]{2}$/, 'a two-letter language code such as "en"')
  .meta({ description: 'A language code (ISO 639-1), declared in knowledge/languages.json.' });

/** A text in every language spoken. */
export type Localized = Readonly<Record<Lang, string>>;

/**
 * The languages one knowledge version speaks (`knowledge/languages.json`): the list, in the order declared,
 * and the default one, used where no language is known yet and for a language that is no longer declared.
 */
export class SpokenLanguages {
  readonly list: readonly Lang[];

  constructor(
    list: readonly Lang[],
    /** The language used when none is known; one of `list`. */
    readonly fallback: Lang,
  ) {
    if (!list.includes(fallback))
      throw new Error(`SpokenLanguages: default "${fallback}" is not in the list`);
    this.list = [...list];
  }

  /** True when `lang` is a language spoken. */
  has(lang: string | undefined | null): lang is Lang {
    return typeof lang === 'string' && this.list.includes(lang);
  }

  /** `lang` when it is spoken, else the default language. */
  resolve(lang: string | undefined | null): Lang {
    return this.has(lang) ? lang : this.fallback;
  }

  /** Narrow an arbitrary locale string ("es-ES", "en-us") to a spoken language, or undefined. */
  fromLocale(locale: string | undefined | null): Lang | undefined {
    const prefix = locale?.slice(0, 2).toLowerCase();
    return this.has(prefix) ? prefix : undefined;
  }

  /** A schema accepting only a spoken language: for what enters from outside (API parameters, stored edges). */
  schema(): z.ZodType<Lang> {
    return langSchema.refine((lang) => this.has(lang), {
      message: `not a language Firstline speaks (${this.list.join(', ')})`,
    });
  }
}
