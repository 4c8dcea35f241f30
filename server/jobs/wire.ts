/**
 * What crosses between the pool and a worker: a job (its kind and arguments), any progress it
 * reports, and its outcome, a value or an error. An error cannot be posted as it is (structured clone keeps only message and
 * name), so it is sent as its parts and rebuilt here, an HttpError of the same status with the same
 * message, field, body and headers, so the route or the CLI refuses exactly as if it ran in-thread.
 */
import {
  BadRequest,
  Conflict,
  type ErrorStatus,
  Gone,
  HttpError,
  NotFound,
  PayloadTooLarge,
  Unavailable,
  UnsupportedMediaType,
  Unprocessable,
} from '../errors.js';
import type { WarmedWaves } from '../reports/warm-up.js';

export interface JobMessage {
  id: number;
  kind: string;
  args: unknown;
  /** The partnership the caller works in: the job keeps to it as the request would (undefined: the whole deployment). */
  partnership?: number;
}

export interface SentError {
  name: string;
  message: string;
  stack?: string;
  status?: ErrorStatus;
  field?: string;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A worker kept ready has read the newest big wave ahead (null: the store has none, or it failed: `error`). */
export interface WarmedMessage {
  warmed: WarmedWaves | null;
  error?: string;
}

export type OutcomeMessage = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SentError };

/** A line of progress a job reports while it runs (a weighting run's steps), passed on to its caller. */
export interface ProgressMessage {
  id: number;
  progress: string;
}

export function sendError(e: unknown): SentError {
  if (e instanceof HttpError) {
    return { name: e.name, message: e.message, stack: e.stack, status: e.status, field: e.field, body: e.body, headers: e.headers };
  }
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: String(e) };
}

/** The classes services throw, by status, so `instanceof NotFound` still holds after the trip. */
const byStatus: Partial<Record<ErrorStatus, new (message: string, details?: ConstructorParameters<typeof HttpError>[2]) => HttpError>> = {
  400: BadRequest,
  404: NotFound,
  409: Conflict,
  410: Gone,
  413: PayloadTooLarge,
  415: UnsupportedMediaType,
  422: Unprocessable,
  503: Unavailable,
};

export function receivedError(sent: SentError): Error {
  const details = { field: sent.field, body: sent.body, headers: sent.headers };
  let e: Error;
  if (sent.status !== undefined) {
    const Class = byStatus[sent.status];
    e = Class ? new Class(sent.message, details) : new HttpError(sent.status, sent.message, details);
  } else {
    e = new Error(sent.message);
  }
  // The original name (e.g. SurveyUploadError, MarginsError: the CLI maps some by name).
  e.name = sent.name;
  if (sent.stack) e.stack = sent.stack;
  return e;
}
