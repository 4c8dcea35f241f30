/**
 * The one error type. Services (called by routes and by the CLI alike) throw an HttpError when
 * the caller asked for something that cannot be done; its message is written for the person who
 * asked and says what to do instead. `http/errors.ts` maps it to a response once (status and
 * `{ error, field? }`); `cli/run.ts` maps it to a message and exit code once. Anything else that
 * is thrown is a bug: a 500 (or exit 1) that says nothing was stored.
 *
 * This file imports nothing, so every layer may throw these without depending on HTTP code.
 *
 * @example
 *   throw new NotFound(`There is no survey called '${slug}'.`);
 *   throw new Unprocessable('The closing day must be after the opening day.', { field: 'closes' });
 */

/** Statuses a person can act on. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503 | 507;

export interface ErrorDetails {
  /** The request field to correct (shown beside it in a form). */
  field?: string;
  /** Anything else a client can use, e.g. the rejected rows of an import. Sent beside `error`. */
  body?: Record<string, unknown>;
  /** Response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  readonly field?: string;
  readonly body?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  constructor(
    readonly status: ErrorStatus,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.field = details.field;
    this.body = details.body;
    this.headers = details.headers;
  }

  /** The JSON body of the response: `{ error, field?, ...body }`. */
  toJSON(): { error: string; field?: string } & Record<string, unknown> {
    return { ...this.body, error: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

type HttpErrorClass = new (message: string, details?: ErrorDetails) => HttpError;
type HttpErrorClassWithFallback = new (message?: string, details?: ErrorDetails) => HttpError;

/**
 * The base of an HttpError subclass with a fixed status: `class NotFound extends withStatus(404) {}`.
 * With `fallback`, the message may be left out.
 */
function withStatus(status: ErrorStatus): HttpErrorClass;
function withStatus(status: ErrorStatus, fallback: string): HttpErrorClassWithFallback;
function withStatus(status: ErrorStatus, fallback?: string): HttpErrorClassWithFallback {
  return class extends HttpError {
    constructor(message = fallback ?? '', details?: ErrorDetails) {
      super(status, message, details);
    }
  };
}

/** 400: the request is malformed (not JSON, a parameter of the wrong kind). */
export class BadRequest extends withStatus(400) {}

/** 401: not signed in, or the session ended. */
export class Unauthorized extends withStatus(401, 'Sign in first: this needs an officer account.') {}

/** 403: signed in, but the role (or the CSRF token) does not allow it. */
export class Forbidden extends withStatus(403) {}

/** 404: no such survey, wave, link, file… */
export class NotFound extends withStatus(404) {}

/** 409: it clashes with what is stored (a label the wave already has, a wave already open). */
export class Conflict extends withStatus(409) {}

/** 410: it existed but has ended (a closed wave, an expired link). */
export class Gone extends withStatus(410) {}

/** 413: the body is larger than the route takes. */
export class PayloadTooLarge extends withStatus(413) {}

/** 415: the body is not in a format the route takes. */
export class UnsupportedMediaType extends withStatus(415) {}

/** 422: well formed, but a value cannot be used (out of range, unknown category, bad margins). */
export class Unprocessable extends withStatus(422) {}

/** 429: too many attempts; `headers` carries Retry-After. */
export class TooManyRequests extends withStatus(429) {}

/** 503: the server cannot do it yet (e.g. the pages are not built). */
export class Unavailable extends withStatus(503) {}

/**
 * 503 because the server is busy (every report worker taken and the queue full): the response
 * carries Retry-After, the seconds after which asking again should succeed.
 */
export class ServiceUnavailable extends Unavailable {
  constructor(message: string, retryAfterSeconds: number) {
    super(message, { headers: { 'Retry-After': String(retryAfterSeconds) } });
  }
}

/** 507: the staging area for uploads is full (the total quota); the message says what to do. */
export class InsufficientStorage extends withStatus(507) {}

/** What a person is told when a write found the disk full. */
export const DISK_FULL_MESSAGE = "The server's disk is full: nothing was saved; tell your administrator.";

/** 503 because the disk (or the store's size limit) is full: nothing was saved. */
export class DiskFull extends Unavailable {
  constructor() {
    super(DISK_FULL_MESSAGE);
  }
}

/**
 * Whether `e` (or what it wraps: drizzle wraps SQLite's errors in `cause`) is SQLite's
 * SQLITE_FULL or the operating system's ENOSPC: a full disk, not a bug, so never a 500.
 */
export function isDiskFull(e: unknown): boolean {
  for (let at = e, depth = 0; at && depth < 5; at = (at as { cause?: unknown }).cause, depth++) {
    const code = (at as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') return true;
  }
  return false;
}

/** The message every unexpected failure gets: nothing about the internals. */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on the server. Nothing was stored; please try again.';
