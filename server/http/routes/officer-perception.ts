/**
 * Perception vs recorded crime as JSON, mounted at /api/officer (session + CSRF run there): the
 * same document `report perception --format json` prints. Viewer and up ('read-results').
 *   GET /surveys/:slug/waves/:wave/perception?compareWave=&from=&to=&compareFrom=&compareTo=
 */
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { rolesWith } from '../../accounts/roles.js';
import type { Store } from '../../store/open.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import { perceptionReport } from '../../reports/perception.js';

/** Summary and query parameters for the OpenAPI document. */
export const perceptionOperations: Record<string, Record<string, unknown>> = {
  'GET /api/officer/surveys/{slug}/waves/{wave}/perception': {
    summary: 'Perception vs recorded crime by ward: worry beside recorded rates, quadrants, rank correlation, trend, key findings',
    parameters: [
      { name: 'compareWave', in: 'query', required: false, schema: { type: 'string' }, description: 'Another wave: adds the trend between waves' },
      { name: 'from', in: 'query', required: false, schema: { type: 'string' }, description: 'First month of the crime period (YYYY-MM)' },
      { name: 'to', in: 'query', required: false, schema: { type: 'string' }, description: 'Last month of the crime period (YYYY-MM)' },
      { name: 'compareFrom', in: 'query', required: false, schema: { type: 'string' }, description: 'Crime period of the comparison wave, first month' },
      { name: 'compareTo', in: 'query', required: false, schema: { type: 'string' }, description: 'Crime period of the comparison wave, last month' },
    ],
  },
};

export function perceptionRoutes({ store }: AppDeps) {
  return new Hono<OfficerEnv>().get('/surveys/:slug/waves/:wave/perception', requireRole(...rolesWith('read-results')), (c) => {
    const q = (name: string) => c.req.query(name) || undefined;
    const report = perceptionReport(store, {
      slug: c.req.param('slug'),
      wave: c.req.param('wave'),
      compareWave: q('compareWave'),
      from: q('from'),
      to: q('to'),
      compareFrom: q('compareFrom'),
      compareTo: q('compareTo'),
    });
    return c.json(report);
  });
}
