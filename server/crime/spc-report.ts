/**
 * Statistical process control of monthly recorded crime: an XmR chart (analysis/spc/xmr.ts, NHS
 * "Making Data Count" rules) of the monthly counts for the borough or one ward.
 *
 * Months: every month from the first to the last month stored (any crime type), with 0 for a
 * month that is stored but has no crime of this type or ward, so the series has no gaps. A month
 * inside that range that was never imported is also 0 and is listed in `notStored`.
 * Baseline: by default all months; give baselineFrom/baselineTo to fix the limits on a period.
 * Moving ranges of the baseline from 3.267 × their mean up are screened out of the mean moving
 * range (NHSRplotthedots' default); they are listed in `screenedMovingRanges`.
 *
 * Example:
 *   crimeSpc(store, { crimeType: 'Burglary', baselineFrom: '2019-01', baselineTo: '2019-12' })
 *   // { months: [{ month: '2019-01', count: 110 }, …], centre: 104.2, upperLimit: 140.1, signals: [{ kind: 'shift', months: ['2020-03', …] }] }
 */
import { xmr, type XmrChart } from '../../analysis/spc/xmr.js';
import type { Store } from '../store/open.js';
import { BadRequest, Conflict } from '../errors.js';
import { wardByCode } from '../areas/queries.js';
import { countsByMonth } from './queries.js';
import { monthLabel, monthRange, monthRanges } from '../formats/dates.js';
import { checkMonth, crimeTypeFilter, monthsBetween, resolveCrimeType, storedMonths } from './rates-report.js';
import type { CrimeSpcReport } from './schemas.js';

/** MDC: limits from fewer than 12 points are provisional. */
export const MIN_BASELINE_POINTS = 12;
const MIN_XMR_POINTS = 2;

export interface CrimeSpcOptions {
  crimeType?: string;
  /** ward code; default the whole borough */
  ward?: string;
  baselineFrom?: string;
  baselineTo?: string;
}

export type { CrimeSpcReport } from './schemas.js';

export async function crimeSpc(store: Store, opts: CrimeSpcOptions = {}): Promise<CrimeSpcReport> {
  const type = await resolveCrimeType(store, opts.crimeType);
  const baselineFrom = opts.baselineFrom ? checkMonth(opts.baselineFrom, 'baselineFrom') : undefined;
  const baselineTo = opts.baselineTo ? checkMonth(opts.baselineTo, 'baselineTo') : undefined;
  let ward: CrimeSpcReport['ward'] = null;
  if (opts.ward) {
    const row = await wardByCode(store.db, opts.ward);
    if (!row) throw new BadRequest(`There is no ward with code '${opts.ward}' (use a ward code such as E05004982).`);
    ward = row;
  }

  const stored = await storedMonths(store);
  if (!stored.length)
    throw new Conflict('No recorded crime has been imported yet: add police.uk street-level files on the Data page (or with `crime import --file …`) first.');
  const months = monthsBetween(stored[0], stored.at(-1)!);
  if (months.length < MIN_XMR_POINTS) {
    throw new Conflict(
      `Only ${months.length} month of recorded crime is stored (${monthLabel(stored[0])}); an XmR chart needs at least ${MIN_XMR_POINTS} months, ` +
        `and its limits are firm only from a baseline of ${MIN_BASELINE_POINTS} months (NHS Making Data Count). ` +
        'Import police.uk street-level files for more months on the Data page (or with `crime import --file …`).',
    );
  }

  const byMonth = await countsByMonth(store, crimeTypeFilter(type), ward?.code);
  const values = months.map((m) => byMonth.get(m) ?? 0);

  const start = baselineFrom ?? months[0];
  const end = baselineTo ?? months.at(-1)!;
  for (const [name, m] of [
    ['baselineFrom', start],
    ['baselineTo', end],
  ] as const) {
    if (!months.includes(m)) throw new BadRequest(`${name} ${m} is outside the stored months (${months[0]} to ${months.at(-1)}).`);
  }
  if (start >= end) throw new BadRequest(`The baseline needs at least ${MIN_XMR_POINTS} months: ${monthRange(start, end)} is too short.`);

  const chart: XmrChart = xmr(values, { labels: months, baseline: { start, end } });
  const points = chart.baseline.end - chart.baseline.start + 1;
  const storedSet = new Set(stored);
  const notStored = months.filter((m) => !storedSet.has(m));
  const notes: string[] = [];
  if (type.allCrime) notes.push(`Crime type: ${type.crimeType}.`);
  if (notStored.length)
    notes.push(
      `No police.uk file was imported for ${monthRanges(notStored)}: the chart draws those months as 0, which they are not known to be; import them for a true chart.`,
    );
  const note =
    points < MIN_BASELINE_POINTS
      ? `The limits rest on only ${points} months; with fewer than ${MIN_BASELINE_POINTS} they are provisional (NHS Making Data Count) and signals should be read with care.`
      : null;

  return {
    crimeType: type.crimeType,
    allCrime: type.allCrime,
    ward,
    months: chart.points.map((p) => ({
      month: p.label!,
      count: p.value,
      movingRange: p.movingRange,
      inBaseline: p.inBaseline,
      movingRangeScreened: p.movingRangeScreened,
      signals: p.signals,
    })),
    notStored,
    baseline: { from: start, to: end, points },
    centre: chart.centre,
    meanMovingRange: chart.meanMovingRange,
    meanMovingRangeUnscreened: chart.meanMovingRangeUnscreened,
    screenedMovingRanges: chart.screenedMovingRanges.map((i) => months[i]),
    upperLimit: chart.upperLimit,
    lowerLimit: chart.lowerLimit,
    upperNear: chart.upperNear,
    lowerNear: chart.lowerNear,
    signals: chart.signals.map((s) => ({ kind: s.kind, direction: s.direction, months: s.labels!, description: s.description })),
    note,
    notes,
  };
}
