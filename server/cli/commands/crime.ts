/**
 * `crime import --file f.csv [--file g.csv …]`: police.uk street-level files → counts by month ×
 * ward × crime type (progress on stderr, report on stdout).
 * `crime summary --by ward,crime-type[,month] [--from YYYY-MM] [--to YYYY-MM] [--format json|csv]`.
 */
import { importCrimeFiles } from '../../crime/import.js';
import { crimeSummary, CrimeSummaryError, SUMMARY_DIMENSIONS, type SummaryDimension, type SummaryRow } from '../../crime/summary.js';
import { flags, UsageError, type CliIO } from '../io.js';

export const usage = `crime import --file f.csv [--file g.csv …]
  police.uk street-level CSVs; every month in the files replaces what was stored for it
  (give all the files for a month together).
crime summary --by ward,crime-type,month [--from YYYY-MM] [--to YYYY-MM] [--format csv|json]`;

/** Progress lines at most this often, so a big import shows it is alive without flooding stderr. */
const PROGRESS_EVERY_MS = 1000;

export async function crimeCommand(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return crimeImport(rest, io);
  if (sub === 'summary') return summary(rest, io);
  throw new UsageError(sub ? `Unknown crime command '${sub}'.` : 'Say import or summary.');
}

async function crimeImport(args: string[], { store, out, err }: CliIO): Promise<number> {
  const f = flags(args, { file: { type: 'string', multiple: true } }, ['file']);
  const files = f.file!;
  let last = Date.now();
  const started = last;
  const r = await importCrimeFiles(store, files, {
    onProgress(rowsRead, bytesRead, totalBytes) {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      err(`  ${rowsRead.toLocaleString('en-GB')} rows read (${Math.round((100 * bytesRead) / totalBytes)}%)`);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  err(`Read ${r.rows.toLocaleString('en-GB')} rows in ${seconds.toFixed(1)} s.`);
  out(`Imported ${r.files.length} file${r.files.length > 1 ? 's' : ''}: ${r.rows} rows, ${r.imported} in the borough's wards.`);
  out(`Months replaced: ${r.months.join(', ') || 'none'}`);
  out(`Not counted: ${r.outsideArea} rows outside the borough, ${r.noLsoa} rows with no LSOA.`);
  if (r.unmappedInArea.rows) {
    out(
      `Warning: ${r.unmappedInArea.rows} rows have LSOA codes not in the 2011 lookup but names like the borough's ` +
        `(${r.unmappedInArea.lsoaCodes.join(', ')}): probably 2021 LSOAs; they are not counted in any ward.`,
    );
  }
  out('By crime type:');
  for (const t of r.byCrimeType) out(`  ${t.crimeType}: ${t.count}`);
  return 0;
}

function summary(args: string[], { store, out }: CliIO): number {
  const f = flags(args, { by: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' } }, ['by']);
  const by = f.by!.split(',').map((s) => s.trim()).filter(Boolean) as SummaryDimension[];
  const bad = by.filter((d) => !SUMMARY_DIMENSIONS.includes(d));
  if (!by.length || bad.length) throw new UsageError(`--by takes ${SUMMARY_DIMENSIONS.join(', ')} (comma-separated)${bad.length ? `, not ${bad.join(', ')}` : ''}.`);
  const format = f.format ?? 'csv';
  if (format !== 'json' && format !== 'csv') throw new UsageError(`--format must be json or csv, not '${format}'.`);
  let rows: SummaryRow[];
  try {
    rows = crimeSummary(store, { by, from: f.from, to: f.to });
  } catch (e) {
    if (e instanceof CrimeSummaryError) throw new UsageError(e.message);
    throw e;
  }
  if (format === 'json') out(JSON.stringify(rows, null, 2));
  else out(summaryCsv(by, rows).trimEnd());
  return 0;
}

export function summaryCsv(by: SummaryDimension[], rows: SummaryRow[]): string {
  const columns: (keyof SummaryRow)[] = [];
  if (by.includes('month')) columns.push('month');
  if (by.includes('ward')) columns.push('ward', 'wardCode');
  if (by.includes('crime-type')) columns.push('crimeType');
  columns.push('count');
  const header = columns.map((c) => ({ month: 'month', ward: 'ward', wardCode: 'ward_code', crimeType: 'crime_type', count: 'count' })[c]);
  const cell = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
