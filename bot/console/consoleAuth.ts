import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { ApiError, parseOr400 } from '../api/apiRoute.js';
import { hashToken, type AgentTokens } from '../api/agentTokens.js';
import type { DirectoryUser } from '../directory/schemas.js';
import type { ConsoleSession, ConsoleSessions, SignInMethod } from './consoleSessions.js';
import { sessionCookieName } from './consoleSessions.js';
import { TeamsSsoError, type TeamsSsoVerifier } from './teamsSso.js';

/** The signed-in agent of a console request. */
export interface ConsoleAgent {
  id: string;
  name: string;
  locale?: string;
  session: ConsoleSession;
}

/** What console authentication needs. */
export interface ConsoleAuthDeps {
  sessions: ConsoleSessions;
  agentTokens: AgentTokens;
  /** The directory's agents (only they may sign in). */
  agents: () => DirectoryUser[];
  /** Local mode: demo agents sign in without a token (still as a named agent). */
  localMode: boolean;
  /** Teams tab sign-in (SSO), when an app registration is configured. */
  teamsSso?: TeamsSsoVerifier;
  /** Signing in made the agent known to the desk. */
  onSignIn: (agent: DirectoryUser) => Promise<void>;
  logger: Logger;
}

/** Header every state-changing console request must carry: the session's CSRF token. */
export const CSRF_HEADER = 'x-firstline-csrf';

export const signInSchema = z.union([
  z.strictObject({ token: z.string().min(1).max(500) }),
  z.strictObject({ agentId: z.string().min(1).max(200) }),
]);
export const teamsSignInSchema = z.strictObject({ token: z.string().min(1).max(20_000) });

/**
 * Signing agents in to the console and checking every console request. Sign-in takes the agent's own API token
 * (production), a Teams SSO token (Teams tab) or — local mode only — a demo agent's id; it opens a session held in
 * an httpOnly cookie. State-changing requests must also send the session's CSRF token in {@link CSRF_HEADER}
 * and, when the browser says where they come from, come from this origin.
 */
export class ConsoleAuth {
  constructor(private readonly deps: ConsoleAuthDeps) {}

  /**
   * Mount `POST/GET/DELETE <base>/session` and `POST <base>/session/teams` (base `/api/console`; the knowledge
   * page mounts its own under `/api/knowledge`, for the people it lets in).
   */
  register(
    server: Server,
    route: (
      handler: (req: Request, res: Response) => Promise<void>,
    ) => (req: Request, res: Response) => Promise<void>,
    base = '/api/console',
  ): void {
    server.post(
      `${base}/session`,
      route(async (req, res) => {
        const body = parseOr400(signInSchema, req.body, 'sign-in');
        if ('token' in body) {
          const agentId = this.deps.agentTokens.verify(body.token);
          const agent = agentId ? this.agent(agentId) : undefined;
          if (!agent) throw new ApiError(401, 'Unauthorized', 'this token is not a valid agent token');
          return this.open(req, res, agent, 'token', hashToken(body.token));
        }
        if (!this.deps.localMode)
          throw new ApiError(403, 'Forbidden', 'signing in without a token works in local mode only');
        const agent = this.agent(body.agentId);
        if (!agent) throw new ApiError(404, 'NotFound', 'no such agent in the directory');
        return this.open(req, res, agent, 'demo');
      }),
    );
    server.post(
      `${base}/session/teams`,
      route(async (req, res) => {
        const verifier = this.deps.teamsSso;
        if (!verifier)
          throw new ApiError(503, 'TeamsSsoOff', 'Teams sign-in is not configured (TEAMS_SSO_CLIENT_ID)');
        const { token } = parseOr400(teamsSignInSchema, req.body, 'Teams sign-in');
        let aadObjectId: string;
        try {
          ({ aadObjectId } = await verifier.verify(token));
        } catch (error) {
          if (!(error instanceof TeamsSsoError)) throw error;
          this.deps.logger.warn({ reason: error.message }, 'console: Teams sign-in refused');
          throw new ApiError(401, 'Unauthorized', error.message);
        }
        const agent = this.deps.agents().find((a) => a.aadObjectId === aadObjectId);
        if (!agent)
          throw new ApiError(403, 'Forbidden', 'your Teams account is not an agent in the directory');
        return this.open(req, res, agent, 'teams');
      }),
    );
    server.get(
      `${base}/session`,
      route(async (req, res) => {
        const agent = this.authenticate(req);
        res.json(200, this.describe(agent));
      }),
    );
    server.del(
      `${base}/session`,
      route(async (req, res) => {
        const agent = this.authenticate(req, true);
        const sessionId = cookieOf(req, sessionCookieName(this.secure(req, agent.session.via)));
        if (sessionId) await this.deps.sessions.close(sessionId);
        res.header('Set-Cookie', this.cookie(req, agent.session.via, '', 0));
        res.send(204);
      }),
    );
  }

  /**
   * The signed-in agent of a request, or an {@link ApiError}: 401 without a live session (or when the agent left
   * the directory or the token it signed in with was revoked), 403 for a state change without the CSRF token or
   * from another origin.
   */
  authenticate(req: Request, changes = false): ConsoleAgent {
    const session = [true, false]
      .map((secure) => this.deps.sessions.find(cookieOf(req, sessionCookieName(secure))))
      .find((s) => s !== undefined);
    const agent = session ? this.agent(session.agentId) : undefined;
    const tokenLive =
      !session?.tokenHash || this.deps.agentTokens.agentOfHash(session.tokenHash) === session.agentId;
    if (!session || !agent || !tokenLive) {
      throw new ApiError(401, 'Unauthorized', 'sign in to the console first');
    }
    if (changes) {
      const header = req.headers[CSRF_HEADER];
      if (!this.deps.sessions.csrfMatches(session, typeof header === 'string' ? header : undefined))
        throw new ApiError(403, 'Forbidden', `missing or wrong ${CSRF_HEADER} header`);
      if (!sameOriginRequest(req)) throw new ApiError(403, 'Forbidden', 'request from another origin');
    }
    return { id: agent.id, name: agent.name, ...(agent.locale ? { locale: agent.locale } : {}), session };
  }

  private async open(
    req: Request,
    res: Response,
    agent: DirectoryUser,
    via: SignInMethod,
    tokenHash?: string,
  ): Promise<void> {
    if (!sameOriginRequest(req)) throw new ApiError(403, 'Forbidden', 'sign-in from another origin');
    const { sessionId, session } = await this.deps.sessions.open(agent.id, via, tokenHash);
    await this.deps.onSignIn(agent);
    this.deps.logger.info({ agentId: agent.id, via }, 'console: agent signed in');
    res.header(
      'Set-Cookie',
      this.cookie(req, via, sessionId, Math.round((Date.parse(session.expiresAt) - Date.now()) / 1000)),
    );
    res.json(201, this.describe({ id: agent.id, name: agent.name, session }));
  }

  private describe(agent: Pick<ConsoleAgent, 'id' | 'name' | 'session'>) {
    return { agent: { id: agent.id, name: agent.name }, csrf: agent.session.csrf, via: agent.session.via };
  }

  private agent(agentId: string): DirectoryUser | undefined {
    return this.deps.agents().find((a) => a.id === agentId);
  }

  /** Secure cookies outside local mode, and always inside Teams (which requires HTTPS anyway). */
  private secure(_req: Request, via: SignInMethod): boolean {
    return !this.deps.localMode || via === 'teams';
  }

  /**
   * The session cookie: httpOnly, path /, SameSite=Strict — except in the Teams tab, a third-party frame, where
   * it must be SameSite=None; Secure; Partitioned (the CSRF header and the origin check still apply).
   */
  private cookie(req: Request, via: SignInMethod, value: string, maxAgeSeconds: number): string {
    const secure = this.secure(req, via);
    return [
      `${sessionCookieName(secure)}=${value}`,
      'Path=/',
      'HttpOnly',
      `Max-Age=${Math.max(0, maxAgeSeconds)}`,
      ...(via === 'teams' ? ['SameSite=None', 'Secure', 'Partitioned'] : ['SameSite=Strict']),
      ...(secure && via !== 'teams' ? ['Secure'] : []),
    ].join('; ');
  }
}

/** A cookie's value from the request's `Cookie` header. */
export function cookieOf(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || undefined;
  }
  return undefined;
}

/**
 * Whether a request's `Origin` (sent by browsers on every cross-origin request and on same-origin POSTs) names
 * this host; requests without it (non-browser clients) pass — they carry no ambient cookie by accident.
 */
function sameOriginRequest(req: Request): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === '') return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
