/**
 * Officer API for distribution links (list, create, change expiry/cap), QR codes and A4 posters, mounted at /api/officer (session + CSRF run there).
 * (Being built: issue 5.)
 */
import { Hono } from 'hono';
import type { Store } from '../db/open.js';
import type { OfficerEnv } from '../middleware/session.js';

/** Summaries and request bodies for the OpenAPI document (`openApiRoute(app, { operations })`). */
export const linkOperations: Record<string, Record<string, unknown>> = {};

export function officerLinkRoutes(_store: Store) {
  return new Hono<OfficerEnv>();
}
