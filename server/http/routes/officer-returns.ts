/**
 * Live returns of a wave, for the Returns page (mounted at /api/officer; session + CSRF run there).
 * Viewer and up ('read-results').
 */
import { rolesWith } from '../../accounts/roles.js';
import { returnsSummary } from '../../reports/returns.js';
import { ReturnsSummary } from '../../reports/returns-schema.js';
import type { AppDeps } from '../deps.js';
import { WaveParams } from '../params.js';
import { errors, jsonContent, officerRoute, router } from '../route.js';

const getReturns = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/returns',
  roles: rolesWith('read-results'),
  tags: ['returns'],
  summary: 'Returns of a wave: complete vs partial, by day, by ward against population share, by school (small counts suppressed)',
  request: { params: WaveParams },
  responses: {
    200: jsonContent(ReturnsSummary, "The wave's returns"),
    ...errors({ 404: 'No such survey or wave' }),
  },
});

export function officerReturnsRoutes({ store }: AppDeps) {
  return router().openapi(getReturns, (c) => {
    const { slug, wave } = c.req.valid('param');
    return c.json(returnsSummary(store, slug, wave), 200);
  });
}
