import { z } from 'zod';
import { langSchema } from '../../domain/language.js';
import { schemaRefSchema, versionSchema } from './common.js';

/** The placeholders a canned reply may use; the console fills them from the case it is inserted into. */
export const CANNED_PLACEHOLDERS = ['customer', 'agent', 'caseId', 'organisation', 'sim'] as const;
export type CannedPlaceholder = (typeof CANNED_PLACEHOLDERS)[number];

const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'ids are lower-case words joined by _, e.g. checking_apn')
  .meta({ description: 'Stable id (the contract with the console; never reuse one for another meaning).' });

/** A text in every language Firstline speaks. */
const localizedSchema = z.record(langSchema, z.string().min(1, 'a text must not be empty')).meta({
  description: 'The same text in every language spoken (languages.json), e.g. {"en": "…", "es": "…"}.',
});

/** `knowledge/canned/replies.json`: replies agents insert (and may edit) before sending. */
export const cannedRepliesFileSchema = z
  .strictObject({
    $schema: schemaRefSchema,
    version: versionSchema,
    replies: z.array(
      z.strictObject({
        id: idSchema,
        title: localizedSchema.meta({ description: 'What the agent sees in the list.' }),
        text: localizedSchema.meta({
          description: `What is inserted into the reply box, in the customer's language. Placeholders: ${CANNED_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`,
        }),
      }),
    ),
  })
  .meta({ title: 'Firstline canned replies', description: 'Replies agents insert and edit before sending.' });
export type CannedRepliesFile = z.infer<typeof cannedRepliesFileSchema>;
export type CannedReply = CannedRepliesFile['replies'][number];

/** `knowledge/desk/teams.json`: the teams a case can be transferred to. */
export const teamsFileSchema = z
  .strictObject({
    $schema: schemaRefSchema,
    version: versionSchema,
    teams: z.array(
      z.strictObject({
        id: idSchema,
        name: localizedSchema,
        members: z
          .array(z.string().min(1))
          .meta({ description: 'Agent ids (directory user ids) who take the team’s cases first.' }),
      }),
    ),
  })
  .meta({ title: 'Firstline desk teams', description: 'Teams a case can be transferred to.' });
export type TeamsFile = z.infer<typeof teamsFileSchema>;
export type DeskTeam = TeamsFile['teams'][number];
