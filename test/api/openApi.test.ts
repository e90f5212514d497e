import { expect } from 'chai';
import { useTestServer } from '../helpers/server.js';

/** Routes that are not part of the described API, each with the reason. */
const NOT_DESCRIBED: Array<[RegExp, string]> = [
  [/^\/api\/messages$/, 'the Bot Framework protocol (documented by Microsoft)'],
  [/^\/v3\//, 'the Bot Connector and Direct Line 3.0 protocols (documented by Microsoft)'],
  [/^\/api\/directline\/internal\//, 'internal to the process (loopback + per-process secret)'],
  [/^\/api\/webchat\/token$/, "the local widget page's token route (local mode)"],
  [/^\/api\/knowledge\//, "the knowledge editors' page API (served with its page)"],
  [/^\/(agent|knowledge)?$/, 'pages'],
  [/^\/web\//, 'page assets'],
];

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
}

describe('OpenAPI 3.1 description at /api/openapi.json', function () {
  this.timeout(60_000);
  const server = useTestServer({ ADMIN_TOKEN: 'openapi-test-admin-token-0123456789' });

  it('documents every registered route, and every documented operation is a registered route', async () => {
    const res = await fetch(`${server.baseUrl}/api/openapi.json`);
    expect(res.status).to.equal(200);
    const doc = (await res.json()) as OpenApi;
    expect(doc.openapi).to.equal('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const registered = new Set(
      Object.values(server.firstline.server.router.getRoutes()).map(
        (r) => `${r.method === 'DEL' ? 'DELETE' : r.method} ${String(r.spec.path)}`,
      ),
    );
    const described = [...registered].filter(
      (route) => !NOT_DESCRIBED.some(([pattern]) => pattern.test(route.split(' ')[1] ?? '')),
    );
    // Path parameter names may differ (`:id` vs `{id}` is the same slot): compare with them blanked.
    const shape = (route: string) => route.replace(/:\w+/g, ':_');
    const documentedShapes = new Set([...documented].map(shape));
    const registeredShapes = new Set([...registered].map(shape));
    expect(
      described.map(shape).filter((r) => !documentedShapes.has(r)),
      'registered but not documented',
    ).to.deep.equal([]);
    expect(
      [...documentedShapes].filter((r) => !registeredShapes.has(r)),
      'documented but not registered',
    ).to.deep.equal([]);
  });

  it('carries the JSON Schemas of the zod schemas the routes validate with', async () => {
    const doc = (await (await fetch(`${server.baseUrl}/api/openapi.json`)).json()) as OpenApi;
    const body = JSON.stringify(doc.paths['/api/incidents']?.['post']?.requestBody);
    expect(body, 'declare incident body').to.include('"required"').and.include('"title"');
    const filter = JSON.stringify(doc.paths['/api/cases']?.['get']);
    expect(filter, 'case filters').to.include('"status"').and.include('"queued"');
    const oneCase = JSON.stringify(doc.paths['/api/cases/{id}']?.['get']?.responses['200']);
    expect(oneCase, 'the case schema').to.include('"priority"');
  });
});
