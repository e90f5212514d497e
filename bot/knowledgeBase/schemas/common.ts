import { z } from 'zod';

/**
 * Older files carry a hand-bumped `version`; it is accepted and ignored: the knowledge version is the hash of the
 * content, so nobody bumps anything.
 */
export const versionSchema = z
  .string()
  .optional()
  .meta({ description: 'Not needed (ignored): the knowledge version is derived from the content.' });

/** Relative pointer to the JSON Schema, so editors get validation and completion. */
export const schemaRefSchema = z
  .string()
  .optional()
  .meta({ description: 'Relative path of the JSON Schema for this file.' });

/** Dotted text key such as `flows.data.apn_instruction` or `finding.APN_MISMATCH.nextStep`. */
export const textKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/, 'text keys are dotted words, e.g. flows.data.intro')
  .meta({ description: 'Key of a text in knowledge/texts/*.<lang>.json.' });
