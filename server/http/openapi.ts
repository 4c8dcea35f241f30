/**
 * The OpenAPI 3.1 document of the whole API, made only from the declarations: every operation is
 * a `createRoute`/`officerRoute` config (http/route.ts), mounted with `.openapi()` or, for the few
 * plain handlers that parse their own body, registered with `openAPIRegistry.registerPath`;
 * `app.getOpenAPI31Document` turns them into paths from their zod schemas. This module adds the
 * document's info, the security schemes, an operationId and a default tag for each operation, the
 * tag descriptions and the shared Error schema. A route that is served but not declared is missing
 * here, which test/server/http/openapi.test.ts catches.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { OfficerEnv } from './middleware/session.js';
import { createRoute, jsonContent, router, z } from './route.js';

type Operation = Record<string, unknown>;

export interface OpenApiOptions {
  title?: string;
  version?: string;
}

const documentedMethods = ['get', 'post', 'put', 'patch', 'delete'];

/** What each tag covers. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  health: 'Whether the server answers',
  'openapi.json': 'This document',
  officer: 'Officer sign-in, sessions, accounts and the audit log',
  accounts: 'Officer sign-in, sessions, accounts and the audit log',
  surveys: 'Questionnaires, their waves and their submissions',
  links: 'School and channel links, QR codes and posters',
  intake: 'Paper returns keyed in or imported',
  paper: 'Paper returns keyed in or imported',
  returns: 'Live returns of a wave',
  waves: 'The waves (rounds) of a survey: create, open, close, dates',
  weighting: 'Weighting a wave to the population',
  reports: 'Weighted estimates with confidence intervals and tests',
  perception: 'Perception beside recorded crime, ward by ward',
  crime: 'Police-recorded crime: rates and SPC charts',
  data: 'Crime files and population figures',
  areas: 'Ward boundaries and the projected ward map',
  exports: 'Downloads: tables, responses and the committee report',
  respondent: 'The questionnaires and their submissions, for respondents (no sign-in)',
};

function operationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function tagOf(path: string): string {
  const segment = path.replace(/^\/api\//, '').split('/')[0];
  return segment && !segment.startsWith('{') ? segment : 'api';
}

export function openApiDocument(app: Pick<OpenAPIHono, 'getOpenAPI31Document'>, options: OpenApiOptions = {}) {
  const declared = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: '', version: '' } });
  const paths: Record<string, Record<string, Operation>> = {};
  const ids = new Set<string>();
  for (const [path, byMethod] of Object.entries(declared.paths ?? {})) {
    for (const [method, op] of Object.entries(byMethod as Record<string, Operation>)) {
      if (!documentedMethods.includes(method)) continue;
      let id = (op.operationId as string | undefined) ?? operationId(method, path);
      for (let n = 2; ids.has(id); n++) id = `${operationId(method, path)}${n}`;
      ids.add(id);
      // A route registered with `openAPIRegistry.registerPath` keeps its middleware in the config.
      const { middleware: _middleware, ...documented } = op;
      (paths[path] ??= {})[method] = { operationId: id, tags: [tagOf(path)], ...documented };
    }
  }
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  for (const ops of Object.values(paths)) for (const op of Object.values(ops)) op.security ??= [];
  const tags = [...new Set(Object.values(paths).flatMap((ops) => Object.values(ops).flatMap((o) => o.tags as string[])))].sort();
  return {
    openapi: '3.1.0' as const,
    info: {
      title: options.title ?? 'Safer Communities Survey API',
      version: options.version ?? '0.1.0',
      description:
        'Resident and youth safety surveys end to end. Officer operations (under /api/officer) need the session cookie from POST /api/officer/login; changes also need the x-csrf-token header. Every refusal is { "error": "…" } in words, and nothing is stored.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: 'This server' }],
    tags: tags.map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `The ${name} operations` })),
    paths: sortedPaths,
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'csp_session', description: 'Set by POST /api/officer/login' },
        csrfHeader: {
          type: 'apiKey',
          in: 'header',
          name: 'x-csrf-token',
          description: 'The csrfToken from login (also in cookie csp_csrf); required on changes',
        },
      },
      schemas: { Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } }, ...declared.components?.schemas },
    },
  };
}

/** A JSON object of the OpenAPI 3.1 shape: its version, info and paths (the rest as generated). */
const OpenApiDocument = z
  .looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .openapi('OpenApiDocument', { description: 'An OpenAPI 3.1 document' });

const getDocument = createRoute({
  method: 'get',
  path: '/openapi.json',
  tags: ['openapi.json'],
  summary: 'This OpenAPI document, generated from the declared routes',
  security: [],
  responses: { 200: jsonContent(OpenApiDocument, 'The OpenAPI 3.1 document') },
});

/**
 * GET /openapi.json, for mounting at /api: `app.route('/api', openApiRoute(app))`. The document
 * is built on first request, when every route has been registered, then kept.
 */
export function openApiRoute(app: Pick<OpenAPIHono, 'getOpenAPI31Document'>, options: OpenApiOptions = {}) {
  let doc: ReturnType<typeof openApiDocument> | undefined;
  return router<OfficerEnv>().openapi(getDocument, (c) => c.json((doc ??= openApiDocument(app, options)), 200));
}
