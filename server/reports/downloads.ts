/**
 * The officer downloads (responses CSV/XLSX, SPSS and for R, the report workbook, the committee report): each is
 * made, then written to the audit log as `export.<kind>` with its survey, wave and options, so a
 * download that fails (unknown wave, breakdown…) is not recorded as made. `makeDownload` only reads
 * (a report worker runs it, server/jobs/); `auditDownload` is the write, made where the store is
 * writable once the file exists.
 */
import { audit } from '../accounts/audit.js';
import { analystExport } from '../responses/analyst-table.js';
import { exportResponses, toCsv } from '../responses/export.js';
import { responsesRZip } from '../responses/r-export.js';
import { responsesSav } from '../responses/sav-export.js';
import { responsesWorkbook } from '../responses/workbook.js';
import type { Store } from '../store/open.js';
import { findSurvey } from '../surveys/surveys.js';
import { questionWording } from '../surveys/wording.js';
import type { PriorityRanking } from './priority-ranking.js';
import { committeeReportModel } from './committee/build-model.js';
import { committeeReportHtml } from './committee/report-html.js';
import { crosstabWorkbook } from './crosstab-workbook.js';
import { surveyReport } from './survey-report.js';
import { reportWorkbook } from './workbook.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';
/** IANA registers no type for SPSS system files; this is the one in common use. */
export const SAV_TYPE = 'application/x-spss-sav';
export const ZIP_TYPE = 'application/zip';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export type DownloadKind =
  | 'responses-csv'
  | 'responses-xlsx'
  | 'responses-sav'
  | 'responses-r'
  | 'report-xlsx'
  | 'report-crosstabs'
  | 'committee-report'
  | 'committee-report-docx';

/** The downloads that are the committee report (HTML to print, or Word). */
export const COMMITTEE_KINDS: ReadonlySet<DownloadKind> = new Set(['committee-report', 'committee-report-docx']);

export interface DownloadOptions {
  slug: string;
  wave: string;
  /** Breakdowns (the report workbook and the committee report). */
  by?: string[];
  compareWave?: string;
  /** The saved priority matrix the committee report prints (looked up by the caller: priorities reads reports). */
  priorities?: PriorityRanking | null;
}

export interface Download {
  body: string | Uint8Array<ArrayBuffer>;
  type: string;
  filename: string;
  /** Shown in the browser (the committee report, to print) rather than saved. */
  inline: boolean;
}

/** `resident-safety-2026-responses.csv`: only letters, digits, dot, dash and underscore. */
export function exportFilename(slug: string, wave: string, what: string, ext: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${safe(slug)}-${safe(wave)}-${safe(what)}.${ext}`;
}

/** The file, made from the store without writing to it. */
export async function makeDownload(store: Store, kind: DownloadKind, { slug, wave, by = [], compareWave, priorities }: DownloadOptions): Promise<Download> {
  switch (kind) {
    case 'responses-csv':
      return {
        body: toCsv(await exportResponses(store.db, slug, wave)),
        type: CSV_TYPE,
        filename: exportFilename(slug, wave, 'responses', 'csv'),
        inline: false,
      };
    case 'responses-xlsx':
      return {
        body: new Uint8Array(responsesWorkbook(await exportResponses(store.db, slug, wave))),
        type: XLSX_TYPE,
        filename: exportFilename(slug, wave, 'responses', 'xlsx'),
        inline: false,
      };
    case 'responses-sav':
      return {
        body: new Uint8Array(responsesSav(await analystExport(store.db, slug, wave), new Date())),
        type: SAV_TYPE,
        filename: exportFilename(slug, wave, 'responses', 'sav'),
        inline: false,
      };
    case 'responses-r':
      return {
        body: new Uint8Array(responsesRZip(await analystExport(store.db, slug, wave))),
        type: ZIP_TYPE,
        filename: exportFilename(slug, wave, 'responses-r', 'zip'),
        inline: false,
      };
    case 'report-xlsx':
      return {
        body: new Uint8Array(reportWorkbook(await surveyReport(store, { slug, wave, by, compareWave }))),
        type: XLSX_TYPE,
        filename: exportFilename(slug, wave, 'report', 'xlsx'),
        inline: false,
      };
    case 'report-crosstabs': {
      const wording = questionWording((await findSurvey(store.db, slug)).definition);
      const titleOf = (q: string) => wording.get(q)?.reportTitle ?? q;
      return {
        body: new Uint8Array(crosstabWorkbook(await surveyReport(store, { slug, wave, by, compareWave }), titleOf)),
        type: XLSX_TYPE,
        filename: exportFilename(slug, wave, 'report-crosstabs', 'xlsx'),
        inline: false,
      };
    }
    case 'committee-report':
      // Opened in the browser (to print or save as PDF); the filename is for "Save as".
      return {
        body: await committeeReportHtml(store, { slug, wave, by, compareWave, priorities }),
        type: HTML_TYPE,
        filename: exportFilename(slug, wave, 'committee-report', 'html'),
        inline: true,
      };
    case 'committee-report-docx':
      // The same report as a Word document, for officers to edit.
      return {
        // Loaded when first asked for (docx and resvg): most processes never write a Word file.
        body: await (await import('./committee/render-docx.js')).committeeReportDocx(
          await committeeReportModel(store, { slug, wave, by, compareWave, priorities }),
        ),
        type: DOCX_TYPE,
        filename: exportFilename(slug, wave, 'committee-report', 'docx'),
        inline: false,
      };
  }
}

/** Makes the download for `officer`, and audits it once made. */
export async function download(store: Store, officer: { id: number } | null, kind: DownloadKind, opts: DownloadOptions): Promise<Download> {
  const out = await makeDownload(store, kind, opts);
  await auditDownload(store, officer, kind, opts);
  return out;
}

/** Writes `export.<kind>` with the survey, wave and options to the audit log. */
export async function auditDownload(store: Store, officer: { id: number } | null, kind: DownloadKind, opts: DownloadOptions): Promise<void> {
  const details: Record<string, unknown> = { survey: opts.slug, wave: opts.wave };
  if (opts.by?.length) details.by = opts.by;
  if (opts.compareWave) details.compareWave = opts.compareWave;
  await audit(store, officer, `export.${kind}`, details);
}
