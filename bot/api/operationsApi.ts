import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { CASE_STATUSES, PRIORITY_LEVELS, type Case } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';
import type { AgentTokens } from './agentTokens.js';
import { ApiError, guardedRoute, parseOr400, queryOf, type GuardedHandler } from './apiRoute.js';
import { BearerAuth } from './bearerAuth.js';
import type { ContactLog } from './contactLog.js';
import { computeStats } from './stats.js';

/** What the operations API needs. */
export interface OperationsApiDeps {
  cases: CaseService;
  contacts: ContactLog;
  agentTokens: AgentTokens;
  /** `ADMIN_TOKEN`; undefined/empty = no admin access (agents' tokens still work). */
  adminToken?: string;
  /** True for a directory user who is an agent (tokens are only issued to agents). */
  isAgent?: (userId: string) => boolean;
  logger: Logger;
}

/** Filters of `GET /api/cases`; unknown parameters are refused so typos do not silently match all. */
export const caseQuerySchema = z
  .object({
    status: z.enum(CASE_STATUSES).optional(),
    organisation: z.string().min(1).max(200).optional(),
    priority: z.enum(PRIORITY_LEVELS).optional(),
  })
  .strict();

/**
 * Register `GET /api/cases`, `GET /api/cases/:id` and `GET /api/stats` behind bearer credentials:
 * the admin token or an agent's own token. Unauthenticated requests get 401 with
 * `WWW-Authenticate: Bearer`. Tokens are never logged.
 */
export function registerOperationsApi(server: Server, deps: OperationsApiDeps): void {
  const auth = new BearerAuth(deps.adminToken, deps.agentTokens, deps.isAgent);
  const guarded = (handler: GuardedHandler) => guardedRoute(auth, deps.logger, handler);

  server.get(
    '/api/cases',
    guarded((req, res) => {
      const f = parseOr400(caseQuerySchema, queryOf(req), 'filter');
      const matches = (c: Case): boolean =>
        (!f.status || c.status === f.status) &&
        (!f.organisation || c.organisationId === f.organisation) &&
        (!f.priority || c.priority.level === f.priority);
      const cases = deps.cases
        .list(matches)
        .sort((a, b) => b.priority.score - a.priority.score || a.createdAt.localeCompare(b.createdAt));
      res.json(200, { count: cases.length, cases });
    }),
  );

  server.get(
    '/api/cases/:id',
    guarded((req, res) => {
      const id = z
        .string()
        .regex(/^cs-\d+$/i)
        .safeParse(req.params?.id);
      if (!id.success) throw new ApiError(400, 'BadRequest', 'case id must look like CS-12345');
      const found = deps.cases.get(id.data);
      if (!found) throw new ApiError(404, 'NotFound', `case ${id.data.toUpperCase()} not found`);
      res.json(200, found);
    }),
  );

  // Admin only: issue an agent's own API token (shown once, stored hashed) or revoke them all.
  const adminOnly =
    (handler: (agentId: string) => Promise<{ status: number; body: unknown }>) =>
    async (req: Request, res: Response): Promise<void> => {
      const who = auth.authenticate(req.headers.authorization);
      if (who?.kind !== 'admin') {
        if (!who) res.header('WWW-Authenticate', 'Bearer realm="firstline-operations"');
        const [status, code] = who ? [403, 'Forbidden'] : [401, 'Unauthorized'];
        res.json(status, { error: { code, message: 'the admin token is required' } });
        return;
      }
      const agentId = z.string().min(1).max(200).safeParse(req.params?.agentId);
      if (!agentId.success || !(deps.isAgent?.(agentId.data) ?? false)) {
        res.json(404, { error: { code: 'NotFound', message: 'no such agent in the directory' } });
        return;
      }
      const { status, body } = await handler(agentId.data);
      deps.logger.info({ agentId: agentId.data, status }, 'agent token change');
      res.json(status, body);
    };
  server.post(
    '/api/agents/:agentId/tokens',
    adminOnly(async (agentId) => ({
      status: 201,
      body: { agentId, token: await deps.agentTokens.issueAgentToken(agentId) },
    })),
  );
  server.del(
    '/api/agents/:agentId/tokens',
    adminOnly(async (agentId) => ({
      status: 200,
      body: { agentId, revoked: await deps.agentTokens.revokeAll(agentId) },
    })),
  );

  server.get(
    '/api/stats',
    guarded((_req, res) => {
      res.json(200, computeStats(deps.cases.list(), deps.contacts.list()));
    }),
  );
}
