import { z } from 'zod';
import { schemaRefSchema, textKeySchema, versionSchema } from './common.js';

const fieldId = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]*$/, 'field ids are camelCase words, e.g. formFactor')
  .meta({ description: 'Field id; the case stores the answer under it.' });

const base = {
  id: fieldId,
  label: textKeySchema.meta({ description: 'Text key of the field name in the summary ("Quantity").' }),
  ask: textKeySchema.meta({ description: 'Text key of the question that asks for it.' }),
};

const choiceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_]*$/),
  label: textKeySchema,
  words: z
    .record(z.string().regex(/^[a-z]{2}$/), z.array(z.string().min(1)))
    .optional()
    .meta({ description: 'Other words customers use for it, per language ("nano", "4FF").' }),
  combines: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_]*$/))
    .min(2)
    .optional()
    .meta({
      description:
        'Ids of the other choices this one is all of at once: every one of them named in one list ("mini/micro/nano", "2FF, 3FF y 4FF") names this choice.',
    }),
});

/** One thing operations needs before the request is opened. */
export const requestFieldSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    kind: z.literal('number').meta({ description: 'A count, e.g. how many SIMs.' }),
    min: z.number().int().min(0).default(1),
    max: z.number().int().min(1).default(1_000_000),
  }),
  z.strictObject({ ...base, kind: z.literal('choice'), choices: z.array(choiceSchema).min(2) }),
  z.strictObject({
    ...base,
    kind: z.literal('plan').meta({ description: 'A plan of knowledge/plans.json (offered as buttons).' }),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('text'),
    fromMessage: z
      .boolean()
      .default(false)
      .meta({ description: 'The request message itself answers it (e.g. what should change).' }),
    after: z.array(z.string().trim().min(2)).optional().meta({
      description:
        'In the request message, the rest after one of these phrases is the value ("delivered to …", "entregar en …").',
    }),
    named: z.array(z.string().trim().min(2)).optional().meta({
      description:
        'The field\'s own names ("address", "dirección de entrega"): the value follows one only after a colon, or when it starts with a capital or a digit ("Address: Acme Ltd…", "dirección Calle Mayor 10…") — "I need to check the address with our warehouse" names the field and gives no value.',
    }),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('sims').meta({ description: 'Which SIMs: ICCIDs, last digits, a count or "all".' }),
  }),
]);
export type RequestField = z.infer<typeof requestFieldSchema>;

const requestTypeSchema = z.strictObject({
  fields: z.array(requestFieldSchema),
  confirm: z.boolean().default(true).meta({
    description:
      'Show the summary and open the case only when the customer says send (orders and changes). False: open it as soon as every field is known (a question for the team changes nothing).',
  }),
});

/**
 * `knowledge/requests.json`: what the bot collects before it opens an order, a service request or an
 * information request — asked in this order, skipping what the customer already said.
 */
export const requestsFileSchema = z
  .strictObject({
    $schema: schemaRefSchema,
    version: versionSchema,
    types: z.strictObject({
      order: requestTypeSchema,
      service_request: requestTypeSchema,
      information_request: requestTypeSchema,
    }),
  })
  .meta({ title: 'Firstline requests', description: 'What each kind of request collects.' });

export type RequestsFile = z.infer<typeof requestsFileSchema>;
export type RequestType = keyof RequestsFile['types'];
