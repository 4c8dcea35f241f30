/**
 * The priority matrix (MoRiLE-style), mounted at /api/officer: read a year's matrix with its
 * evidence (every role), save scores of a theme or the criteria weights (analyst or admin). A
 * refusal stores nothing; the service audits changes ('priorities.score', 'priorities.weights').
 */
import type { Context } from 'hono';
import { rolesWith } from '../../accounts/roles.js';
import {
  MAX_PRIORITIES_BODY_BYTES,
  PriorityMatrix,
  ScoresBody,
  saveCriteriaWeights,
  saveThemeScores,
  WeightsBody,
  YearParams,
} from '../../priorities/matrix.js';
import type { AppDeps } from '../deps.js';
import { RESULT_CACHE_HEADER, sendJsonBytes } from '../json-bytes.js';
import { errors, jsonBody, jsonContent, limitBody, officerRoute, router } from '../route.js';

const tags = ['priorities'];
const scorers = rolesWith('score-priorities');
const bodyErrors = errors({
  400: 'The body is not JSON or not of the shape asked for',
  413: 'The body is larger than 4 KB',
  415: 'The body is not JSON',
  422: 'A score is not 1–5, a weight not 0–10, or the theme is unknown (named in field)',
});

const getMatrix = officerRoute({
  method: 'get',
  path: '/priorities/{year}',
  roles: rolesWith('read-results'),
  tags,
  summary: "A year's priority matrix: criteria and weights, the ranked themes with their evidence and who scored them",
  request: { params: YearParams },
  responses: {
    200: jsonContent(PriorityMatrix, 'The matrix; saved is false until something of the year is saved. Header x-result-cache: hit or miss'),
    ...errors({ 400: 'Not a year', 503: 'Every report worker is busy and the queue is full: try again after Retry-After seconds' }),
  },
});

const putScores = officerRoute({
  method: 'put',
  path: '/priorities/{year}/scores',
  roles: scorers,
  tags,
  summary: 'Score one theme 1–5 on some or all criteria (analyst or admin; audited as priorities.score)',
  middleware: [limitBody({ maxBytes: MAX_PRIORITIES_BODY_BYTES })],
  request: { params: YearParams, body: jsonBody(ScoresBody) },
  responses: { 200: jsonContent(PriorityMatrix, 'The matrix with the scores saved'), ...bodyErrors },
});

const putWeights = officerRoute({
  method: 'put',
  path: '/priorities/{year}/weights',
  roles: scorers,
  tags,
  summary: 'Set the weight 0–10 of some or all criteria (analyst or admin; audited as priorities.weights)',
  middleware: [limitBody({ maxBytes: MAX_PRIORITIES_BODY_BYTES })],
  request: { params: YearParams, body: jsonBody(WeightsBody) },
  responses: { 200: jsonContent(PriorityMatrix, 'The matrix with the weights saved'), ...bodyErrors },
});

export function priorityRoutes({ store, clock, jobs }: AppDeps) {
  // The evidence takes seconds: worked out in the worker pool, then answered from its cache until something it reads changes.
  const matrix = async (c: Context, year: string) => {
    const { json, cached } = await jobs.priorities(year, c.req.raw.signal);
    c.header(RESULT_CACHE_HEADER, cached ? 'hit' : 'miss');
    return sendJsonBytes<PriorityMatrix>(c, json);
  };
  return router()
    .openapi(getMatrix, (c) => matrix(c, c.req.valid('param').year))
    .openapi(putScores, async (c) => {
      await saveThemeScores(store, c.req.valid('param').year, c.req.valid('json'), { now: clock.now(), by: c.get('officer') });
      return matrix(c, c.req.valid('param').year);
    })
    .openapi(putWeights, async (c) => {
      await saveCriteriaWeights(store, c.req.valid('param').year, c.req.valid('json'), { now: clock.now(), by: c.get('officer') });
      return matrix(c, c.req.valid('param').year);
    });
}
