/**
 * XmR (individuals and moving range) chart of monthly counts, as NHS England's "Making Data
 * Count" (MDC) guidance and the NHS-R package NHSRplotthedots (`ptd_spc`) define it.
 *
 *   centre line   = mean of the baseline points
 *   moving range  = |xᵢ − xᵢ₋₁| for consecutive baseline points; mR̄ = their mean
 *   screening     = (on by default) moving ranges not below 3.267 · mR̄ are left out and mR̄ is
 *                   recomputed from the rest, once (NHSRplotthedots `screen_outliers = TRUE`; the
 *                   MDC Excel tool does not screen). When every baseline moving range is 0 there is
 *                   nothing to screen and mR̄ stays 0.
 *   limits        = centre ± 2.66 · mR̄            (2.66 = 3 / d₂, d₂ = 1.128 for n = 2)
 *   "near" lines  = centre ± 2/3 · 2.66 · mR̄      (the two-sigma lines)
 *
 * Signals (checked on every point, baseline or not, against the baseline's lines):
 *   - outside-limits: a point above the upper or below the lower limit (one signal per point);
 *   - shift: `shiftPoints` (7) or more points in a row all above, or all below, the centre line;
 *     a point exactly on the centre line ends the run;
 *   - trend: `trendPoints` (7) or more points in a row each higher (or each lower) than the one
 *     before; an equal value ends the run;
 *   - two-of-three: 3 points in a row all on the same side of the centre line, at least 2 of them
 *     close to a limit (beyond the near line but not outside the limits); those close points are
 *     the signal (a point outside the limits is its own signal and does not count here); windows
 *     that share a point merge into one signal.
 * Each signal lists the (0-based) indices of the points it covers; runs are reported once, as the
 * longest run. MDC uses 7 points for both shift and trend; both are options because some tools
 * use 6. Limits are not truncated at 0: for small counts the lower limit can be negative, and then
 * no point can be below it.
 *
 * R: the definition written out from NHSRplotthedots' `ptd_spc_standard` and
 * `ptd_calculate_point_type` (test/fixtures/r/spc/xmr.R); with the package,
 * `ptd_spc(data.frame(y, x), y, x, fix_after_n_points = n)` for a baseline of the first n points.
 *
 * Baseline: by default all points; pass `baseline: { start, end }` (inclusive indices, or labels
 * when `labels` are given) to fix the limits on an earlier period and judge later points against it.
 *
 * Example:
 *   xmr([10, 12, 11, 13, 12, 30, 12, 11, 13, 12, 11, 12])
 *   // centre 13.25; moving ranges 2,1,2,1,18,18,1,2,1,1,1 (mR̄ 48/11 = 4.36): the two of 18 are
 *   // screened (≥ 3.267 · 4.36 = 14.3), so mR̄ = 12/9 = 1.333; limits 9.703 to 16.797;
 *   // signal: outside-limits (high) at point 5
 */
import { mean } from 'simple-statistics';

export const MOVING_RANGE_CONSTANT = 2.66;
export const NEAR_LIMIT_FRACTION = 2 / 3;
/** NHSRplotthedots: baseline moving ranges from 3.267 · mR̄ up are screened out (3.267 = D₄ for n = 2). */
export const MOVING_RANGE_SCREEN = 3.267;
export const DEFAULT_SHIFT_POINTS = 7;
export const DEFAULT_TREND_POINTS = 7;

export type SignalKind = 'outside-limits' | 'shift' | 'trend' | 'two-of-three';

export interface Signal {
  kind: SignalKind;
  /** high/low for outside-limits, shift, two-of-three; up/down for trend */
  direction: 'high' | 'low' | 'up' | 'down';
  points: number[];
  /** labels of the points (when labels were given) */
  labels?: string[];
  description: string;
}

export interface XmrPoint {
  index: number;
  label?: string;
  value: number;
  movingRange: number | null;
  inBaseline: boolean;
  /** true when this point's moving range was left out of mR̄ by the screening */
  movingRangeScreened: boolean;
  signals: SignalKind[];
}

export interface XmrChart {
  centre: number;
  /** mR̄ after screening (the one the limits use) */
  meanMovingRange: number;
  /** mR̄ of every baseline moving range, before screening */
  meanMovingRangeUnscreened: number;
  /** whether baseline moving ranges were screened (the default) */
  screenMovingRanges: boolean;
  /** indices of the points whose moving range (to the point before) was screened out */
  screenedMovingRanges: number[];
  upperLimit: number;
  lowerLimit: number;
  upperNear: number;
  lowerNear: number;
  baseline: { start: number; end: number };
  points: XmrPoint[];
  signals: Signal[];
}

export interface XmrOptions {
  labels?: string[];
  baseline?: { start: number | string; end: number | string };
  shiftPoints?: number;
  trendPoints?: number;
  /** leave out baseline moving ranges from 3.267 · mR̄ up (default true, as NHSRplotthedots) */
  screenMovingRanges?: boolean;
}

export function xmr(values: readonly number[], options: XmrOptions = {}): XmrChart {
  const { labels, shiftPoints = DEFAULT_SHIFT_POINTS, trendPoints = DEFAULT_TREND_POINTS, screenMovingRanges = true } = options;
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('An XmR chart needs a number for every point.');
  if (labels && labels.length !== values.length) throw new RangeError(`There are ${labels.length} labels for ${values.length} points.`);
  const start = indexOf(options.baseline?.start ?? 0, labels, values.length);
  const end = indexOf(options.baseline?.end ?? values.length - 1, labels, values.length);
  if (end - start + 1 < 2) throw new RangeError('The XmR baseline needs at least 2 points (one moving range).');

  const base = values.slice(start, end + 1);
  const centre = mean(base);
  const ranges = base.slice(1).map((v, i) => Math.abs(v - base[i]));
  const meanMovingRangeUnscreened = mean(ranges);
  // with mR̄ = 0 every range would be "not below" the cut-off: nothing is unusual, keep them all
  const kept =
    screenMovingRanges && meanMovingRangeUnscreened > 0 ? ranges.map((r) => r < MOVING_RANGE_SCREEN * meanMovingRangeUnscreened) : ranges.map(() => true);
  const screenedMovingRanges = kept.flatMap((k, i) => (k ? [] : [start + i + 1]));
  const meanMovingRange = mean(ranges.filter((_, i) => kept[i]));
  const halfWidth = MOVING_RANGE_CONSTANT * meanMovingRange;
  const chart: XmrChart = {
    centre,
    meanMovingRange,
    meanMovingRangeUnscreened,
    screenMovingRanges,
    screenedMovingRanges,
    upperLimit: centre + halfWidth,
    lowerLimit: centre - halfWidth,
    upperNear: centre + NEAR_LIMIT_FRACTION * halfWidth,
    lowerNear: centre - NEAR_LIMIT_FRACTION * halfWidth,
    baseline: { start, end },
    points: values.map((value, index) => ({
      index,
      ...(labels ? { label: labels[index] } : {}),
      value,
      movingRange: index === 0 ? null : Math.abs(value - values[index - 1]),
      inBaseline: index >= start && index <= end,
      movingRangeScreened: screenedMovingRanges.includes(index),
      signals: [],
    })),
    signals: [],
  };

  const add = (kind: SignalKind, direction: Signal['direction'], points: number[], description: string) => {
    chart.signals.push({ kind, direction, points, ...(labels ? { labels: points.map((i) => labels[i]) } : {}), description });
    for (const i of points) if (!chart.points[i].signals.includes(kind)) chart.points[i].signals.push(kind);
  };

  values.forEach((v, i) => {
    if (v > chart.upperLimit) add('outside-limits', 'high', [i], 'A point above the upper limit');
    if (v < chart.lowerLimit) add('outside-limits', 'low', [i], 'A point below the lower limit');
  });
  for (const run of runs(values.length, (i) => Math.sign(values[i] - centre), shiftPoints)) {
    const high = run.sign > 0;
    add('shift', high ? 'high' : 'low', run.points, `${run.points.length} points in a row ${high ? 'above' : 'below'} the centre line`);
  }
  // a trend run of k points has k − 1 steps in the same direction; step i is from point i−1 to i
  for (const run of runs(values.length - 1, (s) => Math.sign(values[s + 1] - values[s]), trendPoints - 1)) {
    const points = [run.points[0], ...run.points.map((s) => s + 1)];
    const up = run.sign > 0;
    add('trend', up ? 'up' : 'down', points, `${points.length} points in a row all ${up ? 'rising' : 'falling'}`);
  }
  // 2 of 3 (NHSRplotthedots ptd_two_in_three): a window of 3 all on one side of the centre, at
  // least 2 of them between the near line and the limit; those points are flagged.
  const close = values.map((v) => v <= chart.upperLimit && v >= chart.lowerLimit && (v > chart.upperNear || v < chart.lowerNear));
  const side = values.map((v) => Math.sign(v - centre));
  let current: { side: number; points: Set<number> } | null = null;
  let lastWindow = -Infinity;
  const flush = () => {
    if (current) {
      const high = current.side > 0;
      add(
        'two-of-three',
        high ? 'high' : 'low',
        [...current.points].sort((a, b) => a - b),
        `2 of 3 points in a row close to the ${high ? 'upper' : 'lower'} limit (beyond two-thirds of the way to it), all ${high ? 'above' : 'below'} the centre line`,
      );
    }
    current = null;
  };
  for (let w = 0; w + 2 < values.length; w++) {
    const window = [w, w + 1, w + 2];
    const flagged = window.filter((i) => close[i]);
    const sum = side[w] + side[w + 1] + side[w + 2];
    if (flagged.length < 2 || Math.abs(sum) !== 3) continue;
    // windows that share a point merge (they are on the same side: they share a point)
    if (w > lastWindow + 2 || current?.side !== sum / 3) flush();
    current ??= { side: sum / 3, points: new Set() };
    for (const i of flagged) current.points.add(i);
    lastWindow = w;
  }
  flush();
  return chart;
}

/** Maximal runs of at least `minLength` consecutive items with the same non-zero sign. */
function runs(length: number, signOf: (i: number) => number, minLength: number) {
  const found: { sign: number; points: number[] }[] = [];
  let i = 0;
  while (i < length) {
    const sign = signOf(i);
    let j = i;
    while (sign !== 0 && j + 1 < length && signOf(j + 1) === sign) j++;
    if (sign !== 0 && j - i + 1 >= minLength) found.push({ sign, points: Array.from({ length: j - i + 1 }, (_, k) => i + k) });
    i = j + 1;
  }
  return found;
}

function indexOf(at: number | string, labels: readonly string[] | undefined, length: number): number {
  const i = typeof at === 'string' ? (labels ?? []).indexOf(at) : at;
  if (!Number.isInteger(i) || i < 0 || i >= length) {
    throw new RangeError(`The baseline point ${JSON.stringify(at)} is not one of the ${length} points${typeof at === 'string' ? ' (by label)' : ''}.`);
  }
  return i;
}
