/**
 * Perception vs recorded crime as JSON, mounted at /api/officer (session + CSRF run there): the
 * same document `report perception --format json` prints. Viewer and up ('read-results'). Computed in the worker
 * pool (or found in its cache) and abandoned if the officer goes away; a full queue is a 503.
 */
import { rolesWith } from '../../accounts/roles.js';
import { PerceptionQuery, PerceptionReport } from '../../reports/schemas.js';
import type { AppDeps } from '../deps.js';
import { sendJsonBytes } from '../json-bytes.js';
import { WaveParams } from '../params.js';
import { errors, jsonContent, officerRoute, router } from '../route.js';

const getPerception = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/perception',
  roles: rolesWith('read-results'),
  tags: ['reports'],
  summary: 'Perception vs recorded crime by ward: worry beside recorded rates, quadrants, rank correlation, trend, key findings',
  request: { params: WaveParams, query: PerceptionQuery },
  responses: {
    200: jsonContent(PerceptionReport, 'Perception vs recorded crime for the wave'),
    ...errors({
      400: 'A month not written YYYY-MM, a crime period outside the stored months, or a survey without a ward question',
      404: 'No such survey or wave',
      409: 'No complete responses, recorded crime or population figures yet, or no question linked to crime types',
      422: 'The questionnaire cannot be reported on',
      503: 'Every report worker is busy and the queue is full: try again after Retry-After seconds',
    }),
  },
});

export function perceptionRoutes({ jobs }: AppDeps) {
  return router().openapi(getPerception, async (c) => {
    const { slug, wave } = c.req.valid('param');
    return sendJsonBytes(c, await jobs.perception({ slug, wave, ...c.req.valid('query') }, c.req.raw.signal));
  });
}
