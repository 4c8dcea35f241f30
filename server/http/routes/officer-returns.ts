/**
 * Live returns of a wave, mounted at /api/officer (session + CSRF run there):
 *   GET /surveys/:slug/waves/:wave/returns → ReturnsSummary (server/reports/returns.ts)
 * Viewer and up ('read-results'). Unknown survey or wave → 404 with what was not found.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { rolesWith } from '../../accounts/roles.js';
import type { Store } from '../../store/open.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import { returnsSummary } from '../../reports/returns.js';
import { NotAvailable } from '../../surveys/surveys.js';

/** Summary for the OpenAPI document (`openApiRoute(app, { operations })`). */
export const returnsOperations: Record<string, Record<string, unknown>> = {
  'GET /api/officer/surveys/{slug}/waves/{wave}/returns': {
    summary: 'Returns of a wave: complete vs partial, by day, by ward against population share, by school (small counts suppressed)',
  },
};

export function officerReturnsRoutes({ store }: AppDeps) {
  return new Hono<OfficerEnv>().get('/surveys/:slug/waves/:wave/returns', requireRole(...rolesWith('read-results')), (c) => {
    try {
      return c.json(returnsSummary(store, c.req.param('slug'), c.req.param('wave')));
    } catch (e) {
      if (e instanceof NotAvailable) return c.json({ error: e.message }, e.status);
      throw e;
    }
  });
}
