/**
 * A survey report as cross-tabs, the layout analysts paste into their own documents: the About sheet
 * of the report workbook, then a sheet per question with its wording on top, a row per answer (and
 * net), and columns for all respondents and for each group of each breakdown: the weighted estimate,
 * its 95% interval, and the significance markers. Each group column has a letter (A, B, …, in its
 * breakdown); a group's marker lists the letters of the groups it is significantly higher than
 * (Benjamini–Hochberg adjusted p < 0.05, the report's comparisons), or, where groups were compared
 * with the rest of the sample, "higher than the rest" / "lower than the rest". With a wave to compare
 * with, two more columns: the change in all respondents' estimate since then, and whether it is
 * significant (the report's changes). The last row gives each column's unweighted base.
 */
import type { Comparison, Estimate } from '../../analysis/report/types.js';
import { type CellFormat, type SheetInput, writeXlsx } from '../formats/xlsx.js';
import type { SurveyReport } from './survey-report.js';
import { aboutSheet } from './workbook.js';

export const BASE_ROW = 'Base (unweighted n)';
export const HIGHER_THAN_REST = 'higher than the rest';
export const LOWER_THAN_REST = 'lower than the rest';
export const SIGNIFICANT_CHANGE = 'significant';

interface GroupColumn {
  variable: string;
  value: string;
  label: string;
  letter: string;
}

/** `titleOf(question)`: the wording shown above the question's table. */
export function crosstabWorkbook(r: SurveyReport, titleOf: (question: string) => string): Buffer {
  const questions = [...new Set(r.estimates.map((e) => e.question))];
  return writeXlsx([aboutSheet(r), ...questions.map((q) => questionSheet(r, q, titleOf(q)))]);
}

const letterOf = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : `${letterOf(Math.floor(i / 26) - 1)}${String.fromCharCode(65 + (i % 26))}`);

function questionSheet(r: SurveyReport, question: string, title: string): SheetInput {
  const estimates = r.estimates.filter((e) => e.question === question);
  const overall = estimates.filter((e) => e.group === null);
  const groups: GroupColumn[] = [];
  for (const variable of r.by) {
    const seen = new Map<string, string>();
    for (const e of estimates) if (e.group?.variable === variable && !seen.has(e.group.value)) seen.set(e.group.value, e.group.label);
    [...seen].forEach(([value, label], i) => {
      groups.push({ variable, value, label, letter: letterOf(i) });
    });
  }
  const numeric = overall.every((e) => e.category === 'mean');
  const format: CellFormat = numeric ? 'decimal' : 'percent';
  const what = numeric ? 'mean' : '%';

  // Column names are unique (a format is keyed by name): a label two breakdowns share gets its breakdown.
  const labelCount = new Map<string, number>();
  for (const g of groups) labelCount.set(g.label, (labelCount.get(g.label) ?? 0) + 1);
  const head = (g: GroupColumn) => `${labelCount.get(g.label)! > 1 ? `${g.variable}: ` : ''}${g.label} (${g.letter})`;
  const columns = ['answer', `All respondents ${what}`, 'All: 95% CI lower', 'All: 95% CI upper'];
  for (const g of groups) columns.push(`${head(g)} ${what}`, `${head(g)}: 95% CI lower`, `${head(g)}: 95% CI upper`, `${head(g)}: significance`);
  const changes = (r.changes ?? []).filter((c) => c.question === question);
  const since = changes[0]?.from.wave;
  if (since) columns.push(`Change since ${since}`, `Change since ${since}: significance`);
  const formats: Record<string, CellFormat> = {};
  for (const c of columns) if (c !== 'answer' && !c.endsWith(': significance')) formats[c] = format;

  const byKey = new Map(estimates.map((e) => [`${e.category}|${e.group?.variable ?? ''}|${e.group?.value ?? ''}`, e]));
  const comparisons = r.comparisons.filter((c) => c.question === question && c.significant);
  const cells = (e: Estimate | undefined) =>
    !e ? [null, null, null] : e.suppressed || e.estimate === null ? [e.reason ?? 'suppressed', null, null] : [e.estimate, e.ci?.[0] ?? null, e.ci?.[1] ?? null];

  const rows: unknown[][] = overall.map((o) => {
    const row: unknown[] = [o.label, ...cells(o)];
    for (const g of groups) {
      const e = byKey.get(`${o.category}|${g.variable}|${g.value}`);
      row.push(...cells(e), markers(comparisons, o.category, g, groups));
    }
    if (since) {
      const c = changes.find((x) => x.category === o.category);
      row.push(!c ? null : c.suppressed || c.difference === null ? (c.reason ?? 'suppressed') : c.difference, c?.significant ? SIGNIFICANT_CHANGE : null);
    }
    return row;
  });
  // A hidden group's base is not given: with the total it would be the hidden count.
  const base = (e: Estimate | undefined) => (e?.suppressed && e.n === null ? 'hidden' : (e?.n ?? null));
  rows.push([
    BASE_ROW,
    base(overall[0]),
    null,
    null,
    ...groups.flatMap((g) => [base(byKey.get(`${overall[0]?.category}|${g.variable}|${g.value}`)), null, null, null]),
  ]);
  rows.push([], [notes(r, groups.length > 0, since)]);
  const notice = r.syntheticNotice ? `${title} (${r.syntheticNotice})` : title;
  return { name: question, columns, rows, notice, formats };
}

/** The letters of the groups `g` is significantly higher than on `category`, or its place against the rest. */
function markers(comparisons: Comparison[], category: string, g: GroupColumn, groups: GroupColumn[]): string | null {
  const out: string[] = [];
  for (const c of comparisons) {
    if (c.category !== category || c.variable !== g.variable || c.difference === null) continue;
    if (c.against === 'rest') {
      if (c.a === g.value) out.push(c.difference > 0 ? HIGHER_THAN_REST : LOWER_THAN_REST);
      continue;
    }
    const other = c.a === g.value && c.difference > 0 ? c.b : c.b === g.value && c.difference < 0 ? c.a : null;
    const letter = other === null ? undefined : groups.find((x) => x.variable === g.variable && x.value === other)?.letter;
    if (letter) out.push(letter);
  }
  return out.length ? out.sort().join(' ') : null;
}

function notes(r: SurveyReport, grouped: boolean, since: string | undefined): string {
  const parts = [`Weighted estimates with 95% confidence intervals (${r.ciMethod}).`];
  if (grouped) {
    parts.push(
      `Significance: the letters of the groups in the same breakdown that this group is significantly higher than, or “${HIGHER_THAN_REST}” / “${LOWER_THAN_REST}” where each group was compared with the rest of the sample (Benjamini–Hochberg adjusted p < 0.05).`,
    );
  }
  if (since)
    parts.push(
      `Change since ${since}: this wave's estimate for all respondents minus ${since}'s; “${SIGNIFICANT_CHANGE}” after Benjamini–Hochberg adjustment (p < 0.05).`,
    );
  parts.push(
    `Estimates on an unweighted base below ${r.threshold} are suppressed, and a second group where needed so that a hidden group cannot be worked out from the others, with the reason in their place.`,
  );
  return parts.join(' ');
}
