/**
 * Anonymised responses out as CSV or JSON: one row per return, answers in questionnaire order.
 * Nothing identifying is stored, so nothing identifying can leave; synthetic demo rows say so.
 */
import { csvRow } from '../formats/csv.js';
import { SYNTHETIC_ROW_MARK } from '../notices.js';
import type { Db } from '../store/open.js';
import { findSurvey, findWave, validatorFor } from '../surveys/surveys.js';
import type { QuestionSpec } from '../validation/types.js';
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

/** What the CSV and workbook exports write: question columns, typed-text columns (optional for older callers), rows. */
export interface ExportData {
  columns: string[];
  commentColumns?: CommentColumn[];
  rows: ExportedResponse[];
}

export async function exportResponses(db: Db, slug: string, waveName?: string): Promise<Required<ExportData>> {
  const survey = await findSurvey(db, slug);
  const rows = await exportRows(db, survey.id, waveName ? (await findWave(db, survey, waveName)).id : undefined);
  const { questionNames, questions } = validatorFor(survey);
  return { columns: questionNames, commentColumns: commentColumns(questions), rows };
}

/** A column of the words typed in a question's "other, please say" box or comment box (`<question>-Comment`). */
export interface CommentColumn {
  /** The column's name: `<question>_other_text` for an "other" box, `<question>_comment` for a comment box. */
  name: string;
  question: string;
  /** The answer key it holds. */
  key: string;
  other: boolean;
}

/** The typed-text columns, in questionnaire order, for the questions that have such a box. */
export function commentColumns(questions: readonly QuestionSpec[]): CommentColumn[] {
  return questions
    .filter((q) => q.hasOther || q.hasComment)
    .map((q) => ({ name: `${q.name}${q.hasOther ? '_other_text' : '_comment'}`, question: q.name, key: `${q.name}-Comment`, other: q.hasOther }));
}

/** The columns every export starts with, before the questions. */
const RESPONSES_META_COLUMNS = ['id', 'wave', 'link', 'created_at', 'status', 'source', 'synthetic', 'survey_version', 'design_weight', 'weight'];

/**
 * Columns after the questions: added later than the others, so earlier columns keep their places.
 * The typed "other"/comment texts come after these, last, for the same reason.
 */
const RESPONSES_END_COLUMNS = ['last_page_reached', 'language'];

/**
 * An export as a table (the CSV and the workbook both write it): the header, then one row per
 * return with the fixed columns, the answers in questionnaire order, then the end columns.
 */
export function exportTable({ columns, commentColumns = [], rows }: ExportData): { header: string[]; rows: unknown[][] } {
  return {
    header: [...RESPONSES_META_COLUMNS, ...columns, ...RESPONSES_END_COLUMNS, ...commentColumns.map((c) => c.name)],
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
      ...commentColumns.map((c) => r.answers[c.key]),
    ]),
  };
}

export function toCsv(data: ExportData): string {
  const { header, rows } = exportTable(data);
  return `${[header, ...rows].map((row) => csvRow(row)).join('\n')}\n`;
}
