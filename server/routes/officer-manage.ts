/**
 * Officer API for surveys (upload, check, definition for preview) and waves (create, open/close, dates), mounted at /api/officer (session + CSRF run there).
 * (Being built: issue 5.)
 */
import { Hono } from 'hono';
import type { Store } from '../db/open.js';
import type { OfficerEnv } from '../middleware/session.js';

/** Summaries and request bodies for the OpenAPI document (`openApiRoute(app, { operations })`). */
export const manageOperations: Record<string, Record<string, unknown>> = {};

export function officerManageRoutes(_store: Store) {
  return new Hono<OfficerEnv>();
}
