import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CollectionSpec } from '../storage/collection.js';
import type { DocumentStoreOptions } from '../storage/documentStore.js';
import { lowdbRepository, type LowdbRepository, type Repository } from '../storage/repository.js';

export const agentTokenSchema = z.object({
  /** sha256 of the token (hex): the clear token is never stored. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  agentId: z.string().min(1),
  createdAt: z.string(),
  revoked: z.boolean().default(false),
});
export type AgentTokenRecord = z.infer<typeof agentTokenSchema>;

/** sha256 (hex) of a token. A plain hash suffices: tokens are 256 random bits, not guessable passwords. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The `agentTokens` collection. */
export const AGENT_TOKEN_COLLECTION: CollectionSpec<AgentTokenRecord> = {
  name: 'agentTokens',
  schema: agentTokenSchema,
};

/** The `agentTokens` repository on lowdb under `dir`; open it before use. */
export function agentTokenRepository(
  dir: string,
  options: DocumentStoreOptions = {},
): LowdbRepository<AgentTokenRecord> {
  return lowdbRepository(AGENT_TOKEN_COLLECTION, dir, options);
}

/**
 * Agents' own API tokens, stored hashed. Looking a token up by its hash means the comparison never
 * touches the clear token, so there is no timing side channel on the stored value.
 */
export class AgentTokens {
  constructor(
    private readonly repo: Repository<AgentTokenRecord>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Issue a new token for `agentId`; the clear token is returned once and never again. */
  async issueAgentToken(agentId: string): Promise<string> {
    if (!agentId.trim()) throw new Error('AgentTokens.issueAgentToken: agentId is required');
    const token = `fla_${randomBytes(32).toString('base64url')}`;
    await this.repo.put({
      id: hashToken(token),
      agentId,
      createdAt: this.now().toISOString(),
      revoked: false,
    });
    return token;
  }

  /** The agent a token belongs to, or undefined for an unknown or revoked token. */
  verify(token: string): string | undefined {
    const record = this.repo.get(hashToken(token));
    return record && !record.revoked ? record.agentId : undefined;
  }

  /** The agent of a token known by its hash (a console session signed in with it), while it is not revoked. */
  agentOfHash(tokenHash: string): string | undefined {
    const record = this.repo.get(tokenHash);
    return record && !record.revoked ? record.agentId : undefined;
  }

  /** Revoke every token of an agent; returns how many. */
  async revokeAll(agentId: string): Promise<number> {
    const mine = this.repo.list((r) => r.agentId === agentId && !r.revoked);
    for (const r of mine) await this.repo.update(r.id, (cur) => ({ ...(cur ?? r), revoked: true }));
    return mine.length;
  }
}
