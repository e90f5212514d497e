import { z } from 'zod';

/** Knowledge-file version, e.g. `1.0.0`; editors bump it, the loader's content hash is the real id. */
export const versionSchema = z
  .string()
  .regex(/^\d+\.\d+\.\d+$/, 'version must look like 1.0.0')
  .meta({ description: 'Version of this knowledge file (semantic version, e.g. 1.0.0).' });

/** Relative pointer to the JSON Schema, so editors get validation and completion. */
export const schemaRefSchema = z
  .string()
  .meta({ description: 'Relative path of the JSON Schema for this file.' });

/** Dotted text key such as `flows.data.apn_instruction` or `finding.APN_MISMATCH.nextStep`. */
export const textKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/, 'text keys are dotted words, e.g. flows.data.intro')
  .meta({ description: 'Key of a text in knowledge/texts/*.<lang>.json.' });
