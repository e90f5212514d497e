import { z } from 'zod';
import { langSchema } from '../domain/language.js';
import { conversationRefSchema } from '../cases/caseSchema.js';
import type { CollectionSpec } from '../storage/collection.js';
import type { DocumentStoreOptions } from '../storage/documentStore.js';
import { lowdbRepository, type LowdbRepository } from '../storage/repository.js';

/** Whether an agent takes new cases: new cases are offered to available agents first. */
export const AVAILABILITIES = ['available', 'away'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** One chat conversation an agent works in (a Teams chat or channel, a Web Chat): at most one case is active there. */
export const agentChatSchema = z.object({
  reference: conversationRefSchema,
  /** The case this conversation's plain messages go to; none = plain text is not sent anywhere. */
  activeCaseId: z.string().optional(),
});
export type AgentChat = z.infer<typeof agentChatSchema>;

export const deskAgentSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  lang: langSchema,
  /** The agent's most recent chat conversation (offers and transfers are announced there). */
  reference: conversationRefSchema.optional(),
  /** Before per-conversation active cases: read for compatibility with stored records, never used. */
  activeCaseId: z.string().optional(),
  /** The agent's chat conversations by conversation id. */
  chats: z.record(z.string(), agentChatSchema).default({}),
  /**
   * Held cases worked in a chat, case id → conversation id: that conversation gets the customer's messages. A
   * held case that is not here is worked in the console only.
   */
  caseChats: z.record(z.string(), z.string()).default({}),
  availability: z.enum(AVAILABILITIES).default('available'),
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
