/** Pure wording and grouping for the results page: numbers as people read them, in sentences. */
import type { Comparison, Estimate, SurveyReport } from '../../api';
import { ciText, count, oneDecimal, pct } from '../../format';

export { ciText, count, pct };

/** Numeric questions come back as one row, category 'mean' (a mean, not a share). */
export const isMean = (e: Estimate) => e.category === 'mean';

export const valueText = (e: Estimate) => (e.estimate === null ? '' : isMean(e) ? oneDecimal(e.estimate) : pct(e.estimate));

/** "Net: safe" → "safe". */
export const plainLabel = (label: string) => label.replace(/^Net:\s*/i, '');

export interface QuestionResults {
  question: string;
  title: string;
  /** Whole-sample rows (group null), categories then nets. */
  overall: Estimate[];
  /** Rows per breakdown group, in the report's order. */
  byGroup: { variable: string; value: string; label: string; rows: Estimate[] }[];
  comparisons: Comparison[];
  baseNote?: string;
}

/** The report's flat lists regrouped question by question, in the report's order. */
export function resultsByQuestion(report: SurveyReport, titles: Map<string, string>): QuestionResults[] {
  const order: string[] = [];
  const byName = new Map<string, QuestionResults>();
  for (const e of report.estimates) {
    let q = byName.get(e.question);
    if (!q) {
      q = { question: e.question, title: titles.get(e.question) ?? e.question, overall: [], byGroup: [], comparisons: [] };
      q.baseNote = report.bases.find((b) => b.question === e.question)?.note;
      byName.set(e.question, q);
      order.push(e.question);
    }
    if (!e.group) {
      q.overall.push(e);
      continue;
    }
    const g = e.group;
    let group = q.byGroup.find((x) => x.variable === g.variable && x.value === g.value);
    if (!group) q.byGroup.push((group = { ...g, rows: [] }));
    group.rows.push(e);
  }
  for (const c of report.comparisons) byName.get(c.question)?.comparisons.push(c);
  return order.map((name) => byName.get(name)!);
}

/** The headline row of a question: its first net (e.g. "safe") if it has one, else its largest category. */
export function headline(rows: Estimate[]): Estimate | undefined {
  const shown = rows.filter((e) => !e.suppressed && e.estimate !== null);
  return shown.find((e) => e.net) ?? [...shown].sort((a, b) => b.estimate! - a.estimate!)[0];
}

/** "84.2% safe (95% CI 82.3–85.8%), base 2,092". */
export function caption(e: Estimate): string {
  if (e.suppressed || e.estimate === null) return `${plainLabel(e.label)}: suppressed (${e.reason ?? 'base too small'}).`;
  if (isMean(e)) return `Average ${oneDecimal(e.estimate)}${e.ci ? ` (95% CI ${oneDecimal(e.ci[0])}–${oneDecimal(e.ci[1])})` : ''}, base ${count(e.n)}`;
  return `${pct(e.estimate)} ${plainLabel(e.label).toLowerCase()}${e.ci ? ` (95% CI ${ciText(e.ci)})` : ''}, base ${count(e.n)}`;
}

/**
 * A significant difference in words:
 * "female: less likely than male to say “very safe” (42.0% vs 56.5%; significant after adjustment)".
 */
export function differenceSentence(c: Comparison, labels: Map<string, string>, categoryLabel: string): string | null {
  if (!c.significant || c.estimateA === null || c.estimateB === null || c.difference === null) return null;
  const a = groupName(labels.get(c.a) ?? c.a);
  const b = groupName(labels.get(c.b) ?? c.b);
  const direction = c.difference < 0 ? 'less' : 'more';
  return `${a[0].toUpperCase()}${a.slice(1)} respondents are ${direction} likely than ${b} respondents to say “${plainLabel(categoryLabel)}” (${pct(c.estimateA)} vs ${pct(c.estimateB)}; significant after adjustment for multiple comparisons).`;
}

/** Group values as words: "prefer_not_say" → "prefer not say". */
export const groupName = (label: string) => label.replace(/_/g, ' ');
