/**
 * A JSON response from text already serialised (a report from the worker pool or its cache): the
 * same bytes and Content-Type `c.json` would send, typed as `c.json` types it for the `hc` clients,
 * without parsing and re-serialising megabytes on the request thread.
 */
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { JsonText } from '../jobs/jobs.js';

export type JsonTextResponse<T> = Response & TypedResponse<JSONParsed<T>, 200, 'json'>;

export function sendJsonText<T>(c: Context, text: JsonText<T>): JsonTextResponse<T> {
  // The text is the JSON of a T (JsonText), so the response is what c.json(T) would have typed.
  const res: Response = c.body(text, 200, { 'content-type': 'application/json' });
  return res as JsonTextResponse<T>;
}
