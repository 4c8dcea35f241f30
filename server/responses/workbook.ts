/**
 * Exported responses as an Excel workbook: the same columns and values as the CSV export
 * (exportTable in server/responses/export.ts), one row per return, with a bold notice row on
 * top when any row is synthetic demo data.
 */
import { writeXlsx } from '../formats/xlsx.js';
import { syntheticExportNotice } from '../notices.js';
import { type ExportData, exportTable } from './export.js';

export function responsesWorkbook(data: ExportData, sheet = 'responses'): Buffer {
  const { header, rows } = exportTable(data);
  return writeXlsx([
    {
      name: sheet,
      columns: header,
      rows,
      notice: syntheticExportNotice(data.rows.filter((r) => r.synthetic).length, data.rows.length),
      formats: { id: 'integer', survey_version: 'integer' },
    },
  ]);
}
