import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { ApiError, parseOr400 } from '../../api/apiRoute.js';
import type { AgentTokens } from '../../api/agentTokens.js';
import { BearerAuth } from '../../api/bearerAuth.js';
import { ConsoleAuth } from '../../console/consoleAuth.js';
import type { ConsoleSessions } from '../../console/consoleSessions.js';
import type { DirectoryUser } from '../../directory/schemas.js';
import type { FactValue } from '../../domain/facts.js';
import { langSchema } from '../../domain/language.js';
import type { KnowledgeBase } from '../knowledgeBase.js';
import { mermaidFlow, nodeSummary } from '../mermaid.js';
import type { KnowledgeReleases } from '../releases/releases.js';
import type { KnowledgeBaseStore } from '../store.js';
import { DemoInventory, serviceOf, tryFlow } from '../tryFlow.js';
import type { PreviewConversations } from './previewConversations.js';

/** What the knowledge page and its API need; wired in bot/index.ts. */
export interface KnowledgeApiDeps {
  store: KnowledgeBaseStore;
  releases?: KnowledgeReleases;
  previews: PreviewConversations;
  /** Issues a Direct Line token for a new (preview) conversation. */
  issueToken: (user: { id: string; name?: string; locale?: string }) => {
    conversationId: string;
    token: string;
  };
  sessions: ConsoleSessions;
  agentTokens: AgentTokens;
  /** Who may sign in to the page: the directory's agents and editors. */
  people: () => DirectoryUser[];
  /** Customers a preview may speak as (local mode: the demo customers); empty = anonymous only. */
  previewCustomers: () => DirectoryUser[];
  adminToken?: string;
  localMode: boolean;
  logger: Logger;
}

type Handler = (req: Request, res: Response) => Promise<void>;

const trySchema = z.strictObject({
  flow: z.string().min(1).max(100),
  sim: z
    .string()
    .regex(/^\d{19,20}$/)
    .optional(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  answers: z.array(z.string().min(1).max(500)).max(50).optional(),
  lang: langSchema.optional(),
  /** `preview`: the files on disk as they are now, not yet served. */
  on: z.enum(['live', 'preview']).default('live'),
});
const rollbackSchema = z.strictObject({ version: z.string().regex(/^[0-9a-f]{6,64}$/) });
const previewSchema = z.strictObject({
  asUser: z.string().min(1).max(200).optional(),
  lang: langSchema.optional(),
});

/**
 * The policy of the knowledge page: everything from this origin, no inline script; inline styles are allowed
 * because Mermaid puts a `<style>` in each diagram it draws (scripts stay strictly 'self').
 */
export const KNOWLEDGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** Every flow with its diagram and each node's texts in every language. */
export function describeFlows(kb: KnowledgeBase) {
  const text = (key: string | undefined) =>
    key && kb.hasText(key)
      ? Object.fromEntries(kb.spoken.list.map((lang) => [lang, kb.text(lang, key)]))
      : undefined;
  return kb
    .flowIds()
    .sort()
    .map((id) => {
      const flow = kb.flow(id);
      if (!flow) throw new Error(`no flow ${id}`);
      return {
        id,
        title: text(flow.title),
        diagram: mermaidFlow(flow),
        nodes: Object.entries(flow.nodes).map(([nodeId, node]) => ({
          id: nodeId,
          kind: node.kind,
          summary: nodeSummary(node),
          text: 'text' in node ? text(node.text) : undefined,
          ...(node.kind === 'question' && node.answer.type === 'choice'
            ? { choices: node.answer.choices.map((c) => ({ id: c.id, label: text(c.label) })) }
            : {}),
          ...(node.kind === 'handoff'
            ? { reason: node.reason, reasonText: text(`desk.reason.${node.reason}`) }
            : {}),
        })),
      };
    });
}

/**
 * `/knowledge` (the page) and `/api/knowledge/…` (its API): see every flow as a diagram with its texts, try a
 * flow with a SIM's facts or typed facts and answers, follow the reloads (accepted, or rejected with errors), the
 * kept versions and roll back, and preview the files on disk in a chat before they go live. Behind credentials:
 * a console session of an agent or editor (cookie + CSRF header for changes), or a bearer token (the admin token
 * or an agent's own).
 */
export function registerKnowledgeApi(server: Server, deps: KnowledgeApiDeps): void {
  const { store, logger } = deps;
  const auth = new ConsoleAuth({
    sessions: deps.sessions,
    agentTokens: deps.agentTokens,
    agents: deps.people,
    localMode: deps.localMode,
    onSignIn: async () => undefined,
    logger,
  });
  const bearer = new BearerAuth(deps.adminToken, deps.agentTokens, (id) =>
    deps.people().some((p) => p.id === id),
  );
  const who = (req: Request, changes = false): string => {
    if (typeof req.headers.authorization === 'string') {
      const principal = bearer.authenticate(req.headers.authorization);
      if (!principal) throw new ApiError(401, 'Unauthorized', 'valid bearer credentials are required');
      return principal.kind === 'admin' ? 'admin' : principal.agentId;
    }
    return auth.authenticate(req, changes).id;
  };
  const route = (handler: Handler) => async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof ApiError) {
        res.json(error.status, { error: { code: error.code, message: error.message } });
        return;
      }
      logger.error({ err: error, path: req.path?.() }, 'knowledge API request failed');
      res.json(500, { error: { code: 'InternalError', message: 'internal error' } });
    }
  };
  auth.register(server, route, '/api/knowledge');
  const page = readFileSync(
    fileURLToPath(new URL('../../web/public/knowledge.html', import.meta.url)),
    'utf8',
  );
  const mermaid = path.join(
    path.dirname(createRequire(import.meta.url).resolve('mermaid')),
    'mermaid.min.js',
  );
  const secure = (res: Response): void => {
    res.header('Content-Security-Policy', KNOWLEDGE_CSP);
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
  };
  server.get('/knowledge', (_req, res, next) => {
    secure(res);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(page);
    next();
  });
  server.get('/web/mermaid.js', (_req, res, next) => {
    secure(res);
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    });
    createReadStream(mermaid)
      .on('error', (err) => {
        logger.error({ err, file: mermaid }, 'Mermaid bundle could not be read');
        res.end();
      })
      .pipe(res);
    next();
  });

  server.get(
    '/api/knowledge/config',
    route(async (_req, res) => {
      res.json(200, {
        localMode: deps.localMode,
        ...(deps.localMode
          ? { people: deps.people().map((p) => ({ id: p.id, name: p.name, role: p.role })) }
          : {}),
      });
    }),
  );
  server.get(
    '/api/knowledge/flows',
    route(async (req, res) => {
      who(req);
      const kb = store.live();
      res.json(200, { version: kb.version, flows: describeFlows(kb) });
    }),
  );
  server.get(
    '/api/knowledge/sims',
    route(async (req, res) => {
      who(req);
      res.json(200, { sims: new DemoInventory(store.servedFiles()).list() });
    }),
  );
  server.post(
    '/api/knowledge/try',
    route(async (req, res) => {
      who(req);
      const body = parseOr400(trySchema, req.body, 'try');
      let kb = store.live();
      if (body.on === 'preview') {
        const preview = await store.preview();
        if (!preview.kb) {
          res.json(422, {
            error: { code: 'Invalid', message: 'the files on disk do not pass kb:check' },
            errors: preview.errors,
          });
          return;
        }
        kb = preview.kb;
      }
      const flow = kb.flow(body.flow);
      if (!flow) throw new ApiError(404, 'NotFound', `no flow "${body.flow}"`);
      const facts: Record<string, FactValue> = {};
      if (body.sim) {
        const inventory = new DemoInventory(store.servedFiles());
        if (!inventory.has(body.sim))
          throw new ApiError(404, 'NotFound', `SIM ${body.sim} is not in the demo inventory`);
        Object.assign(facts, await inventory.facts(kb, body.sim, serviceOf(body.flow)));
      }
      for (const [name, value] of Object.entries(body.facts ?? {})) {
        if (value === null) delete facts[name];
        else facts[name] = value;
      }
      // The language is checked against the version walked: the edge of this API.
      const lang =
        body.lang === undefined ? kb.spoken.fallback : parseOr400(kb.spoken.schema(), body.lang, 'try lang');
      const walk = tryFlow(kb, body.flow, facts, body.answers ?? [], lang);
      const visited = walk.steps.filter((s) => s.flowId === body.flow).map((s) => s.nodeId);
      const stoppedAt = walk.outcome.kind === 'asks' ? walk.outcome.prompt.nodeId : walk.steps.at(-1)?.nodeId;
      res.json(200, {
        version: kb.version,
        walk,
        diagram: mermaidFlow(flow, { visited, ...(stoppedAt ? { stoppedAt } : {}) }),
      });
    }),
  );
  server.get(
    '/api/knowledge/reloads',
    route(async (req, res) => {
      who(req);
      res.json(200, { version: store.live().version, reloads: store.reloads() });
    }),
  );
  server.post(
    '/api/knowledge/reload',
    route(async (req, res) => {
      const by = who(req, true);
      logger.info({ by }, 'knowledge reload requested');
      res.json(200, await store.reload('request'));
    }),
  );
  server.get(
    '/api/knowledge/versions',
    route(async (req, res) => {
      who(req);
      res.json(200, { current: store.live().version, versions: (await deps.releases?.list()) ?? [] });
    }),
  );
  server.post(
    '/api/knowledge/rollback',
    route(async (req, res) => {
      const by = who(req, true);
      const { version } = parseOr400(rollbackSchema, req.body, 'rollback');
      const kept = (await deps.releases?.list())?.some((r) => r.version === version);
      if (!kept) throw new ApiError(404, 'NotFound', `version ${version} is not kept`);
      logger.info({ by, version }, 'knowledge rollback requested');
      res.json(200, await store.rollback(version));
    }),
  );
  server.post(
    '/api/knowledge/preview',
    route(async (req, res) => {
      const by = who(req, true);
      const body = parseOr400(previewSchema, req.body ?? {}, 'preview');
      const preview = await store.preview();
      if (!preview.kb) {
        res.json(422, {
          error: { code: 'Invalid', message: 'the files on disk do not pass kb:check' },
          errors: preview.errors,
        });
        return;
      }
      let user = { id: `preview-${by}-${Date.now().toString(36)}`, name: 'Preview' };
      if (body.asUser) {
        const customer = deps.previewCustomers().find((c) => c.id === body.asUser);
        if (!customer)
          throw new ApiError(403, 'Forbidden', 'previews speak as a demo customer only (local mode)');
        user = { id: customer.id, name: customer.name };
      }
      const lang =
        body.lang === undefined
          ? preview.kb.spoken.fallback
          : parseOr400(preview.kb.spoken.schema(), body.lang, 'preview lang');
      const { conversationId, token } = deps.issueToken({ ...user, locale: lang });
      deps.previews.bind(conversationId, preview.kb.version);
      res.json(201, {
        version: preview.kb.version,
        live: store.live().version,
        conversationId,
        token,
        userId: user.id,
      });
    }),
  );
}
