/**
 * A survey design for linearisation variances: one weight per respondent, optional strata, and the
 * calibration the weights came from (R `svydesign(ids = ~1, strata = ~h, weights = ~w)`, then
 * `postStratify()` or `rake()`).
 *
 * Respondents are single-stage units (ids = ~1). Every row counts towards nₕ in nₕ/(nₕ − 1), including
 * rows with weight 0 and rows outside the domain being estimated, as in R (its subsets of a design
 * keep every row, with weight 0 outside the subset).
 *
 * Calibration (what R stores in design$postStrata and svyrecvar uses to residualise scores):
 * - 'poststrat': the post-stratum of each respondent (R `postStratify`).
 * - 'raking': the category of each respondent on each raking margin (R `rake`). `marginWeights[m]`
 *   are the weights just after margin m was fitted in the last raking sweep — R's
 *   attr(margin, "weights"). `rake()` returns them; when absent, the final weights stand in for
 *   every margin, which equals R once raking has converged to rounding error.
 * - 'regression': linear (GREG), bounded linear or logit calibration on the margins' main effects
 *   (R `calibrate`); `baseWeights` are the weights before calibrating (./regression-calibration.ts).
 *
 * Designs are treated as immutable: derived sums are cached per Design object.
 *
 * @example
 * const design: Design = { weights: Float64Array.from([1.2, 0.8, 1, 1]), strata: Int32Array.from([0, 0, 1, 1]) };
 * validateDesign(design); // → { n: 4, strata: … }
 */

export type Calibration =
  | { kind: 'poststrat'; cells: Int32Array }
  | { kind: 'raking'; margins: Int32Array[]; marginWeights?: Float64Array[] }
  | { kind: 'regression'; margins: Int32Array[]; baseWeights: Float64Array };

export interface Design {
  weights: Float64Array;
  strata?: Int32Array;
  calibration?: Calibration;
}

/** Bad design input (lengths, weights, a stratum with one respondent). */
export class DesignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DesignError';
  }
}

export interface StrataIndex {
  /** Dense stratum index 0..H−1 per respondent. */
  index: Int32Array;
  /** Rows per stratum (nₕ, zero weights included). */
  sizes: Int32Array;
  /** The caller's stratum codes in dense order (for messages). */
  codes: number[];
}

/**
 * Checks lengths and weights, and builds the dense strata index.
 * One respondent alone in a stratum has no variance estimate: R's default
 * `options(survey.lonely.psu = "fail")` stops, and so do we, naming the stratum.
 */
export function validateDesign(design: Design): { n: number; strata: StrataIndex } {
  const { weights } = design;
  const n = weights.length;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new DesignError(`Weight of respondent ${i + 1} is ${w}; weights must be finite and not negative.`);
    }
  }
  const strata = strataIndex(design.strata, n);
  for (let h = 0; h < strata.sizes.length; h++) {
    if (strata.sizes[h] === 1) {
      const which = design.strata ? `Stratum ${strata.codes[h]} has` : 'The sample has';
      throw new DesignError(
        `${which} only one respondent, so its sampling variance cannot be estimated ` +
          `(R survey stops here too: lonely.psu = "fail"). Merge the stratum with a similar one.`,
      );
    }
  }
  const cal = design.calibration;
  if (cal) {
    const cellArrays = cal.kind === 'poststrat' ? [cal.cells] : cal.margins;
    if (cal.kind === 'regression' && cal.baseWeights.length !== n)
      throw new DesignError(`Calibration base weights cover ${cal.baseWeights.length} respondents, but the design has ${n}.`);
    cellArrays.forEach((cells, m) => {
      if (cells.length !== n) {
        throw new DesignError(
          `Calibration ${cal.kind !== 'poststrat' ? `margin ${m + 1}` : 'cells'} cover ${cells.length} respondents, but the design has ${n}.`,
        );
      }
      for (let i = 0; i < n; i++) {
        if (cells[i] < 0) throw new DesignError(`Respondent ${i + 1} has no calibration category; every respondent of a calibrated design needs one.`);
      }
    });
    if (cal.kind === 'raking' && cal.marginWeights) {
      if (cal.marginWeights.length !== cal.margins.length) throw new DesignError('Raking needs one set of margin weights per margin.');
      for (const mw of cal.marginWeights)
        if (mw.length !== n) throw new DesignError(`Raking margin weights cover ${mw.length} respondents, but the design has ${n}.`);
    }
  }
  return { n, strata };
}

function strataIndex(strata: Int32Array | undefined, n: number): StrataIndex {
  const index = new Int32Array(n);
  if (!strata) return { index, sizes: Int32Array.of(n), codes: [0] };
  if (strata.length !== n) throw new DesignError(`Strata cover ${strata.length} respondents, but there are ${n} weights.`);
  const dense = new Map<number, number>();
  const codes: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    let h = dense.get(strata[i]);
    if (h === undefined) {
      h = codes.length;
      dense.set(strata[i], h);
      codes.push(strata[i]);
      counts.push(0);
    }
    index[i] = h;
    counts[h]++;
  }
  return { index, sizes: Int32Array.from(counts), codes };
}

/**
 * Design degrees of freedom — R `degf(design)` for ids = ~1: respondents with a positive weight
 * minus strata that have any (n − 1 without strata). Used for t quantiles in CIs and contrasts.
 */
export function degreesOfFreedom(design: Design): number {
  const w = design.weights;
  const strataSeen = new Set<number>();
  let n = 0;
  for (let i = 0; i < w.length; i++) {
    if (!(w[i] > 0)) continue;
    n++;
    strataSeen.add(design.strata ? design.strata[i] : 0);
  }
  return n - strataSeen.size;
}
