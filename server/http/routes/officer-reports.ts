/**
 * Survey reports as JSON, mounted at /api/officer (session + CSRF run there): lean by default
 * (server/reports/lean-report.ts), or with `detail=full` the same document `report --format json` prints. Viewer and up ('read-results'). Computed in the worker pool (or
 * found in its cache) and abandoned if the officer goes away; a full queue is a 503 with Retry-After.
 */
import { rolesWith } from '../../accounts/roles.js';
import { reportContents } from '../../reports/contents.js';
import { z } from '@hono/zod-openapi';
import { ContentsQuery, ReportContents, ReportQuery, SurveyReport, SurveyReportLean } from '../../reports/schemas.js';
import type { AppDeps } from '../deps.js';
import { sendJsonBytes } from '../json-bytes.js';
import { WaveParams } from '../params.js';
import { errors, jsonContent, officerRoute, router } from '../route.js';

const getReport = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/report',
  roles: rolesWith('read-results'),
  tags: ['reports'],
  summary: 'The weighted report of a wave: estimates with CIs, comparisons between groups, associations, changes (BH-adjusted), suppression',
  request: { params: WaveParams, query: ReportQuery },
  responses: {
    200: jsonContent(z.union([SurveyReportLean, SurveyReport]), "The wave's report: lean (SurveyReportLean) unless `detail=full` (SurveyReport)"),
    ...errors({
      400: 'An unknown breakdown, question, filter, cross-tab, CI method or detail, or the same wave to compare with',
      404: 'No such survey or wave',
      409: 'The wave has no complete responses yet',
      422: 'The questionnaire cannot be reported on',
      503: 'Every report worker is busy and the queue is full: try again after Retry-After seconds',
    }),
  },
});

const getContents = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/report/contents',
  roles: rolesWith('read-results'),
  tags: ['reports'],
  summary: "What a wave's report holds, without estimating: its questions in order (titles with stems, sections), breakdowns, filters and responses",
  request: { params: WaveParams, query: ContentsQuery },
  responses: {
    200: jsonContent(ReportContents, "The report's contents"),
    ...errors({ 404: 'No such survey or wave', 409: 'The wave has no complete responses yet', 422: 'The questionnaire cannot be reported on' }),
  },
});

export function reportRoutes({ store, jobs }: AppDeps) {
  return router()
    .openapi(getReport, async (c) => {
      const { slug, wave } = c.req.valid('param');
      return sendJsonBytes(c, await jobs.report({ slug, wave, ...c.req.valid('query'), lean: true }, c.req.raw.signal));
    })
    .openapi(getContents, async (c) => {
      const { slug, wave } = c.req.valid('param');
      return c.json(await reportContents(store, slug, wave, c.req.valid('query')), 200);
    });
}
