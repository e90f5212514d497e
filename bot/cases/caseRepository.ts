import { Repository, type RepositoryOptions } from '../storage/repository.js';
import { caseSchema, OPEN_STATUSES, type Case } from './caseSchema.js';

/** Secondary indexes of the cases repository: what every-turn queries look cases up by. */
export type CaseIndex = 'conversation' | 'organisation' | 'contact' | 'status' | 'agent';

/** The `cases` repository under `dir`, with its indexes; open it before use. */
export function caseRepository(
  dir: string,
  options: RepositoryOptions<Case> = {},
): Repository<Case, CaseIndex> {
  return new Repository<Case, CaseIndex>('cases', dir, caseSchema, {
    ...options,
    indexes: {
      // Only open cases: a customer conversation has at most a handful, however long its history.
      conversation: (c) => (OPEN_STATUSES.includes(c.status) ? c.conversation?.conversation?.id : undefined),
      organisation: (c) => c.organisationId,
      contact: (c) => c.contactUserId,
      status: (c) => c.status,
      agent: (c) => c.assignedAgentId,
    },
  });
}
