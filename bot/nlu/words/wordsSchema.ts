import { z } from 'zod';
import { schemaRefSchema, versionSchema } from '../../knowledgeBase/schemas/common.js';
import { WORD_LIST_NAMES, WORD_LISTS } from './wordLists.js';
import { patternWordsSchema } from './patternWordsSchema.js';
import {
  apnWordsSchema,
  conceptsSchema,
  dictationSchema,
  shorthandSchema,
  countingWordsSchema,
  numberWordsSchema,
  regexSchema,
  stopWordsSchema,
} from './wordSetsSchema.js';

const phrasesSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1, 'a phrase must not be empty')
      .regex(/[\p{L}\p{N}]/u, 'a phrase needs at least one letter or digit'),
  )
  .min(1, 'a list needs at least one phrase');

/**
 * How to tell this language apart (the language identifier's data): marker words, signs in the raw text,
 * suffixes. The language's training examples and word lists count as well, so these only need what they miss.
 */
export const identifySchema = z
  .strictObject({
    markers: z.array(z.string().trim().min(1)).meta({
      description: 'Words that are strong evidence for this language (folded: case and accents ignored).',
    }),
    signs: z
      .array(
        z.strictObject({
          pattern: regexSchema.meta({ description: 'Regular expression tested on the raw message.' }),
          weight: z.number().positive().max(5),
          note: z.string().optional(),
        }),
      )
      .meta({ description: 'Characters or forms only this language uses ("¿", "ñ", "don\'t").' }),
    neutral: z.array(z.string().trim().min(1)).optional().meta({
      description: 'Words customers use whatever their language ("SIMs", "APN", "ok"): never evidence.',
    }),
    suffixes: z
      .array(z.string().trim().min(2))
      .meta({ description: 'Endings of longer words no list or example knows ("-ción", "-ing").' }),
    names: z.array(z.string().trim().min(2)).optional().meta({
      description:
        'What customers call this language, in any language ("Spanish", "español", "castellano"): "can we continue in Spanish?" asks for it.',
    }),
  })
  .meta({ description: 'Data of the language identifier for this language.' });

/** Region codes ICU knows (ISO 3166-1 alpha-2); "ZZ" is ICU's "Unknown Region", never a country. */
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** Why `code` is not an ISO 3166-1 alpha-2 country code, or undefined when it is one. */
function isoCodeProblem(code: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code)) return `"${code}": an ISO 3166-1 alpha-2 code in capitals, such as "DE"`;
  if (code === 'ZZ' || REGION_NAMES.of(code) === undefined)
    return `"${code}" is not an ISO 3166-1 country code`;
  return undefined;
}

/** One country in one language: how replies name it, and the words customers use for it and its SIMs. */
export const countrySchema = z
  .strictObject({
    name: z.string().trim().min(1).meta({
      description:
        'The name replies use ("Germany", "el Reino Unido"), with an article where the language needs one.',
    }),
    names: phrasesSchema.meta({
      description:
        'Names customers write ("Germany", "Deutschland", "UK"); matched as whole words, case and accents ignored — but a name written here in capitals ("USA") only in capitals: "usa" is a Spanish verb.',
    }),
    places: phrasesSchema.optional().meta({
      description:
        'Cities and regions that place a device in the country ("Hamburg", "Oporto"): a question about taking a device there is about going abroad. Never a fleet filter ("the meters in Trondheim" are not every SIM in Norway). Only places no other country shares a name with.',
    }),
    demonyms: phrasesSchema.optional().meta({
      description:
        'What its SIMs or devices are called ("the German ones", "las alemanas"). Never the name of a language the bot speaks ("Spanish", "inglés"): "in Spanish please" names a language, not a country.',
    }),
  })
  .meta({ description: 'A country (by ISO code) in this language.' });

/**
 * `knowledge/nlu/words.<lang>.json`: the word lists the bot reads messages with (yes/no, "back to the bot",
 * order words, fleet filters, desk commands…) and its word sets (number words, count words, APN prose, stop
 * words, domain concepts, the words inside entity patterns), one file per language. Every list must be there; the phrases
 * are the editors'. Case, accents and punctuation are ignored; `word*` matches any word starting with `word`.
 */
export const wordsFileSchema = z
  .strictObject({
    $schema: schemaRefSchema,
    version: versionSchema,
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'a two-letter language code such as "en"')
      .meta({ description: 'Language of the phrases; must match the file name words.<lang>.json.' }),
    description: z.string().optional(),
    identify: identifySchema.optional(),
    countries: z
      .record(z.string(), countrySchema)
      .superRefine((countries, ctx) => {
        for (const code of Object.keys(countries)) {
          const problem = isoCodeProblem(code);
          if (problem) ctx.addIssue({ code: 'custom', path: [code], message: problem });
        }
      })
      .optional()
      .meta({
        description:
          'Countries by ISO 3166-1 alpha-2 code: fleet filters ("the SIMs in Germany"), roaming findings and replies read them from here.',
      }),
    numbers: numberWordsSchema,
    counting: countingWordsSchema,
    apn: apnWordsSchema,
    stopWords: stopWordsSchema,
    concepts: conceptsSchema,
    patterns: patternWordsSchema,
    dictation: dictationSchema.optional(),
    shorthand: shorthandSchema.optional(),
    lists: z.strictObject(
      Object.fromEntries(
        WORD_LIST_NAMES.map((name) => [
          name,
          phrasesSchema.meta({ description: `${WORD_LISTS[name].doc} (matched: ${WORD_LISTS[name].mode})` }),
        ]),
      ) as Record<(typeof WORD_LIST_NAMES)[number], typeof phrasesSchema>,
    ),
  })
  .meta({
    title: 'Firstline word lists',
    description:
      'Phrases per list, matched on whole words ignoring case, accents and punctuation; "word*" matches any word starting with "word".',
  });

export type WordsFile = z.infer<typeof wordsFileSchema>;
