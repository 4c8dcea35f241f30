/**
 * Small-area (Fay–Herriot) estimates for wards as JSON, mounted at /api/officer (session + CSRF
 * run there): the same document `report wards --format json` prints. Viewer and up ('read-results').
 * Computed in the worker pool (or found in its cache) and abandoned if the officer goes away; a
 * full queue is a 503 with Retry-After.
 */
import { rolesWith } from '../../accounts/roles.js';
import { WardEstimates, WardEstimatesQuery } from '../../reports/ward-estimates-schema.js';
import type { AppDeps } from '../deps.js';
import { sendJsonBytes } from '../json-bytes.js';
import { WaveParams } from '../params.js';
import { errors, jsonContent, officerRoute, router } from '../route.js';

const getWardEstimates = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/ward-estimates',
  roles: rolesWith('read-results'),
  tags: ['reports'],
  summary: 'Model-based (Fay–Herriot) ward estimates of one question × category beside the direct estimates, with an optional recorded-crime covariate',
  request: { params: WaveParams, query: WardEstimatesQuery },
  responses: {
    200: jsonContent(WardEstimates, 'Direct and model-based estimates by ward'),
    ...errors({
      400: 'An unknown question or category, a month not written YYYY-MM, a crime type not stored, or a survey without a ward question',
      404: 'No such survey or wave',
      409: 'No complete responses, no recorded crime or population figures for a crime covariate, or a crime period with months not imported',
      422: 'Too few wards with enough answers for the model, or a covariate that is the same in every ward',
      503: 'Every report worker is busy and the queue is full: try again after Retry-After seconds',
    }),
  },
});

export function wardEstimateRoutes({ jobs }: AppDeps) {
  return router().openapi(getWardEstimates, async (c) => {
    const { slug, wave } = c.req.valid('param');
    return sendJsonBytes(c, await jobs.wardEstimates({ slug, wave, ...c.req.valid('query') }, c.req.raw.signal));
  });
}
