/** Survey reports as JSON: the same document `report --format json` prints. Officer-only once sign-in lands. */
import { Hono } from 'hono';
import type { Store } from '../db/open.js';
import { surveyReport, type ReportOptions } from '../reporting/survey-report.js';

export function reportRoutes(store: Store) {
  return new Hono().get('/surveys/:slug/waves/:wave/report', (c) => {
    const by = c.req.query('by');
    const report = surveyReport(store, {
      slug: c.req.param('slug'),
      wave: c.req.param('wave'),
      by: by ? by.split(',').map((s) => s.trim()).filter(Boolean) : [],
      compareWave: c.req.query('compareWave') || undefined,
      ci: (c.req.query('ci') || undefined) as ReportOptions['ci'],
    });
    return c.json(report);
  });
}
