/**
 * Linearisation (Taylor) covariance of estimates from their scores — R survey's `svyrecvar` for
 * single-stage designs (ids = ~1), step by step as R does it:
 *
 * 1. Calibration residuals (R svyrecvar's postStrata loop):
 *    - post-stratification: zᵢ ← zᵢ − w̃ᵢ · Σ_{j∈c} zⱼ / Σ_{j∈c} wⱼ for respondent i in post-stratum c,
 *      w̃ᵢ = wᵢ (R uses 1 where the weight is 0);
 *    - raking: `rakingVarianceSweeps` (10, fixed in R) sweeps over the margins; for margin m with
 *      weights ψ (attr(margin, "weights")): zᵢ ← zᵢ − ψᵢ · mean_{j∈c}(zⱼ/ψⱼ) — an unweighted mean of
 *      z/ψ within the category (R: x − psw * ave(x / psw, margin));
 *    - regression calibration (R `calibrate`): zᵢ ← zᵢ − wᵢ xᵢᵀ(XᵀDX)⁻¹Xᵀ(z/g) (./regression-calibration.ts).
 * 2. With clusters, the residuals are summed to PSU totals (R: rowsum(x, cluster)); the units below
 *    are then PSUs, and nₕ counts PSUs.
 * 3. Within each stratum h (R onestrat): V_h = (1 − fₕ) · nₕ/(nₕ − 1) · Σ_{i∈h} (zᵢ − z̄ₕ)(zᵢ − z̄ₕ)ᵀ,
 *    fₕ the sampling fraction (0 without an fpc).
 * 4. V = Σₕ V_h.
 *
 * Scores zᵢ are the influence values R's svymean returns: zᵢ = wᵢ(yᵢ − ȳ)/Σw inside the estimate's
 * domain, 0 outside it.
 *
 * This is the direct O(n·k²) form, kept literal as the reference; the estimators use the same
 * mathematics through sums (./block-covariance.ts), which tests check against this.
 * Deviation from R: with raking, a respondent whose margin weight is 0 makes R's z/ψ = 0/0 = NaN;
 * we take that term as 0.
 *
 * @example
 * const design = { weights: Float64Array.from([1, 2, 1, 2]) };
 * const W = 6, mean = (1 * 1 + 2 * 0 + 1 * 1 + 2 * 1) / W;
 * const z = Float64Array.from([1, 0, 1, 1].map((y, i) => (design.weights[i] * (y - mean)) / W));
 * Math.sqrt(designVariance(design, z)); // R: SE(svymean(~y, svydesign(ids = ~1, weights = ~w, data = d)))
 */
import { type Design, type UnitIndex, validateDesign } from './design.js';
import { gregResiduals } from './regression-calibration.js';

/** R svyrecvar backfits raking residuals with `for (iterations in 1:10)`. */
export const rakingVarianceSweeps = 10;

/** Scores after removing what the calibration fixed (new arrays; inputs untouched). */
export function calibrationResiduals(design: Design, scores: Float64Array[]): Float64Array[] {
  const out = scores.map((s) => Float64Array.from(s));
  const cal = design.calibration;
  if (!cal) return out;
  const w = design.weights;
  const n = w.length;
  if (cal.kind === 'poststrat') {
    const cells = cal.cells;
    let nCells = 0;
    for (let i = 0; i < n; i++) if (cells[i] + 1 > nCells) nCells = cells[i] + 1;
    const cellWeight = new Float64Array(nCells);
    for (let i = 0; i < n; i++) cellWeight[cells[i]] += w[i];
    for (const x of out) {
      const cellSum = new Float64Array(nCells);
      for (let i = 0; i < n; i++) cellSum[cells[i]] += x[i];
      for (let i = 0; i < n; i++) {
        const c = cells[i];
        const mean = cellWeight[c] > 0 ? cellSum[c] / cellWeight[c] : 0;
        x[i] -= mean * (w[i] > 0 ? w[i] : 1);
      }
    }
    return out;
  }
  if (cal.kind === 'regression') return gregResiduals(w, cal.margins, cal.baseWeights, out);
  const psw = cal.margins.map((_, m) => cal.marginWeights?.[m] ?? w);
  const sizes = cal.margins.map((cells) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (cells[i] + 1 > k) k = cells[i] + 1;
    const count = new Float64Array(k);
    for (let i = 0; i < n; i++) count[cells[i]]++;
    return count;
  });
  for (const x of out) {
    for (let sweep = 0; sweep < rakingVarianceSweeps; sweep++) {
      cal.margins.forEach((cells, m) => {
        const ps = psw[m];
        const sum = new Float64Array(sizes[m].length);
        for (let i = 0; i < n; i++) if (ps[i] !== 0) sum[cells[i]] += x[i] / ps[i];
        for (let i = 0; i < n; i++) x[i] -= ps[i] * (sum[cells[i]] / sizes[m][cells[i]]);
      });
    }
  }
  return out;
}

/** k × k covariance of k estimates from their scores (R: vcov of svymean / svyby(covmat = TRUE)). */
export function designCovariance(design: Design, scores: Float64Array[]): number[][] {
  const { n, strata, units } = validateDesign(design);
  for (const s of scores) if (s.length !== n) throw new Error(`A score has ${s.length} values; the design has ${n} respondents.`);
  const residuals = calibrationResiduals(design, scores);
  if (units) return unitCovariance(units, residuals);
  const x = residuals;
  const k = x.length;
  const H = strata.sizes.length;
  const V = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  // Stratum means first, then centred cross-products (R: sweep(x, 2, colMeans(x)); crossprod).
  const means = x.map(() => new Float64Array(H));
  for (let a = 0; a < k; a++) {
    const xa = x[a];
    const ma = means[a];
    for (let i = 0; i < n; i++) ma[strata.index[i]] += xa[i];
    for (let h = 0; h < H; h++) ma[h] /= strata.sizes[h];
  }
  const besselCorrection = Float64Array.from(strata.sizes, (nh) => (nh > 1 ? nh / (nh - 1) : 0));
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const xa = x[a],
        xb = x[b],
        ma = means[a],
        mb = means[b];
      const perStratum = new Float64Array(H);
      for (let i = 0; i < n; i++) {
        const h = strata.index[i];
        perStratum[h] += (xa[i] - ma[h]) * (xb[i] - mb[h]);
      }
      let v = 0;
      for (let h = 0; h < H; h++) v += besselCorrection[h] * perStratum[h];
      V[a][b] = v;
      V[b][a] = v;
    }
  }
  return V;
}

/** Steps 2–4 for PSUs and fpc: residuals summed to PSU totals, centred and scaled per stratum. */
function unitCovariance(units: UnitIndex, residuals: Float64Array[]): number[][] {
  const G = units.unitStratum.length;
  const H = units.psuPerStratum.length;
  const totals = residuals.map((r) => {
    const t = new Float64Array(G);
    for (let i = 0; i < r.length; i++) t[units.unit[i]] += r[i];
    return t;
  });
  const means = totals.map((t) => {
    const m = new Float64Array(H);
    for (let g = 0; g < G; g++) m[units.unitStratum[g]] += t[g];
    for (let h = 0; h < H; h++) m[h] /= units.psuPerStratum[h];
    return m;
  });
  const scale = Float64Array.from(units.psuPerStratum, (nh, h) => (nh > 1 && units.finite[h] >= 1e-7 ? (units.finite[h] * nh) / (nh - 1) : 0));
  const k = totals.length;
  const V = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let v = 0;
      for (let g = 0; g < G; g++) {
        const h = units.unitStratum[g];
        v += scale[h] * (totals[a][g] - means[a][h]) * (totals[b][g] - means[b][h]);
      }
      V[a][b] = v;
      V[b][a] = v;
    }
  }
  return V;
}

/** Variance of one estimate from its scores. */
export function designVariance(design: Design, score: Float64Array): number {
  return designCovariance(design, [score])[0][0];
}
