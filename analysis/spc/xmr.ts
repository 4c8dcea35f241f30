/**
 * XmR (individuals and moving range) chart of monthly counts, as NHS England's "Making Data
 * Count" (MDC) guidance and DESIGN.md describe.
 *
 *   centre line   = mean of the baseline points
 *   moving range  = |xᵢ − xᵢ₋₁| for consecutive baseline points; mR̄ = their mean
 *   limits        = centre ± 2.66 · mR̄            (2.66 = 3 / d₂, d₂ = 1.128 for n = 2)
 *   "near" lines  = centre ± 2/3 · (limit − centre) (= the 2-sigma lines)
 *
 * Signals (checked on every point, against the baseline's lines):
 *   - outside-limits: a point above the upper or below the lower limit (one signal per point);
 *   - shift: `shiftPoints` (7) or more points in a row all above, or all below, the centre line;
 *     a point exactly on the centre line ends the run;
 *   - trend: `trendPoints` (7) or more points in a row each higher (or each lower) than the one
 *     before; an equal value ends the run;
 *   - two-of-three: 2 of 3 consecutive points beyond the near line on the same side (points
 *     outside the limits count); overlapping windows merge into one signal.
 * Each signal lists the (0-based) indices of the points it covers; runs are reported once, as the
 * longest run. MDC's guide uses 7 points for both shift and trend (as DESIGN.md); both are options
 * because some tools use 6. Limits are not truncated at 0: for small counts the lower limit can be
 * negative, and then no point can be below it.
 *
 * Baseline: by default all points; pass `baseline: { start, end }` (inclusive indices, or labels
 * when `labels` are given) to fix the limits on an earlier period and judge later points against it.
 *
 * Example:
 *   xmr([10, 12, 11, 13, 12, 30])
 *   // centre 14.667, mR̄ 4.8, limits 1.899 to 27.435; signal: outside-limits (high) at point 5
 */
import { mean } from 'simple-statistics';

export const MOVING_RANGE_CONSTANT = 2.66;
export const NEAR_LIMIT_FRACTION = 2 / 3;
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
  signals: SignalKind[];
}

export interface XmrChart {
  centre: number;
  meanMovingRange: number;
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
}

export function xmr(values: readonly number[], options: XmrOptions = {}): XmrChart {
  const { labels, shiftPoints = DEFAULT_SHIFT_POINTS, trendPoints = DEFAULT_TREND_POINTS } = options;
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('An XmR chart needs a number for every point.');
  if (labels && labels.length !== values.length) throw new RangeError(`There are ${labels.length} labels for ${values.length} points.`);
  const start = indexOf(options.baseline?.start ?? 0, labels, values.length);
  const end = indexOf(options.baseline?.end ?? values.length - 1, labels, values.length);
  if (end - start + 1 < 2) throw new RangeError('The XmR baseline needs at least 2 points (one moving range).');

  const base = values.slice(start, end + 1);
  const centre = mean(base);
  const meanMovingRange = mean(base.slice(1).map((v, i) => Math.abs(v - base[i])));
  const halfWidth = MOVING_RANGE_CONSTANT * meanMovingRange;
  const chart: XmrChart = {
    centre,
    meanMovingRange,
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
  for (const side of [1, -1] as const) {
    const beyond = (i: number) => (side > 0 ? values[i] > chart.upperNear : values[i] < chart.lowerNear);
    let current: Set<number> | null = null;
    let lastWindow = -Infinity;
    const flush = () => {
      if (current)
        add(
          'two-of-three',
          side > 0 ? 'high' : 'low',
          [...current].sort((a, b) => a - b),
          `2 of 3 points in a row beyond two-thirds of the way to the ${side > 0 ? 'upper' : 'lower'} limit`,
        );
      current = null;
    };
    for (let w = 0; w + 2 < values.length; w++) {
      const flagged = [w, w + 1, w + 2].filter(beyond);
      if (flagged.length < 2) continue;
      if (w > lastWindow + 2) flush(); // windows that share a point merge
      current ??= new Set();
      for (const i of flagged) current.add(i);
      lastWindow = w;
    }
    flush();
  }
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
