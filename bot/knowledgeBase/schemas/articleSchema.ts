import { z } from 'zod';
import { FINDING_CODES } from '../../domain/findings.js';
import { schemaRefSchema, versionSchema } from './common.js';

const langCode = z.string().regex(/^[a-z]{2}$/, 'a two-letter language code such as "en"');

/** The intents an article can be about (a troubleshooting flow can follow it), or `other`. */
export const ARTICLE_TOPICS = ['data', 'sms', 'voice', 'csd', 'other'] as const;

/**
 * Values an article's answer may use, computed from the plan catalogue when the answer is shown:
 * `{plans.apns}` lists every plan with its APN, `{plans.descriptions}` every plan with its description,
 * `{plans.names}` the plan names, `{plans.apnCommands}` the AT command that sets each plan's APN (one per
 * line, as code, ready to paste), `{plans.dataLimits}` every plan with its monthly data ("500 MB", "50 GB"),
 * `{plans.apn}` one APN to show in an example command. The APN ones (`apns`, `apnCommands`, `apn`) name only the
 * plans of the customer's own SIMs when they have any.
 */
export const ARTICLE_PLACEHOLDERS = [
  'plans.apns',
  'plans.apn',
  'plans.apnCommands',
  'plans.dataLimits',
  'plans.descriptions',
  'plans.names',
] as const;

/** Modem commands an article may ask the answer of (see `reading`). */
export const ARTICLE_READINGS = ['CSQ', 'CEREG', 'CGREG', 'CREG'] as const;

/**
 * `knowledge/articles/<id>.json`: one how-to answer ("how do I change the APN?"), in every language, with
 * example questions the bot matches customers' questions against. Answers are Markdown: put AT commands,
 * APNs and numbers in backticks (`AT+CGDCONT=1,"IP","iot.firstline.example"`), several commands in a
 * ``` block, one per line, so customers can copy them.
 */
export const articleFileSchema = z
  .strictObject({
    $schema: schemaRefSchema,
    version: versionSchema,
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'article ids are lower-case words with underscores, e.g. change_apn')
      .meta({ description: 'Article id; must equal the file name.' }),
    topic: z
      .enum(ARTICLE_TOPICS)
      .meta({ description: 'What it is about; after the answer the bot offers to check the SIMs for this.' }),
    title: z.record(langCode, z.string().min(1)).meta({ description: 'Short title per language.' }),
    questions: z
      .record(langCode, z.array(z.string().trim().min(3)).min(2, 'at least two example questions'))
      .meta({ description: 'Example questions per language, as customers ask them.' }),
    keywords: z.record(langCode, z.array(z.string().trim().min(1)).min(1)).meta({
      description:
        'Words a question must contain to be about this article, per language (whole words, case and accents ignored; word* matches any word starting with it).',
    }),
    answer: z.record(langCode, z.string().min(1)).meta({
      description: `The answer per language (Markdown). May use ${ARTICLE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`,
    }),
    reading: z.enum(ARTICLE_READINGS).optional().meta({
      description:
        'The modem command whose answer the article asks the customer to send: in the next message, a bare reading ("99,99", "0, 3") is read as that command\'s output ("+CSQ: 99,99").',
    }),
    fixes: z.array(z.enum(FINDING_CODES)).optional().meta({
      description:
        'Findings this article tells the customer how to fix: asked how ("¿y cómo lo cambio?") during checks that found one of them, the bot answers with this article.',
    }),
  })
  .meta({ title: 'Firstline article', description: 'A how-to answer in every language.' });

export type ArticleFile = z.infer<typeof articleFileSchema>;
