import { z } from 'zod';
import { conditionSchema } from './conditionSchema.js';
import { schemaRefSchema, textKeySchema, versionSchema } from './common.js';

const nodeIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'node ids are lower_snake_case')
  .meta({ description: 'Id of a node in this flow.' });
const factNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/, 'fact names are dotted, e.g. apn.device')
  .meta({ description: 'A fact from bot/domain/facts.ts FACT_CATALOGUE, or finding.<CODE>.' });
const note = z.string().optional().meta({ description: 'Editor note; never shown to customers.' });
/** How the node reads in the "checks already done" list of the agent's handoff card. */
const report = z
  .strictObject({
    label: textKeySchema.meta({ description: 'What was checked or asked, e.g. "APN on the device".' }),
    outcomes: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/), textKeySchema)
      .optional()
      .meta({
        description:
          'Outcome texts by result: pass/fail/unknown (check), yes/no (yes/no question, resolution) or a choice id. ' +
          'Without one, the choice label, the typed answer or a generic outcome is shown.',
      }),
  })
  .optional()
  .meta({ description: 'Shown to agents (handoff card); texts may use facts as {placeholders}.' });

const choiceSchema = z.strictObject({
  id: nodeIdSchema.meta({ description: 'Stable id of the choice (sent back by buttons).' }),
  label: textKeySchema,
  next: nodeIdSchema,
  sets: z
    .record(factNameSchema, z.union([z.string(), z.number(), z.boolean()]))
    .optional()
    .meta({ description: 'Facts learned when the customer picks this choice.' }),
});

const answerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('choice'), choices: z.array(choiceSchema).min(2) }),
  z.strictObject({
    type: z.literal('yesno'),
    fact: factNameSchema.optional().meta({ description: 'Boolean fact set to the answer (yes = true).' }),
    yes: nodeIdSchema,
    no: nodeIdSchema,
  }),
  z.strictObject({
    type: z.literal('text'),
    fact: factNameSchema.meta({ description: 'Fact the typed answer is stored into.' }),
    next: nodeIdSchema,
  }),
]);

/** Every node kind of a flow. */
export const nodeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('question'), note, report, text: textKeySchema, answer: answerSchema }),
  z.strictObject({
    kind: z.literal('check'),
    note,
    report,
    condition: conditionSchema,
    next: z.strictObject({ pass: nodeIdSchema, fail: nodeIdSchema, unknown: nodeIdSchema }),
  }),
  z.strictObject({ kind: z.literal('instruction'), note, report, text: textKeySchema, next: nodeIdSchema }),
  z.strictObject({
    kind: z.literal('resolution'),
    note,
    report,
    text: textKeySchema.meta({ description: '"Did it work?" — yes ends the flow as resolved.' }),
    no: nodeIdSchema,
  }),
  z.strictObject({
    kind: z.literal('handoff'),
    note,
    reason: z.string().regex(/^[a-z][a-z0-9_]*$/, 'reason codes are lower_snake_case'),
    text: textKeySchema,
  }),
  z.strictObject({
    kind: z.literal('call'),
    note,
    flow: z.string().regex(/^[a-z][a-z0-9_]*$/, 'flow ids are lower_snake_case'),
    next: nodeIdSchema.meta({ description: 'Where to continue when the sub-flow returns.' }),
  }),
  z.strictObject({ kind: z.literal('end'), note, text: textKeySchema.optional() }),
  z.strictObject({ kind: z.literal('return'), note }),
]);

/** `knowledge/flows/<id>.json`: one troubleshooting flow or shared sub-flow. */
export const flowFileSchema = z
  .strictObject({
    $schema: schemaRefSchema,
    version: versionSchema,
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .meta({ description: 'Flow id; equals the file name (and the intent id).' }),
    title: textKeySchema,
    start: nodeIdSchema,
    nodes: z.record(nodeIdSchema, nodeSchema),
  })
  .meta({ title: 'Firstline troubleshooting flow', description: 'A guided troubleshooting flow.' });

export type FlowFile = z.infer<typeof flowFileSchema>;
export type FlowNode = z.infer<typeof nodeSchema>;
export type FlowNodeKind = FlowNode['kind'];
