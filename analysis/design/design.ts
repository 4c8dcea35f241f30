/**
 * A survey design for linearisation variances: one weight per respondent, optional strata, optional
 * clusters (PSUs) and finite population corrections, and the calibration the weights came from
 * (R `svydesign(ids = ~psu, strata = ~h, fpc = ~fpc, weights = ~w)`, then `postStratify()`, `rake()`
 * or `calibrate()`).
 *
 * Without `psu` respondents are single-stage units (ids = ~1). With `psu`, scores are summed to PSU
 * totals and the PSUs are the units; a PSU code is read within its stratum (R `nest = TRUE`). Every
 * unit counts towards nₕ in nₕ/(nₕ − 1), including rows with weight 0 and rows outside the domain
 * being estimated, as in R (its subsets of a design keep every row, with weight 0 outside the subset).
 *
 * `fpc` is per respondent and constant within a stratum, read as R reads it: values ≤ 1 are sampling
 * fractions fₕ, values > 1 the number of PSUs in the stratum's population Nₕ (fₕ = nₕ/Nₕ). The
 * stratum's variance is scaled by 1 − fₕ; a stratum sampled in full (fₕ = 1) contributes 0.
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
  /** Cluster (PSU) code per respondent, read within the stratum. */
  psu?: Int32Array;
  /** Population PSUs per stratum (> 1) or sampling fraction (≤ 1), per respondent; Infinity = no correction. */
  fpc?: Float64Array;
  /** Names of the stratum codes, for messages (e.g. ward names); the code itself when absent. */
  stratumNames?: readonly string[];
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

/** PSUs of a clustered design or with an fpc (absent for ids = ~1 without fpc: the old path, untouched). */
export interface UnitIndex {
  /** Dense PSU 0..G−1 per respondent (the respondent itself without `psu`). */
  unit: Int32Array;
  /** Stratum of each PSU. */
  unitStratum: Int32Array;
  /** PSUs per stratum (nₕ). */
  psuPerStratum: Int32Array;
  /** Per stratum: 1 − fₕ (1 without fpc). */
  finite: Float64Array;
  /** Whether respondents are grouped in PSUs (scores must be summed per PSU). */
  clustered: boolean;
}

/**
 * Checks lengths and weights, and builds the dense strata index.
 * One respondent alone in a stratum has no variance estimate: R's default
 * `options(survey.lonely.psu = "fail")` stops, and so do we, naming the stratum.
 */
export function validateDesign(design: Design): { n: number; strata: StrataIndex; units?: UnitIndex } {
  const { weights } = design;
  const n = weights.length;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new DesignError(`Weight of respondent ${i + 1} is ${w}; weights must be finite and not negative.`);
    }
  }
  const strata = strataIndex(design.strata, n);
  const units = design.psu || design.fpc ? unitIndex(design, strata) : undefined;
  for (let h = 0; h < strata.sizes.length; h++) {
    if (units) {
      // R onestrat: a stratum sampled in full has no variance before the lonely-PSU check.
      if (units.psuPerStratum[h] === 1 && units.finite[h] >= 1e-7) {
        const which = design.strata ? `Stratum ${stratumName(design, strata.codes[h])} has` : 'The sample has';
        throw new DesignError(
          `${which} only one PSU (cluster), so its sampling variance cannot be estimated ` +
            `(R survey stops here too: lonely.psu = "fail"). Merge the stratum with a similar one.`,
        );
      }
      continue;
    }
    if (strata.sizes[h] === 1) {
      const which = design.strata ? `Stratum ${stratumName(design, strata.codes[h])} has` : 'The sample has';
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
  return { n, strata, ...(units ? { units } : {}) };
}

function stratumName(design: Design, code: number): string {
  return design.stratumNames?.[code] ?? String(code);
}

function unitIndex(design: Design, strata: StrataIndex): UnitIndex {
  const n = design.weights.length;
  const H = strata.sizes.length;
  const { psu, fpc } = design;
  if (psu && psu.length !== n) throw new DesignError(`PSUs cover ${psu.length} respondents, but there are ${n} weights.`);
  if (fpc && fpc.length !== n) throw new DesignError(`Finite population corrections cover ${fpc.length} respondents, but there are ${n} weights.`);
  const unit = new Int32Array(n);
  const unitStratum: number[] = [];
  if (psu) {
    const dense = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = `${strata.index[i]}:${psu[i]}`;
      let g = dense.get(key);
      if (g === undefined) {
        g = unitStratum.length;
        dense.set(key, g);
        unitStratum.push(strata.index[i]);
      }
      unit[i] = g;
    }
  } else {
    for (let i = 0; i < n; i++) {
      unit[i] = i;
      unitStratum.push(strata.index[i]);
    }
  }
  const psuPerStratum = new Int32Array(H);
  for (const h of unitStratum) psuPerStratum[h]++;
  const finite = new Float64Array(H).fill(1);
  if (fpc) {
    const value = new Float64Array(H).fill(NaN);
    for (let i = 0; i < n; i++) {
      const h = strata.index[i];
      const f = fpc[i];
      const where = design.strata ? `stratum ${stratumName(design, strata.codes[h])}` : 'the sample';
      if (Number.isNaN(f) || !(f > 0)) throw new DesignError(`The finite population correction of respondent ${i + 1} is ${f}; it must be a positive number.`);
      if (Number.isNaN(value[h])) value[h] = f;
      else if (value[h] !== f)
        throw new DesignError(`The finite population correction differs within ${where} (${value[h]} and ${f}); give one value per stratum.`);
    }
    let fractions = 0;
    for (let h = 0; h < H; h++) if (value[h] <= 1) fractions++;
    if (fractions > 0 && fractions < H)
      throw new DesignError('The finite population corrections mix sampling fractions (at most 1) and population sizes (above 1); give one kind.');
    for (let h = 0; h < H; h++) {
      if (value[h] === Infinity) continue; // R: fpc = Inf, sampled with replacement
      const where = design.strata ? `Stratum ${stratumName(design, strata.codes[h])}` : 'The sample';
      const population = value[h] <= 1 ? psuPerStratum[h] / value[h] : value[h];
      if (population < psuPerStratum[h])
        throw new DesignError(
          `${where} has ${psuPerStratum[h]} sampled ${psu ? 'PSUs' : 'respondents'} but a population of ${population}: the population cannot be smaller than the sample.`,
        );
      finite[h] = (population - psuPerStratum[h]) / population;
    }
  }
  return { unit, unitStratum: Int32Array.from(unitStratum), psuPerStratum, finite, clustered: !!psu };
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
 * Design degrees of freedom — R `degf(design)`: PSUs with a positive weight minus strata that have
 * any (respondents for ids = ~1; n − 1 without strata or clusters). Used for t quantiles in CIs and
 * contrasts. `within` restricts to a subset (R `degf(subset(design, …))`: rows outside it weigh 0).
 */
export function degreesOfFreedom(design: Design, within?: (i: number) => boolean): number {
  const w = design.weights;
  const strataSeen = new Set<number>();
  const psuSeen = new Set<string>();
  let n = 0;
  for (let i = 0; i < w.length; i++) {
    if (!(w[i] > 0) || (within && !within(i))) continue;
    const h = design.strata ? design.strata[i] : 0;
    strataSeen.add(h);
    if (design.psu) psuSeen.add(`${h}:${design.psu[i]}`);
    else n++;
  }
  return (design.psu ? psuSeen.size : n) - strataSeen.size;
}

/**
 * degreesOfFreedom for many subsets of one design (every group of every question in a report):
 * the PSU and stratum indices are built once, each call is one pass with no allocation.
 */
export function subsetDegreesOfFreedom(design: Design): (within: (i: number) => boolean) => number {
  const { n, strata, units } = validateDesign(design);
  const w = design.weights;
  const unit = units?.clustered ? units.unit : null;
  const seenUnit = new Uint8Array(unit ? units!.unitStratum.length : 0);
  const seenStratum = new Uint8Array(strata.sizes.length);
  return (within) => {
    seenUnit.fill(0);
    seenStratum.fill(0);
    let psus = 0;
    let strataSeen = 0;
    for (let i = 0; i < n; i++) {
      if (!(w[i] > 0) || !within(i)) continue;
      if (!unit) psus++;
      else if (!seenUnit[unit[i]]) {
        seenUnit[unit[i]] = 1;
        psus++;
      }
      const h = strata.index[i];
      if (!seenStratum[h]) {
        seenStratum[h] = 1;
        strataSeen++;
      }
    }
    return psus - strataSeen;
  };
}

/** R svychisq's ν: every PSU of the design minus every stratum, whatever the weights. */
export function designDegreesOfFreedom(design: Design): number {
  const n = design.weights.length;
  const strata = new Set<number>();
  const psus = new Set<string>();
  for (let i = 0; i < n; i++) {
    const h = design.strata ? design.strata[i] : 0;
    strata.add(h);
    psus.add(design.psu ? `${h}:${design.psu[i]}` : String(i));
  }
  return psus.size - strata.size;
}

/** Whether the design has clusters or an fpc (so df and variances differ from ids = ~1). */
export function isComplexDesign(design: Design): boolean {
  return !!(design.psu || design.fpc);
}
