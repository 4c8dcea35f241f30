/** The OpenAPI 3.1 document, generated from the app's route table and served at /api/openapi.json. */
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiDocument, openApiRoute, toOpenApiPath } from '../../../server/http/openapi.js';
import { officerRoutes } from '../../../server/http/routes/officer-sign-in.js';
import { reportRoutes } from '../../../server/http/routes/officer-reports.js';
import { respondentRoutes } from '../../../server/http/routes/respondent.js';
import { createApp } from '../../../server/http/app.js';
import { systemClock } from '../../../server/clock.js';
import { tempStore } from '../../helpers/store.js';

const { store, cleanup } = tempStore();
afterAll(cleanup);

/**
 * The product's API routes as server/http/app.ts mounts them, the officer router, and the document
 * route, all before any catch-all (a catch-all registered first would answer instead). A page
 * route and a wildcard show what is left out.
 */
const deps = { store, clock: systemClock, limits: {} };
const app = new Hono();
app.get('/api/health', (c) => c.json({ ok: true }));
app.route('/api', respondentRoutes(deps));
app.route('/api/officer', reportRoutes(deps));
app.route('/api/officer', officerRoutes(deps));
app.route('/api', openApiRoute(app));
app.all('/api/*', (c) => c.json({ error: 'none' }, 404));
app.get('/s/:slug', (c) => c.text('page'));

type Doc = ReturnType<typeof openApiDocument>;
type Op = {
  operationId: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean }[];
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  requestBody?: unknown;
};
const ops = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ path, method, op: op as Op })));

describe('openApiDocument', () => {
  const doc = openApiDocument(app);

  it('is an OpenAPI 3.1 document listing every API route once, and nothing else', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: expect.any(String), version: expect.any(String) });
    expect(
      ops(doc)
        .map(({ method, path }) => `${method.toUpperCase()} ${path}`)
        .sort(),
    ).toEqual(
      [
        'GET /api/health',
        'GET /api/surveys/{slug}',
        'POST /api/surveys/{slug}/responses',
        'GET /api/links/{token}',
        'POST /api/links/{token}/responses',
        'GET /api/officer/surveys/{slug}/waves/{wave}/report',
        'POST /api/officer/login',
        'POST /api/officer/logout',
        'GET /api/officer/me',
        'GET /api/officer/audit',
        'GET /api/officer/officers',
        'POST /api/officer/officers',
        'GET /api/openapi.json',
      ].sort(),
    );
  });

  it('lists path parameters as required, and every {param} in a path has one', () => {
    for (const { path, op } of ops(doc)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(
        op.parameters.filter((p) => p.in === 'path').map((p) => p.name),
        path,
      ).toEqual(inPath);
      for (const p of op.parameters.filter((p) => p.in === 'path')) expect(p.required).toBe(true);
    }
    const report = doc.paths['/api/officer/surveys/{slug}/waves/{wave}/report'].get as Op;
    expect(report.parameters.map((p) => p.name)).toEqual(['slug', 'wave']);
  });

  it('tags by the first segment after /api, with unique operation ids and a response for each', () => {
    expect(doc.tags.map((t) => t.name)).toEqual(['health', 'links', 'officer', 'openapi.json', 'surveys']);
    const ids = ops(doc).map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { op } of ops(doc)) expect(Object.keys(op.responses)).toContain('200');
    expect((doc.paths['/api/officer/me'].get as Op).tags).toEqual(['officer']);
  });

  it('notes the session cookie on officer routes, plus the CSRF header on changes; login and public routes need neither', async () => {
    expect((doc.paths['/api/officer/me'].get as Op).security).toEqual([{ sessionCookie: [] }]);
    expect((doc.paths['/api/officer/logout'].post as Op).security).toEqual([{ sessionCookie: [], csrfHeader: [] }]);
    expect(Object.keys((doc.paths['/api/officer/me'].get as Op).responses)).toEqual(expect.arrayContaining(['401', '403']));
    // Sign-in is declared with zod: its body and empty security come from the declaration (the product app's document).
    const declared = (await (await createApp({ store }).request('/api/openapi.json')).json()) as Doc;
    const login = declared.paths['/api/officer/login'].post as Op;
    expect(login.security).toEqual([]);
    expect(login.requestBody).toBeDefined();
    expect((doc.paths['/api/surveys/{slug}'].get as Op).security).toBeUndefined();
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['sessionCookie', 'csrfHeader']);
    // Every security requirement names a declared scheme.
    for (const { op } of ops(doc))
      for (const req of op.security ?? []) for (const k of Object.keys(req)) expect(doc.components.securitySchemes).toHaveProperty(k);
  });
});

describe('toOpenApiPath', () => {
  it('converts :param, :param{regex} and :param? to {param}', () => {
    expect(toOpenApiPath('/api/a/:id{[0-9]+}/b/:name?')).toEqual({ path: '/api/a/{id}/b/{name}', params: ['id', 'name'] });
    expect(toOpenApiPath('/api/plain')).toEqual({ path: '/api/plain', params: [] });
  });
});

describe('GET /api/openapi.json', () => {
  it('serves the document as JSON', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/api/officer/login');
  });
});

describe('the product app’s document', () => {
  it('lists every officer API under /api/officer/, each with a summary of its own, and needs a session for all but sign-in', async () => {
    const t = tempStore();
    try {
      const full = createApp({ store: t.store });
      const doc = (await (await full.request('/api/openapi.json')).json()) as Doc;
      const all = ops(doc);
      const officer = all.filter(({ path }) => path.startsWith('/api/officer/'));
      // The pages' APIs, results and recorded crime included, all live under /api/officer/.
      for (const path of [
        '/api/officer/surveys/{slug}/waves/{wave}/report',
        '/api/officer/surveys/{slug}/waves/{wave}/perception',
        '/api/officer/crime/rates',
        '/api/officer/crime/spc',
        '/api/officer/surveys/{slug}/waves/{wave}/links',
        '/api/officer/surveys/{slug}/waves/{wave}/paper',
        '/api/officer/surveys/{slug}/waves/{wave}/weighting',
        '/api/officer/crime/uploads',
      ]) {
        expect(officer.map((o) => o.path)).toContain(path);
      }
      // Outside /api/officer/ only what respondents (and monitors) use.
      expect(
        all
          .filter(({ path }) => !path.startsWith('/api/officer/'))
          .map(({ method, path }) => `${method.toUpperCase()} ${path}`)
          .sort(),
      ).toEqual(
        [
          'GET /api/health',
          'GET /api/links/{token}',
          'GET /api/openapi.json',
          'GET /api/surveys/{slug}',
          'POST /api/links/{token}/responses',
          'POST /api/surveys/{slug}/responses',
        ].sort(),
      );
      for (const { method, path, op } of officer) {
        const summary = (op as { summary?: string }).summary ?? '';
        expect(summary, `${method} ${path}`).not.toBe(`${method.toUpperCase()} ${path}`);
        if (path !== '/api/officer/login') expect(op.security, `${method} ${path}`).toBeDefined();
      }
      // Every one of them refuses an anonymous caller with 401 (whatever the parameters), and stores nothing.
      const before = t.store.sqlite
        .prepare('SELECT (SELECT count(*) FROM surveys) + (SELECT count(*) FROM links) + (SELECT count(*) FROM responses) AS n')
        .get();
      for (const { method, path } of officer.filter((o) => o.path !== '/api/officer/login')) {
        const url = path.replace(/\{[^}]+\}/g, 'x');
        const res = await full.request(url, {
          method: method.toUpperCase(),
          headers: { 'content-type': 'application/json' },
          body: method === 'get' ? undefined : '{}',
        });
        expect(res.status, `${method.toUpperCase()} ${url}`).toBe(401);
        expect(((await res.json()) as { error: string }).error).toMatch(/Sign in/);
      }
      expect(
        t.store.sqlite.prepare('SELECT (SELECT count(*) FROM surveys) + (SELECT count(*) FROM links) + (SELECT count(*) FROM responses) AS n').get(),
      ).toEqual(before);
    } finally {
      t.cleanup();
    }
  });
});
