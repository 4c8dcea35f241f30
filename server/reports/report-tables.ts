/**
 * A survey report as flat tables (estimates, comparisons, associations, changes) for CSV and
 * spreadsheet output. Suppressed cells stay in the table, empty, with the reason beside them.
 */
import { csvCell, csvRow } from '../formats/csv.js';
import type { SurveyReport } from './survey-report.js';

export interface Table {
  name: string;
  columns: string[];
  rows: unknown[][];
}

export function reportTables(r: SurveyReport): Table[] {
  const tables: Table[] = [
    {
      name: 'estimates',
      columns: [
        'question',
        'category',
        'label',
        'net',
        'group_variable',
        'group_value',
        'n',
        'n_effective',
        'estimate',
        'se',
        'ci_lower',
        'ci_upper',
        'suppressed',
        'reason',
        // Added last, so existing columns keep their places.
        'caution',
      ],
      rows: r.estimates.map((e) => [
        e.question,
        e.category,
        e.label,
        e.net,
        e.group?.variable ?? '',
        e.group?.value ?? '',
        e.n,
        e.nEffective,
        e.estimate,
        e.se,
        e.ci?.[0],
        e.ci?.[1],
        e.suppressed,
        e.reason ?? '',
        e.caution ?? '',
      ]),
    },
    {
      name: 'comparisons',
      columns: [
        'question',
        'category',
        'variable',
        'a',
        'b',
        'estimate_a',
        'estimate_b',
        'difference',
        'se',
        't',
        'p',
        'p_adjusted',
        'significant',
        'suppressed',
        'reason',
        // Added last, so existing columns keep their places: 'group' (a vs b) or 'rest' (a vs the rest of the sample, b = _rest).
        'against',
      ],
      rows: r.comparisons.map((c) => [
        c.question,
        c.category,
        c.variable,
        c.a,
        c.b,
        c.estimateA,
        c.estimateB,
        c.difference,
        c.se,
        c.t,
        c.p,
        c.pAdjusted,
        c.significant,
        c.suppressed,
        c.reason ?? '',
        c.against,
      ]),
    },
    {
      name: 'associations',
      columns: ['question', 'variable', 'n', 'F', 'ndf', 'ddf', 'p', 'p_adjusted', 'significant', 'reason'],
      rows: r.associations.map((a) => [a.question, a.variable, a.n, a.F, a.ndf, a.ddf, a.p, a.pAdjusted, a.significant, a.reason ?? '']),
    },
  ];
  if (r.changes) {
    tables.push({
      name: 'changes',
      columns: [
        'question',
        'category',
        'label',
        'from_wave',
        'from_n',
        'from_estimate',
        'to_wave',
        'to_n',
        'to_estimate',
        'difference',
        'se',
        'p',
        'p_adjusted',
        'significant',
        'suppressed',
        'reason',
      ],
      rows: r.changes.map((c) => [
        c.question,
        c.category,
        c.label,
        c.from.wave,
        c.from.n,
        c.from.estimate,
        c.to.wave,
        c.to.n,
        c.to.estimate,
        c.difference,
        c.se,
        c.p,
        c.pAdjusted,
        c.significant,
        c.suppressed,
        c.reason ?? '',
      ]),
    });
  }
  return tables;
}

export function tableToCsv(t: Table, notice?: string | null): string {
  const lines = [csvRow(t.columns)];
  for (const row of t.rows) lines.push(csvRow(row));
  if (notice) lines.unshift(csvCell(`# ${notice}`));
  return `${lines.join('\n')}\n`;
}
