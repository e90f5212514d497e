import { createHash, timingSafeEqual } from 'node:crypto';
import type { AgentTokens } from './agentTokens.js';

/** Who an API request is authenticated as. */
export type Principal = { kind: 'admin' } | { kind: 'agent'; agentId: string };

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return m?.[1];
}

/** Constant-time equality of two secrets of any length (compares their sha256 digests). */
export function secretEquals(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/**
 * Authenticates bearer tokens: the admin token from configuration (compared in constant time) or an
 * agent's own token (looked up by hash). An empty admin token disables admin access entirely.
 */
export class BearerAuth {
  constructor(
    private readonly adminToken: string | undefined,
    private readonly agentTokens: AgentTokens,
    /** Still an agent in the directory? A token dies with the agent's role, not only on revocation. */
    private readonly isAgent: (userId: string) => boolean = () => true,
  ) {}

  authenticate(header: string | string[] | undefined): Principal | undefined {
    const token = bearerToken(header);
    if (!token) return undefined;
    if (this.adminToken && secretEquals(token, this.adminToken)) return { kind: 'admin' };
    const agentId = this.agentTokens.verify(token);
    return agentId && this.isAgent(agentId) ? { kind: 'agent', agentId } : undefined;
  }
}
