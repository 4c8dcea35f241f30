/**
 * Anonymised responses out as CSV or JSON: one row per return, answers in questionnaire order.
 * Nothing identifying is stored, so nothing identifying can leave; synthetic demo rows say so.
 */
import { csvRow } from '../formats/csv.js';
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
}

export function exportResponses(db: Db, slug: string, waveName?: string): { columns: string[]; rows: ExportedResponse[] } {
  const survey = findSurvey(db, slug);
  const rows = exportRows(db, survey.id, waveName ? findWave(db, survey, waveName).id : undefined);
  return { columns: validatorFor(survey).questionNames, rows };
}

export function toCsv({ columns, rows }: ReturnType<typeof exportResponses>): string {
  const meta = ['id', 'wave', 'link', 'created_at', 'status', 'source', 'synthetic', 'survey_version', 'design_weight', 'weight'];
  const lines = [csvRow([...meta, ...columns])];
  for (const r of rows) {
    const fixed = [
      r.id,
      r.wave,
      r.link,
      r.createdAt,
      r.status,
      r.source,
      r.synthetic ? 'synthetic (made-up demo data)' : '',
      r.surveyVersion,
      r.designWeight,
      r.weight,
    ];
    lines.push(csvRow([...fixed, ...columns.map((c) => r.answers[c])]));
  }
  return `${lines.join('\n')}\n`;
}
