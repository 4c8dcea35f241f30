import { writeFileSync } from 'node:fs';
import { reportWorkbook } from '../../reports/workbook.js';
import { reportTables, tableToCsv } from '../../reports/report-tables.js';
import { ByList } from '../../reports/schemas.js';
import { CI_METHODS, type SurveyReport } from '../../reports/survey-report.js';
import { COMPARISON_MODES } from '../../../analysis/report/comparison-rules.js';
import type { CiMethod, ComparisonMode } from '../../../analysis/report/types.js';
import { flags, UsageError, type Command } from '../io.js';
import { withJobs } from '../jobs.js';
import { reportPerceptionCommand, usage as perceptionUsage } from './report-perception.js';
import { reportWardsCommand, usage as wardsUsage } from './report-wards.js';

export const usage = `report --survey s --wave w [--by q1,q2] [--compare-wave w0] [--ci logit|beta|wilson] [--comparisons auto|pairs|rest] [--partial include|exclude] --format json|csv|xlsx [--out file]
  --partial include: analyse the unfinished (partial) returns too; by default only complete ones.
  --comparisons: auto (default) compares every pair of groups in a breakdown of up to 5 groups and
  each group with the rest of the sample above that; pairs: every pair up to 12 groups; rest: each
  group with the rest of the sample in every breakdown.
  csv: the estimates table; with --out, comparisons, associations and changes go beside it
  (file-comparisons.csv, …).
  xlsx: one workbook (needs --out): an About sheet, then estimates, comparisons, associations, changes.
${perceptionUsage}
${wardsUsage}`;

// Not async: a mistake in the flags is thrown at once (a UsageError), before any work is queued.
export const reportCommand: Command = (args, io) => {
  if (args[0] === 'perception') return reportPerceptionCommand(args.slice(1), io);
  if (args[0] === 'wards') return reportWardsCommand(args.slice(1), io);
  const { store, out, err } = io;
  const f = flags(
    args,
    {
      survey: { type: 'string' },
      wave: { type: 'string' },
      by: { type: 'string' },
      'compare-wave': { type: 'string' },
      ci: { type: 'string' },
      comparisons: { type: 'string' },
      partial: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    ['survey', 'wave', 'format'],
  );
  if (f.format !== 'json' && f.format !== 'csv' && f.format !== 'xlsx') throw new UsageError(`--format must be json, csv or xlsx, not '${f.format}'.`);
  if (f.format === 'xlsx' && !f.out) throw new UsageError('--format xlsx writes a file: give --out report.xlsx.');
  if (f.ci && !CI_METHODS.includes(f.ci as CiMethod)) throw new UsageError('--ci must be logit, beta or wilson.');
  if (f.comparisons && !COMPARISON_MODES.includes(f.comparisons as ComparisonMode)) {
    throw new UsageError(`--comparisons must be auto, pairs or rest, not '${f.comparisons}'.`);
  }
  if (f.partial && f.partial !== 'include' && f.partial !== 'exclude') throw new UsageError(`--partial must be include or exclude, not '${f.partial}'.`);
  err(`Computing the ${f.survey} ${f.wave} report…`);
  const opts = {
    slug: f.survey!,
    wave: f.wave!,
    // The same reading of the list as the API's `by` query.
    by: ByList.parse(f.by),
    compareWave: f['compare-wave'],
    ci: f.ci as CiMethod | undefined,
    comparisons: f.comparisons as ComparisonMode | undefined,
    partial: f.partial as 'include' | 'exclude' | undefined,
  };
  return withJobs(store, (jobs) => jobs.report(opts)).then((json) => write(JSON.parse(new TextDecoder().decode(json)) as SurveyReport));
  function write(report: SurveyReport): number {
    if (report.syntheticNotice) err(report.syntheticNotice);
    if (f.format === 'xlsx') {
      writeFileSync(f.out!, reportWorkbook(report));
    } else if (f.format === 'json') {
      const text = JSON.stringify(report, null, 2);
      if (f.out) writeFileSync(f.out, `${text}\n`);
      else out(text);
    } else {
      const tables = reportTables(report);
      if (f.out) {
        const stem = f.out.replace(/\.csv$/i, '');
        tables.forEach((t, i) => writeFileSync(i === 0 ? f.out! : `${stem}-${t.name}.csv`, tableToCsv(t, report.syntheticNotice)));
      } else out(tableToCsv(tables[0], report.syntheticNotice).trimEnd());
    }
    if (f.out) err(`Wrote ${f.out}.`);
    return 0;
  }
};
