/**
 * `report perception`: perception vs reality for a survey wave — ward tables of worry beside
 * recorded crime, rank correlations, quadrants, the trend between waves and key findings — as the
 * JSON the API gives (`/api/officer/surveys/:slug/waves/:wave/perception`) or a CSV of the ward tables.
 */
import { writeFileSync } from 'node:fs';
import { csvCell, csvRow } from '../../formats/csv.js';
import { writeXlsx, type CellFormat } from '../../formats/xlsx.js';
import type { PerceptionReport } from '../../reports/perception.js';
import { flags, UsageError, type Command } from '../io.js';
import { withJobs } from '../jobs.js';

export const usage = `report perception --survey s --wave w [--compare-wave w0] [--from YYYY-MM --to YYYY-MM]
    [--compare-from YYYY-MM --compare-to YYYY-MM] --format json|csv|xlsx [--out file]
  Crime period: default the 12 months to the month the wave closes (else its last response; when none of
  those is imported, the latest 12 months imported, with a warning). A month not imported is unknown, not
  zero: with any missing, no ward, correlation or trend finding is drawn, and the warning comes first.
  csv: one row per item × ward; with --out, the key findings go beside it (file-findings.csv).
  xlsx: one workbook (needs --out): About (notices, periods, method), wards, findings.`;

export const WARD_COLUMNS = [
  'question',
  'category',
  'crime',
  'ward',
  'ward_code',
  'worry',
  'worry_ci_lower',
  'worry_ci_upper',
  'worry_base',
  'worry_suppressed',
  'worry_reason',
  'crime_count',
  'population',
  'rate_per_1000',
  'rate_ci_lower',
  'rate_ci_upper',
  'worry_vs_rest',
  'worry_p',
  'worry_p_adjusted',
  'worry_clear',
  'crime_ratio_vs_rest',
  'crime_p',
  'crime_p_adjusted',
  'crime_clear',
  'quadrant',
  'marked',
];

/** Number formats of the ward table's columns in the workbook. */
const WARD_FORMATS: Record<string, CellFormat> = {
  worry: 'percent',
  worry_ci_lower: 'percent',
  worry_ci_upper: 'percent',
  worry_base: 'integer',
  worry_vs_rest: 'percent',
  crime_count: 'integer',
  population: 'integer',
  rate_per_1000: 'decimal',
  rate_ci_lower: 'decimal',
  rate_ci_upper: 'decimal',
  worry_p: 'pvalue',
  worry_p_adjusted: 'pvalue',
  crime_ratio_vs_rest: 'decimal',
  crime_p: 'pvalue',
  crime_p_adjusted: 'pvalue',
};

export function wardRows(r: PerceptionReport): unknown[][] {
  return r.items.flatMap((item) =>
    item.wards.map((w) => [
      item.question,
      item.category,
      item.crimeLabel,
      w.ward,
      w.wardCode,
      w.worry.estimate,
      w.worry.ci?.[0],
      w.worry.ci?.[1],
      w.worry.n,
      w.worry.suppressed,
      w.worry.reason,
      w.crime.count,
      w.crime.population,
      w.crime.rate,
      w.crime.ci?.[0],
      w.crime.ci?.[1],
      w.worryVsBorough.difference,
      w.worryVsBorough.p,
      w.worryVsBorough.pAdjusted,
      w.worryVsBorough.clear,
      w.crimeVsBorough.ratio,
      w.crimeVsBorough.p,
      w.crimeVsBorough.pAdjusted,
      w.crimeVsBorough.clear,
      w.quadrant,
      w.marked,
    ]),
  );
}

function notices(r: PerceptionReport): string[] {
  return [r.coverage.warning, r.syntheticNotice, r.illustrativePopulationNotice, r.periods.wave.note, r.periods.compareWave?.note].filter(
    (x): x is string => !!x,
  );
}

export function perceptionCsv(r: PerceptionReport): string {
  const lines = notices(r).map((n) => csvCell(`# ${n}`));
  lines.push(WARD_COLUMNS.join(','));
  for (const row of wardRows(r)) lines.push(csvRow(row));
  return `${lines.join('\n')}\n`;
}

export function findingsCsv(r: PerceptionReport): string {
  const lines = [r.coverage.warning, r.syntheticNotice].filter((n): n is string => !!n).map((n) => csvCell(`# ${n}`));
  lines.push('kind,text,figures');
  for (const f of r.keyFindings) lines.push(csvRow([f.kind, f.text, f.figures]));
  return `${lines.join('\n')}\n`;
}

export function perceptionWorkbook(r: PerceptionReport): Buffer {
  const about: unknown[][] = [
    ['Survey', `${r.survey.title} (${r.survey.slug})`],
    ['Wave', r.wave],
    ['Compared with', r.compareWave ?? ''],
    ['Crime period', `${r.coverage.wave.label} (${r.coverage.wave.basis})`],
    ...(r.coverage.compareWave ? [['Crime period (comparison wave)', `${r.coverage.compareWave.label} (${r.coverage.compareWave.basis})`]] : []),
    ['Latest month of recorded crime held', r.coverage.latestMonthLabel ?? ''],
    ...notices(r).map((n) => ['Notice', n]),
    ['Recorded crime', r.crimeNotice],
    ...r.method.map((m) => ['Method', m]),
  ];
  const synthetic = r.syntheticNotice;
  return writeXlsx([
    { name: 'About', columns: ['item', 'value'], rows: about, notice: synthetic },
    { name: 'wards', columns: WARD_COLUMNS, rows: wardRows(r), notice: synthetic, formats: WARD_FORMATS },
    { name: 'findings', columns: ['kind', 'text'], rows: r.keyFindings.map((f) => [f.kind, f.text]), notice: synthetic },
  ]);
}

export const reportPerceptionCommand: Command = async (args, { store, out, err }) => {
  const f = flags(
    args,
    {
      survey: { type: 'string' },
      wave: { type: 'string' },
      'compare-wave': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'compare-from': { type: 'string' },
      'compare-to': { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    ['survey', 'wave', 'format'],
  );
  if (f.format !== 'json' && f.format !== 'csv' && f.format !== 'xlsx') throw new UsageError(`--format must be json, csv or xlsx, not '${f.format}'.`);
  if (f.format === 'xlsx' && !f.out) throw new UsageError('--format xlsx writes a file: give --out perception.xlsx.');
  if (!f.from !== !f.to) throw new UsageError('Give both --from and --to, or neither.');
  if (!f['compare-from'] !== !f['compare-to']) throw new UsageError('Give both --compare-from and --compare-to, or neither.');
  if (f['compare-from'] && !f['compare-wave']) throw new UsageError('--compare-from needs --compare-wave.');
  err(`Computing perception vs recorded crime for ${f.survey} ${f.wave}…`);
  const opts = {
    slug: f.survey!,
    wave: f.wave!,
    compareWave: f['compare-wave'],
    from: f.from,
    to: f.to,
    compareFrom: f['compare-from'],
    compareTo: f['compare-to'],
  };
  const report = JSON.parse(new TextDecoder().decode(await withJobs(store, (jobs) => jobs.perception(opts)))) as PerceptionReport;
  for (const notice of notices(report)) err(notice);
  if (f.format === 'xlsx') {
    writeFileSync(f.out!, perceptionWorkbook(report));
  } else if (f.format === 'json') {
    const text = JSON.stringify(report, null, 2);
    if (f.out) writeFileSync(f.out, `${text}\n`);
    else out(text);
  } else if (f.out) {
    writeFileSync(f.out, perceptionCsv(report));
    writeFileSync(`${f.out.replace(/\.csv$/i, '')}-findings.csv`, findingsCsv(report));
  } else out(perceptionCsv(report).trimEnd());
  if (f.out) err(`Wrote ${f.out}.`);
  return 0;
};
