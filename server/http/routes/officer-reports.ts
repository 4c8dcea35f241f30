/**
 * Survey reports as JSON, mounted at /api/officer (session + CSRF run there): the same document
 * `report --format json` prints. Viewer and up ('read-results').
 *   GET /surveys/:slug/waves/:wave/report?by=q1,q2&compareWave=w&ci=logit|beta|wilson
 */
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { rolesWith } from '../../accounts/roles.js';
import type { Store } from '../../store/open.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import { surveyReport, type ReportOptions } from '../../reports/survey-report.js';

/** Summary and query parameters for the OpenAPI document. */
export const reportOperations: Record<string, Record<string, unknown>> = {
  'GET /api/officer/surveys/{slug}/waves/{wave}/report': {
    summary: 'The weighted report of a wave: estimates with CIs, comparisons between groups, associations, changes (BH-adjusted), suppression',
    parameters: [
      {
        name: 'by',
        in: 'query',
        required: false,
        schema: { type: 'string' },
        description: 'Breakdowns, comma-separated question names (see GET /api/officer/surveys)',
      },
      { name: 'compareWave', in: 'query', required: false, schema: { type: 'string' }, description: 'Another wave of the survey: adds the change since it' },
      { name: 'ci', in: 'query', required: false, schema: { type: 'string', enum: ['logit', 'beta', 'wilson'] }, description: '95% CI method' },
    ],
  },
};

export function reportRoutes({ store }: AppDeps) {
  return new Hono<OfficerEnv>().get('/surveys/:slug/waves/:wave/report', requireRole(...rolesWith('read-results')), (c) => {
    const by = c.req.query('by');
    const report = surveyReport(store, {
      slug: c.req.param('slug'),
      wave: c.req.param('wave'),
      by: by
        ? by
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
      compareWave: c.req.query('compareWave') || undefined,
      ci: (c.req.query('ci') || undefined) as ReportOptions['ci'],
    });
    return c.json(report);
  });
}
