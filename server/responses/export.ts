/**
 * Anonymised responses out as CSV or JSON: one row per return, answers in questionnaire order.
 * Nothing identifying is stored, so nothing identifying can leave; synthetic demo rows say so.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import { links, responses, waves } from '../store/schema.js';
import { findSurvey, findWave, validatorFor } from '../surveys/surveys.js';

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
  const where = waveName ? eq(responses.waveId, findWave(db, survey, waveName).id) : eq(waves.surveyId, survey.id);
  const rows = db
    .select({
      id: responses.id,
      wave: waves.name,
      link: links.label,
      createdAt: responses.createdAt,
      status: responses.status,
      source: responses.source,
      synthetic: responses.synthetic,
      surveyVersion: responses.surveyVersion,
      designWeight: responses.designWeight,
      weight: responses.weight,
      answers: responses.answers,
    })
    .from(responses)
    .innerJoin(waves, eq(responses.waveId, waves.id))
    .leftJoin(links, eq(responses.linkId, links.id))
    .where(and(where, eq(waves.surveyId, survey.id)))
    .orderBy(asc(responses.id))
    .all();
  return { columns: validatorFor(survey).questionNames, rows };
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(';') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Quote when needed; prefix cells a spreadsheet would run as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv({ columns, rows }: ReturnType<typeof exportResponses>): string {
  const meta = ['id', 'wave', 'link', 'created_at', 'status', 'source', 'synthetic', 'survey_version', 'design_weight', 'weight'];
  const lines = [[...meta, ...columns].map(csvCell).join(',')];
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
    lines.push([...fixed, ...columns.map((c) => r.answers[c])].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
