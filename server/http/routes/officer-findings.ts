/**
 * A wave's headline figures and key findings as JSON, mounted at /api/officer (session + CSRF run
 * there), for the officers' first page. Viewer and up ('read-results'). Computed in the worker pool
 * like the report (or found in its cache) and abandoned if the officer goes away; a full queue is a 503.
 */
import { rolesWith } from '../../accounts/roles.js';
import { FindingsQuery, WaveFindings } from '../../reports/findings-schema.js';
import type { AppDeps } from '../deps.js';
import { sendJsonBytes } from '../json-bytes.js';
import { WaveParams } from '../params.js';
import { errors, jsonContent, officerRoute, router } from '../route.js';

const getFindings = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/findings',
  roles: rolesWith('read-results'),
  tags: ['reports'],
  summary: "A wave's headline figures (responses used, margin of error, weighting) and its key findings in words",
  request: { params: WaveParams, query: FindingsQuery },
  responses: {
    200: jsonContent(WaveFindings, "The wave's headline figures and key findings"),
    ...errors({
      400: 'The same wave to compare with',
      404: 'No such survey or wave',
      409: 'The wave has no complete responses yet',
      422: 'The questionnaire cannot be reported on',
      503: 'Every report worker is busy and the queue is full: try again after Retry-After seconds',
    }),
  },
});

export function findingsRoutes({ jobs }: AppDeps) {
  return router().openapi(getFindings, async (c) => {
    const { slug, wave } = c.req.valid('param');
    return sendJsonBytes(c, await jobs.findings({ slug, wave, ...c.req.valid('query') }, c.req.raw.signal));
  });
}
