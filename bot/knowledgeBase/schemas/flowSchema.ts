import { z } from 'zod';
import { langSchema } from '../../domain/language.js';
import { conditionSchema } from './conditionSchema.js';
import { factNameSchema, handoffReasonSchema } from './names.js';
import { schemaRefSchema, textKeySchema, versionSchema } from './common.js';

/** Marks an inline text until the loader gives it a key of its own (see `inlineTexts.ts`). */
export const INLINE_TEXT_PREFIX = '@inline:';

/**
 * A text: the key of a text in knowledge/texts/*.<lang>.json, or the text itself in every language — so a new
 * step needs no entries in other files.
 */
const textSchema = z.union([
  textKeySchema,
  z
    .record(langSchema, z.string().min(1, 'a text must not be empty'))
    .meta({
      description:
        'The text itself, in every language spoken (languages.json), e.g. {"en": "…", "es": "…"} (Markdown, {fact} placeholders).',
    })
    .transform((text) => `${INLINE_TEXT_PREFIX}${JSON.stringify(text)}`),
]);

const nodeIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'node ids are lower_snake_case')
  .meta({ description: 'Id of a node in this flow.' });
const note = z.string().optional().meta({ description: 'Editor note; never shown to customers.' });
/** How the node reads in the "checks already done" list of the agent's handoff card. */
const report = z
  .strictObject({
    label: textSchema.meta({ description: 'What was checked or asked, e.g. "APN on the device".' }),
    outcomes: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/), textSchema)
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
  label: textSchema,
  next: nodeIdSchema,
  sets: z
    .partialRecord(factNameSchema, z.union([z.string(), z.number(), z.boolean()]))
    .optional()
    .meta({ description: 'Facts learned when the customer picks this choice.' }),
  unknown: z.literal(true).optional().meta({
    description:
      'This is the "I don\'t know" choice: a customer who answers "no idea", "ni idea"… (the `dontKnow` word list of any language) picks it. At most one per question.',
  }),
});

const answerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('choice'),
    choices: z
      .array(choiceSchema)
      .min(2)
      .refine((choices) => choices.filter((c) => c.unknown).length <= 1, {
        message: 'at most one choice may be the "I don\'t know" choice ("unknown": true)',
      }),
  }),
  z.strictObject({
    type: z.literal('yesno'),
    fact: factNameSchema.optional().meta({ description: 'Boolean fact set to the answer (yes = true).' }),
    yes: nodeIdSchema,
    no: nodeIdSchema,
    unknown: nodeIdSchema
      .optional()
      .meta({ description: 'Where "I don\'t know" goes (the fact stays unknown); default: the no branch.' }),
  }),
  z.strictObject({
    type: z.literal('text'),
    fact: factNameSchema.meta({ description: 'Fact the typed answer is stored into.' }),
    next: nodeIdSchema,
  }),
]);

/** Every node kind of a flow. */
export const nodeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('question'), note, report, text: textSchema, answer: answerSchema }),
  z.strictObject({
    kind: z.literal('check'),
    note,
    report,
    condition: conditionSchema,
    next: z.strictObject({ pass: nodeIdSchema, fail: nodeIdSchema, unknown: nodeIdSchema }),
  }),
  z.strictObject({ kind: z.literal('instruction'), note, report, text: textSchema, next: nodeIdSchema }),
  z.strictObject({
    kind: z.literal('resolution'),
    note,
    report,
    text: textSchema.meta({ description: '"Did it work?" — yes ends the flow as resolved.' }),
    no: nodeIdSchema,
  }),
  z.strictObject({
    kind: z.literal('handoff'),
    note,
    reason: handoffReasonSchema,
    text: textSchema,
  }),
  z.strictObject({
    kind: z.literal('call'),
    note,
    flow: z.string().regex(/^[a-z][a-z0-9_]*$/, 'flow ids are lower_snake_case'),
    next: nodeIdSchema.meta({ description: 'Where to continue when the sub-flow returns.' }),
  }),
  z.strictObject({ kind: z.literal('end'), note, text: textSchema.optional() }),
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
    title: textSchema,
    start: nodeIdSchema,
    nodes: z.record(nodeIdSchema, nodeSchema),
  })
  .meta({ title: 'Firstline troubleshooting flow', description: 'A guided troubleshooting flow.' });

export type FlowFile = z.infer<typeof flowFileSchema>;
export type FlowNode = z.infer<typeof nodeSchema>;
export type FlowNodeKind = FlowNode['kind'];
