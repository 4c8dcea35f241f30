/**
 * Anonymised responses out as CSV or JSON: one row per return, answers in questionnaire order.
 * Nothing identifying is stored, so nothing identifying can leave; synthetic demo rows say so.
 */
import { csvRow } from '../formats/csv.js';
import { SYNTHETIC_ROW_MARK } from '../notices.js';
import type { Db } from '../store/open.js';
import { findSurvey, findWave, validatorFor } from '../surveys/surveys.js';
import { exportRows } from './queries.js';

export interface ExportedResponse {
  id: number;
  wave: string;
  link: string | null;
  createdAt: string;
  status: string;
  source: string;
  synthetic: boolean;
  surveyVersion: number;
  designWeight: number;
  weight: number | null;
  answers: Record<string, unknown>;
  /** An unfinished (partial) return: the page it last reached (1 = the first); null otherwise. */
  lastPage: number | null;
  /** The language the return was answered in ('en', 'cy', …); null when not recorded (paper, imported, older returns). */
  locale: string | null;
}

export function exportResponses(db: Db, slug: string, waveName?: string): { columns: string[]; rows: ExportedResponse[] } {
  const survey = findSurvey(db, slug);
  const rows = exportRows(db, survey.id, waveName ? findWave(db, survey, waveName).id : undefined);
  return { columns: validatorFor(survey).questionNames, rows };
}

/** The columns every export starts with, before the questions. */
const RESPONSES_META_COLUMNS = ['id', 'wave', 'link', 'created_at', 'status', 'source', 'synthetic', 'survey_version', 'design_weight', 'weight'];

/** Columns after the questions: added later than the others, so earlier columns keep their places. */
const RESPONSES_END_COLUMNS = ['last_page_reached', 'language'];

/**
 * An export as a table (the CSV and the workbook both write it): the header, then one row per
 * return with the fixed columns, the answers in questionnaire order, then the end columns.
 */
export function exportTable({ columns, rows }: ReturnType<typeof exportResponses>): { header: string[]; rows: unknown[][] } {
  return {
    header: [...RESPONSES_META_COLUMNS, ...columns, ...RESPONSES_END_COLUMNS],
    rows: rows.map((r) => [
      r.id,
      r.wave,
      r.link,
      r.createdAt,
      r.status,
      r.source,
      r.synthetic ? SYNTHETIC_ROW_MARK : '',
      r.surveyVersion,
      r.designWeight,
      r.weight,
      ...columns.map((c) => r.answers[c]),
      r.lastPage,
      r.locale,
    ]),
  };
}

export function toCsv(data: ReturnType<typeof exportResponses>): string {
  const { header, rows } = exportTable(data);
  return `${[header, ...rows].map((row) => csvRow(row)).join('\n')}\n`;
}
