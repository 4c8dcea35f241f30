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
import { monthProblem, periodProblem } from '../formats/dates.js';
import type { Store } from '../store/open.js';
import { type SummaryDimension, type SummaryRow, summaryCounts } from './queries.js';

export type { SummaryDimension, SummaryRow } from './queries.js';

export const SUMMARY_DIMENSIONS: readonly SummaryDimension[] = ['ward', 'crime-type', 'month'];

export interface SummaryOptions {
  by: SummaryDimension[];
  from?: string;
  to?: string;
}

/** A summary asked for in a way that cannot be answered (bad dimension or month). */
export class CrimeSummaryError extends BadRequest {
  constructor(message: string) {
    super(message);
    this.name = 'CrimeSummaryError';
  }
}

export async function crimeSummary(store: Store, { by, from, to }: SummaryOptions): Promise<SummaryRow[]> {
  const unknown = by.filter((d) => !SUMMARY_DIMENSIONS.includes(d));
  if (unknown.length) throw new CrimeSummaryError(`Cannot summarise by ${unknown.join(', ')}: use ${SUMMARY_DIMENSIONS.join(', ')}.`);
  for (const [name, m] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const problem = m === undefined ? null : monthProblem(m, `--${name}`);
    if (problem) throw new CrimeSummaryError(problem);
  }
  const backwards = periodProblem(from, to);
  if (backwards) throw new CrimeSummaryError(backwards);
  return await summaryCounts(store, { by, from, to });
}
