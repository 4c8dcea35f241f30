/**
 * The OpenAPI 3.1 document of the whole API. Operations declared with `createRoute`/`officerRoute`
 * (http/route.ts) come from their zod schemas (`app.getOpenAPI31Document`); this module adds the
 * security schemes, an operationId and a tag for each, and lists any route that has no declaration
 * yet from the Hono app's own route table
 * (`app.routes`), so it can't drift from what is served: every GET/POST/PUT/PATCH/DELETE under
 * /api/, with `:param` paths written as `{param}`, path parameters listed, tags by first path
 * segment, and the session cookie (plus CSRF header for changes) noted for /api/officer/*.
 * Middleware and catch-alls (method ALL, wildcard paths) are not operations and are left out.
 * * createApp adds the summaries and responses of the two routes that are not declared (health, this document).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { OfficerEnv } from './middleware/session.js';

type Operation = Record<string, unknown>;

export interface OpenApiOptions {
  title?: string;
  version?: string;
  /** Extra operation fields keyed by `METHOD /openapi/{path}`, merged over the generated ones. */
  operations?: Record<string, Operation>;
}

interface RouteLike {
  method: string;
  path: string;
}

const documentedMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const officerPrefix = '/api/officer/';
const publicOfficerPaths = new Set(['/api/officer/login']);

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

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
  exports: 'Downloads: tables, responses and the committee report',
  respondent: 'The questionnaires and their submissions, for respondents (no sign-in)',
};

/** `/a/:id{[0-9]+}/:opt?` → `/a/{id}/{opt}` and the parameter names. */
export function toOpenApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z0-9_]+)(\{(?:[^{}]|\{[^{}]*\})*\})?\??/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted.length > 1 ? converted.replace(/\/$/, '') : converted, params };
}

function operationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function tagOf(path: string): string {
  const segment = path.replace(/^\/api\//, '').split('/')[0];
  return segment && !segment.startsWith('{') ? segment : 'api';
}

export function openApiDocument(app: { routes: RouteLike[]; getOpenAPI31Document?: OpenAPIHono['getOpenAPI31Document'] }, options: OpenApiOptions = {}) {
  const extra = { ...options.operations };
  const declared = app.getOpenAPI31Document?.({ openapi: '3.1.0', info: { title: '', version: '' } });
  const paths: Record<string, Record<string, Operation>> = {};
  const ids = new Set<string>();
  for (const [path, byMethod] of Object.entries(declared?.paths ?? {})) {
    for (const [method, op] of Object.entries(byMethod as Record<string, Operation>)) {
      if (!documentedMethods.includes(method.toUpperCase())) continue;
      let id = (op.operationId as string | undefined) ?? operationId(method.toUpperCase(), path);
      for (let n = 2; ids.has(id); n++) id = `${operationId(method.toUpperCase(), path)}${n}`;
      ids.add(id);
      // A route registered by hand (`openAPIRegistry.registerPath`) keeps its middleware in the config.
      const { middleware: _middleware, ...documented } = op;
      (paths[path] ??= {})[method] = { operationId: id, tags: [tagOf(path)], ...documented };
    }
  }
  for (const route of app.routes) {
    const method = route.method.toUpperCase();
    if (!documentedMethods.includes(method) || !route.path.startsWith('/api/') || route.path.includes('*')) continue;
    const { path, params } = toOpenApiPath(route.path);
    const key = method.toLowerCase();
    if (paths[path]?.[key]) continue; // one entry per handler: a route with middleware appears more than once
    let id = operationId(method, path);
    for (let n = 2; ids.has(id); n++) id = `${operationId(method, path)}${n}`;
    ids.add(id);

    const secured = path.startsWith(officerPrefix) && !publicOfficerPaths.has(path);
    const op: Operation = {
      operationId: id,
      summary: `${method} ${path}`,
      tags: [tagOf(path)],
      parameters: params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      responses: {
        '200': { description: 'Success' },
        ...(secured
          ? {
              '401': errorResponse('Not signed in'),
              '403': errorResponse(stateChanging.has(method) ? 'Role not allowed, or CSRF token missing/wrong' : 'Role not allowed'),
            }
          : {}),
      },
    };
    if (secured) op.security = [stateChanging.has(method) ? { sessionCookie: [], csrfHeader: [] } : { sessionCookie: [] }];
    else if (publicOfficerPaths.has(path)) op.security = [];
    const more = extra[`${method} ${path}`];
    if (more) {
      Object.assign(op, more, {
        parameters: [...(op.parameters as unknown[]), ...((more.parameters as unknown[]) ?? [])],
        // A declared success replaces the generic 200.
        responses: Object.fromEntries(
          Object.entries({ ...(op.responses as object), ...((more.responses as object) ?? {}) }).filter(
            ([status]) =>
              status !== '200' || !Object.keys(more.responses ?? {}).some((s) => /^2\d\d$/.test(s)) || Object.hasOwn(more.responses as object, '200'),
          ),
        ),
      });
    }
    (paths[path] ??= {})[key] = op;
  }
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  for (const ops of Object.values(paths)) for (const op of Object.values(ops)) op.security ??= [];
  const tags = [...new Set(Object.values(paths).flatMap((ops) => Object.values(ops).flatMap((o) => o.tags as string[])))].sort();
  return {
    openapi: '3.1.0',
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
      schemas: { Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } }, ...declared?.components?.schemas },
    },
  };
}

/**
 * GET /openapi.json, for mounting at /api: `app.route('/api', openApiRoute(app))`. The document
 * is built on first request, when every route has been registered, then kept.
 */
export function openApiRoute(app: { routes: RouteLike[] }, options: OpenApiOptions = {}) {
  let doc: ReturnType<typeof openApiDocument> | undefined;
  return new Hono<OfficerEnv>().get('/openapi.json', (c) => c.json((doc ??= openApiDocument(app, options))));
}
