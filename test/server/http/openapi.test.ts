/**
 * The OpenAPI 3.1 document of the production app (/api/openapi.json), generated from the zod
 * declarations of every route: complete (every served route is in it), linted with Redocly's
 * recommended rules, and a contract a generated client can use (parameters, bodies, responses).
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/http/app.js';
import { testStore } from '../../helpers/store.js';

const t = await testStore();
afterAll(t.cleanup);
const app = createApp({ store: t.store });

type Param = { name: string; in: string; required?: boolean; schema?: Record<string, unknown> };
type Response = { description: string; content?: Record<string, { schema?: Record<string, unknown> }> };
type Op = {
  operationId: string;
  summary?: string;
  tags: string[];
  parameters?: Param[];
  security?: Record<string, string[]>[];
  responses: Record<string, Response>;
  requestBody?: { required?: boolean; content: Record<string, { schema?: unknown }> };
};
type Doc = {
  openapi: string;
  info: { title: string; version: string };
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

const res = await app.request('/api/openapi.json');
const doc = (await res.json()) as Doc;
const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ path, method, op })));
/** Officer-path routes taken without a session: sign-in, what the sign-in page offers, and setting a password with an admin's reset code. */
const SESSIONLESS = ['/api/officer/login', '/api/officer/sign-in-options', '/api/officer/password-reset'];
const officer = ops.filter(({ path }) => path.startsWith('/api/officer/') && !SESSIONLESS.includes(path));

describe('GET /api/openapi.json', () => {
  it('serves an OpenAPI 3.1 document as JSON', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual(expect.objectContaining({ title: 'Community safety surveys API', version: expect.any(String) }));
  });

  it('passes the Redocly linter (recommended rules) with no error or warning', async () => {
    // Every operation's 4xx answers are checked below; health and this document have none to give.
    const config = await createConfig({ extends: ['recommended'], rules: { 'operation-4xx-response': 'off' } });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('lists every API route the app serves, and nothing else', () => {
    const served = new Set(
      app.routes
        // Single sign-on's start and callback are browser navigations (redirects and pages), not API operations.
        .filter((r) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.path.startsWith('/api/') && !r.path.includes('*'))
        .filter((r) => !r.path.startsWith('/api/officer/oidc/'))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
    );
    expect(ops.map(({ method, path }) => `${method} ${path}`).sort()).toEqual([...served].sort());
    // Outside /api/officer/ only what respondents (and monitors) use.
    expect(
      ops
        .filter(({ path }) => !path.startsWith('/api/officer/'))
        .map(({ method, path }) => `${method.toUpperCase()} ${path}`)
        .sort(),
    ).toEqual(
      [
        'GET /api/council',
        'GET /api/council/logo',
        'GET /api/health',
        'GET /api/ready',
        'GET /api/links/{token}',
        'GET /api/openapi.json',
        'GET /api/surveys/{slug}',
        'POST /api/links/{token}/responses',
        'POST /api/surveys/{slug}/responses',
      ].sort(),
    );
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
      expect(ops.map((o) => o.path)).toContain(path);
    }
  });

  it('gives every operation its own summary, a unique id, a described tag and a 2xx response with a schema', () => {
    const ids = ops.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const described = new Map(doc.tags.map((t) => [t.name, t.description]));
    for (const { method, path, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.summary, where).toBeTruthy();
      expect(op.summary, where).not.toBe(where);
      expect(op.tags.length, where).toBe(1);
      expect(described.get(op.tags[0]), `tag ${op.tags[0]}`).toBeTruthy();
      expect(described.get(op.tags[0]), `tag ${op.tags[0]}`).not.toBe(op.tags[0]);
      const ok = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      expect(ok.length, where).toBeGreaterThanOrEqual(1);
      for (const [status, r] of ok) {
        const types = Object.entries(r.content ?? {});
        expect(types.length, `${where} ${status}`).toBeGreaterThanOrEqual(1);
        for (const [, media] of types) expect(media.schema, `${where} ${status}`).toBeDefined();
      }
    }
  });

  it('gives every 4xx response the error shape, and every operation but health, readiness, the sign-in options and this document at least one', () => {
    for (const { method, path, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      const refusals = Object.entries(op.responses).filter(([status]) => /^4\d\d$/.test(status));
      if (!['/api/health', '/api/ready', '/api/openapi.json', '/api/officer/sign-in-options'].includes(path))
        expect(refusals.length, where).toBeGreaterThanOrEqual(1);
      for (const [status, r] of refusals) {
        const schema = r.content?.['application/json']?.schema as { $ref?: string; allOf?: { $ref?: string }[] } | undefined;
        const ref = schema?.$ref ?? schema?.allOf?.[0]?.$ref;
        expect(ref, `${where} ${status}`).toMatch(/^#\/components\/schemas\//);
      }
    }
    expect(doc.components.schemas.Error).toEqual(
      expect.objectContaining({
        type: 'object',
        required: ['error'],
        properties: expect.objectContaining({ error: expect.objectContaining({ type: 'string' }) }),
      }),
    );
  });

  it('lists path parameters as required, and every {param} in a path has one', () => {
    for (const { method, path, op } of ops) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), `${method} ${path}`).toEqual([...inPath].sort());
      for (const p of declared) expect(p.required, `${method} ${path} ${p.name}`).toBe(true);
    }
  });

  it('declares the query parameters a client must send, e.g. the months of the crime rates', () => {
    const rates = doc.paths['/api/officer/crime/rates'].get;
    const query = Object.fromEntries((rates.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]));
    expect(query.from?.required).toBe(true);
    expect(query.to?.required).toBe(true);
    const report = doc.paths['/api/officer/surveys/{slug}/waves/{wave}/report'].get;
    expect((report.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)).toEqual(expect.arrayContaining(['by', 'compareWave', 'ci', 'detail']));
  });

  it('gives the report lean by default or in full (detail=full), each shape a schema of its own', () => {
    const report = doc.paths['/api/officer/surveys/{slug}/waves/{wave}/report'].get;
    expect(report.responses['200'].content?.['application/json']?.schema).toEqual({
      anyOf: [{ $ref: '#/components/schemas/SurveyReportLean' }, { $ref: '#/components/schemas/SurveyReport' }],
    });
    const detail = (report.parameters ?? []).find((p) => p.name === 'detail');
    expect(detail?.schema).toMatchObject({ enum: ['lean', 'full'] });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['EstimateColumns', 'ComparisonColumns', 'ReportLabels']));
  });

  it('describes the request body of every change, the respondent submission included', () => {
    for (const { method, path, op } of ops.filter(({ method }) => method !== 'get')) {
      const nothingToSend = [
        '/api/officer/logout',
        '/api/officer/me/sign-out-everywhere',
        '/api/officer/me/two-factor',
        '/api/officer/officers/{id}/sign-out',
        '/api/officer/officers/{id}/password-reset',
        '/api/officer/officers/{id}/two-factor',
        '/api/officer/links/{token}/end',
        '/api/officer/surveys/{slug}/waves/{wave}/weighting/runs/{run}/restore',
      ];
      const deleteWithoutBody = ['/api/officer/settings/logo', '/api/officer/links/{token}'];
      if (nothingToSend.includes(path) || (method === 'delete' && deleteWithoutBody.includes(path))) continue; // nothing to send
      expect(op.requestBody, `${method.toUpperCase()} ${path}`).toBeDefined();
    }
    const submit = doc.paths['/api/surveys/{slug}/responses'].post;
    expect(Object.keys(submit.requestBody?.content ?? {})).toEqual(['application/json']);
    const login = doc.paths['/api/officer/login'].post;
    expect(login.requestBody?.required).toBe(true);
  });

  it('notes the session cookie on officer routes, plus the CSRF header on changes, with their 401 and 403; login and public routes need neither', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['csrfHeader', 'sessionCookie']);
    for (const { method, path, op } of officer) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.security, where).toEqual([method === 'get' ? { sessionCookie: [] } : { sessionCookie: [], csrfHeader: [] }]);
      expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['401', '403']));
    }
    expect(doc.paths['/api/officer/login'].post.security).toEqual([]);
    expect(doc.paths['/api/surveys/{slug}'].get.security).toEqual([]);
  });

  it('every officer operation refuses an anonymous caller with 401, whatever the parameters, and stores nothing', async () => {
    const count = () =>
      t.sql.get(
        'SELECT (SELECT count(*) FROM surveys) + (SELECT count(*) FROM links) + (SELECT count(*) FROM responses) + (SELECT count(*) FROM officers) AS n',
      );
    const before = await count();
    for (const { method, path } of officer) {
      const url = path.replace(/\{[^}]+\}/g, 'x');
      const r = await app.request(url, {
        method: method.toUpperCase(),
        headers: { 'content-type': 'application/json' },
        body: method === 'get' ? undefined : '{}',
      });
      expect(r.status, `${method.toUpperCase()} ${url}`).toBe(401);
      expect(((await r.json()) as { error: string }).error).toMatch(/Sign in/);
    }
    expect(await count()).toEqual(before);
  });
});
