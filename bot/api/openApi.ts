import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { caseSchema } from '../cases/caseSchema.js';
import { meSchema, mergeSchema, resolveSchema, textSchema, transferSchema } from '../console/consoleApi.js';
import { signInSchema, teamsSignInSchema } from '../console/consoleAuth.js';
import {
  declareIncidentSchema,
  resolveIncidentSchema,
  updateIncidentSchema,
} from '../incidents/incidentRequests.js';
import { incidentSchema } from '../incidents/incidentSchema.js';
import { caseQuerySchema } from './operationsApi.js';

/** How an operation is authenticated. */
type Security = 'bearer' | 'console' | 'metrics' | 'none';

/** One documented operation: the zod schemas the route already validates with become its JSON Schemas. */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path (`/api/cases/{id}`). */
  path: string;
  summary: string;
  tag: 'operations' | 'incidents' | 'console' | 'health';
  security: Security;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success status and the schema of its body (when there is a zod schema of it). */
  ok: { status: number; description: string; schema?: z.ZodType; contentType?: string };
}

const CASE = '/api/console/cases/{id}';
const consoleAction = (action: string, summary: string, body?: z.ZodType, status = 200): ApiOperation => ({
  method: 'post',
  path: `${CASE}/${action}`,
  summary,
  tag: 'console',
  security: 'console',
  ...(body ? { body } : {}),
  ok: { status, description: 'done' },
});

/**
 * Every route of the operations API, the incident API, the agent console's API and the operational endpoints.
 * (Not here: the Bot Framework and Direct Line protocols, `/api/messages` and `/v3/...`, documented by Microsoft;
 * the in-process Direct Line's internal route; the widget page's local token route; the knowledge editors' page API.)
 */
export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/api/cases',
    summary: 'Cases, by priority then age, filtered',
    tag: 'operations',
    security: 'bearer',
    query: caseQuerySchema,
    ok: {
      status: 200,
      description: 'the cases',
      schema: z.object({ count: z.number(), cases: z.array(caseSchema) }),
    },
  },
  {
    method: 'get',
    path: '/api/cases/{id}',
    summary: 'One case, whole',
    tag: 'operations',
    security: 'bearer',
    ok: { status: 200, description: 'the case', schema: caseSchema },
  },
  {
    method: 'get',
    path: '/api/stats',
    summary: 'Case and contact statistics',
    tag: 'operations',
    security: 'bearer',
    ok: { status: 200, description: 'the figures' },
  },
  {
    method: 'post',
    path: '/api/agents/{agentId}/tokens',
    summary: "Issue an agent's own API token (admin token only; shown once)",
    tag: 'operations',
    security: 'bearer',
    ok: {
      status: 201,
      description: 'the token',
      schema: z.object({ agentId: z.string(), token: z.string() }),
    },
  },
  {
    method: 'delete',
    path: '/api/agents/{agentId}/tokens',
    summary: "Revoke all of an agent's API tokens (admin token only)",
    tag: 'operations',
    security: 'bearer',
    ok: {
      status: 200,
      description: 'revoked',
      schema: z.object({ agentId: z.string(), revoked: z.number() }),
    },
  },
  {
    method: 'post',
    path: '/api/incidents',
    summary: 'Declare a major incident (network outage)',
    tag: 'incidents',
    security: 'bearer',
    body: declareIncidentSchema,
    ok: { status: 201, description: 'the incident', schema: incidentSchema },
  },
  {
    method: 'get',
    path: '/api/incidents',
    summary: 'Incidents',
    tag: 'incidents',
    security: 'bearer',
    ok: { status: 200, description: 'the incidents' },
  },
  {
    method: 'get',
    path: '/api/incidents/{id}',
    summary: 'One incident, with its notices',
    tag: 'incidents',
    security: 'bearer',
    ok: { status: 200, description: 'the incident' },
  },
  {
    method: 'post',
    path: '/api/incidents/{id}/updates',
    summary: 'Change an incident (scope, status, message to the affected customers)',
    tag: 'incidents',
    security: 'bearer',
    body: updateIncidentSchema,
    ok: { status: 200, description: 'the incident', schema: incidentSchema },
  },
  {
    method: 'post',
    path: '/api/incidents/{id}/resolve',
    summary: 'Resolve an incident (customers are told; check-ins follow)',
    tag: 'incidents',
    security: 'bearer',
    body: resolveIncidentSchema,
    ok: { status: 200, description: 'the incident', schema: incidentSchema },
  },
  {
    method: 'get',
    path: '/api/console/config',
    summary: 'How the console signs in (local mode, Teams SSO)',
    tag: 'console',
    security: 'none',
    ok: { status: 200, description: 'the configuration' },
  },
  {
    method: 'post',
    path: '/api/console/session',
    summary:
      "Sign in with an agent's API token (or, in local mode, a demo agent id): session cookie + CSRF token",
    tag: 'console',
    security: 'none',
    body: signInSchema,
    ok: { status: 201, description: 'signed in' },
  },
  {
    method: 'get',
    path: '/api/console/session',
    summary: 'Who is signed in',
    tag: 'console',
    security: 'console',
    ok: { status: 200, description: 'the session' },
  },
  {
    method: 'delete',
    path: '/api/console/session',
    summary: 'Sign out',
    tag: 'console',
    security: 'console',
    ok: { status: 200, description: 'signed out' },
  },
  {
    method: 'post',
    path: '/api/console/session/teams',
    summary: 'Sign in from the Teams tab (single sign-on token)',
    tag: 'console',
    security: 'none',
    body: teamsSignInSchema,
    ok: { status: 201, description: 'signed in' },
  },
  {
    method: 'get',
    path: '/api/console/state',
    summary: "The agent's state: queue, their cases, offers, colleagues, teams",
    tag: 'console',
    security: 'console',
    ok: { status: 200, description: 'the state' },
  },
  {
    method: 'put',
    path: '/api/console/me',
    summary: "The agent's availability and language",
    tag: 'console',
    security: 'console',
    body: meSchema,
    ok: { status: 200, description: 'the settings' },
  },
  {
    method: 'get',
    path: '/api/console/events',
    summary: 'Live events (server-sent events): queue, offers, agents, case changes, messages, typing',
    tag: 'console',
    security: 'console',
    ok: { status: 200, description: 'an event stream', contentType: 'text/event-stream' },
  },
  {
    method: 'get',
    path: CASE,
    summary: 'One case as the console shows it, with its whole conversation',
    tag: 'console',
    security: 'console',
    ok: { status: 200, description: 'the case' },
  },
  consoleAction('pick', 'Take the case'),
  consoleAction('decline', 'Decline the case offered to you'),
  consoleAction('messages', 'Write to the customer', textSchema, 201),
  consoleAction('notes', 'Add an internal note', textSchema, 201),
  consoleAction('typing', 'Show the customer that the agent is typing'),
  consoleAction('resolve', 'Resolve the case (with an optional summary)', resolveSchema),
  consoleAction('release', 'Put the case back in the queue'),
  consoleAction('handback', 'Hand the conversation back to the bot'),
  consoleAction('transfer', 'Transfer to another agent or a team', transferSchema),
  consoleAction('merge', 'Merge a duplicate case into this one', mergeSchema),
  consoleAction('sims/refresh', "Look the case's SIMs up again, live"),
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    tag: 'health',
    security: 'none',
    ok: { status: 200, description: 'alive' },
  },
  {
    method: 'get',
    path: '/readyz',
    summary:
      'Readiness: 503 while the store (PostgreSQL) is unreachable, knowledge or NLU not loaded, or shutting down',
    tag: 'health',
    security: 'none',
    ok: { status: 200, description: 'ready (503 with the failing checks otherwise)' },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics of this instance',
    tag: 'health',
    security: 'metrics',
    ok: { status: 200, description: 'Prometheus text format', contentType: 'text/plain' },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This description',
    tag: 'health',
    security: 'none',
    ok: { status: 200, description: 'OpenAPI 3.1' },
  },
];

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a client sends or receives. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const SECURITY: Record<Security, Array<Record<string, string[]>>> = {
  bearer: [{ bearer: [] }],
  console: [{ consoleSession: [] }],
  metrics: [{ bearer: [] }],
  none: [],
};

/** The OpenAPI 3.1 document of {@link API_OPERATIONS}. */
export function openApiDocument(
  operations: readonly ApiOperation[] = API_OPERATIONS,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = op.query
      ? Object.entries(jsonSchema(op.query, 'input')['properties'] ?? {}).map(([name, schema]) => ({
          name,
          in: 'query',
          required: false,
          schema,
        }))
      : [];
    const parameters = [...pathParams, ...queryParams];
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      security: SECURITY[op.security],
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(op.ok.status)]: {
          description: op.ok.description,
          content: {
            [op.ok.contentType ?? 'application/json']: op.ok.schema
              ? { schema: jsonSchema(op.ok.schema, 'output') }
              : {},
          },
        },
        default: {
          description: 'an error',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Firstline operations API',
      version: '1',
      description:
        'Cases, statistics, agent tokens and incidents (bearer: ADMIN_TOKEN or an agent token), the agent console (session cookie from POST /api/console/session, CSRF token in x-firstline-csrf on changes), health and metrics (bearer: METRICS_TOKEN or ADMIN_TOKEN).',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        // `__Host-firstline_console` over HTTPS.
        consoleSession: { type: 'apiKey', in: 'cookie', name: 'firstline_console' },
      },
    },
    paths,
  };
}

/** Serve the document at `GET /api/openapi.json` (public: it holds no data). */
export function registerOpenApiRoute(
  server: Server,
  document: Record<string, unknown> = openApiDocument(),
): void {
  server.get('/api/openapi.json', (_req: Request, res: Response, next: (err?: false) => void) => {
    res.json(200, document);
    next(false);
  });
}
