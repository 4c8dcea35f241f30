/**
 * Fast form of ./covariance.ts for many estimates at once (all categories of a question in every
 * group): the same R svyrecvar variance, computed from sums in one O(n·M) pass instead of
 * residualising and cross-multiplying n-long score columns.
 *
 * Scores are written as Z = U·T: each respondent i belongs to at most one block b (a group) and has
 * a few basis values U[i, (b, j)], j < width (e.g. wᵢ in the column of their answer); the block's
 * transform T_b (width × outWidth) turns basis columns into score columns
 * (for a proportion: z_{b,k} = Σⱼ u_{b,j}(δⱼₖ − p_{b,k})/W_b).
 *
 * Calibration is linear: residual r(u) = u − B·β(u), where B's columns are ψ_m·1[cell] for each
 * margin category (ψ = R's stored calibration weights) and β(u) comes from
 * - post-stratification: β_c = Σ_{i∈c} uᵢ / Σ_{i∈c} wᵢ;
 * - raking: R's 10 backfitting sweeps, replayed on the coefficients:
 *   β_l += (s_l − Σ_{l'} Q̃_{l l'} β_{l'}) / N_l, with s_l = Σ_{i∈l} uᵢ/ψ_{m,i},
 *   Q̃_{l l'} = Σ_{i∈l∩l'} ψ_{m',i}/ψ_{m,i}, N_l = respondents in category l (an unweighted mean, as R's ave()).
 * - regression calibration (R `calibrate`): ψ = w for every margin, s_l = Σ_{i∈l} uᵢ/gᵢ and
 *   β = (XᵀDX)⁺ s on the reduced model matrix (./regression-calibration.ts).
 * Per stratum h, with D_h = Σ u uᵀ, P_h = Bᵀu, Q_h = BᵀB, e_h = Bᵀ1, m_h = Σ u:
 *   Σ r rᵀ = D_h − βᵀP_h − P_hᵀβ + βᵀQ_hβ,  Σ r = m_h − βᵀe_h,
 *   V_U = Σₕ (1 − fₕ) nₕ/(nₕ−1) (Σ r rᵀ − (Σ r)(Σ r)ᵀ/nₕ),   V = Tᵀ V_U T
 * (fₕ the stratum's sampling fraction, 0 without an fpc).
 * With clusters (PSUs) the sums run over PSU totals r_g = u_g − B_gᵀβ instead (R: rowsum(x, cluster)),
 * written out per PSU: O(PSUs·C²), so a clustered design costs more than an unclustered one.
 * Source: R survey `svyrecvar`, `onestrat` (algebraically identical; tests compare with
 * designCovariance and with R to 1e-8).
 *
 * @example
 * // Two categories, one group: the covariance of svymean(~factor(a), design).
 * const design = { weights: Float64Array.from([1, 2, 1, 1]) };
 * const W = 5, p = [2 / 5, 3 / 5];
 * blockScoreCovariance(design, {
 *   block: new Int32Array(4), nBlocks: 1, width: 2, column: Int32Array.from([0, 1, 1, 0]),
 *   value: design.weights, transforms: [Float64Array.from([(1 - p[0]) / W, -p[1] / W, -p[0] / W, (1 - p[1]) / W])], outWidth: 2,
 * });
 */
import { type Design, type UnitIndex, validateDesign } from './design.js';
import { rakingVarianceSweeps } from './covariance.js';
import { regressionBasis } from './regression-calibration.js';

export interface BlockScores {
  /** Block (group) of each respondent; −1 = contributes nothing (scores 0). */
  block: Int32Array;
  nBlocks: number;
  /** Basis columns per block. */
  width: number;
  /** One-hot basis: respondent i's single basis column (−1 = none) and its value. */
  column?: Int32Array;
  value?: Float64Array;
  /** Dense basis instead: values[i·width + j]. */
  values?: Float64Array;
  /** Per block, width × outWidth row-major: score column q = Σⱼ basis j · T[j·outWidth + q]. */
  transforms?: Float64Array[];
  /**
   * Instead of transforms, the proportions' own: T_b[j][k] = (δⱼₖ − p_{b,k}) / W_b (width = outWidth),
   * p at b·outWidth + k. Then V = TᵀV_U T takes O(C²) (V_U minus rank-one terms of its block sums)
   * instead of O(C³): what a joint table of hundreds of cells needs.
   */
  centred?: { p: Float64Array; W: Float64Array };
  outWidth: number;
}

interface Prepared {
  units?: UnitIndex;
  n: number;
  H: number;
  stratum: Int32Array;
  stratumSize: Int32Array;
  /** Calibration categories, all margins stacked: L = Σ categories. */
  L: number;
  kind: 'none' | 'poststrat' | 'raking' | 'regression';
  /** Regression: stacked category l → column of the reduced model matrix (−1 none), and (XᵀDX)⁺. */
  regression?: { column: Int32Array; p: number; inverse: Float64Array };
  cells: Int32Array[];
  offsets: number[];
  /** H × L × L: BᵀB per stratum. */
  Q: Float64Array;
  /** H × L: column sums of B per stratum. */
  e: Float64Array;
  /** Raking: L × L cross sums Q̃ and category counts N. Post-stratification: cell weights in N. */
  Qt: Float64Array;
  N: Float64Array;
  /** Raking: the sweeps as one L × L map s ↦ β (see calibrationCoefficients), made when first needed. */
  rakingOperator?: Float64Array;
  /** Flat per (margin, respondent), index m·n + i: stacked category l, ψ, and the factor for s (1/ψ raking, 1 post-stratification). */
  lFlat: Int32Array;
  pswFlat: Float64Array;
  sFactorFlat: Float64Array;
  /**
   * Calibration cells (see calibrationCells), or null when respondents of one stratum and set of
   * margin categories differ in weight, ψ or factor (then every sum is taken respondent by respondent).
   */
  calCells: CalibrationCells | null;
}

/**
 * Respondents grouped by stratum and calibration categories (one per margin: e.g. sex × age band ×
 * ward), where all of a cell's respondents have the same weight, ψ and s factor per margin — as
 * raking or post-stratifying equal design weights leaves them. A score's sums P and s are then sums
 * per cell times the cell's ψ and factor: a respondent adds to one cell, not to M margin categories,
 * and a table of one-hot scores needs only a count per (cell, table cell).
 */
interface CalibrationCells {
  count: number;
  /** Cell of each respondent. */
  of: Int32Array;
  /** Per cell: stratum, weight; and per (cell, margin), index c·M + m: stacked category l, ψ, s factor. */
  h: Int32Array;
  w: Float64Array;
  l: Int32Array;
  psw: Float64Array;
  sFactor: Float64Array;
}

/** How many calibration cells the fast sums use for this design (0: none, the sums go respondent by respondent). */
export function calibrationCellCount(design: Design): number {
  return prepare(design).calCells?.count ?? 0;
}

/** At most this many cells: beyond it the respondents are nearly all apart and cells would not pay. */
const MAX_CELLS = 4096;

function calibrationCells(
  n: number,
  M: number,
  stratum: Int32Array,
  w: Float64Array,
  lFlat: Int32Array,
  pswFlat: Float64Array,
  sFactorFlat: Float64Array,
  L: number,
): CalibrationCells | null {
  if (M === 0 || n === 0) return null;
  const index = new Map<number, number>();
  const of = new Int32Array(n);
  const h: number[] = [];
  const cw: number[] = [];
  const l: number[] = [];
  const psw: number[] = [];
  const sf: number[] = [];
  for (let i = 0; i < n; i++) {
    let key = stratum[i];
    for (let m = 0, mi = i; m < M; m++, mi += n) {
      const lm = lFlat[mi];
      if (lm < 0 || lm >= L) return null;
      key = key * L + lm;
    }
    let c = index.get(key);
    if (c === undefined) {
      c = index.size;
      if (c >= MAX_CELLS) return null;
      index.set(key, c);
      h.push(stratum[i]);
      cw.push(w[i]);
      for (let m = 0, mi = i; m < M; m++, mi += n) {
        l.push(lFlat[mi]);
        psw.push(pswFlat[mi]);
        sf.push(sFactorFlat[mi]);
      }
    } else {
      if (w[i] !== cw[c]) return null;
      for (let m = 0, mi = i; m < M; m++, mi += n) if (pswFlat[mi] !== psw[c * M + m] || sFactorFlat[mi] !== sf[c * M + m]) return null;
    }
    of[i] = c;
  }
  return {
    count: index.size,
    of,
    h: Int32Array.from(h),
    w: Float64Array.from(cw),
    l: Int32Array.from(l),
    psw: Float64Array.from(psw),
    sFactor: Float64Array.from(sf),
  };
}

const prepared = new WeakMap<Design, Prepared>();

function prepare(design: Design): Prepared {
  const cached = prepared.get(design);
  if (cached) return cached;
  const { n, strata, units } = validateDesign(design);
  const H = strata.sizes.length;
  const w = design.weights;
  const cal = design.calibration;
  const kind = cal ? cal.kind : 'none';
  const cells = !cal ? [] : cal.kind === 'poststrat' ? [cal.cells] : cal.margins;
  const psw = !cal
    ? []
    : cal.kind === 'poststrat'
      ? [Float64Array.from(w, (x) => (x > 0 ? x : 1))] // R: psw[zeroes] = 1
      : cal.kind === 'regression'
        ? cal.margins.map(() => w)
        : cal.margins.map((_, m) => cal.marginWeights?.[m] ?? w);
  // 1/ψ, with 0 where ψ = 0 (R would give NaN there).
  const invPsw = psw.map((p) => Float64Array.from(p, (x) => (x !== 0 ? 1 / x : 0)));
  const offsets: number[] = [];
  let L = 0;
  for (const c of cells) {
    offsets.push(L);
    let k = 0;
    for (let i = 0; i < n; i++) if (c[i] + 1 > k) k = c[i] + 1;
    L += k;
  }
  const M = cells.length;
  const Q = new Float64Array(H * L * L);
  const e = new Float64Array(H * L);
  const Qt = new Float64Array(kind === 'raking' ? L * L : 0);
  const N = new Float64Array(L);
  const ls = new Int32Array(M);
  for (let i = 0; i < n; i++) {
    const h = strata.index[i];
    for (let m = 0; m < M; m++) ls[m] = offsets[m] + cells[m][i];
    for (let m = 0; m < M; m++) {
      const l = ls[m];
      const pm = psw[m][i];
      e[h * L + l] += pm;
      for (let m2 = 0; m2 < M; m2++) {
        Q[(h * L + l) * L + ls[m2]] += pm * psw[m2][i];
        if (kind === 'raking') Qt[l * L + ls[m2]] += psw[m2][i] * invPsw[m][i];
      }
      N[l] += kind === 'raking' ? 1 : w[i];
    }
  }
  const lFlat = new Int32Array(M * n);
  const pswFlat = new Float64Array(M * n);
  const sFactorFlat = new Float64Array(M * n);
  for (let m = 0; m < M; m++) {
    for (let i = 0; i < n; i++) {
      lFlat[m * n + i] = offsets[m] + cells[m][i];
      pswFlat[m * n + i] = psw[m][i];
      // Regression: s = Xᵀ(u/g), 1/g = d/w (0 where w = 0; R would give NaN).
      sFactorFlat[m * n + i] = kind === 'raking' ? invPsw[m][i] : cal?.kind === 'regression' ? (w[i] !== 0 ? cal.baseWeights[i] / w[i] : 0) : 1;
    }
  }
  let regression: Prepared['regression'];
  if (cal?.kind === 'regression') {
    const basis = regressionBasis(cal.margins, cal.baseWeights);
    const column = new Int32Array(L).fill(-1);
    basis.column.forEach((cs, m) => cs.forEach((col, c) => (column[offsets[m] + c] = col)));
    regression = { column, p: basis.p, inverse: basis.inverse };
  }
  const p: Prepared = {
    units,
    n,
    H,
    stratum: strata.index,
    stratumSize: strata.sizes,
    L,
    kind,
    regression,
    cells,
    offsets,
    Q,
    e,
    Qt,
    N,
    lFlat,
    pswFlat,
    sFactorFlat,
    calCells: units?.clustered ? null : calibrationCells(n, M, strata.index, w, lFlat, pswFlat, sFactorFlat, L),
  };
  prepared.set(design, p);
  return p;
}

/** Covariance (nBlocks·outWidth square, index b·outWidth + q) of the scores U·T. */
export function blockScoreCovariance(design: Design, scores: BlockScores): number[][] {
  const d = prepare(design);
  const { n, H, L } = d;
  const { block, nBlocks, width: J, column, value, values, outWidth: Qw } = scores;
  if (scores.centred && J !== Qw) throw new Error('Centred proportions need width = outWidth.');
  if (block.length !== n) throw new Error(`Groups cover ${block.length} respondents; the design has ${n}.`);
  const C = nBlocks * J;
  const M = d.cells.length;
  // One-hot: only D's diagonal can be nonzero, so only it is kept (a joint table of C cells would
  // otherwise zero and carry C² numbers per stratum).
  const D = column ? new Float64Array(0) : new Float64Array(H * nBlocks * J * J);
  const Ddiag = column ? new Float64Array(H * C) : null;
  const mU = new Float64Array(H * C);
  const P = new Float64Array(H * L * C);
  const s = new Float64Array(L * C);
  if (!column !== !value || (!column && !values)) throw new Error('Give either column and value (one-hot) or values (dense).');

  const { lFlat, pswFlat, sFactorFlat, stratum } = d;
  const addBasis = (i: number, h: number, col: number, v: number) => {
    mU[h * C + col] += v;
    for (let m = 0, mi = i; m < M; m++, mi += n) {
      const l = lFlat[mi];
      P[(h * L + l) * C + col] += pswFlat[mi] * v;
      s[l * C + col] += v * sFactorFlat[mi];
    }
  };
  if (column && value && Ddiag) {
    // One-hot basis: only the respondent's own column. Sums by (cell, margin category) so the
    // respondent's M updates fall side by side; laid out as the rest expects afterwards.
    const Pt = new Float64Array(H * C * L);
    const st = new Float64Array(C * L);
    for (let i = 0; i < n; i++) {
      const b = block[i];
      const j = column[i];
      const v = value[i];
      if (b < 0 || j < 0 || v === 0) continue;
      const h = stratum[i];
      const col = b * J + j;
      const hc = h * C + col;
      Ddiag[hc] += v * v;
      mU[hc] += v;
      const pBase = hc * L;
      const sBase = col * L;
      for (let m = 0, mi = i; m < M; m++, mi += n) {
        const l = lFlat[mi];
        Pt[pBase + l] += pswFlat[mi] * v;
        st[sBase + l] += v * sFactorFlat[mi];
      }
    }
    for (let h = 0; h < H; h++) for (let c = 0; c < C; c++) for (let l = 0; l < L; l++) P[(h * L + l) * C + c] = Pt[(h * C + c) * L + l];
    for (let c = 0; c < C; c++) for (let l = 0; l < L; l++) s[l * C + c] = st[c * L + l];
  } else if (values) {
    for (let i = 0; i < n; i++) {
      const b = block[i];
      if (b < 0) continue;
      const h = stratum[i];
      const dBase = (h * nBlocks + b) * J * J;
      for (let j = 0; j < J; j++) {
        const v = values[i * J + j];
        if (v === 0) continue;
        for (let j2 = 0; j2 < J; j2++) D[dBase + j * J + j2] += v * values[i * J + j2];
        addBasis(i, h, b * J + j, v);
      }
    }
  }

  const sums: BasisSums = { C, nBlocks, J, Ddiag, D, mU, P, s };
  return covarianceOfSums(d, sums, scores, d.units?.clustered ? (beta) => clusteredVU(d, scores, beta, C) : null);
}

/** Calibration coefficients β (L × C) of the basis columns' s (L × C); each column's alone, so columns can be batched. */
function calibrationCoefficients(d: Prepared, s: Float64Array, C: number): Float64Array {
  const { L } = d;
  const beta = new Float64Array(L * C);
  if (d.kind === 'poststrat') {
    for (let l = 0; l < L; l++) if (d.N[l] > 0) for (let c = 0; c < C; c++) beta[l * C + c] = s[l * C + c] / d.N[l];
  } else if (d.regression) {
    // β = (XᵀDX)⁺ s on the reduced model matrix; reference categories keep β = 0.
    const { column, p: P_, inverse } = d.regression;
    for (let l = 0; l < L; l++) {
      const a = column[l];
      if (a < 0) continue;
      for (let l2 = 0; l2 < L; l2++) {
        const b = column[l2];
        if (b < 0) continue;
        const q = inverse[a * P_ + b];
        if (q === 0) continue;
        for (let c = 0; c < C; c++) beta[l * C + c] += q * s[l2 * C + c];
      }
    }
  } else if (d.kind === 'raking') {
    // The sweeps are linear in s (β starts at 0), so β = T s with T the sweeps applied to the
    // identity: L × L once per design instead of 10 sweeps of L × L × C per table.
    d.rakingOperator ??= rakingSweeps(d, identity(L), L);
    const T = d.rakingOperator;
    for (let l = 0; l < L; l++) {
      for (let l2 = 0; l2 < L; l2++) {
        const t = T[l * L + l2];
        if (t === 0) continue;
        for (let c = 0; c < C; c++) beta[l * C + c] += t * s[l2 * C + c];
      }
    }
  }
  return beta;
}

function identity(L: number): Float64Array {
  const I = new Float64Array(L * L);
  for (let l = 0; l < L; l++) I[l * L + l] = 1;
  return I;
}

/**
 * Raking's β (L × C) by R svyrecvar's backfitting: `rakingVarianceSweeps` sweeps over the margins,
 * each category's coefficient moved by its residual sum over its count.
 */
function rakingSweeps(d: Prepared, s: Float64Array, C: number): Float64Array {
  const { L } = d;
  const M = d.cells.length;
  const beta = new Float64Array(L * C);
  const tmp = new Float64Array(C);
  for (let sweep = 0; sweep < rakingVarianceSweeps; sweep++) {
    for (let m = 0; m < M; m++) {
      const lEnd = m + 1 < M ? d.offsets[m + 1] : L;
      for (let l = d.offsets[m]; l < lEnd; l++) {
        if (d.N[l] === 0) continue;
        for (let c = 0; c < C; c++) tmp[c] = s[l * C + c];
        for (let l2 = 0; l2 < L; l2++) {
          const q = d.Qt[l * L + l2];
          if (q === 0) continue;
          for (let c = 0; c < C; c++) tmp[c] -= q * beta[l2 * C + c];
        }
        for (let c = 0; c < C; c++) beta[l * C + c] += tmp[c] / d.N[l];
      }
    }
  }
  return beta;
}

/** A basis's sums (see the top of this file), from which its covariance follows whatever n is. */
interface BasisSums {
  C: number;
  nBlocks: number;
  J: number;
  /** One-hot: the diagonal of D per stratum (H × C); dense: D itself per stratum and block. */
  Ddiag: Float64Array | null;
  D: Float64Array;
  /** H × C: Σ u per stratum. */
  mU: Float64Array;
  /** H × L × C: Bᵀu per stratum. */
  P: Float64Array;
  /** L × C: the calibration's s. */
  s: Float64Array;
}

/** Zeroed sums for a one-hot table of C columns (one block: each column its own basis function). */
function oneHotSums(C: number, H: number, L: number): BasisSums {
  return {
    C,
    nBlocks: 1,
    J: C,
    Ddiag: new Float64Array(H * C),
    D: new Float64Array(0),
    mU: new Float64Array(H * C),
    P: new Float64Array(H * L * C),
    s: new Float64Array(L * C),
  };
}

/** β, V_U and V = TᵀV_U T from a basis's sums (V_U from PSU totals instead with clusters). */
function covarianceOfSums(
  d: Prepared,
  sums: BasisSums,
  shape: Pick<BlockScores, 'centred' | 'transforms' | 'outWidth'>,
  clustered: ((beta: Float64Array) => Float64Array) | null,
  given?: Float64Array,
): number[][] {
  const { C, nBlocks, J, s } = sums;
  const { transforms, outWidth: Qw } = shape;
  const beta = given ?? calibrationCoefficients(d, s, C);

  const VU = clustered ? clustered(beta) : unclusteredVU(d, sums, beta);
  for (let a = 0; a < C; a++) for (let c = 0; c < a; c++) VU[a * C + c] = VU[c * C + a];

  const out = nBlocks * Qw;
  const V = Array.from({ length: out }, () => new Array<number>(out).fill(0));
  if (shape.centred) centredTransform(VU, nBlocks, J, shape.centred, V);
  else if (transforms) blockTransform(VU, nBlocks, J, transforms, Qw, V);
  else throw new Error('Give the transforms or the centred proportions.');
  symmetrised(V);
  return V;
}

// The steps of covarianceOfSums are functions of their own (README: a pass over the respondents).

/** Equal in exact arithmetic; average away rounding so the matrix is exactly symmetric. */
function symmetrised(V: number[][]): void {
  for (let a = 0; a < V.length; a++) {
    for (let c = 0; c < a; c++) {
      const v = 0.5 * (V[a][c] + V[c][a]);
      V[a][c] = v;
      V[c][a] = v;
    }
  }
}

/** V_U = Σₕ (1 − fₕ) nₕ/(nₕ − 1) (Σ r rᵀ − (Σ r)(Σ r)ᵀ / nₕ), its upper triangle. */
function unclusteredVU(d: Prepared, sums: BasisSums, beta: Float64Array): Float64Array {
  const { H, L } = d;
  const { C } = sums;
  const VU = new Float64Array(C * C);
  const R = new Float64Array(L * C);
  const sumR = new Float64Array(C);
  // β and R_h by cell (C × L): the sums over l below read them in order, not C apart.
  const betaT = new Float64Array(C * L);
  const RT = new Float64Array(C * L);
  for (let l = 0; l < L; l++) for (let c = 0; c < C; c++) betaT[c * L + l] = beta[l * C + c];
  for (let h = 0; h < H; h++) {
    const nh = d.stratumSize[h];
    if (nh < 2) continue;
    const finite = d.units ? d.units.finite[h] : 1;
    if (finite < 1e-7) continue; // R onestrat: a stratum sampled in full adds nothing
    const besselCorrection = d.units ? (finite * nh) / (nh - 1) : nh / (nh - 1);
    stratumResiduals(d, sums, h, beta, betaT, sumR, R, RT);
    addStratum(sums, h, L, nh, besselCorrection, betaT, RT, sumR, VU);
  }
  return VU;
}

/** Σ r = m_h − βᵀ e_h into sumR, and R_h = P_h − ½ Q_h β (so Σ r rᵀ = D − βᵀR_h − R_hᵀβ) into R and, by cell, RT. */
function stratumResiduals(
  d: Prepared,
  { C, mU, P }: BasisSums,
  h: number,
  beta: Float64Array,
  betaT: Float64Array,
  sumR: Float64Array,
  R: Float64Array,
  RT: Float64Array,
): void {
  const { L } = d;
  for (let c = 0; c < C; c++) {
    let v = mU[h * C + c];
    for (let l = 0, at = c * L, eh = h * L; l < L; l++) v -= betaT[at + l] * d.e[eh + l];
    sumR[c] = v;
  }
  for (let l = 0; l < L; l++) {
    for (let c = 0; c < C; c++) R[l * C + c] = P[(h * L + l) * C + c];
    for (let l2 = 0; l2 < L; l2++) {
      const q = 0.5 * d.Q[(h * L + l) * L + l2];
      if (q === 0) continue;
      for (let c = 0; c < C; c++) R[l * C + c] -= q * beta[l2 * C + c];
    }
  }
  for (let l = 0; l < L; l++) for (let c = 0; c < C; c++) RT[c * L + l] = R[l * C + c];
}

/** Stratum h's term of V_U added to its upper triangle. */
function addStratum(
  { C, nBlocks, J, Ddiag, D }: BasisSums,
  h: number,
  L: number,
  nh: number,
  besselCorrection: number,
  betaT: Float64Array,
  RT: Float64Array,
  sumR: Float64Array,
  VU: Float64Array,
): void {
  for (let a = 0; a < C; a++) {
    const ba = Math.floor(a / J),
      ja = a % J;
    const aL = a * L;
    for (let c = a; c < C; c++) {
      let v = 0;
      if (Ddiag) {
        if (c === a) v = Ddiag[h * C + a];
      } else if (Math.floor(c / J) === ba) v = D[((h * nBlocks + ba) * J + ja) * J + (c % J)];
      const cL = c * L;
      for (let l = 0; l < L; l++) v -= betaT[aL + l] * RT[cL + l] + RT[aL + l] * betaT[cL + l];
      v -= (sumR[a] * sumR[c]) / nh;
      VU[a * C + c] += besselCorrection * v;
    }
  }
}

/** V = Tᵀ V_U T for block-diagonal T (each block width × Qw). */
function blockTransform(VU: Float64Array, nBlocks: number, J: number, transforms: Float64Array[], Qw: number, V: number[][]) {
  const C = nBlocks * J;
  const out = nBlocks * Qw;
  const Y = new Float64Array(C * out); // V_U T
  for (let a = 0; a < C; a++) {
    for (let b2 = 0; b2 < nBlocks; b2++) {
      const T = transforms[b2];
      for (let j2 = 0; j2 < J; j2++) {
        const v = VU[a * C + b2 * J + j2];
        if (v === 0) continue;
        for (let q = 0; q < Qw; q++) Y[a * out + b2 * Qw + q] += v * T[j2 * Qw + q];
      }
    }
  }
  for (let b = 0; b < nBlocks; b++) {
    const T = transforms[b];
    for (let q = 0; q < Qw; q++) {
      const row = V[b * Qw + q];
      for (let j = 0; j < J; j++) {
        const t = T[j * Qw + q];
        if (t === 0) continue;
        const y = (b * J + j) * out;
        for (let c = 0; c < out; c++) row[c] += t * Y[y + c];
      }
    }
  }
}

/**
 * V = Tᵀ V_U T for T_b[j][k] = (δⱼₖ − p_{b,k}) / W_b: with R_{a,b'} = Σⱼ V_U[a][(b',j)] and
 * S_{bb'} = Σ_{j,j'} V_U[(b,j)][(b',j')],
 *   V[(b,k)][(b',k')] = (V_U[(b,k)][(b',k')] − p_{b',k'} R_{(b,k),b'} − p_{b,k} R_{(b',k'),b} + p_{b,k} p_{b',k'} S_{bb'}) / (W_b W_b').
 * An empty block (W_b = 0) has zero scores, as its transform of zeros would give.
 */
function centredTransform(VU: Float64Array, nBlocks: number, J: number, centred: { p: Float64Array; W: Float64Array }, V: number[][]) {
  const C = nBlocks * J;
  const { p, W } = centred;
  const R = new Float64Array(C * nBlocks);
  for (let a = 0; a < C; a++) {
    const row = a * C;
    for (let b = 0; b < nBlocks; b++) {
      let sum = 0;
      for (let j = b * J, end = j + J; j < end; j++) sum += VU[row + j];
      R[a * nBlocks + b] = sum;
    }
  }
  const S = new Float64Array(nBlocks * nBlocks);
  for (let b = 0; b < nBlocks; b++)
    for (let j = b * J, end = j + J; j < end; j++) for (let b2 = 0; b2 < nBlocks; b2++) S[b * nBlocks + b2] += R[j * nBlocks + b2];
  for (let a = 0; a < C; a++) {
    const b = (a - (a % J)) / J;
    if (!(W[b] > 0)) continue;
    const pa = p[a];
    const Va = V[a];
    const row = a * C;
    for (let c = 0; c < C; c++) {
      const b2 = (c - (c % J)) / J;
      if (!(W[b2] > 0)) continue;
      const pc = p[c];
      Va[c] = (VU[row + c] - pc * R[a * nBlocks + b2] - pa * R[c * nBlocks + b] + pa * pc * S[b * nBlocks + b2]) / (W[b] * W[b2]);
    }
  }
}

/** V_U for a clustered design: PSU totals of the residual basis, centred and scaled per stratum. */
function clusteredVU(d: Prepared, scores: BlockScores, beta: Float64Array, C: number): Float64Array {
  const units = d.units as UnitIndex;
  const { n, L } = d;
  const M = d.cells.length;
  const G = units.unitStratum.length;
  const H = units.psuPerStratum.length;
  const { block, width: J, column, value, values } = scores;
  // r_g = u_g − B_gᵀβ, with u_g and B_g the sums over the PSU's respondents.
  const r = new Float64Array(G * C);
  const B = new Float64Array(G * L);
  for (let i = 0; i < n; i++) {
    const g = units.unit[i];
    for (let m = 0, mi = i; m < M; m++, mi += n) B[g * L + d.lFlat[mi]] += d.pswFlat[mi];
    const b = block[i];
    if (b < 0) continue;
    if (column && value) {
      if (column[i] >= 0) r[g * C + b * J + column[i]] += value[i];
    } else if (values) for (let j = 0; j < J; j++) r[g * C + b * J + j] += values[i * J + j];
  }
  if (L > 0) {
    for (let g = 0; g < G; g++) {
      for (let l = 0; l < L; l++) {
        const x = B[g * L + l];
        if (x === 0) continue;
        for (let c = 0; c < C; c++) r[g * C + c] -= x * beta[l * C + c];
      }
    }
  }
  const mean = new Float64Array(H * C);
  for (let g = 0; g < G; g++) {
    const h = units.unitStratum[g];
    for (let c = 0; c < C; c++) mean[h * C + c] += r[g * C + c];
  }
  for (let h = 0; h < H; h++) for (let c = 0; c < C; c++) mean[h * C + c] /= units.psuPerStratum[h];
  const scale = Float64Array.from(units.psuPerStratum, (nh, h) => (nh > 1 && units.finite[h] >= 1e-7 ? (units.finite[h] * nh) / (nh - 1) : 0));
  const VU = new Float64Array(C * C);
  const centred = new Float64Array(C);
  for (let g = 0; g < G; g++) {
    const h = units.unitStratum[g];
    const f = scale[h];
    if (f === 0) continue;
    for (let c = 0; c < C; c++) centred[c] = r[g * C + c] - mean[h * C + c];
    for (let a = 0; a < C; a++) {
      const x = f * centred[a];
      if (x === 0) continue;
      for (let c = a; c < C; c++) VU[a * C + c] += x * centred[c];
    }
  }
  for (let a = 0; a < C; a++) for (let c = 0; c < a; c++) VU[a * C + c] = VU[c * C + a];
  return VU;
}

/** One table of oneHotTableSums: its cells' weights and counts, and its basis sums. */
export interface OneHotTable {
  /** Cells: codes·groups (C = width·G); cell of respondent i is code + group·width. */
  cells: number;
  /** Σ w per cell, and respondents with a positive weight per cell. */
  weights: Float64Array;
  counts: Int32Array;
  sums: BasisSums;
  /** Its calibration coefficients (L × C), worked out with all the tables'. */
  beta: Float64Array;
  /** The table's cell per respondent (−1 none), kept only for a clustered design's PSU pass. */
  column: Int32Array | null;
}

/**
 * Many one-hot tables over the same respondents (every question by one breakdown): table t's cell
 * of respondent i is codes[t][i] + groups[i]·widths[t] (none when either is −1), its basis value wᵢ,
 * in one block. All tables' sums in ONE pass over the respondents — their margin categories, ψ and
 * weight read once, not once per table — into flat typed arrays, no allocation per respondent.
 * Each table's sums are those blockScoreCovariance forms, added in the same order, so
 * oneHotTableCovariance gives its covariance to the last digit — except when the respondents fall
 * in calibration cells (oneHotTablesByCell): then summed per cell, equal to rounding.
 * `groups` null: every respondent in group 0 (G = 1).
 */
export function oneHotTableSums(design: Design, codes: readonly Int32Array[], widths: readonly number[], groups: Int32Array | null, G: number): OneHotTable[] {
  const d = prepare(design);
  const { n, H, L, lFlat, pswFlat, sFactorFlat, stratum } = d;
  const w = design.weights;
  const M = d.cells.length;
  const T = codes.length;
  if (groups && groups.length !== n) throw new Error(`Groups cover ${groups.length} respondents; the design has ${n}.`);
  const offset = new Int32Array(T + 1);
  for (let t = 0; t < T; t++) {
    if (codes[t].length !== n) throw new Error(`Answers cover ${codes[t].length} respondents; the design has ${n}.`);
    offset[t + 1] = offset[t] + widths[t] * G;
  }
  const all = offset[T];
  const byCell = d.calCells && d.calCells.count * all <= MAX_CELL_SUMS ? d.calCells : null;
  if (byCell) return oneHotTablesByCell(d, byCell, codes, widths, groups, G, offset);
  // One record per (stratum, cell) — Σu², Σu, Σw, count, then (P, s) per margin category — so a
  // respondent's updates to a table fall on a few cache lines, not on six arrays. A cell's Σw, count
  // and s are kept in its stratum-0 record whatever the stratum (each a single sum, added in order).
  const S = 4 + 2 * L;
  const rec = new Float64Array(H * all * S);
  const pw = new Float64Array(M);
  const sw = new Float64Array(M);
  const ls = new Int32Array(M);
  for (let i = 0; i < n; i++) {
    const g = groups ? groups[i] : 0;
    if (g < 0) continue;
    if (g >= G) throw new Error(`Respondent ${i + 1} is in group ${g} of ${G}; it must be below the count.`);
    const v = w[i];
    const h = stratum[i];
    const vv = v * v;
    for (let m = 0, mi = i; m < M; m++, mi += n) {
      ls[m] = 4 + 2 * lFlat[mi];
      pw[m] = pswFlat[mi] * v;
      sw[m] = v * sFactorFlat[mi];
    }
    for (let t = 0; t < T; t++) {
      const j = codes[t][i];
      if (j < 0) continue;
      const K = widths[t];
      if (j >= K) throw new Error(`Respondent ${i + 1} has answer category ${j} of ${K}; it must be below the count.`);
      const col = offset[t] + g * K + j;
      const c0 = col * S;
      rec[c0 + 2] += v;
      if (v > 0) rec[c0 + 3]++;
      if (v === 0) continue;
      const hc = (h * all + col) * S;
      rec[hc] += vv;
      rec[hc + 1] += v;
      for (let m = 0; m < M; m++) {
        rec[hc + ls[m]] += pw[m];
        rec[c0 + ls[m] + 1] += sw[m];
      }
    }
  }
  // β of every table's cells at once (a column's β depends on its own s only): long loops, the same numbers.
  const sAll = new Float64Array(L * all);
  for (let c = 0; c < all; c++) for (let l = 0; l < L; l++) sAll[l * all + c] = rec[c * S + 5 + 2 * l];
  const betaAll = calibrationCoefficients(d, sAll, all);
  return Array.from(codes, (answers, t): OneHotTable => {
    const from = offset[t];
    const C = offset[t + 1] - from;
    const sums = oneHotSums(C, H, L);
    const weights = new Float64Array(C);
    const counts = new Int32Array(C);
    for (let c = 0; c < C; c++) {
      weights[c] = rec[(from + c) * S + 2];
      counts[c] = rec[(from + c) * S + 3];
    }
    for (let h = 0; h < H; h++) {
      for (let c = 0; c < C; c++) {
        const hc = (h * all + from + c) * S;
        sums.Ddiag![h * C + c] = rec[hc];
        sums.mU[h * C + c] = rec[hc + 1];
        for (let l = 0; l < L; l++) sums.P[(h * L + l) * C + c] = rec[hc + 4 + 2 * l];
      }
    }
    const beta = new Float64Array(L * C);
    for (let l = 0; l < L; l++) {
      for (let c = 0; c < C; c++) {
        sums.s[l * C + c] = sAll[l * all + from + c];
        beta[l * C + c] = betaAll[l * all + from + c];
      }
    }
    let column: Int32Array | null = null;
    if (d.units?.clustered) {
      const K = widths[t];
      column = Int32Array.from(answers, (j, i) => {
        const g = groups ? groups[i] : 0;
        return j >= 0 && g >= 0 ? j + g * K : -1;
      });
    }
    return { cells: C, weights, counts, sums, beta, column };
  });
}

/** Counts per (calibration cell, table cell) above this many are not kept (32 MB): the respondent-by-respondent sums are used. */
const MAX_CELL_SUMS = 8_000_000;

/**
 * oneHotTableSums when the respondents fall in calibration cells (see calibrationCells): one count
 * per (calibration cell, table cell) in the pass over the respondents, then each sum is the count
 * times the cell's weight, ψ or factor. The same sums, added per cell instead of per respondent (equal
 * to rounding, about 1e-15 relative).
 */
function oneHotTablesByCell(
  d: Prepared,
  cells: CalibrationCells,
  codes: readonly Int32Array[],
  widths: readonly number[],
  groups: Int32Array | null,
  G: number,
  offset: Int32Array,
): OneHotTable[] {
  const { n, H, L } = d;
  const M = d.cells.length;
  const T = codes.length;
  const all = offset[T];
  const of = cells.of;
  // Cell-major, and within a cell's row group-major: a respondent's updates to all the tables fall
  // in one run of Σ widths counts (their group's), not one per table spread over the row (a cache
  // miss each). `colOf` maps a count's place back to its column, offset[t] + g·K + j.
  let KT = 0;
  const kOffset = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    kOffset[t] = KT;
    KT += widths[t];
  }
  const colOf = new Int32Array(all);
  for (let g = 0; g < G; g++) for (let t = 0; t < T; t++) for (let j = 0; j < widths[t]; j++) colOf[g * KT + kOffset[t] + j] = offset[t] + g * widths[t] + j;
  const count = new Int32Array(cells.count * all);
  for (let i = 0; i < n; i++) {
    const g = groups ? groups[i] : 0;
    if (g < 0) continue;
    if (g >= G) throw new Error(`Respondent ${i + 1} is in group ${g} of ${G}; it must be below the count.`);
    const row = of[i] * all + g * KT;
    for (let t = 0; t < T; t++) {
      const j = codes[t][i];
      if (j < 0) continue;
      const K = widths[t];
      if (j >= K) throw new Error(`Respondent ${i + 1} has answer category ${j} of ${K}; it must be below the count.`);
      count[row + kOffset[t] + j]++;
    }
  }
  const tables = Array.from(codes, (_, t) => {
    const C = offset[t + 1] - offset[t];
    return {
      C,
      weights: new Float64Array(C),
      counts: new Int32Array(C),
      sums: oneHotSums(C, H, L),
    };
  });
  const tableOf = new Int32Array(all);
  for (let t = 0; t < T; t++) tableOf.fill(t, offset[t], offset[t + 1]);
  const sAll = new Float64Array(L * all);
  for (let k = 0; k < cells.count; k++) {
    const v = cells.w[k];
    const h = cells.h[k];
    const row = k * all;
    // Each sum below is one column's, added cell by cell in order: the columns' order here is free.
    for (let at = 0; at < all; at++) {
      const x = count[row + at];
      if (x === 0) continue;
      const col = colOf[at];
      const t = tableOf[col];
      const c = col - offset[t];
      const table = tables[t];
      const { C, sums } = table;
      table.weights[c] += x * v;
      if (v > 0) table.counts[c] += x;
      if (v === 0) continue;
      const u = x * v;
      sums.Ddiag![h * C + c] += u * v;
      sums.mU[h * C + c] += u;
      for (let m = 0, km = k * M; m < M; m++, km++) {
        const l = cells.l[km];
        sums.P[(h * L + l) * C + c] += u * cells.psw[km];
        sAll[l * all + col] += u * cells.sFactor[km];
      }
    }
  }
  // β of every table's cells at once (a column's β depends on its own s only).
  const betaAll = calibrationCoefficients(d, sAll, all);
  return tables.map(({ C, weights, counts, sums }, t): OneHotTable => {
    const from = offset[t];
    const beta = new Float64Array(L * C);
    for (let l = 0; l < L; l++) {
      for (let c = 0; c < C; c++) {
        sums.s[l * C + c] = sAll[l * all + from + c];
        beta[l * C + c] = betaAll[l * all + from + c];
      }
    }
    return { cells: C, weights, counts, sums, beta, column: null };
  });
}

/** The covariance of a oneHotTableSums table's proportions, T_b[j][k] = (δⱼₖ − pₖ)/W (blockScoreCovariance's `centred`). */
export function oneHotTableCovariance(design: Design, table: OneHotTable, centred: { p: Float64Array; W: Float64Array }): number[][] {
  const d = prepare(design);
  const C = table.cells;
  const shape = { centred, outWidth: C };
  if (!d.units?.clustered) return covarianceOfSums(d, table.sums, shape, null, table.beta);
  const column = table.column!;
  const scores: BlockScores = { block: Int32Array.from(column, (c) => (c >= 0 ? 0 : -1)), nBlocks: 1, width: C, column, value: design.weights, ...shape };
  return covarianceOfSums(d, table.sums, shape, (beta) => clusteredVU(d, scores, beta, C), table.beta);
}

/**
 * blockScoreCovariance for several dense bases over the same respondents (each variable of a means
 * table), their sums in ONE pass — the respondents' margin categories, ψ and factors read once —
 * each added in the same order as alone, so each covariance is the same to the last digit (in calibration
 * cells, denseByCell: equal to rounding).
 * One-hot bases and clustered designs are worked out one by one.
 */
export function blockScoreCovariances(design: Design, many: readonly BlockScores[]): number[][][] {
  const d = prepare(design);
  const { n, H, L, lFlat, pswFlat, sFactorFlat, stratum } = d;
  if (d.units?.clustered || many.some((x) => !x.values || x.column)) return many.map((x) => blockScoreCovariance(design, x));
  const M = d.cells.length;
  const T = many.length;
  const sums = many.map((x): BasisSums => {
    if (x.block.length !== n) throw new Error(`Groups cover ${x.block.length} respondents; the design has ${n}.`);
    if (x.centred && x.width !== x.outWidth) throw new Error('Centred proportions need width = outWidth.');
    const C = x.nBlocks * x.width;
    return {
      C,
      nBlocks: x.nBlocks,
      J: x.width,
      Ddiag: null,
      D: new Float64Array(H * x.nBlocks * x.width * x.width),
      mU: new Float64Array(H * C),
      P: new Float64Array(H * L * C),
      s: new Float64Array(L * C),
    };
  });
  const byCell = d.calCells && d.calCells.count * Math.max(...sums.map((x) => x.C)) * T <= MAX_CELL_SUMS ? d.calCells : null;
  if (byCell) return denseByCell(d, byCell, many, sums);
  const ls = new Int32Array(M);
  const psw = new Float64Array(M);
  const sf = new Float64Array(M);
  // Each table's arrays by table index, read in the loop without an object lookup per respondent.
  const blocks = many.map((x) => x.block);
  const valuesOf = many.map((x) => x.values!);
  const nBlocksOf = Int32Array.from(many, (x) => x.nBlocks);
  const Js = Int32Array.from(sums, (x) => x.J);
  const Cs = Int32Array.from(sums, (x) => x.C);
  const Ds = sums.map((x) => x.D);
  const mUs = sums.map((x) => x.mU);
  const Ps = sums.map((x) => x.P);
  const ss = sums.map((x) => x.s);
  for (let i = 0; i < n; i++) {
    const h = stratum[i];
    for (let m = 0, mi = i; m < M; m++, mi += n) {
      ls[m] = lFlat[mi];
      psw[m] = pswFlat[mi];
      sf[m] = sFactorFlat[mi];
    }
    for (let t = 0; t < T; t++) {
      const b = blocks[t][i];
      if (b < 0) continue;
      const values = valuesOf[t];
      const J = Js[t];
      const C = Cs[t];
      const D = Ds[t];
      const mU = mUs[t];
      const P = Ps[t];
      const s = ss[t];
      const dBase = (h * nBlocksOf[t] + b) * J * J;
      for (let j = 0; j < J; j++) {
        const v = values[i * J + j];
        if (v === 0) continue;
        for (let j2 = 0; j2 < J; j2++) D[dBase + j * J + j2] += v * values[i * J + j2];
        const col = b * J + j;
        mU[h * C + col] += v;
        for (let m = 0; m < M; m++) {
          const l = ls[m];
          P[(h * L + l) * C + col] += psw[m] * v;
          s[l * C + col] += v * sf[m];
        }
      }
    }
  }
  return many.map((x, t) => covarianceOfSums(d, sums[t], x, null));
}

/**
 * blockScoreCovariances' pass when the respondents fall in calibration cells (see calibrationCells):
 * each basis value is added to its (calibration cell, column) sum, and P and s are those sums times
 * the cell's ψ and factor, instead of M updates per value. Equal to rounding (about 1e-15 relative).
 */
function denseByCell(d: Prepared, cells: CalibrationCells, many: readonly BlockScores[], sums: BasisSums[]): number[][][] {
  const { n, L } = d;
  const M = d.cells.length;
  const { stratum } = d;
  const of = cells.of;
  const K = cells.count;
  const T = many.length;
  for (let t = 0; t < T; t++) {
    const { block, nBlocks, values } = many[t];
    const { J, C, D, mU, P, s } = sums[t];
    const U = new Float64Array(K * C);
    addByCell(n, block, nBlocks, values!, stratum, of, J, C, D, mU, U);
    spreadCells(cells, K, M, L, C, U, P, s);
  }
  return many.map((x, t) => covarianceOfSums(d, sums[t], x, null));
}

// denseByCell's two passes, functions of their own (README: a pass over the respondents).

/** The basis values' D and m_U sums, and each value added to its (calibration cell, column) sum U. */
function addByCell(
  n: number,
  block: Int32Array,
  nBlocks: number,
  vals: Float64Array,
  stratum: Int32Array,
  of: Int32Array,
  J: number,
  C: number,
  D: Float64Array,
  mU: Float64Array,
  U: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const b = block[i];
    if (b < 0) continue;
    const h = stratum[i];
    const dBase = (h * nBlocks + b) * J * J;
    const row = of[i] * C;
    for (let j = 0; j < J; j++) {
      const v = vals[i * J + j];
      if (v === 0) continue;
      for (let j2 = 0; j2 < J; j2++) D[dBase + j * J + j2] += v * vals[i * J + j2];
      const col = b * J + j;
      mU[h * C + col] += v;
      U[row + col] += v;
    }
  }
}

/** P and s from the cells' sums U: each times the cell's ψ and factor. */
function spreadCells(cells: CalibrationCells, K: number, M: number, L: number, C: number, U: Float64Array, P: Float64Array, s: Float64Array): void {
  for (let k = 0; k < K; k++) {
    const h = cells.h[k];
    for (let m = 0, km = k * M; m < M; m++, km++) {
      const l = cells.l[km];
      const psw = cells.psw[km];
      const sf = cells.sFactor[km];
      const pRow = (h * L + l) * C;
      const sRow = l * C;
      for (let c = 0, at = k * C; c < C; c++, at++) {
        const u = U[at];
        if (u === 0) continue;
        P[pRow + c] += psw * u;
        s[sRow + c] += u * sf;
      }
    }
  }
}
