/**
 * Errors to responses, once for the whole app: `app.onError(onError)` turns an HttpError (from
 * server/errors.ts) into its status and `{ error, field? }`, Hono's own HTTPException (a body that
 * is not JSON, an unsupported media type) into the same shape, and anything else into a 500 that
 * says nothing was stored; a full disk (SQLITE_FULL, ENOSPC) is a 503 saying so. `validationHook` turns a request that fails its schema into an
 * HttpError with a sentence a person understands; every router gets it from `router()`.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { BadRequest, DiskFull, HttpError, INTERNAL_ERROR_MESSAGE, isDiskFull, Unprocessable } from '../errors.js';
import { TOO_DEEP } from './middleware/json-body.js';
import { requestLog } from './middleware/request-log.js';

export function onError(err: Error, c: Context): Response {
  if (err instanceof HttpError) {
    for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    return c.json(err.toJSON(), err.status);
  }
  // A full disk is the administrator's to fix, and the person must know nothing was saved.
  if (isDiskFull(err)) {
    logError(c, err, 'disk full');
    return c.json(new DiskFull().toJSON(), 503);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return c.json({ error: hono[status] ?? err.message }, status);
  }
  // Only input nested far too deeply overflows the stack (every walk of a request is bounded otherwise).
  if (err instanceof RangeError && /call stack/i.test(err.message)) return c.json({ error: TOO_DEEP }, 400);
  logError(c, err, 'unexpected error');
  return c.json({ error: INTERNAL_ERROR_MESSAGE }, 500);
}

/** With the request's id when it has one, so the line can be found from the X-Request-Id a person quotes. */
function logError(c: Context, err: Error, msg: string): void {
  // The innermost error only: drizzle's wrapper puts the query's parameters (answers) in its message.
  let root: Error = err;
  for (let depth = 0; root.cause instanceof Error && depth < 5; depth++) root = root.cause;
  const code = (root as { code?: unknown }).code;
  const log = requestLog(c);
  if (log) log.error({ err: { type: root.name, message: root.message, ...(code ? { code } : {}), stack: root.stack } }, msg);
  else console.error(root);
}

/** Hono's own refusals, in words. */
const hono: Partial<Record<ContentfulStatusCode, string>> = {
  400: 'The request body is not valid JSON. Nothing was stored.',
  413: 'The request body is too large. Nothing was stored.',
  415: 'Send the body as JSON with the header Content-Type: application/json.',
};

export type Target = 'json' | 'query' | 'param' | 'header' | 'cookie' | 'form';

const where: Record<Target, string> = {
  json: 'the request body',
  query: 'the query',
  param: 'the address',
  header: 'the headers',
  cookie: 'the cookies',
  form: 'the form',
};

/**
 * One issue in words. A schema's own message is a whole sentence (it ends with a full stop) and is
 * used as it is; zod's defaults ("Invalid input: expected string, received undefined") are prefixed
 * with the field so the reader knows what to fix.
 */
export function issueMessage(issue: z.core.$ZodIssue, target: Target): string {
  if (/[.!?]$/.test(issue.message)) return issue.message;
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}.` : `${where[target]}: ${issue.message}.`;
}

/**
 * The status of a failed check: a body field that cannot be used is 422 (with `field`, for the
 * form); a body that is not an object, or a query or path parameter of the wrong kind, is 400.
 */
export function validationError(error: z.ZodError, target: Target): HttpError {
  const [first] = error.issues;
  const message = issueMessage(first, target);
  const field = first.path.length ? String(first.path[0]) : undefined;
  if (target === 'json' && field !== undefined) return new Unprocessable(message, { field });
  return new BadRequest(message, field !== undefined ? { field } : {});
}

/** Every router's `defaultHook`: refuse with the first issue, before the handler runs. */
export function validationHook(result: HookResult): undefined {
  if (!result.success) throw validationError(result.error, result.target as Target);
}

/** What a validation hook is given: the target checked and whether it passed. */
export type HookResult = { target: string } & ({ success: true } | { success: false; error: z.ZodError });
