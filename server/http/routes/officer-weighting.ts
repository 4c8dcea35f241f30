/**
 * The weighting panel's API, mounted at /api/officer (session + CSRF run there): the latest run
 * of a wave and every past run (viewer and up), what the population table offers as targets,
 * restoring a past run (analyst; audited 'weighting.restore'), and a run to the
 * population or to an uploaded margins file (analyst and up; audited 'weighting.run').
 * Targets that cannot be used (bad CSV, categories with no target, no population) → 422 with the
 * reason; a malformed request → 400; unknown survey or wave → 404. A refused run changes nothing.
 * The calibration runs in the worker pool (a full queue → 503 with Retry-After, nothing stored);
 * the weights are stored here once computed.
 */
import { rolesWith } from '../../accounts/roles.js';
import { latestWeightingRun, populationTargetsFor, restoreWeightingRun, weightingHistory } from '../../weighting/runs.js';
import {
  LatestWeightingRun,
  PopulationTargets,
  RunParams,
  WeightingHistory,
  WeightingRequest,
  WeightingRestored,
  WeightingRunResponse,
} from '../../weighting/schemas.js';
import type { AppDeps } from '../deps.js';
import { WaveParams } from '../params.js';
import { errors, invalidAs, jsonBody, jsonContent, limitBody, officerRoute, router } from '../route.js';

/** A margins CSV for a borough is a few hundred lines; 256 KB leaves ample room. */
export const MAX_WEIGHTING_BODY_BYTES = 256 * 1024;

export type { PopulationTargets, WeightingRequest, WeightingRunResponse };

const getLatest = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/weighting',
  roles: rolesWith('read-results'),
  tags: ['weighting'],
  summary: "The wave's latest weighting run (method, targets, diagnostics), or null",
  request: { params: WaveParams },
  responses: {
    200: jsonContent(LatestWeightingRun.nullable(), 'The latest run with the notices its figures need, or null when the wave has not been weighted'),
    ...errors({ 404: 'No such survey or wave' }),
  },
});

const getPopulationTargets = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/weighting/population-targets',
  roles: rolesWith('run-weighting'),
  tags: ['weighting'],
  summary: 'What weighting to the population table would use: variables, illustrative or not, respondents without a target, the margins as CSV',
  request: { params: WaveParams },
  responses: {
    200: jsonContent(PopulationTargets, 'The population targets, or why they cannot be used (available: false)'),
    ...errors({ 404: 'No such survey or wave' }),
  },
});

const postRun = officerRoute({
  method: 'post',
  path: '/surveys/{slug}/waves/{wave}/weighting',
  roles: rolesWith('run-weighting'),
  tags: ['weighting'],
  summary: 'Weight the wave to the population or to uploaded margins; returns the diagnostics',
  middleware: [limitBody({ maxBytes: MAX_WEIGHTING_BODY_BYTES })],
  request: { params: WaveParams, body: jsonBody(WeightingRequest, 'Which targets, what to do with respondents without one, optional trimming') },
  responses: {
    200: jsonContent(WeightingRunResponse, 'The weights are stored; how the run went'),
    ...errors({
      400: 'The request is malformed (not JSON, an unknown source, a trim bound out of range); nothing was stored',
      404: 'No such survey or wave',
      413: 'The body is larger than 256 KB',
      415: 'The body is not JSON',
      422: 'The targets cannot be used (a bad margins file, answers with no target, no population); nothing was stored',
      503: 'Every report worker is busy and the queue is full: try again after Retry-After seconds; nothing was stored',
    }),
  },
});

const getRuns = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/weighting/runs',
  roles: rolesWith('read-results'),
  tags: ['weighting'],
  summary: "Every weighting run of the wave, newest (current) first, with its targets' variables and diagnostics",
  request: { params: WaveParams },
  responses: {
    200: jsonContent(WeightingHistory, 'The runs, newest first'),
    ...errors({ 404: 'No such survey or wave' }),
  },
});

const postRestore = officerRoute({
  method: 'post',
  path: '/surveys/{slug}/waves/{wave}/weighting/runs/{run}/restore',
  roles: rolesWith('run-weighting'),
  tags: ['weighting'],
  summary: "Make a past run's weights current again (a copy of it becomes the latest run; reports are made afresh) (analyst; audited as weighting.restore)",
  request: { params: RunParams },
  responses: {
    200: jsonContent(WeightingRestored, 'Its weights are current again'),
    ...errors({
      400: 'The run is not a whole number',
      404: 'No such survey, wave or run',
      422: 'The run was made before runs kept their weights',
    }),
  },
});

export function officerWeightingRoutes({ store, jobs }: AppDeps) {
  return router()
    .openapi(getLatest, async (c) => {
      const { slug, wave } = c.req.valid('param');
      return c.json(await latestWeightingRun(store, slug, wave), 200);
    })
    .openapi(getRuns, async (c) => {
      const { slug, wave } = c.req.valid('param');
      return c.json(await weightingHistory(store, slug, wave), 200);
    })
    .openapi(
      postRestore,
      async (c) => {
        const { slug, wave, run } = c.req.valid('param');
        return c.json(await restoreWeightingRun(store, { slug, wave, run, by: c.get('officer') }), 200);
      },
      invalidAs(400),
    )
    .openapi(getPopulationTargets, async (c) => {
      const { slug, wave } = c.req.valid('param');
      return c.json(await populationTargetsFor(store, slug, wave), 200);
    })
    .openapi(
      postRun,
      async (c) => {
        const { slug, wave } = c.req.valid('param');
        return c.json(await jobs.weigh({ slug, wave, request: c.req.valid('json'), by: c.get('officer') }, c.req.raw.signal), 200);
      },
      // The panel's request checks have always been a 400 (the targets' own problems are the 422s).
      invalidAs(400),
    );
}
