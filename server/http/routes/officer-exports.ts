/**
 * Downloads for officers holding 'export' (analyst, admin), mounted at /api/officer (session + CSRF
 * run there). Every download is written to the audit log as `export.<kind>` with survey and wave.
 * Unknown survey or wave → 404, a breakdown that does not exist → 400, both with the reason.
 * Each file is made in the worker pool (or found in its cache), abandoned if the officer goes away;
 * a full queue is a 503 with Retry-After, and nothing is audited.
 */
import type { Context } from 'hono';
import { rolesWith } from '../../accounts/roles.js';
import {
  CSV_TYPE,
  DOCX_TYPE,
  type Download,
  type DownloadKind,
  type DownloadOptions,
  HTML_TYPE,
  SAV_TYPE,
  XLSX_TYPE,
  ZIP_TYPE,
} from '../../reports/downloads.js';
import { DownloadQuery } from '../../reports/schemas.js';
import type { AppDeps } from '../deps.js';
import type { OfficerEnv } from '../middleware/session.js';
import { WaveParams } from '../params.js';
import { errors, fileContent, officerRoute, router } from '../route.js';

export { exportFilename, XLSX_TYPE } from '../../reports/downloads.js';

const exporters = rolesWith('export');
const wavePath = (file: string) => `/surveys/{slug}/waves/{wave}/${file}` as const;
const BUSY = 'Every report worker is busy and the queue is full: try again after Retry-After seconds';

const getResponsesCsv = officerRoute({
  method: 'get',
  path: wavePath('responses.csv'),
  roles: exporters,
  tags: ['exports'],
  summary: 'Anonymised responses of a wave as CSV (audited)',
  request: { params: WaveParams },
  responses: { 200: fileContent(CSV_TYPE, 'The responses, one row each'), ...errors({ 404: 'No such survey or wave', 503: BUSY }) },
});

const getResponsesXlsx = officerRoute({
  method: 'get',
  path: wavePath('responses.xlsx'),
  roles: exporters,
  tags: ['exports'],
  summary: 'Anonymised responses of a wave as a formatted workbook (audited)',
  request: { params: WaveParams },
  responses: { 200: fileContent(XLSX_TYPE, 'The responses as a workbook'), ...errors({ 404: 'No such survey or wave', 503: BUSY }) },
});

const getResponsesSav = officerRoute({
  method: 'get',
  path: wavePath('responses.sav'),
  roles: exporters,
  tags: ['exports'],
  summary: 'Anonymised responses of a wave as an SPSS file: question wording as variable labels, choice texts as value labels (audited)',
  request: { params: WaveParams },
  responses: { 200: fileContent(SAV_TYPE, 'The responses as an SPSS system file (.sav, UTF-8)'), ...errors({ 404: 'No such survey or wave', 503: BUSY }) },
});

const getResponsesR = officerRoute({
  method: 'get',
  path: wavePath('responses-r.zip'),
  roles: exporters,
  tags: ['exports'],
  summary: 'Anonymised responses of a wave for R: a ZIP of the coded CSV, labels.R (applies the wording with base R) and README.txt (audited)',
  request: { params: WaveParams },
  responses: { 200: fileContent(ZIP_TYPE, 'responses.csv, labels.R and README.txt'), ...errors({ 404: 'No such survey or wave', 503: BUSY }) },
});

const reportErrors = errors({
  400: 'An unknown breakdown, or the same wave to compare with',
  404: 'No such survey or wave',
  409: 'The wave has no complete responses yet',
  422: 'The questionnaire cannot be reported on',
  503: BUSY,
});

const getReportXlsx = officerRoute({
  method: 'get',
  path: wavePath('report.xlsx'),
  roles: exporters,
  tags: ['exports'],
  summary: 'The report tables as a formatted workbook (audited)',
  request: { params: WaveParams, query: DownloadQuery },
  responses: { 200: fileContent(XLSX_TYPE, 'About, estimates, comparisons, associations and changes sheets'), ...reportErrors },
});

const getReportCrosstabs = officerRoute({
  method: 'get',
  path: wavePath('report-crosstabs.xlsx'),
  roles: exporters,
  tags: ['exports'],
  summary:
    'The report as cross-tabs in a workbook: a sheet per question with its wording, rows = answers, columns = all and each group, with CIs and significance markers (audited)',
  request: { params: WaveParams, query: DownloadQuery },
  responses: { 200: fileContent(XLSX_TYPE, 'The About sheet, then a sheet per question'), ...reportErrors },
});

const getCommitteeReport = officerRoute({
  method: 'get',
  path: wavePath('committee-report.html'),
  roles: exporters,
  tags: ['exports'],
  summary: 'The printable committee report (HTML for A4): method, key findings, charts, tables (audited)',
  request: { params: WaveParams, query: DownloadQuery },
  responses: { 200: fileContent(HTML_TYPE, 'The committee report, to print or save as PDF'), ...reportErrors },
});

const getCommitteeReportDocx = officerRoute({
  method: 'get',
  path: wavePath('committee-report.docx'),
  roles: exporters,
  tags: ['exports'],
  summary:
    'The committee report as an editable Word document: the same sections as the HTML, real headings and tables, charts as images with alt text (audited)',
  request: { params: WaveParams, query: DownloadQuery },
  responses: { 200: fileContent(DOCX_TYPE, 'The committee report as a Word document (.docx)'), ...reportErrors },
});

/** The download as the response: its type, and saved (attachment) or shown (inline) under its name. */
function send(c: Context<OfficerEnv>, out: Download) {
  return c.body(out.body, 200, {
    'content-type': out.type,
    'cache-control': 'no-store',
    'content-disposition': `${out.inline ? 'inline' : 'attachment'}; filename="${out.filename}"`,
  });
}

export function officerExportRoutes({ jobs }: AppDeps) {
  const get = async (c: Context<OfficerEnv>, kind: DownloadKind, opts: DownloadOptions) =>
    send(c, await jobs.download(c.get('officer'), kind, opts, c.req.raw.signal));
  return router()
    .openapi(getResponsesCsv, (c) => get(c, 'responses-csv', c.req.valid('param')))
    .openapi(getResponsesXlsx, (c) => get(c, 'responses-xlsx', c.req.valid('param')))
    .openapi(getResponsesSav, (c) => get(c, 'responses-sav', c.req.valid('param')))
    .openapi(getResponsesR, (c) => get(c, 'responses-r', c.req.valid('param')))
    .openapi(getReportXlsx, (c) => get(c, 'report-xlsx', { ...c.req.valid('param'), ...c.req.valid('query') }))
    .openapi(getReportCrosstabs, (c) => get(c, 'report-crosstabs', { ...c.req.valid('param'), ...c.req.valid('query') }))
    .openapi(getCommitteeReport, (c) => get(c, 'committee-report', { ...c.req.valid('param'), ...c.req.valid('query') }))
    .openapi(getCommitteeReportDocx, (c) => get(c, 'committee-report-docx', { ...c.req.valid('param'), ...c.req.valid('query') }));
}
