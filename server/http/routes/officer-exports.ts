/**
 * Downloads for officers holding 'export' (analyst, admin), mounted at /api/officer (session + CSRF
 * run there). Every download is written to the audit log as `export.<kind>` with survey and wave.
 *   GET /surveys/:slug/waves/:wave/responses.csv          anonymised responses, CSV
 *   GET /surveys/:slug/waves/:wave/responses.xlsx         the same, as a formatted workbook
 *   GET /surveys/:slug/waves/:wave/report.xlsx?by=&compareWave=          report tables workbook
 *   GET /surveys/:slug/waves/:wave/committee-report.html?by=&compareWave= printable HTML report
 * Unknown survey or wave → 404, a breakdown that does not exist → 400, both with the reason.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../deps.js';
import { audit } from '../../accounts/audit.js';
import { rolesWith } from '../../accounts/roles.js';
import type { Store } from '../../store/open.js';
import { reportWorkbook } from '../../reports/workbook.js';
import { responsesWorkbook } from '../../responses/workbook.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import { committeeReportHtml } from '../../reports/committee-report.js';
import { surveyReport } from '../../reports/survey-report.js';
import { exportResponses, toCsv } from '../../responses/export.js';
import { NotAvailable } from '../../surveys/surveys.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `resident-safety-2026-responses.csv`: only letters, digits, dot, dash and underscore. */
export function exportFilename(slug: string, wave: string, what: string, ext: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${safe(slug)}-${safe(wave)}-${safe(what)}.${ext}`;
}

function byList(c: Context): string[] {
  const by = c.req.query('by');
  return by
    ? by
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

type Download = { body: string | Buffer; type: string; filename: string; inline?: boolean };

/** Runs `make`, audits the download, and answers with it (NotAvailable → its status and reason). */
function download(store: Store, kind: string, make: (c: Context<OfficerEnv>, slug: string, wave: string) => Download) {
  return (c: Context<OfficerEnv>) => {
    const slug = c.req.param('slug')!;
    const wave = c.req.param('wave')!;
    let out: Download;
    try {
      out = make(c, slug, wave);
    } catch (e) {
      if (e instanceof NotAvailable) return c.json({ error: e.message }, e.status);
      throw e;
    }
    const details: Record<string, unknown> = { survey: slug, wave };
    const by = byList(c);
    if (by.length) details.by = by;
    const compareWave = c.req.query('compareWave');
    if (compareWave) details.compareWave = compareWave;
    audit(store, c.get('officer'), `export.${kind}`, details);
    const headers: Record<string, string> = { 'content-type': out.type, 'cache-control': 'no-store' };
    headers['content-disposition'] = `${out.inline ? 'inline' : 'attachment'}; filename="${out.filename}"`;
    const body = typeof out.body === 'string' ? out.body : new Uint8Array(out.body);
    return c.body(body, 200, headers);
  };
}

/** Summaries for the OpenAPI document. */
export const exportOperations: Record<string, Record<string, unknown>> = {
  'GET /api/officer/surveys/{slug}/waves/{wave}/responses.csv': { summary: 'Anonymised responses of a wave as CSV (audited)' },
  'GET /api/officer/surveys/{slug}/waves/{wave}/responses.xlsx': { summary: 'Anonymised responses of a wave as a formatted workbook (audited)' },
  'GET /api/officer/surveys/{slug}/waves/{wave}/report.xlsx': {
    summary: 'The report tables as a formatted workbook (audited)',
    parameters: [
      { name: 'by', in: 'query', required: false, schema: { type: 'string' }, description: 'Breakdowns, comma-separated question names' },
      { name: 'compareWave', in: 'query', required: false, schema: { type: 'string' }, description: 'Another wave: adds the change since it' },
    ],
  },
  'GET /api/officer/surveys/{slug}/waves/{wave}/committee-report.html': {
    summary: 'The printable committee report (HTML for A4): method, key findings, charts, tables (audited)',
    parameters: [
      { name: 'by', in: 'query', required: false, schema: { type: 'string' }, description: 'Breakdowns, comma-separated question names' },
      { name: 'compareWave', in: 'query', required: false, schema: { type: 'string' }, description: 'Another wave: adds the change since it' },
    ],
  },
};

export function officerExportRoutes({ store }: AppDeps) {
  const exporters = requireRole(...rolesWith('export'));
  const reportOptions = (c: Context, slug: string, wave: string) => ({ slug, wave, by: byList(c), compareWave: c.req.query('compareWave') || undefined });
  return new Hono<OfficerEnv>()
    .get(
      '/surveys/:slug/waves/:wave/responses.csv',
      exporters,
      download(store, 'responses-csv', (_c, slug, wave) => ({
        body: toCsv(exportResponses(store.db, slug, wave)),
        type: 'text/csv; charset=utf-8',
        filename: exportFilename(slug, wave, 'responses', 'csv'),
      })),
    )
    .get(
      '/surveys/:slug/waves/:wave/responses.xlsx',
      exporters,
      download(store, 'responses-xlsx', (_c, slug, wave) => ({
        body: responsesWorkbook(exportResponses(store.db, slug, wave)),
        type: XLSX_TYPE,
        filename: exportFilename(slug, wave, 'responses', 'xlsx'),
      })),
    )
    .get(
      '/surveys/:slug/waves/:wave/report.xlsx',
      exporters,
      download(store, 'report-xlsx', (c, slug, wave) => ({
        body: reportWorkbook(surveyReport(store, reportOptions(c, slug, wave))),
        type: XLSX_TYPE,
        filename: exportFilename(slug, wave, 'report', 'xlsx'),
      })),
    )
    .get(
      '/surveys/:slug/waves/:wave/committee-report.html',
      exporters,
      // Opened in the browser (to print or save as PDF); the filename is for "Save as".
      download(store, 'committee-report', (c, slug, wave) => ({
        body: committeeReportHtml(store, reportOptions(c, slug, wave)),
        type: 'text/html; charset=utf-8',
        filename: exportFilename(slug, wave, 'committee-report', 'html'),
        inline: true,
      })),
    );
}
