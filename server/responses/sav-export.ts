/**
 * The analysts' table (analyst-table.ts) as an SPSS system file: question wording as variable
 * labels, choice texts as value labels, `created_at` as DATETIME, the synthetic notice as the
 * file label. Read it with SPSS, PSPP, or R: `haven::read_sav("…-responses.sav")`.
 */
import { spssDateTime, writeSav } from '../formats/sav.js';
import type { AnalystTable } from './analyst-table.js';

/** `created` goes in the file header, so the same table and time give the same bytes. */
export function responsesSav(table: AnalystTable, created: Date): Buffer {
  return writeSav({
    created,
    fileLabel: table.notice ? 'SYNTHETIC demo data (made up): see the synthetic variable' : 'Anonymised survey responses',
    variables: table.variables.map((v) => ({
      name: v.name,
      label: v.label,
      type: v.type === 'string' ? 'string' : 'numeric',
      measure: v.measure,
      format: v.type === 'datetime' ? { type: 'DATETIME', width: 20, decimals: 0 } : { type: 'F', width: v.decimals ? 12 : 8, decimals: v.decimals },
      valueLabels: v.valueLabels,
    })),
    cases: table.rows.map((row) =>
      row.map((value, i) => (table.variables[i].type === 'datetime' && typeof value === 'string' ? spssDateTime(new Date(value)) : value)),
    ),
  });
}
