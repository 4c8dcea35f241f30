/**
 * How a route is declared: one `createRoute` (or `officerRoute`) config per operation holds the
 * zod schemas of its path, query and body, and of each response. The same config validates the
 * request (failures become a 400/422 through `validationHook`), types the handler and the `hc`
 * clients, and writes the operation into /api/openapi.json, so none of the three can drift.
 *
 * @example
 *   const getWave = officerRoute({
 *     method: 'get', path: '/surveys/{slug}/waves/{wave}', roles: rolesWith('read-results'),
 *     summary: 'One wave', request: { params: WaveParams },
 *     responses: { 200: jsonContent(Wave, 'The wave'), ...errors({ 404: 'No such survey or wave' }) },
 *   });
 *   router(deps).openapi(getWave, (c) => c.json(findWave(store, c.req.valid('param')), 200));
 */
import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Env, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Role } from '../accounts/roles.js';
import { ErrorBody } from '../error-body.js';
import { BadRequest, PayloadTooLarge, Unprocessable } from '../errors.js';
import { type HookResult, type Target, validationError, validationHook } from './errors.js';
import { requireRole } from './middleware/require-role.js';
import type { OfficerEnv } from './middleware/session.js';

export { createRoute, ErrorBody, z };

/** A router whose failed request checks are refused by `validationHook`. */
export function router<E extends Env = OfficerEnv>() {
  return new OpenAPIHono<E>({ defaultHook: validationHook });
}

/** A JSON response (or request body) of `schema`. */
export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** The error responses an operation can give, each `{ error }`: `errors({ 404: 'No such survey' })`. */
export function errors<S extends number>(descriptions: Record<S, string>) {
  return Object.fromEntries(Object.entries(descriptions).map(([status, d]) => [status, jsonContent(ErrorBody, d as string)])) as {
    [K in S]: ReturnType<typeof jsonContent<typeof ErrorBody>>;
  };
}

/** A download (`text/csv`, an XLSX, an SVG…): its bytes as the body. */
export function fileContent(mediaType: string, description: string) {
  return { description, content: { [mediaType]: { schema: z.string().openapi({ format: 'binary' }) } } } as const;
}

/** A required JSON request body of `schema`. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } } as const;
}

export interface LimitBodyOptions {
  /** The largest body taken, in bytes. */
  maxBytes: number;
  /** The refusal; default "The request body is larger than N KB. Nothing was stored." */
  message?: string;
}

/**
 * A route's `middleware`: refuses a body over `maxBytes` with 413 (PayloadTooLarge) before it is
 * read, whether its size is declared (Content-Length) or only known while reading (chunked).
 *
 * @example
 *   officerRoute({ method: 'post', …, middleware: [limitBody({ maxBytes: 4096 })], … })
 */
export function limitBody({ maxBytes, message }: LimitBodyOptions): MiddlewareHandler {
  const refusal = message ?? `The request body is larger than ${Math.round(maxBytes / 1024)} KB. Nothing was stored.`;
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new PayloadTooLarge(refusal);
    },
  });
}

/**
 * A route's hook (the third argument of `.openapi`) that refuses a request failing its schema
 * with `status` instead of the default (a body field is 422): `invalidAs(400)` keeps the
 * message and field of the first issue; `invalidAs(400, 'Send {…} as JSON.')` says one fixed
 * sentence whatever the issue. It throws, so it never answers (hence `undefined`).
 *
 * @example
 *   router().openapi(postRun, handler, invalidAs(400))
 */
export function invalidAs(status: 400 | 422, message?: string) {
  return (result: HookResult): undefined => {
    if (result.success) return undefined;
    if (message !== undefined) throw status === 400 ? new BadRequest(message) : new Unprocessable(message);
    const e = validationError(result.error, result.target as Target);
    throw status === 400 ? new BadRequest(e.message, { field: e.field }) : new Unprocessable(e.message, { field: e.field });
  };
}

const stateChanging = new Set(['post', 'put', 'patch', 'delete']);

const officerErrors = (changes: boolean) =>
  errors({
    401: 'Not signed in, or the session ended',
    403: changes ? 'The role may not do this, or the CSRF token is missing or wrong' : 'The role may not do this',
  });

type OfficerRouteConfig = Omit<RouteConfig, 'path' | 'security'> & { path: string; roles: readonly Role[] };

/**
 * An operation under /api/officer: its roles are checked (401 anonymous, 403 other roles) before
 * anything else, and the document says so (session cookie, CSRF header on changes, the roles).
 */
export function officerRoute<const R extends OfficerRouteConfig>(config: R) {
  const changes = stateChanging.has(config.method);
  const own = config.middleware ? (Array.isArray(config.middleware) ? config.middleware : [config.middleware]) : [];
  const route = {
    ...config,
    'x-roles': [...config.roles],
    security: [changes ? { sessionCookie: [], csrfHeader: [] } : { sessionCookie: [] }],
    middleware: [requireRole(...config.roles), ...own],
    responses: { ...config.responses, ...officerErrors(changes) },
  } as Omit<R, 'responses' | 'middleware'> & { middleware: MiddlewareHandler[]; responses: R['responses'] & ReturnType<typeof officerErrors> };
  delete (route as Partial<OfficerRouteConfig>).roles;
  return createRoute(route);
}
