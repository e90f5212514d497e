import type { Logger } from 'pino';
import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { AgentTokens } from '../api/agentTokens.js';
import { ApiError, guardedRoute, parseOr400, type GuardedHandler } from '../api/apiRoute.js';
import { BearerAuth, type Principal } from '../api/bearerAuth.js';
import type { SpokenLanguages } from '../domain/language.js';
import { declareIncidentSchema, resolveIncidentSchema, updateIncidentSchema } from './incidentRequests.js';
import {
  IncidentConflictError,
  IncidentNotFoundError,
  type Announced,
  type IncidentService,
} from './incidentService.js';

/** What the incident routes need (the same credentials as the rest of the operations API). */
export interface IncidentApiDeps {
  incidents: IncidentService;
  /** Whether an organisation id exists in the directory (explicit scopes are checked). */
  organisationExists: (id: string) => boolean;
  agentTokens: AgentTokens;
  adminToken?: string;
  isAgent?: (userId: string) => boolean;
  /** The languages the knowledge in force speaks: a message in any other is refused. */
  spoken: () => SpokenLanguages;
  logger: Logger;
}

/** 400 naming the first language of a customer message that the knowledge in force does not speak. */
function refuseUnspoken(message: Partial<Record<string, string>> | undefined, spoken: SpokenLanguages): void {
  const unspoken = Object.keys(message ?? {}).find((lang) => !spoken.has(lang));
  if (unspoken !== undefined)
    throw new ApiError(
      400,
      'BadRequest',
      `invalid body message.${unspoken}: not a language Firstline speaks (${spoken.list.join(', ')})`,
    );
}

const idParam = z.string().regex(/^inc-\d+$/i, 'incident ids look like INC-1001');

/**
 * Register the NOC's incident routes behind the operations API's bearer credentials (admin token or an agent's
 * token): `POST /api/incidents` (declare), `GET /api/incidents` (open first), `GET /api/incidents/:id`,
 * `POST /api/incidents/:id/updates` and `POST /api/incidents/:id/resolve`. Declaring, updating and resolving
 * answer with the incident and what telling its customers did (`notices`: notified, failed, skipped).
 */
export function registerIncidentApi(server: Server, deps: IncidentApiDeps): void {
  const auth = new BearerAuth(deps.adminToken, deps.agentTokens, deps.isAgent);
  const guarded = (handler: GuardedHandler) =>
    guardedRoute(auth, deps.logger, async (req, res, who) => {
      try {
        await handler(req, res, who);
      } catch (err) {
        if (err instanceof IncidentNotFoundError) throw new ApiError(404, 'NotFound', err.message);
        if (err instanceof IncidentConflictError) throw new ApiError(409, 'Conflict', err.message);
        throw err;
      }
    });
  const by = (who: Principal): string => (who.kind === 'admin' ? 'admin' : who.agentId);
  const idOf = (req: Request): string => parseOr400(idParam, req.params?.id, 'incident id').toUpperCase();

  server.post(
    '/api/incidents',
    guarded(async (req, res, who) => {
      const body = parseOr400(declareIncidentSchema, req.body ?? {}, 'body');
      refuseUnspoken(body.message, deps.spoken());
      const unknown = body.scope.organisationIds.findIndex((id) => !deps.organisationExists(id));
      if (unknown >= 0)
        throw new ApiError(
          400,
          'BadRequest',
          `invalid body scope.organisationIds.${unknown}: unknown organisation "${body.scope.organisationIds[unknown]}"`,
        );
      res.json(201, await deps.incidents.declare(body, by(who)));
    }),
  );

  server.get(
    '/api/incidents',
    guarded((_req, res) => {
      const incidents = deps.incidents.list();
      res.json(200, { count: incidents.length, incidents });
    }),
  );

  server.get(
    '/api/incidents/:id',
    guarded((req, res) => {
      const id = idOf(req);
      const incident = deps.incidents.get(id);
      if (!incident) throw new IncidentNotFoundError(id);
      res.json(200, { ...incident, deliveries: deps.incidents.deliveries(id) });
    }),
  );

  // An update and a resolution differ only in their body and what the service does with it.
  const change = <S extends z.ZodType<{ message?: Partial<Record<string, string>> | undefined }>>(
    schema: S,
    act: (id: string, body: z.output<S>, by: string) => Promise<Announced>,
  ) =>
    guarded(async (req, res, who) => {
      const id = idOf(req);
      const body = parseOr400(schema, req.body ?? {}, 'body');
      refuseUnspoken(body.message, deps.spoken());
      res.json(200, await act(id, body, by(who)));
    });
  server.post(
    '/api/incidents/:id/updates',
    change(updateIncidentSchema, (id, body, who) => deps.incidents.update(id, body, who)),
  );
  server.post(
    '/api/incidents/:id/resolve',
    change(resolveIncidentSchema, (id, body, who) => deps.incidents.resolve(id, body, who)),
  );
}
