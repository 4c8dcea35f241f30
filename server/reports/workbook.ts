/**
 * A survey report as one Excel workbook: an "About" sheet first (survey, wave, weighting, bases,
 * method, and the synthetic-data and illustrative-target notices), then the estimates,
 * comparisons, associations and changes tables from reportTables(), with proportions shown as
 * percentages and p-values to four decimals. The stored numbers keep full precision.
 */
import { ILLUSTRATIVE_TARGETS_NOTICE } from '../notices.js';
import { methodWords } from '../weighting/words.js';
import { reportTables } from './report-tables.js';
import type { SurveyReport } from './survey-report.js';
import { writeXlsx, type CellFormat, type SheetInput } from '../formats/xlsx.js';

const CONFIDENCE = '95%';

const CI_NOTES: Record<SurveyReport['ciMethod'], string> = {
  logit: 'logit interval on t with df = n - 1, as R survey::svyciprop(method = "logit").',
  beta: 'Korn-Graubard interval, as R survey::svyciprop(method = "beta").',
  wilson: 'Wilson score interval on the effective sample size (Dean & Pagano 2015); R survey has no Wilson method.',
};

/** Number formats by column name, shared by all report tables (a name means the same everywhere). */
export const REPORT_FORMATS: Record<string, CellFormat> = {
  estimate: 'percent',
  se: 'percent',
  ci_lower: 'percent',
  ci_upper: 'percent',
  estimate_a: 'percent',
  estimate_b: 'percent',
  from_estimate: 'percent',
  to_estimate: 'percent',
  difference: 'percent',
  n: 'integer',
  from_n: 'integer',
  to_n: 'integer',
  t: 'decimal',
  F: 'decimal',
  // Rao-Scott degrees of freedom are not whole numbers.
  ndf: 'decimal',
  ddf: 'decimal',
  p: 'pvalue',
  p_adjusted: 'pvalue',
};

function weightingText(w: SurveyReport['weighting']): string {
  if (w.kind === 'design') return 'Not weighted to the population yet: design weights only.';
  const margins = w.margins?.length ? ` to ${w.margins.join(', ')}` : '';
  const excluded = w.excluded ? ` (${w.excluded} responses left out of the weighting)` : '';
  const method = w.calibration?.method ?? w.method;
  const words = method === 'linear' || method === 'logit' ? methodWords(method, w.calibration?.bounds) : method === 'raking' ? 'Raking' : 'Post-stratification';
  const imputed = Object.entries(w.calibration?.imputed ?? {})
    .map(([v, k]) => `${k} imputed a weighting category for ${v}`)
    .join(', ');
  return `${words[0].toUpperCase()}${words.slice(1)}${margins}${excluded}${imputed ? ` (${imputed}; answers unchanged)` : ''}`;
}

/** The first sheet of the report workbooks: what the report is of and how it was made. */
export function aboutSheet(r: SurveyReport): SheetInput {
  const rows: unknown[][] = [
    ['Survey', `${r.survey.title} (${r.survey.slug})`, null],
    ['Wave', r.wave, null],
  ];
  const compared = r.changes?.[0]?.from.wave;
  if (compared) rows.push(['Compared with wave', compared, 'Changes sheet: this wave minus the earlier one.']);
  if (r.by.length) rows.push(['Breakdowns', r.by.join(', '), 'Comparisons between groups are Benjamini-Hochberg adjusted within each question and breakdown.']);
  rows.push(
    ['Weighting', weightingText(r.weighting), null],
    [
      'Responses (n)',
      r.n,
      r.unfinished.included ? `Complete and unfinished responses used in this report. ${r.unfinished.note}` : 'Complete responses used in this report.',
    ],
    ['Effective sample size', r.nEffective, 'Kish: (sum of weights)² / sum of squared weights.'],
    [
      'Margin of error',
      r.marginOfError,
      `${CONFIDENCE} margin at an estimate of 50%: 1.96 × √(0.25 / effective n), as a proportion (0.02 = ±2 percentage points).`,
    ],
    ['Confidence intervals', r.ciMethod, `${CONFIDENCE} intervals for proportions: ${CI_NOTES[r.ciMethod]}`],
    ['Suppression threshold', r.threshold, 'Estimates with fewer unweighted respondents than this in their base are left empty, with the reason beside them.'],
  );
  if (r.sampleDesign)
    rows.push(['Sample design', `${r.sampleDesign.strata} strata, ${r.sampleDesign.psus} PSUs, ${r.sampleDesign.df} df`, r.sampleDesign.text]);
  if (r.syntheticNotice) rows.push(['Synthetic data', r.syntheticNotice, null]);
  if (r.weighting.illustrativeTargets) rows.push(['Illustrative targets', ILLUSTRATIVE_TARGETS_NOTICE, null]);
  for (const b of r.bases) rows.push([`Base: ${b.question}`, b.note, null]);
  return { name: 'About', columns: ['item', 'value', 'note'], rows, notice: r.syntheticNotice };
}

export function reportWorkbook(r: SurveyReport): Buffer {
  const tables = reportTables(r).map((t): SheetInput => ({ ...t, notice: r.syntheticNotice, formats: REPORT_FORMATS }));
  return writeXlsx([aboutSheet(r), ...tables]);
}
