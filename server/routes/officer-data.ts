/**
 * Officer API for recorded crime uploads/imports and population imports, mounted at /api/officer (session + CSRF run there).
 * (Being built: issue 5.)
 */
import { Hono } from 'hono';
import type { Store } from '../db/open.js';
import type { OfficerEnv } from '../middleware/session.js';

/** Summaries and request bodies for the OpenAPI document (`openApiRoute(app, { operations })`). */
export const dataOperations: Record<string, Record<string, unknown>> = {};

export function officerDataRoutes(_store: Store) {
  return new Hono<OfficerEnv>();
}
