/**
 * Raking (iterative proportional fitting) to several population margins — R
 * `rake(design, sample.margins, population.margins, control = list(maxit = 10, epsilon = 1))`,
 * step for step so the weights agree with R's:
 *
 *   repeat up to maxIterations sweeps:
 *     for each margin m, post-stratify on it: wᵢ ← wᵢ · T_{m,c} / Σ_{j∈c} wⱼ;
 *     compare the weighted table of all margin variables crossed with the previous sweep's;
 *     stop (converged) when the largest absolute change of any cell is below epsilon.
 * epsilon ≥ 1 is in weighted counts (R's default 1: under one person per cell); epsilon < 1 is
 * relative to the total of the starting weights, as in R.
 *
 * Returns, besides the weights: `iterations` (sweeps done), `converged`, `maxGap` = the largest
 * |weighted total − target| / target over every margin category, and `calibration` for variances
 * (margins plus each margin's weights from the last sweep — R's attr(margin, "weights")).
 *
 * Errors (WeightingError, naming margin and category): a respondent with no category on a margin,
 * a category with a target but no respondents, respondents in a category with target 0, or margins
 * whose totals differ by more than `totalTolerance` (relative) — raking cannot meet them all.
 *
 * @example
 * const r = rake(Float64Array.from([1, 1, 1, 1]), [
 *   { name: 'sex', cells: Int32Array.from([0, 0, 1, 1]), categories: ['female', 'male'], targets: [60, 40] },
 *   { name: 'age', cells: Int32Array.from([0, 1, 0, 1]), categories: ['16-44', '45+'], targets: [50, 50] },
 * ]);
 * // R: rake(svydesign(ids = ~1, weights = ~w, data = d), list(~sex, ~age), list(pop.sex, pop.age))
 */
import type { Calibration } from '../design/design.js';
import { WeightingError, categoryLabel, checkBaseWeights } from './errors.js';

export interface RakingMargin {
  name: string;
  /** Category index per respondent (−1 = none: an error). */
  cells: Int32Array;
  categories: string[];
  /** Population count per category. */
  targets: number[];
}

export interface RakeOptions {
  /** R rake's control$maxit default. */
  maxIterations?: number;
  /** R rake's control$epsilon default (see above). */
  epsilon?: number;
  /** Largest relative difference allowed between margin totals. */
  totalTolerance?: number;
}

export interface RakeResult {
  weights: Float64Array;
  converged: boolean;
  iterations: number;
  maxGap: number;
  calibration: Extract<Calibration, { kind: 'raking' }>;
}

/** R: control = list(maxit = 10, epsilon = 1). */
export const R_RAKE_MAXIT = 10;
export const R_RAKE_EPSILON = 1;
/** Margins from different sources (census age vs ward estimates) rarely agree exactly; 0.1% is allowed. */
export const DEFAULT_TOTAL_TOLERANCE = 1e-3;

export function rake(baseWeights: Float64Array, margins: RakingMargin[], options: RakeOptions = {}): RakeResult {
  const maxIterations = options.maxIterations ?? R_RAKE_MAXIT;
  const epsilonOption = options.epsilon ?? R_RAKE_EPSILON;
  const totalTolerance = options.totalTolerance ?? DEFAULT_TOTAL_TOLERANCE;
  const n = baseWeights.length;
  if (!margins.length) throw new WeightingError('Raking needs at least one margin.');
  checkBaseWeights(baseWeights);
  checkMargins(baseWeights, margins, totalTolerance);

  let baseTotal = 0;
  for (let i = 0; i < n; i++) baseTotal += baseWeights[i];
  const epsilon = epsilonOption < 1 ? epsilonOption * baseTotal : epsilonOption;

  const joint = jointCells(margins, n);
  const weights = Float64Array.from(baseWeights);
  let oldTable = jointTable(joint, weights);
  const marginWeights = margins.map(() => new Float64Array(n));
  let sweeps = 0;
  let converged = false;
  while (sweeps < maxIterations) {
    margins.forEach((m, k) => {
      fitMargin(weights, m);
      marginWeights[k].set(weights);
    });
    sweeps++;
    const newTable = jointTable(joint, weights);
    let delta = 0;
    for (let c = 0; c < newTable.length; c++) delta = Math.max(delta, Math.abs(oldTable[c] - newTable[c]));
    if (delta < epsilon) {
      converged = true;
      break;
    }
    oldTable = newTable;
  }
  return {
    weights,
    converged,
    iterations: sweeps,
    maxGap: maxMarginGap(weights, margins),
    calibration: { kind: 'raking', margins: margins.map((m) => m.cells), marginWeights },
  };
}

/** Post-stratify the current weights on one margin (R postStratify inside rake). */
function fitMargin(weights: Float64Array, m: RakingMargin): void {
  const total = new Float64Array(m.targets.length);
  for (let i = 0; i < weights.length; i++) total[m.cells[i]] += weights[i];
  const factor = Float64Array.from(m.targets, (t, c) => (total[c] > 0 ? t / total[c] : 0));
  for (let i = 0; i < weights.length; i++) weights[i] *= factor[m.cells[i]];
}

/** Largest |Σw − target| / target over all margin categories. */
export function maxMarginGap(weights: Float64Array, margins: RakingMargin[]): number {
  let gap = 0;
  for (const m of margins) {
    const total = new Float64Array(m.targets.length);
    for (let i = 0; i < weights.length; i++) total[m.cells[i]] += weights[i];
    m.targets.forEach((t, c) => {
      if (t > 0) gap = Math.max(gap, Math.abs(total[c] - t) / t);
    });
  }
  return gap;
}

/** One index per respondent for the crossing of all margins (only combinations that occur). */
function jointCells(margins: RakingMargin[], n: number): { cell: Int32Array; count: number } {
  const cell = new Int32Array(n);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = margins.map((m) => m.cells[i]).join(',');
    let c = seen.get(key);
    if (c === undefined) {
      c = seen.size;
      seen.set(key, c);
    }
    cell[i] = c;
  }
  return { cell, count: seen.size };
}

/** R: svytable(~m1 + m2 + …, design) — combinations nobody is in are 0 in every sweep. */
function jointTable(joint: { cell: Int32Array; count: number }, weights: Float64Array): Float64Array {
  const t = new Float64Array(joint.count);
  for (let i = 0; i < weights.length; i++) t[joint.cell[i]] += weights[i];
  return t;
}

export function checkMargins(baseWeights: Float64Array, margins: RakingMargin[], totalTolerance: number): void {
  const n = baseWeights.length;
  for (const m of margins) {
    if (m.cells.length !== n) throw new WeightingError(`Margin "${m.name}" covers ${m.cells.length} respondents, but there are ${n} weights.`);
    if (m.categories.length !== m.targets.length)
      throw new WeightingError(`Margin "${m.name}" has ${m.categories.length} categories but ${m.targets.length} targets.`);
    m.targets.forEach((t, c) => {
      if (!(t >= 0) || !Number.isFinite(t))
        throw new WeightingError(`Margin "${m.name}", ${categoryLabel(m.categories, c)}: target ${t} must be finite and not negative.`);
    });
    const total = new Float64Array(m.targets.length);
    let missing = 0;
    for (let i = 0; i < n; i++) {
      const c = m.cells[i];
      if (c < 0) missing++;
      else if (c >= m.targets.length)
        throw new WeightingError(`Respondent ${i + 1} is in category ${c + 1} of margin "${m.name}", which has ${m.targets.length}.`);
      else total[c] += baseWeights[i];
    }
    if (missing) {
      throw new WeightingError(
        `${missing} respondents have no category on margin "${m.name}". Drop them from the weighting, ` +
          `or add a "not stated" category with its own population target.`,
      );
    }
    m.targets.forEach((t, c) => {
      if (total[c] === 0 && t > 0) {
        throw new WeightingError(
          `Margin "${m.name}", ${categoryLabel(m.categories, c)}: target ${t} but no respondents (with positive weight). ` +
            `Merge it with a neighbouring category or drop this margin.`,
        );
      }
      if (total[c] > 0 && t === 0) throw new WeightingError(`Margin "${m.name}", ${categoryLabel(m.categories, c)}: respondents but a target of 0.`);
    });
  }
  const totals = margins.map((m) => m.targets.reduce((s, t) => s + t, 0));
  margins.forEach((m, k) => {
    if (Math.abs(totals[k] - totals[0]) > totalTolerance * totals[0]) {
      throw new WeightingError(
        `Margin totals disagree: "${margins[0].name}" adds up to ${totals[0]} but "${m.name}" to ${totals[k]}. ` +
          `Raking cannot meet both; take the targets from the same population estimate or rescale one margin.`,
      );
    }
  });
}
