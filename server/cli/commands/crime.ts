/**
 * `crime import --file f.csv [--file g.csv …]`: police.uk street-level files → counts by month ×
 * ward × crime type (progress on stderr, report on stdout); a custom-download ZIP is read as it
 * comes (its street files in month order, the others skipped and listed).
 * `crime summary --by ward,crime-type[,month] [--from YYYY-MM] [--to YYYY-MM] [--format json|csv]`.
 * `crime rates --from YYYY-MM --to YYYY-MM [--crime-type t] [--format json|csv]`: rates per 1,000 residents.
 * `crime spc [--crime-type t] [--ward code] [--baseline-from YYYY-MM --baseline-to YYYY-MM] [--format json|csv]`.
 */
import { importCrimeFiles } from '../../crime/import.js';
import { crimeSummary, CrimeSummaryError, SUMMARY_DIMENSIONS, type SummaryDimension, type SummaryRow } from '../../crime/summary.js';
import { crimeRates, type CrimeRatesReport } from '../../crime/rates-report.js';
import { crimeSpc, type CrimeSpcReport } from '../../crime/spc-report.js';
import { BadRequest } from '../../errors.js';
import { monthLabel } from '../../formats/dates.js';
import { csvRow } from '../../formats/csv.js';
import { flags, UsageError, type CliIO } from '../io.js';

export const usage = `crime import --file f.csv [--file g.csv …]
  police.uk street-level CSVs, or a police.uk custom download as it comes (--file download.zip);
  every month in the files replaces what was stored for it (give all the files for a month together).
crime summary --by ward,crime-type,month [--from YYYY-MM] [--to YYYY-MM] [--format csv|json]
crime rates --from YYYY-MM --to YYYY-MM [--crime-type t] [--format csv|json]
  recorded crime per 1,000 residents by ward and for the borough, with 95% exact Poisson intervals
  and the change from the same months a year earlier; default type: all crime except anti-social behaviour.
crime spc [--crime-type t] [--ward code] [--baseline-from YYYY-MM --baseline-to YYYY-MM] [--format csv|json]
  XmR chart of monthly counts (borough, or one ward): centre line, limits and signals.`;

/** Progress lines at most this often, so a big import shows it is alive without flooding stderr. */
const PROGRESS_EVERY_MS = 1000;

export async function crimeCommand(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return crimeImport(rest, io);
  if (sub === 'summary') return await summary(rest, io);
  if (sub === 'rates') return rates(rest, io);
  if (sub === 'spc') return spc(rest, io);
  throw new UsageError(sub ? `Unknown crime command '${sub}'.` : 'Say import, summary, rates or spc.');
}

async function crimeImport(args: string[], { store, out, err }: CliIO): Promise<number> {
  const f = flags(args, { file: { type: 'string', multiple: true } }, ['file']);
  const files = f.file!;
  let last = Date.now();
  const started = last;
  const r = await importCrimeFiles(store, files, {
    onFile(name, index, count) {
      if (count > 1) err(`File ${index} of ${count}: ${name}`);
    },
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
  for (const a of r.archives) {
    out(`Inside ${a.file}: ${a.entries.length} street file${a.entries.length > 1 ? 's' : ''} read, ${a.skipped.length} skipped.`);
    for (const e of a.entries) out(`  ${e.name}: ${e.rows} rows, ${e.months.map(monthLabel).join(', ') || 'no months'}`);
    for (const e of a.skipped) out(`  skipped ${e.name}: ${e.reason}`);
  }
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

async function summary(args: string[], { store, out }: CliIO): Promise<number> {
  const f = flags(args, { by: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' } }, ['by']);
  const by = f
    .by!.split(',')
    .map((s) => s.trim())
    .filter(Boolean) as SummaryDimension[];
  const bad = by.filter((d) => !SUMMARY_DIMENSIONS.includes(d));
  if (!by.length || bad.length)
    throw new UsageError(`--by takes ${SUMMARY_DIMENSIONS.join(', ')} (comma-separated)${bad.length ? `, not ${bad.join(', ')}` : ''}.`);
  const format = f.format ?? 'csv';
  if (format !== 'json' && format !== 'csv') throw new UsageError(`--format must be json or csv, not '${format}'.`);
  let rows: SummaryRow[];
  try {
    rows = await crimeSummary(store, { by, from: f.from, to: f.to });
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
  return `${[csvRow(header), ...rows.map((r) => csvRow(columns.map((c) => r[c])))].join('\n')}\n`;
}

function formatOf(format: string | undefined): 'json' | 'csv' {
  const f = format ?? 'csv';
  if (f !== 'json' && f !== 'csv') throw new UsageError(`--format must be json or csv, not '${f}'.`);
  return f;
}

/** Bad input (a malformed month, an unknown type or ward) is a usage mistake; 409s stay as they are. */
async function asUsage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof BadRequest) throw new UsageError(e.message);
    throw e;
  }
}

async function rates(args: string[], { store, out, err }: CliIO): Promise<number> {
  const f = flags(args, { from: { type: 'string' }, to: { type: 'string' }, 'crime-type': { type: 'string' }, format: { type: 'string' } }, ['from', 'to']);
  const format = formatOf(f.format);
  const report = await asUsage(() => crimeRates(store, { from: f.from!, to: f.to!, crimeType: f['crime-type'] }));
  if (format === 'json') out(JSON.stringify(report, null, 2));
  else {
    out(ratesCsv(report).trimEnd());
    if (report.illustrativePopulationNotice) err(report.illustrativePopulationNotice);
    for (const n of report.notes) err(n);
  }
  return 0;
}

async function spc(args: string[], { store, out, err }: CliIO): Promise<number> {
  const f = flags(args, {
    'crime-type': { type: 'string' },
    ward: { type: 'string' },
    'baseline-from': { type: 'string' },
    'baseline-to': { type: 'string' },
    format: { type: 'string' },
  });
  const format = formatOf(f.format);
  const report = await asUsage(() =>
    crimeSpc(store, { crimeType: f['crime-type'], ward: f.ward, baselineFrom: f['baseline-from'], baselineTo: f['baseline-to'] }),
  );
  if (format === 'json') out(JSON.stringify(report, null, 2));
  else {
    out(spcCsv(report).trimEnd());
    for (const s of report.signals) err(`Signal: ${s.description} (${s.months.join(', ')}).`);
    if (report.note) err(report.note);
    for (const n of report.notes) err(n);
  }
  return 0;
}

// CSV lines come from formats/csv.ts: the quoting and spreadsheet formula guard of every download.

/** One line per ward then the borough; rates and limits per 1,000 residents over the period. */
export function ratesCsv(r: CrimeRatesReport): string {
  const lines = [csvRow(['area', 'area_code', 'crime_type', 'from', 'to', 'count', 'population', 'rate_per_1000', 'lower', 'upper'])];
  const common = [r.crimeType, r.period.from, r.period.to];
  for (const w of r.wards) lines.push(csvRow([w.ward, w.wardCode, ...common, w.count, w.population, w.rate, w.ci?.[0], w.ci?.[1]]));
  lines.push(csvRow(['Borough', '', ...common, r.borough.count, r.borough.population, r.borough.rate, r.borough.ci[0], r.borough.ci[1]]));
  return `${lines.join('\n')}\n`;
}

/** One line per month, with the chart's lines repeated so the file plots on its own. */
export function spcCsv(r: CrimeSpcReport): string {
  const lines = [csvRow(['month', 'count', 'moving_range', 'in_baseline', 'centre', 'lower_limit', 'upper_limit', 'signals'])];
  for (const m of r.months) {
    lines.push(csvRow([m.month, m.count, m.movingRange, m.inBaseline, r.centre, r.lowerLimit, r.upperLimit, m.signals.join(' ')]));
  }
  return `${lines.join('\n')}\n`;
}
