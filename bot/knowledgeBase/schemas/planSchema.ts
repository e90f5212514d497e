import { z } from 'zod';
import { langSchema } from '../../domain/language.js';
import type { Plan } from '../types.js';
import { schemaRefSchema, versionSchema } from './common.js';

const countrySchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'countries are ISO 3166 alpha-2 codes in upper case, e.g. SE')
  .meta({ description: 'ISO 3166 alpha-2 country code.' });

const zoneIdSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'zone ids are upper case words, e.g. EU or NORDIC')
  .meta({ description: 'Roaming zone id, defined under `zones`.' });

/** One communication plan; must stay assignable to the `Plan` contract in types.ts. */
export const planSchema = z.strictObject({
  name: z.string().min(1).meta({ description: 'Plan name exactly as the connectivity platform returns it.' }),
  description: z
    .record(langSchema, z.string().min(1))
    .meta({ description: 'What the plan is, in every language spoken (languages.json).' }),
  apns: z
    .array(z.string().min(1))
    .min(1)
    .meta({ description: 'APNs the device must use; the first is recommended.' }),
  services: z.strictObject({
    data: z.boolean(),
    smsMo: z.boolean(),
    smsMt: z.boolean(),
    voice: z.boolean(),
    csd: z.boolean(),
  }),
  radio: z.array(z.enum(['2G', '3G', '4G', '5G', 'LTE-M', 'NB-IoT'])).min(1),
  homeCountry: countrySchema,
  roaming: z.strictObject({ zones: z.array(zoneIdSchema), countries: z.array(countrySchema) }),
  dataLimitMb: z
    .number()
    .nonnegative()
    .nullable()
    .meta({ description: 'Monthly data limit in MB, null for none.' }),
  aliases: z
    .record(langSchema, z.array(z.string().trim().min(2)).min(1))
    .optional()
    .meta({
      description:
        'What customers call the plan, per language ("the EU one", "el de banda ancha"): an order\'s plan question reads them like the name.',
    }),
  private: z.boolean().optional().meta({
    description:
      "A customer's own plan (its APN, its name): shown only to organisations with a SIM on it, never in articles or answers to others.",
  }),
});

/** `knowledge/plans.json`: roaming zones and the plan catalogue. */
export const plansFileSchema = z
  .strictObject({
    $schema: schemaRefSchema,
    version: versionSchema,
    zones: z
      .record(zoneIdSchema, z.array(countrySchema).min(1))
      .meta({ description: 'Zone id → countries.' }),
    plans: z.array(planSchema).min(1),
  })
  .meta({ title: 'Firstline plan catalogue', description: 'What each communication plan includes.' });

export type PlansFile = z.infer<typeof plansFileSchema>;

// Compile-time guard: the schema must keep producing the shared contract type.
export type PlanSchemaMatchesContract = z.infer<typeof planSchema> extends Plan ? true : never;
const planContractCheck: PlanSchemaMatchesContract = true;
void planContractCheck;
