import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { secretEquals } from '../api/bearerAuth.js';
import type { CollectionSpec } from '../storage/collection.js';
import type { DocumentStoreOptions } from '../storage/documentStore.js';
import { lowdbRepository, type LowdbRepository, type Repository } from '../storage/repository.js';

/** How an agent proved who they are. */
export const SIGN_IN_METHODS = ['token', 'teams', 'demo'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export const consoleSessionSchema = z.object({
  /** sha256 of the session id (the cookie's value is never stored). */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  agentId: z.string().min(1),
  /** Anti-CSRF token: every request that changes something must send it in `X-Firstline-CSRF`. */
  csrf: z.string().min(32),
  via: z.enum(SIGN_IN_METHODS),
  /** Signed in with an agent token: its hash — the session ends when the token is revoked. */
  tokenHash: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type ConsoleSession = z.infer<typeof consoleSessionSchema>;

/** The `consoleSessions` collection. */
export const CONSOLE_SESSION_COLLECTION: CollectionSpec<ConsoleSession> = {
  name: 'consoleSessions',
  schema: consoleSessionSchema,
};

/** The `consoleSessions` repository on lowdb under `dir`; open it before use. */
export function consoleSessionRepository(
  dir: string,
  options: DocumentStoreOptions = {},
): LowdbRepository<ConsoleSession> {
  return lowdbRepository(CONSOLE_SESSION_COLLECTION, dir, options);
}

/** Name of the session cookie (`__Host-` outside local mode: Secure, path /, no Domain — the browser enforces it). */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-firstline_console' : 'firstline_console';
}

/** sha256 (hex) of a session id. */
function hashId(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}

/**
 * Console sessions: a random id in an httpOnly cookie (scripts in the page never see a credential), a CSRF token
 * the page keeps in memory, a fixed lifetime. Stored hashed and durable, so a restart does not sign agents out
 * and another instance on the same store recognises them.
 */
export class ConsoleSessions {
  constructor(
    private readonly repo: Repository<ConsoleSession>,
    private readonly lifetimeMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Open a session; returns the cookie value (shown once) and the session. */
  async open(
    agentId: string,
    via: SignInMethod,
    tokenHash?: string,
  ): Promise<{ sessionId: string; session: ConsoleSession }> {
    const sessionId = randomBytes(32).toString('base64url');
    const at = this.now();
    const session = await this.repo.put({
      id: hashId(sessionId),
      agentId,
      csrf: randomBytes(24).toString('base64url'),
      via,
      ...(tokenHash ? { tokenHash } : {}),
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + this.lifetimeMs).toISOString(),
    });
    await this.sweep();
    return { sessionId, session };
  }

  /** The live session of a cookie value, or undefined (unknown, expired). */
  find(sessionId: string | undefined): ConsoleSession | undefined {
    if (!sessionId) return undefined;
    const session = this.repo.get(hashId(sessionId));
    return session && session.expiresAt > this.now().toISOString() ? session : undefined;
  }

  /** Whether `given` is the session's CSRF token (constant time). */
  csrfMatches(session: ConsoleSession, given: string | undefined): boolean {
    return typeof given === 'string' && secretEquals(given, session.csrf);
  }

  /** End a session (sign out). */
  async close(sessionId: string): Promise<void> {
    const id = hashId(sessionId);
    if (this.repo.get(id)) await this.repo.remove(id);
  }

  /** End every session of an agent (their token was revoked or they left the directory). */
  async closeAllOf(agentId: string): Promise<void> {
    for (const s of this.repo.list((x) => x.agentId === agentId)) await this.repo.remove(s.id);
  }

  /** Forget expired sessions (done on each sign-in: the collection stays as small as the agents signed in). */
  private async sweep(): Promise<void> {
    const now = this.now().toISOString();
    for (const s of this.repo.list((x) => x.expiresAt <= now)) await this.repo.remove(s.id);
  }
}
