import { z } from 'zod';
import { langSchema } from '../../domain/language.js';
import { FLOW_HANDOFF_REASON_CODES } from '../../domain/handoffReasons.js';
import { schemaRefSchema } from './common.js';
import { factNameSchema } from './names.js';

const nodeRef = z
  .string()
  .regex(/^([a-z][a-z0-9_]*\.)?[a-z][a-z0-9_]*$/, 'a node id, or flow.node for a node of a sub-flow')
  .meta({ description: 'A node of the tested flow (`final`), or of a sub-flow (`sim_state.ask_active`).' });

/** What a flow test expects; every part given must hold, in every language the test runs in. */
const expectSchema = z
  .strictObject({
    outcome: z.enum(['resolved', 'handoff', 'end', 'asks']).optional().meta({
      description:
        'How the walk ends: resolved ("did it work?" answered yes), handoff, end, or asks (it waits for an answer the test did not give).',
    }),
    reason: z
      .enum(FLOW_HANDOFF_REASON_CODES as [string, ...string[]])
      .optional()
      .meta({ description: 'The handoff reason (with outcome handoff).' }),
    at: nodeRef.optional().meta({ description: 'The question it waits at (with outcome asks).' }),
    asks: z
      .array(nodeRef)
      .optional()
      .meta({ description: 'Exactly the questions asked (and "did it work?" resolutions), in order.' }),
    visits: z
      .array(nodeRef)
      .optional()
      .meta({ description: 'Nodes the walk passes, in this order (others may come between).' }),
    skips: z.array(nodeRef).optional().meta({ description: 'Nodes the walk never reaches.' }),
    says: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: 'Text keys shown to the customer on the way (instructions, the outcome text).' }),
    saysText: z
      .partialRecord(langSchema, z.array(z.string().min(1)))
      .optional()
      .meta({
        description:
          'Words the customer reads on the way, per language (parts of the texts, facts filled in).',
      }),
  })
  .meta({ description: 'What must hold at the end of the walk.' });

/** One editor-written flow test: facts and answers in, the expected walk out. */
export const flowTestSchema = z.strictObject({
  name: z.string().min(3).meta({ description: 'What the test shows, in a sentence (unique in the file).' }),
  flow: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .meta({ description: 'The flow to walk (e.g. data).' }),
  sim: z
    .string()
    .regex(/^\d{19,20}$/, 'an ICCID of the demo inventory (19 or 20 digits)')
    .optional()
    .meta({
      description: 'Take the facts from this SIM of knowledge/demo/inventory.json, as a live look-up would.',
    }),
  facts: z
    .partialRecord(factNameSchema, z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .optional()
    .meta({
      description: "Facts known before the walk (added to the SIM's, winning over them); null = unknown.",
    }),
  answers: z.array(z.string().min(1)).optional().meta({
    description:
      "The customer's answers, in order: yes / no, a choice id, or the text typed. When they run out, the walk stops at the next question.",
  }),
  languages: z
    .array(langSchema)
    .min(1)
    .optional()
    .meta({ description: 'Languages to walk in (default: every language).' }),
  expect: expectSchema,
});
export type FlowTest = z.infer<typeof flowTestSchema>;

/** `knowledge/tests/<name>.json`: flow tests an editor writes, run by kb:check, kb:test and CI. */
export const flowTestFileSchema = z
  .strictObject({
    $schema: schemaRefSchema.optional(),
    description: z.string().optional().meta({ description: 'What these tests are about.' }),
    tests: z.array(flowTestSchema).min(1),
  })
  .meta({
    title: 'Firstline flow tests',
    description: 'Facts and answers in, the expected steps or outcome out — in every language.',
  });
export type FlowTestFile = z.infer<typeof flowTestFileSchema>;
