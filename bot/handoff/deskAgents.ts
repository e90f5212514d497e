import { z } from 'zod';
import { LANGUAGES } from '../domain/language.js';
import { conversationRefSchema } from '../cases/caseSchema.js';
import type { CollectionSpec } from '../storage/collection.js';
import type { DocumentStoreOptions } from '../storage/documentStore.js';
import { lowdbRepository, type LowdbRepository } from '../storage/repository.js';

export const deskAgentSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  lang: z.enum(LANGUAGES),
  /** The agent's own conversation, so customer messages can be relayed to it proactively. */
  reference: conversationRefSchema,
  /** The case the agent is talking about right now (their messages are relayed there). */
  activeCaseId: z.string().optional(),
  updatedAt: z.string(),
});
export type DeskAgentRecord = z.infer<typeof deskAgentSchema>;

/** The `deskAgents` collection. */
export const DESK_AGENT_COLLECTION: CollectionSpec<DeskAgentRecord> = {
  name: 'deskAgents',
  schema: deskAgentSchema,
};

/** The `deskAgents` repository on lowdb under `dir`; open it before use. */
export function deskAgentRepository(
  dir: string,
  options: DocumentStoreOptions = {},
): LowdbRepository<DeskAgentRecord> {
  return lowdbRepository(DESK_AGENT_COLLECTION, dir, options);
}
