/**
 * A JSON response from bytes already serialised (a report from the worker pool or its cache): the
 * same bytes and Content-Type `c.json` would send, typed as `c.json` types it for the `hc` clients.
 * Nothing is parsed, re-serialised or even encoded on the request thread: the worker wrote the
 * UTF-8 and handed the buffer over, so a 20 MB report costs this thread next to nothing.
 */
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { JsonBytes } from '../jobs/jobs.js';

/** Says whether a result computed in the worker pool came from its cache ('hit') or was made for this request ('miss'). */
export const RESULT_CACHE_HEADER = 'x-result-cache';

export type JsonBytesResponse<T> = Response & TypedResponse<JSONParsed<T>, 200, 'json'>;

export function sendJsonBytes<T>(c: Context, json: JsonBytes<T>): JsonBytesResponse<T> {
  // The bytes are the JSON of a T (JsonBytes), so the response is what c.json(T) would have typed.
  const res: Response = c.body(json, 200, { 'content-type': 'application/json' });
  return res as JsonBytesResponse<T>;
}
