import { z } from 'zod';
import { langSchema } from '../../domain/language.js';
import { schemaRefSchema } from './common.js';

/**
 * `knowledge/languages.json`: the languages Firstline speaks. Adding one is knowledge only: declare it here,
 * then add its texts, intent examples and word lists (kb:check names every file and JSON path still missing).
 */
export const languagesFileSchema = z
  .strictObject({
    $schema: schemaRefSchema,
    languages: z
      .record(langSchema, z.string().trim().min(1, 'the name must not be empty'))
      .refine((languages) => Object.keys(languages).length > 0, { message: 'declare at least one language' })
      .meta({
        description:
          'Language code (ISO 639-1) → its name, for editors ("en": "English"). Every text, flow, article, word list and NLU file must cover each.',
      }),
    default: langSchema.meta({
      description:
        'The language used before a customer has written anything clear, and for a language no longer declared.',
    }),
  })
  .superRefine((file, ctx) => {
    if (!(file.default in file.languages))
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: `"${file.default}" is not one of the languages declared (${Object.keys(file.languages).join(', ')})`,
      });
  })
  .meta({
    title: 'Firstline languages',
    description: 'The languages Firstline speaks, and the default one.',
  });

export type LanguagesFile = z.infer<typeof languagesFileSchema>;
