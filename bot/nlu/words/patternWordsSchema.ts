import { z } from 'zod';
import { DIGITS_PLACEHOLDER } from '../entities/patternWords.js';

/**
 * A word or phrase inside one of the entity patterns: matched literally (regex characters are escaped), its
 * words joined by any run of spaces, case and accents ignored ("número" also matches "numero").
 */
const wordsSchema = z
  .string()
  .trim()
  .min(1, 'a word must not be empty')
  .regex(/^[^\s*]+(?:\s+[^\s*]+)*$/u, 'words without "*"');

/** Where the digits go, in the phrases that may say so (see {@link placedPhrases}). */
const DIGITS = DIGITS_PLACEHOLDER;

const patternPhraseSchema = wordsSchema.refine((phrase) => !phrase.includes(DIGITS), {
  message: `only suffix.leadIns, simNouns and caseNouns say where the digits go (${DIGITS})`,
});

/**
 * A phrase next to the digits. The digits follow it, unless it says where they go with `{digits}` once:
 * "{digits} で終わる", "{digits}:een päättyvä" (words after the digits), "ending {digits}" (the default).
 */
const placedPhraseSchema = wordsSchema
  .refine((phrase) => phrase.split(DIGITS).length <= 2, { message: `${DIGITS} at most once` })
  .refine((phrase) => phrase.replace(DIGITS, '').trim().length > 0, {
    message: `words besides ${DIGITS}`,
  });

/** A unit after a number: a whole word, or a word start ending in `*` ("meter*" also reads "meters"). */
const unitSchema = z
  .string()
  .trim()
  .regex(/^[^\s*]+\*?$/u, 'one word, optionally ending in * (a word start)');

const phrases = (description: string) => z.array(patternPhraseSchema).meta({ description });

/** Phrases next to the digits that may say where the digits go (`{digits}`). */
const placedPhrases = (description: string) =>
  z.array(placedPhraseSchema).meta({
    description: `${description} The digits follow a phrase, unless it says where they go with {digits} ("{digits} で終わる").`,
  });

/** "ending in 4471", "last 4 digits 4471": the words of this language around a SIM's last digits. */
export const suffixWordsSchema = z
  .strictObject({
    leadIns: placedPhrases('Words just before the last digits ("ending", "ends", "acabada", "termina").'),
    prepositions: phrases('Optional words between a lead-in and the digits ("in", "with", "en").'),
    last: phrases('The word "last" of "last 4 digits" ("last", "últimos").'),
    digitCounts: phrases('Spelled-out digit counts after "last" ("four", "cuatro"); a digit always works.'),
    digitNouns: phrases('"digits" of "last 4 digits" ("digits", "numbers", "dígitos").'),
    copulas: phrases('Optional verb before the digits ("are", "is", "son").'),
    possessives: phrases(
      'Optional word naming what the digits are of, before a copula ("last 4 digits of the ICCID are 0043"): "of"; empty if the language has no such form.',
    ),
  })
  .meta({ description: 'Words of this language around a SIM named by its last digits.' });

/**
 * Words inside the entity patterns (last digits, case ids, cause codes, country codes); the digits and the
 * punctuation around them are code. Every language's words count in every message, except `suffix`, which
 * builds one pattern per language.
 */
export const patternWordsSchema = z
  .strictObject({
    suffix: suffixWordsSchema,
    simNouns: placedPhrases(
      'Words for a SIM before its digits ("sim 0027", "chip 0076", "tarjeta sim 0068").',
    ),
    simNumberMarks: phrases(
      'Optional abbreviations for "number" after a SIM noun ("sim nr 0043"); "#" is code.',
    ),
    simArticles: phrases('Words before a SIM named by 4–8 digits alone ("the 0043 is down", "la 0076").'),
    quantityUnits: z.array(unitSchema).meta({
      description:
        'Units after a number that make it a quantity, not a SIM ("2000 meters", "300 euros"); "%" is code.',
    }),
    timeBefore: phrases(
      'Words before a number that make it a time, not a SIM ("since 0800", "desde las 0930").',
    ),
    caseNouns: placedPhrases(
      'Words for a case before its number ("case 12345", "ticket 12345", "incidencia 12345").',
    ),
    caseNumberMarks: phrases(
      'Optional words for "number" after a case noun ("case number 12345", "caso nº 12345"); "#" is code.',
    ),
    causeQualifiers: phrases('Optional words before a cause word ("reject cause 33", "esm cause 27").'),
    causeWords: phrases('Words before a network cause code ("cause 33", "código de causa 33").'),
    causeCodeWords: phrases('Optional "code" after a cause word ("cause code 33").'),
    causeNumberMarks: phrases(
      'Optional abbreviations for "number" before a cause code ("causa nº 33"); "#", ":" and "=" are code.',
    ),
    phonePlus: phrases(
      'Words said for the "+" of an international phone number, as speech-to-text writes them ("plus 46 70 123 84 71", "más 46 72 123 40 76").',
    ),
    readingCommas: phrases(
      'Words said for the comma between two values of modem output read out ("CEREG zero comma three", "cero coma tres"); "," is code.',
    ),
    readingLinks: phrases(
      'Words between an AT command and the values read out for it, before them ("CREG is zero comma two", "el csq da …", "cereg colon 0,3") or after them ("six comma ninety nine on the CSQ"); ":" and "=" are code, and so are the command names (CREG, CGREG, CEREG, CSQ).',
    ),
    countryLeadIns: phrases(
      'Words after which an upper-case two-letter code is a country ("roaming in DE", "país: FR").',
    ),
  })
  .meta({
    description:
      'Words the entity patterns are built from: a third language adds its words here with no code change.',
  });

/** The `patterns` section of one word file. */
export type PatternWords = z.infer<typeof patternWordsSchema>;
