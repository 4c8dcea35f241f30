/**
 * Recorded crime totals from the `crime` table, grouped by any of ward, crime type and month,
 * over an optional period (months inclusive, YYYY-MM).
 *
 * Example:
 *   crimeSummary(store, { by: ['ward', 'crime-type'], from: '2019-01', to: '2019-12' })
 *   // [{ ward: 'Allington', wardCode: 'E05004982', crimeType: 'Burglary', count: 3 }, …]
 *
 * Only cells with at least one crime are stored, so a ward × type with no crime is absent
 * (count 0), not missing data.
 */
import { BadRequest } from '../errors.js';
import type { Store } from '../store/open.js';

export type SummaryDimension = 'ward' | 'crime-type' | 'month';
export const SUMMARY_DIMENSIONS: readonly SummaryDimension[] = ['ward', 'crime-type', 'month'];

export interface SummaryOptions {
  by: SummaryDimension[];
  from?: string;
  to?: string;
}

export interface SummaryRow {
  month?: string;
  ward?: string;
  wardCode?: string;
  crimeType?: string;
  count: number;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A summary asked for in a way that cannot be answered (bad dimension or month). */
export class CrimeSummaryError extends BadRequest {
  constructor(message: string) {
    super(message);
    this.name = 'CrimeSummaryError';
  }
}

export function crimeSummary(store: Store, { by, from, to }: SummaryOptions): SummaryRow[] {
  const unknown = by.filter((d) => !SUMMARY_DIMENSIONS.includes(d));
  if (unknown.length) throw new CrimeSummaryError(`Cannot summarise by ${unknown.join(', ')}: use ${SUMMARY_DIMENSIONS.join(', ')}.`);
  for (const [name, m] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (m !== undefined && !MONTH.test(m)) throw new CrimeSummaryError(`--${name} must be a month written YYYY-MM, not '${m}'.`);
  }
  if (from && to && from > to) throw new CrimeSummaryError(`The period is empty: ${from} is after ${to}.`);

  // Columns come from this fixed list only (never from the caller), so the SQL is not injectable.
  const select: string[] = [];
  const group: string[] = [];
  const order: string[] = [];
  if (by.includes('month')) {
    select.push('c.month AS month');
    group.push('c.month');
    order.push('c.month');
  }
  if (by.includes('ward')) {
    select.push('a.name AS ward', 'c.area_code AS wardCode');
    group.push('c.area_code');
    order.push('a.name');
  }
  if (by.includes('crime-type')) {
    select.push('c.crime_type AS crimeType');
    group.push('c.crime_type');
  }
  order.push('count DESC');
  if (by.includes('crime-type')) order.push('c.crime_type');
  const where: string[] = [];
  const params: string[] = [];
  if (from) {
    where.push('c.month >= ?');
    params.push(from);
  }
  if (to) {
    where.push('c.month <= ?');
    params.push(to);
  }
  const sql =
    `SELECT ${[...select, 'SUM(c.count) AS count'].join(', ')} FROM crime c LEFT JOIN areas a ON a.code = c.area_code` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    (group.length ? ` GROUP BY ${group.join(', ')}` : '') +
    ` ORDER BY ${order.join(', ')}`;
  const rows = store.sqlite.prepare(sql).all(...params) as SummaryRow[];
  // SUM over no rows is NULL: an empty store or period has a total of 0.
  return rows.filter((r) => r.count !== null);
}
