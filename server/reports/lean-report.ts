/**
 * The report as the API sends it by default: the full report's information in under half its bytes.
 * Most of a report is its estimates and comparisons, thousands of rows that repeat their field
 * names, their labels and, in the comparisons, the estimates already given. Here they are columns
 * (entry i of each is row i of the full report), the labels are given once, and what another field
 * already says is left out:
 * - an estimate's `label`, `net` and `construct` (the same for every row of a question × category)
 *   are in `labels.questions`, a group's label in `labels.groups`;
 * - an estimate's `caution` is its words for `nEffective < cautionBelow`;
 * - a comparison's `estimateA` is the estimate of group a, and its `t` is `difference / se` (null
 *   when that is not a finite number).
 * Numbers that are not whole are given to REPORT_DIGITS significant digits.
 *
 * @example
 *   const lean = leanReport(report);
 *   lean.estimates.estimate[0] === report.estimates[0].estimate; // to 13 significant digits
 *   lean.labels.questions.safe_home.categories.very_safe.label; // 'Very safe'
 */
import { SMALL_EFFECTIVE_BASE } from '../../analysis/report/build-report.js';
import type { SurveyReport, SurveyReportLean } from './schemas.js';

/** Significant digits of the numbers the API sends: far below any sampling error, and below every check made on them (12 decimals). */
export const REPORT_DIGITS = 13;

/** A number that is not whole to REPORT_DIGITS significant digits; anything else as it is. */
export const rounded = <T>(v: T): T => (typeof v === 'number' && !Number.isInteger(v) ? (Number(v.toPrecision(REPORT_DIGITS)) as T) : v);

const roundedRow = <T extends object>(row: T): T => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, rounded(v)])) as T;

export function leanReport(report: SurveyReport): SurveyReportLean {
  const { detail: _full, estimates, comparisons, associations, changes, ...head } = report;
  const labels: SurveyReportLean['labels'] = { questions: {}, groups: {} };
  for (const e of estimates) {
    const q = (labels.questions[e.question] ??= { construct: e.construct, categories: {} });
    q.categories[e.category] ??= { label: e.label, net: e.net };
    if (e.group) (labels.groups[e.group.variable] ??= {})[e.group.value] ??= e.group.label;
  }
  const ci = (v: [number, number] | null): [number, number] | null => (v ? [rounded(v[0]), rounded(v[1])] : null);
  return {
    detail: 'lean',
    ...head,
    labels,
    cautionBelow: SMALL_EFFECTIVE_BASE,
    estimates: {
      question: estimates.map((e) => e.question),
      category: estimates.map((e) => e.category),
      variable: estimates.map((e) => e.group?.variable ?? null),
      value: estimates.map((e) => e.group?.value ?? null),
      n: estimates.map((e) => e.n),
      nEffective: estimates.map((e) => rounded(e.nEffective)),
      estimate: estimates.map((e) => rounded(e.estimate)),
      se: estimates.map((e) => rounded(e.se)),
      ci: estimates.map((e) => ci(e.ci)),
      suppressed: estimates.map((e) => e.suppressed),
      reason: estimates.map((e) => e.reason ?? null),
      fixedByWeighting: estimates.map((e) => e.fixedByWeighting ?? null),
      df: estimates.map((e) => e.df ?? null),
    },
    comparisons: {
      question: comparisons.map((c) => c.question),
      category: comparisons.map((c) => c.category),
      variable: comparisons.map((c) => c.variable),
      against: comparisons.map((c) => c.against),
      a: comparisons.map((c) => c.a),
      b: comparisons.map((c) => c.b),
      estimateB: comparisons.map((c) => rounded(c.estimateB)),
      difference: comparisons.map((c) => rounded(c.difference)),
      se: comparisons.map((c) => rounded(c.se)),
      p: comparisons.map((c) => rounded(c.p)),
      pAdjusted: comparisons.map((c) => rounded(c.pAdjusted)),
      significant: comparisons.map((c) => c.significant),
      suppressed: comparisons.map((c) => c.suppressed),
      reason: comparisons.map((c) => c.reason ?? null),
    },
    associations: associations.map(roundedRow),
    changes: changes?.map((c) => ({ ...roundedRow(c), from: roundedRow(c.from), to: roundedRow(c.to) })) ?? null,
  };
}

// Every field of a full row is a column of the lean report, in its labels, or worked out from the
// other fields (above): a field added to the full rows and not to the lean ones fails to compile.
type Uncovered<Row, Columns, Elsewhere extends PropertyKey> = Exclude<keyof Row, keyof Columns | Elsewhere>;
const covered = <_T extends never>() => {};
covered<Uncovered<SurveyReport['estimates'][number], SurveyReportLean['estimates'], 'group' | 'label' | 'net' | 'construct' | 'caution'>>();
covered<Uncovered<SurveyReport['comparisons'][number], SurveyReportLean['comparisons'], 'estimateA' | 't'>>();
covered<Uncovered<SurveyReport, SurveyReportLean, never>>();
