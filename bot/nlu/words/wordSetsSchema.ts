import { z } from 'zod';

/** A regular expression (Unicode mode) an editor wrote. */
export const regexSchema = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `not a valid regular expression: ${(error as Error).message}`,
      });
    }
  });

/**
 * One word (no spaces) of a word set: matched against single folded tokens, so case and accents are ignored
 * ("más" matches "mas").
 */
const wordSchema = z
  .string()
  .trim()
  .min(1, 'a word must not be empty')
  .regex(/^\S+$/u, 'one word, without spaces');

const wordsSchema = (description: string) => z.array(wordSchema).meta({ description });

/**
 * A multiplier is a group ("couple": 2, "dozen": 12 — below 100), "hundred" (100) or a power of a thousand
 * ("thousand", "million", "mil").
 */
function multiplierProblem(value: number): string | undefined {
  if ((value >= 2 && value < 100) || value === 100) return undefined;
  for (let power = 1000; power <= 1e15; power *= 1000) if (value === power) return undefined;
  return `${value}: a multiplier is a group below 100 (2, 12), 100 or a power of 1000 (1000, 1000000…)`;
}

/** Spelled-out numbers ("two thousand five hundred", "tres mil", "veinte"): words and their values. */
export const numberWordsSchema = z
  .strictObject({
    units: z.record(wordSchema, z.number().int().min(0).max(999)).meta({
      description: 'Words that are a number by themselves ("twenty": 20, "dozen": 12, "doscientas": 200).',
    }),
    multipliers: z
      .record(
        wordSchema,
        z
          .number()
          .int()
          .superRefine((value, ctx) => {
            const problem = multiplierProblem(value);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          }),
      )
      .meta({
        description:
          'Words that multiply the number before them ("hundred": 100, "mil": 1000); alone they mean one of it.',
      }),
    joiners: wordsSchema('Words inside a number phrase ("two hundred and fifty", "treinta y cinco").'),
    articles: wordsSchema(
      'Number words that are only an article when no other number word is next to them ("a", "an": "a hundred" is 100, "a SIM" is no count).',
    ),
  })
  .superRefine((numbers, ctx) => {
    for (const word of Object.keys(numbers.multipliers))
      if (word in numbers.units)
        ctx.addIssue({
          code: 'custom',
          path: ['multipliers', word],
          message: `"${word}" is already a unit: a word is a unit or a multiplier, not both`,
        });
    numbers.articles.forEach((word, i) => {
      if (!(word in numbers.units))
        ctx.addIssue({
          code: 'custom',
          path: ['articles', i],
          message: `"${word}" must be one of the units`,
        });
    });
  })
  .meta({ description: 'Spelled-out numbers customers write instead of digits.' });

/** Words around a count of SIMs ("about 2000 of our meters", "todas", "200 of them"). */
export const countingWordsSchema = z
  .strictObject({
    approximate: wordsSchema('Words just before a count that make it approximate ("about", "unos", "~").'),
    approximateAfter: z.array(z.string().trim().min(1, 'a phrase must not be empty')).meta({
      description:
        'Phrases just after a count that make it approximate and are skipped before what is counted ("15 or so units", "60 y pico contadores").',
    }),
    notOnly: z.array(z.string().trim().min(1, 'a phrase must not be empty')).optional().meta({
      description:
        'Phrases just before a count that a later count replaces ("it\'s not just one tracker any more, 6 of them", "ya no es solo uno"): that count is no count.',
    }),
    countSubject: wordsSchema(
      'Words right after a rough count that make it the subject of what follows ("the trackers, at least five aren\'t sending", "al menos cinco no mandan datos"): it counts the devices named in the message.',
    ).optional(),
    all: wordsSchema(
      'Words that mean every SIM when followed by what is counted ("all 40 units", "todas las SIM").',
    ),
    allAlone: wordsSchema('Words that mean every SIM when they end the message on their own ("todas").'),
    allReferents: wordsSchema(
      'Words after an "all" word that name the SIMs ("all of them", "toda la flota").',
    ),
    partitive: wordsSchema('The word between a count and a pronoun ("200 of them", "200 de ellas").'),
    pronouns: wordsSchema('Pronouns for the SIMs already talked about, after a partitive ("them", "ellas").'),
    codeContext: wordsSchema(
      'Words after which a number is a code or a reading, never a count ("error 10", "case 12", "causa 33").',
    ),
    sample: wordsSchema(
      'Words before a part that make it a sample of the whole ("the first 3 of 120 rows", "las primeras 3 de 120"): the whole is what is affected.',
    ),
    besides: wordsSchema(
      'Words just before a count that add it to the SIMs named ("y otros 12 contadores", "another 12 meters"): the count plus the SIMs named are affected.',
    ),
    added: wordsSchema(
      'Words just before a second count that add it to the first ("120 trackers in Sweden plus 35 in Norway", "80 en Madrid y 20 en Bilbao"): both counts are affected.',
    ),
    addedWhere: wordsSchema(
      'Words just after a second count that say where those are ("plus 35 in Norway", "y 20 en Bilbao"): with an `added` word before it, the number counts devices too.',
    ),
  })
  .meta({ description: 'Words that tell how many SIMs a customer says are affected.' });

/** Words around an APN name in prose ("the APN is set to iot.example", "el APN es incorrecto"). */
export const apnWordsSchema = z
  .strictObject({
    notAName: wordsSchema(
      'Words that may follow "APN" in prose but are never an APN name ("the APN is wrong": "wrong" is not an APN).',
    ),
    linking: wordsSchema(
      'Words between "APN" and its name that are skipped ("the APN is set to x", "APN configurado como x").',
    ),
  })
  .meta({ description: 'Words that tell an APN name from the prose around it.' });

/** Words the intent model ignores (they carry no intent). Negations and question words must not be here. */
export const stopWordsSchema = wordsSchema(
  'Function words the intent model and the article matcher ignore ("the", "el"). Keep negations and question words out: "no data" is not "data".',
);

/** A word of the concept lexicon: a whole word, or a word start ending in `*` ("llam*", "meter*"). */
const conceptWordSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}]+\*?$/u, 'one word of letters or digits, optionally ending in * (a word start)');

const conceptNameSchema = z
  .string()
  .regex(/^[a-z]+$/, 'a concept name in lower-case letters ("voice", "callme")');

/**
 * Domain concepts the intent model reads besides the words themselves: a word of a concept's family also
 * fires the concept, so synonyms the training examples never saw ("interfono", "RTU") still vote with it.
 */
export const conceptsSchema = z
  .strictObject({
    words: z.record(conceptNameSchema, z.array(conceptWordSchema)).meta({
      description:
        'Per concept (voice, sms, csd, data, case, human, admin, presales, device, fail…), the words of its family, folded; "word*" is any word starting with it. Every language\'s words count for every language.',
    }),
    phrases: z
      .array(
        z.strictObject({
          pattern: regexSchema.meta({
            description: 'Regular expression tested on the folded message (lower case, no accents).',
          }),
          concept: conceptNameSchema,
          note: z.string().optional(),
        }),
      )
      .meta({
        description:
          'Multi-word concepts ("call me back" is asking for a call, "data call" is CSD, "company data" is admin).',
      }),
  })
  .meta({
    description:
      "The intent model's domain concepts: changing them retrains the models (the model cache is keyed on them).",
  });

/**
 * What a phone's speech-to-text writes for a term customers dictate: the term as it is typed (the key: "APN",
 * "CEREG", "la SIM") and the words dictation gives for it ("a pen", "see e reg", "la sin"). Matched on whole words,
 * ignoring case; each is written back as the term before the message is read.
 */
export const dictationSchema = z
  .record(
    z.string().trim().min(1),
    z
      .array(
        z
          .string()
          .trim()
          .regex(/^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)+$/u, 'two words or more, letters or digits'),
      )
      .min(1),
  )
  .meta({
    description:
      'Terms as typed ("APN") and what speech-to-text writes for them ("a pen"): written back before the message is read. Each dictated form has two words or more.',
  });

/**
 * Chat shorthand of one language and the words it stands for ("q" → "que", "xq" → "porque", "pls" → "please"): the
 * word as it is meant (the key) and the short forms typed for it. Matched on whole words, ignoring case, only in a
 * message of that language; each is written out before the message is read (the customer's text is kept as typed).
 */
export const shorthandSchema = z
  .record(
    z.string().trim().min(1),
    z
      .array(
        z
          .string()
          .trim()
          .regex(/^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u, 'letters or digits, words separated by one space'),
      )
      .min(1),
  )
  .meta({
    description:
      'Chat shorthand of this language ("q", "xq", "pls") under the words it stands for: written out before a message in this language is read.',
  });
