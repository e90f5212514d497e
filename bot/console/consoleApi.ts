import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { ApiError, parseOr400 } from '../api/apiRoute.js';
import type { Case } from '../cases/caseSchema.js';
import type { CaseService } from '../cases/caseService.js';
import type { SimLookupService } from '../connectivity/simLookup.js';
import { langSchema, type Lang, type SpokenLanguages } from '../domain/language.js';
import type { AgentDesk } from '../handoff/agentDesk.js';
import { DeskError, type ActingAgent } from '../handoff/deskActions.js';
import { AVAILABILITIES } from '../handoff/deskAgents.js';
import type { DeskTeam } from '../knowledgeBase/schemas/deskSchema.js';
import type { AgentTokens } from '../api/agentTokens.js';
import type { TextFn } from '../cases/texts.js';
import type { DirectoryUser } from '../directory/schemas.js';
import type { CannedReply } from '../knowledgeBase/schemas/deskSchema.js';
import { CaseViews, type CaseViewDeps } from './caseView.js';
import { ConsoleAuth, type ConsoleAgent } from './consoleAuth.js';
import type { ConsoleEvents } from './consoleEvents.js';
import type { ConsoleSessions } from './consoleSessions.js';
import type { TeamsSsoVerifier } from './teamsSso.js';

/** What the console's API needs; wired in bot/index.ts. */
export interface ConsoleApiDeps {
  desk: AgentDesk;
  cases: CaseService;
  events: ConsoleEvents;
  sims: SimLookupService;
  sessions: ConsoleSessions;
  agentTokens: AgentTokens;
  /** The directory's agents: only they sign in; they are the transfer targets. */
  directoryAgents: () => DirectoryUser[];
  text: TextFn;
  organisation: CaseViewDeps['organisation'];
  person: (userId: string) => string | undefined;
  incident?: CaseViewDeps['incident'];
  cannedReplies: () => readonly CannedReply[];
  teams: () => readonly DeskTeam[];
  /** The languages spoken (`languages.json`): what an agent picks or their locale names must be one of them. */
  spoken: () => SpokenLanguages;
  localMode: boolean;
  /** Teams tab sign-in, when an app registration is configured. */
  teamsSso?: TeamsSsoVerifier;
  logger: Logger;
  /** Heartbeat of the event stream (default 20 s). */
  heartbeatMs?: number;
  now?: () => Date;
}

/** Longest reply or note an agent can send (as for customers). */
const MAX_TEXT = 4000;

const caseIdSchema = z
  .string()
  .regex(/^cs-\d+$/i, 'case ids look like CS-12345')
  .transform((s) => s.toUpperCase());
export const textSchema = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(MAX_TEXT),
});
export const resolveSchema = z.strictObject({ summary: z.string().trim().max(500).optional() }).default({});
export const transferSchema = z.union([
  z.strictObject({ agentId: z.string().min(1).max(200) }),
  z.strictObject({ teamId: z.string().min(1).max(200) }),
]);
export const mergeSchema = z.strictObject({ duplicateId: caseIdSchema });
export const meSchema = z
  .strictObject({ availability: z.enum(AVAILABILITIES).optional(), lang: langSchema.optional() })
  .refine((v) => v.availability !== undefined || v.lang !== undefined, 'give availability or lang');

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * The agent console's API under `/api/console/`: the agent's state (queue, their cases, colleagues, teams), one
 * case whole, the actions on a case — each addressed by the case id in the URL, checked against the signed-in
 * agent holding it — a live event stream (SSE), and live SIM look-ups scoped to the case's organisation.
 */
export function registerConsoleApi(server: Server, deps: ConsoleApiDeps): void {
  const { desk, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const agents = (): Array<{ id: string; name: string }> =>
    deps.directoryAgents().map((a) => ({ id: a.id, name: a.name }));
  const agentName = (id: string): string | undefined => deps.directoryAgents().find((a) => a.id === id)?.name;
  const auth = new ConsoleAuth({
    sessions: deps.sessions,
    agentTokens: deps.agentTokens,
    agents: deps.directoryAgents,
    localMode: deps.localMode,
    ...(deps.teamsSso ? { teamsSso: deps.teamsSso } : {}),
    onSignIn: async (agent) => {
      await desk.agentState.ensure({
        id: agent.id,
        name: agent.name,
        ...localeLang(deps.spoken(), agent.locale),
      });
    },
    logger,
  });
  const views = new CaseViews({
    cases: deps.cases,
    desk,
    text: deps.text,
    organisation: deps.organisation,
    person: deps.person,
    agentName,
    customerLang: (c) => desk.customerLang(c),
    ...(deps.incident ? { incident: deps.incident } : {}),
    cannedReplies: deps.cannedReplies,
    now,
  });
  const route = (handler: Handler) => async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      const mapped = error instanceof DeskError ? deskStatus(error) : error;
      if (mapped instanceof ApiError) {
        res.json(mapped.status, { error: { code: mapped.code, message: mapped.message } });
        return;
      }
      logger.error({ err: error, method: req.method, path: req.path?.() }, 'console API request failed');
      res.json(500, { error: { code: 'InternalError', message: 'internal error' } });
    }
  };
  auth.register(server, route);

  const me = (agent: ConsoleAgent): ActingAgent => ({ id: agent.id, name: agent.name });
  const langOf = (agent: ConsoleAgent): Lang => deps.spoken().resolve(desk.agentState.record(agent.id)?.lang);
  const caseOf = (req: Request): Case => {
    const id = parseOr400(caseIdSchema, req.params?.id, 'case id');
    const c = deps.cases.get(id);
    if (!c) throw new ApiError(404, 'NotFound', `case ${id} not found`);
    return c;
  };
  /** A state-changing route on one case. */
  const action = (
    path: string,
    run: (agent: ConsoleAgent, c: Case, req: Request) => Promise<[number, unknown]>,
  ) =>
    server.post(
      `/api/console/cases/:id/${path}`,
      route(async (req, res) => {
        const agent = auth.authenticate(req, true);
        const [status, body] = await run(agent, caseOf(req), req);
        res.json(status, body);
      }),
    );

  server.get(
    '/api/console/config',
    route(async (_req, res) => {
      res.json(200, {
        localMode: deps.localMode,
        teamsSso: deps.teamsSso !== undefined,
        ...(deps.localMode ? { demoAgents: agents() } : {}),
      });
    }),
  );

  server.get(
    '/api/console/state',
    route(async (req, res) => {
      const agent = auth.authenticate(req);
      const lang = langOf(agent);
      const record = desk.agentState.record(agent.id);
      res.json(200, {
        me: { id: agent.id, name: agent.name, lang, availability: record?.availability ?? 'available' },
        queue: views.queue(agent.id, lang),
        mine: views.mine(agent.id, lang),
        offers: desk.offers.offersFor(agent.id),
        agents: agents().map((a) => ({
          id: a.id,
          name: a.name,
          availability: desk.agentState.record(a.id)?.availability ?? 'away',
          me: a.id === agent.id,
        })),
        teams: deps.teams().map((t) => ({ id: t.id, name: t.name[lang] })),
      });
    }),
  );

  server.put(
    '/api/console/me',
    route(async (req, res) => {
      const agent = auth.authenticate(req, true);
      const body = parseOr400(meSchema, req.body, 'settings');
      // A language only the loaded knowledge speaks: checked here, at the edge.
      if (body.lang !== undefined) parseOr400(z.object({ lang: deps.spoken().schema() }), body, 'settings');
      const acting = { id: agent.id, name: agent.name };
      let record = await desk.agentState.ensure(acting);
      if (body.lang) record = await desk.agentState.setLang(acting, body.lang);
      if (body.availability) record = await desk.agentState.setAvailability(acting, body.availability);
      if (body.availability === 'available') await desk.offers.sweep(desk.queue());
      if (body.availability === 'away') await desk.offers.withdraw(agent.id);
      res.json(200, { availability: record.availability, lang: record.lang });
    }),
  );

  server.get(
    '/api/console/cases/:id',
    route(async (req, res) => {
      const agent = auth.authenticate(req);
      res.json(200, await views.detail(caseOf(req), agent.id, langOf(agent)));
    }),
  );

  action('pick', async (agent, c) => {
    const picked = await desk.actions.pick(me(agent), c.id);
    return [200, { id: picked.case.id, status: picked.case.status, already: picked.already }];
  });
  action('decline', async (agent, c) => {
    const declined = await desk.offers.decline(agent.id, c.id);
    if (!declined) throw new ApiError(409, 'NotOffered', `${c.id} is not offered to you`);
    return [200, { id: c.id, declined: true }];
  });
  action('messages', async (agent, c, req) => {
    const { text } = parseOr400(textSchema, req.body, 'message');
    const sent = await desk.actions.reply(me(agent), c.id, text);
    return [
      201,
      {
        entry: sent.entry,
        delivered: sent.outcome.delivered,
        ...(sent.outcome.delivered ? {} : { error: sent.outcome.error }),
      },
    ];
  });
  action('notes', async (agent, c, req) => {
    const { text } = parseOr400(textSchema, req.body, 'note');
    const noted = await desk.actions.note(me(agent), c.id, text);
    return [201, { notes: noted.notes.length }];
  });
  action('typing', async (agent, c) => {
    const outcome = await desk.actions.typing(me(agent), c.id);
    return [200, { delivered: outcome.delivered }];
  });
  action('resolve', async (agent, c, req) => {
    const { summary } = parseOr400(resolveSchema, req.body ?? {}, 'resolution');
    const resolved = await desk.actions.resolve(me(agent), c.id, summary || undefined);
    return [200, { id: resolved.id, status: resolved.status }];
  });
  action('release', async (agent, c) => {
    const position = await desk.actions.release(me(agent), c.id);
    return [200, { id: c.id, position }];
  });
  action('handback', async (agent, c) => {
    const back = await desk.actions.handBack(me(agent), c.id);
    return [200, { id: back.id, status: back.status }];
  });
  action('transfer', async (agent, c, req) => {
    const target = parseOr400(transferSchema, req.body, 'transfer');
    const moved = await desk.actions.transfer(me(agent), c.id, target);
    return [200, { id: c.id, to: moved.to, status: moved.case.status }];
  });
  action('merge', async (agent, c, req) => {
    const { duplicateId } = parseOr400(mergeSchema, req.body, 'merge');
    const merged = await desk.actions.merge(me(agent), c.id, duplicateId);
    return [200, { id: merged.id, merged: duplicateId, sims: merged.sims }];
  });
  action('sims/refresh', async (agent, c) => {
    // Only a person working the case looks its SIMs up, and only among its own organisation's SIMs.
    desk.actions.holding(me(agent), c.id);
    const results = await deps.sims.lookup(c.organisationId, {
      iccids: c.sims.map((value) => ({ value, valid: true, raw: value })),
      msisdns: [],
      lastDigits: [],
    });
    const lang = langOf(agent);
    return [
      200,
      {
        checkedAt: new Date().toISOString(),
        sims: results.map((r) => ({
          iccid: r.iccid ?? r.ref,
          outcome: r.outcome,
          ...(r.snapshot
            ? {
                status: r.snapshot.device.status,
                plan: r.snapshot.planName,
                msisdn: r.snapshot.device.msisdn,
                country: r.snapshot.device.lastCountry ?? null,
                operator: r.snapshot.device.lastOperator ?? null,
                session: r.snapshot.session
                  ? r.snapshot.session.dateSessionStarted && !r.snapshot.session.dateSessionEnded
                    ? 'up'
                    : 'down'
                  : 'none',
                usageMb: r.snapshot.usage
                  ? Math.round((r.snapshot.usage.dataBytes / 1_048_576) * 10) / 10
                  : null,
              }
            : {}),
          findings: r.findings.map((f) => ({
            code: f.code,
            severity: f.severity,
            text: f.explanation[lang],
            next: f.nextStep[lang],
          })),
        })),
      },
    ];
  });

  server.get(
    '/api/console/events',
    route(async (req, res) => {
      const agent = auth.authenticate(req);
      await stream(req, res, deps, agent.id);
    }),
  );
}

/**
 * Server-sent events for one agent until the connection closes: the events {@link ConsoleEvents} routes to them,
 * and a comment line every heartbeat so proxies keep the connection open.
 */
function stream(req: Request, res: Response, deps: ConsoleApiDeps, agentId: string): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const unsubscribe = deps.events.subscribe(agentId, (event) => {
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), deps.heartbeatMs ?? 20_000);
  heartbeat.unref();
  return new Promise((resolve) => {
    const done = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      resolve();
    };
    req.once('close', done);
    res.once('close', done);
  });
}

/** `{ lang }` from a directory locale, when it is a language Firstline speaks. */
function localeLang(spoken: SpokenLanguages, locale: string | undefined): { lang?: Lang } {
  const lang = spoken.fromLocale(locale);
  return lang ? { lang } : {};
}

/** A desk refusal as an HTTP answer. */
function deskStatus(error: DeskError): ApiError {
  switch (error.code) {
    case 'not_found':
      return new ApiError(404, 'NotFound', `case ${error.caseId} not found`);
    case 'not_yours':
      return new ApiError(403, 'NotYourCase', `you do not hold ${error.caseId}`);
    case 'taken':
      return new ApiError(409, 'Taken', `${error.caseId} is with ${error.holder ?? 'another agent'}`);
    case 'not_pickable':
      return new ApiError(409, 'NotPickable', `${error.caseId} is resolved or closed`);
    case 'not_mergeable':
      return new ApiError(409, 'NotMergeable', `${error.caseId} cannot be merged`);
    case 'unknown_target':
      return new ApiError(404, 'UnknownTarget', `no agent or team ${error.caseId}`);
  }
}
