import { z } from 'zod';
import { langSchema } from '../../domain/language.js';
import { schemaRefSchema, textKeySchema, versionSchema } from './common.js';

/**
 * A texts file `knowledge/texts/<name>.<lang>.json`: customer-visible strings for one language.
 * Placeholders are written `{name}` (for flow texts: a fact name such as `{plan.apn}`).
 */
export const textsFileSchema = z
  .strictObject({
    $schema: schemaRefSchema,
    version: versionSchema,
    language: langSchema.meta({
      description: 'Language of every text in this file; must match the file name.',
    }),
    texts: z
      .record(textKeySchema, z.string().min(1, 'a text must not be empty'))
      .meta({ description: 'Text key → text with {placeholders}.' }),
  })
  .meta({ title: 'Firstline texts', description: 'Customer-visible texts in one language.' });

export type TextsFile = z.infer<typeof textsFileSchema>;
