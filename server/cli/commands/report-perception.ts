/**
 * `report perception`: perception vs reality for a survey wave — ward tables of worry beside
 * recorded crime, rank correlations, quadrants, the trend between waves and key findings — as the
 * JSON the API gives (`/api/surveys/:slug/waves/:wave/perception`) or a CSV of the ward tables.
 */
import { writeFileSync } from 'node:fs';
import { csvCell } from '../../services/export-responses.js';
import { perceptionReport, type PerceptionReport } from '../../reporting/perception.js';
import { flags, UsageError, type Command } from '../io.js';

export const usage = `report perception --survey s --wave w [--compare-wave w0] [--from YYYY-MM --to YYYY-MM]
    [--compare-from YYYY-MM --compare-to YYYY-MM] --format json|csv [--out file]
  Crime period: default the 12 months to the wave's last response (or the latest 12 months imported).
  csv: one row per item × ward; with --out, the key findings go beside it (file-findings.csv).`;

export const WARD_COLUMNS = [
  'question', 'category', 'crime', 'ward', 'ward_code',
  'worry', 'worry_ci_lower', 'worry_ci_upper', 'worry_base', 'worry_suppressed', 'worry_reason',
  'crime_count', 'population', 'rate_per_1000', 'rate_ci_lower', 'rate_ci_upper',
  'worry_vs_rest', 'worry_p', 'worry_p_adjusted', 'worry_clear',
  'crime_ratio_vs_rest', 'crime_p', 'crime_p_adjusted', 'crime_clear',
  'quadrant', 'marked',
];

export function perceptionCsv(r: PerceptionReport): string {
  const lines: string[] = [];
  for (const notice of [r.syntheticNotice, r.illustrativePopulationNotice, r.periods.wave.note]) if (notice) lines.push(csvCell(`# ${notice}`));
  lines.push(WARD_COLUMNS.join(','));
  for (const item of r.items) {
    for (const w of item.wards) {
      lines.push(
        [
          item.question, item.category, item.crimeLabel, w.ward, w.wardCode,
          w.worry.estimate, w.worry.ci?.[0], w.worry.ci?.[1], w.worry.n, w.worry.suppressed, w.worry.reason,
          w.crime.count, w.crime.population, w.crime.rate, w.crime.ci?.[0], w.crime.ci?.[1],
          w.worryVsBorough.difference, w.worryVsBorough.p, w.worryVsBorough.pAdjusted, w.worryVsBorough.clear,
          w.crimeVsBorough.ratio, w.crimeVsBorough.p, w.crimeVsBorough.pAdjusted, w.crimeVsBorough.clear,
          w.quadrant, w.marked,
        ].map(csvCell).join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}

export function findingsCsv(r: PerceptionReport): string {
  const lines = r.syntheticNotice ? [csvCell(`# ${r.syntheticNotice}`)] : [];
  lines.push('kind,text,figures');
  for (const f of r.keyFindings) lines.push([f.kind, f.text, f.figures].map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

export const reportPerceptionCommand: Command = (args, { store, out, err }) => {
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
  if (f.format !== 'json' && f.format !== 'csv') throw new UsageError(`--format must be json or csv, not '${f.format}'.`);
  if (!f.from !== !f.to) throw new UsageError('Give both --from and --to, or neither.');
  if (!f['compare-from'] !== !f['compare-to']) throw new UsageError('Give both --compare-from and --compare-to, or neither.');
  if (f['compare-from'] && !f['compare-wave']) throw new UsageError('--compare-from needs --compare-wave.');
  err(`Computing perception vs recorded crime for ${f.survey} ${f.wave}…`);
  const report = perceptionReport(store, {
    slug: f.survey!,
    wave: f.wave!,
    compareWave: f['compare-wave'],
    from: f.from,
    to: f.to,
    compareFrom: f['compare-from'],
    compareTo: f['compare-to'],
  });
  for (const notice of [report.syntheticNotice, report.illustrativePopulationNotice, report.periods.wave.note]) if (notice) err(notice);
  if (f.format === 'json') {
    const text = JSON.stringify(report, null, 2);
    if (f.out) writeFileSync(f.out, text + '\n');
    else out(text);
  } else if (f.out) {
    writeFileSync(f.out, perceptionCsv(report));
    writeFileSync(`${f.out.replace(/\.csv$/i, '')}-findings.csv`, findingsCsv(report));
  } else out(perceptionCsv(report).trimEnd());
  if (f.out) err(`Wrote ${f.out}.`);
  return 0;
};
