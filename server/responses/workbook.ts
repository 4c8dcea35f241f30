/**
 * Exported responses as an Excel workbook: the same columns and values as the CSV export
 * (toCsv in server/responses/export.ts), one row per return, with a bold notice row on
 * top when any row is synthetic demo data.
 */
import type { exportResponses } from './export.js';
import { writeXlsx } from '../formats/xlsx.js';

export const RESPONSES_META_COLUMNS = ['id', 'wave', 'link', 'created_at', 'status', 'source', 'synthetic', 'survey_version', 'design_weight', 'weight'];

export function responsesWorkbook({ columns, rows }: ReturnType<typeof exportResponses>, sheet = 'responses'): Buffer {
  const synthetic = rows.filter((r) => r.synthetic).length;
  return writeXlsx([
    {
      name: sheet,
      columns: [...RESPONSES_META_COLUMNS, ...columns],
      rows: rows.map((r) => [
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
        ...columns.map((c) => r.answers[c]),
      ]),
      notice: synthetic ? `${synthetic} of these ${rows.length} responses are SYNTHETIC demo data (made up), not real survey results.` : null,
      formats: { id: 'integer', survey_version: 'integer' },
    },
  ]);
}
