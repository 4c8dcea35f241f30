/**
 * Rao–Scott second-order corrected test of association in an r×c table, as R
 * `svychisq(~a + b, design, statistic = "F")` (the default), survey 4.x source:
 *
 *   p      = cell proportions of interaction(a, b) (R `svymean`), V = their covariance (vcov)
 *   X²     = Pearson statistic on the weighted table scaled to total n (R `chisq.test(svytable(
 *            ~a + b, design, Ntotal = n), correct = FALSE)`)
 *   C      = interaction contrasts: the columns of ~a*b for the interaction, made orthogonal to
 *            the main effects (R `qr.resid(qr(X1), X12[, -(1:(r + c − 1))])`). For a full r×c grid
 *            that residual is the doubly centred indicator, C_(k,l),(i,j) = (δ_ki − 1/r)(δ_lj − 1/c),
 *            i = 2..r, j = 2..c.
 *   D⁻¹    = diag(1/p), with 0 for an empty cell (R `iDmat`)
 *   Δ      = (C' D⁻¹ C / n)⁻¹ (C' D⁻¹ V D⁻¹ C)        (generalised design effects)
 *   F      = X² / tr(Δ),  ndf = tr(Δ)² / tr(Δ²),  ddf = ndf · df
 *   p      = P(F_{ndf, ddf} > F)
 *
 * n is R's N = nrow(design) (subset the design to respondents who answered both questions to
 * match R); df is R's ν = number of PSUs − number of strata (n − 1 for `ids = ~1`).
 *
 * Cell order: `proportions[i][j]` is row i, column j; `covariance` is indexed by cell
 * k = i + j·r (row index fastest), the order of R's `interaction(a, b)` levels.
 *
 * Singular tables are not tested (NaN results and a note): when the interaction contrasts cannot
 * all be estimated (rank of C'D⁻¹C below (r−1)(c−1)) or the design-effect matrix Δ has rank below
 * (r−1)(c−1) (design effects of 0: cells fixed by the weighting). R computes F there regardless
 * (or stops in solve()); see test/fixtures/r/inference/rao-scott.R for the case recorded.
 *
 * Empty rows or columns (all proportions 0) are dropped before testing, which is what R does
 * when the variables hold only the observed values (svychisq counts r and c from unique(values)).
 * With fewer than 2 non-empty rows or columns there is nothing to test: NaN results and a note.
 * NaN inputs (empty group) give NaN results and a note, not an error.
 *
 * Example (2×2):
 *   raoScottF({ proportions: [[0.3, 0.2], [0.1, 0.4]], covariance: V4x4, n: 200, df: 199 })
 *   // R: svychisq(~a + b, svydesign(ids = ~1, weights = ~w, data = d))
 */
import { fUpperTail } from './distributions.js';
import { numericalRankFlat, solveFlat } from './linear-solve.js';

export interface RaoScottInput {
  /** r × c weighted cell proportions (summing to 1). */
  proportions: readonly (readonly number[])[];
  /** rc × rc covariance of the cell proportions, cell k = i + j·r (as R interaction(a, b)). */
  covariance: readonly (readonly number[])[];
  /** Number of respondents in the design (R nrow(design)). */
  n: number;
  /** Design degrees of freedom ν (PSUs − strata; n − 1 for a simple weighted sample). */
  df: number;
}

export interface RaoScottResult {
  /** Rao–Scott F statistic X²/tr(Δ). */
  F: number;
  ndf: number;
  ddf: number;
  p: number;
  /** Pearson X² on the weighted table scaled to n (before the design correction). */
  chisq: number;
  /** Indices of the rows and columns that were tested (empty ones dropped). */
  rowsUsed: number[];
  columnsUsed: number[];
  note?: string;
}

export const SINGULAR_NOTE =
  'No test of association: a group or answer has too few respondents to estimate every difference in the table (the table is singular).';
export const FIXED_NOTE = 'No test of association: the weighting fixes part of this table, so it has no sampling error to test against.';

function untestable(rowsUsed: number[], columnsUsed: number[], note: string): RaoScottResult {
  return { F: NaN, ndf: NaN, ddf: NaN, p: NaN, chisq: NaN, rowsUsed, columnsUsed, note };
}

function checkShape(input: RaoScottInput): { r: number; c: number } {
  const r = input.proportions.length;
  const c = input.proportions[0]?.length ?? 0;
  if (r === 0 || c === 0 || input.proportions.some((row) => row.length !== c)) {
    throw new Error('The table of proportions must be a non-empty r × c array with equal-length rows.');
  }
  const cells = r * c;
  if (input.covariance.length !== cells || input.covariance.some((row) => row.length !== cells)) {
    throw new Error(`A ${r}×${c} table needs a ${cells}×${cells} covariance matrix of its cells.`);
  }
  return { r, c };
}

export function raoScottF(input: RaoScottInput): RaoScottResult {
  const { r: rAll, c: cAll } = checkShape(input);
  const { n, df } = input;
  const allRows = [...Array(rAll).keys()];
  const allColumns = [...Array(cAll).keys()];
  const hasNaN = input.proportions.some((row) => row.some(Number.isNaN)) || input.covariance.some((row) => row.some(Number.isNaN));
  if (hasNaN || Number.isNaN(n) || Number.isNaN(df)) {
    return untestable(allRows, allColumns, 'No respondents in this group: no test');
  }

  const rowsUsed = allRows.filter((i) => input.proportions[i].some((value) => value !== 0));
  const columnsUsed = allColumns.filter((j) => input.proportions.some((row) => row[j] !== 0));
  const r = rowsUsed.length;
  const c = columnsUsed.length;
  if (r < 2 || c < 2) {
    return untestable(rowsUsed, columnsUsed, 'Fewer than two answered categories in a variable: no test of association');
  }

  // Cells kept, in R's order (row index fastest), with their index in the full input.
  const original: number[] = [];
  for (const j of columnsUsed) for (const i of rowsUsed) original.push(i + j * rAll);
  const cells = r * c;
  const p = new Float64Array(cells);
  for (let a = 0; a < cells; a++) p[a] = input.proportions[original[a] % rAll][Math.floor(original[a] / rAll)];
  const inverseP = p.map((value) => (value === 0 ? 0 : 1 / value)); // R: ifelse(mean2 == 0, 0, 1/mean2)

  // Interaction contrasts orthogonal to the main effects (doubly centred indicators), applied without
  // forming them: Cᵀx double-centres x as an r × c table and keeps cells i, j ≥ 1 (O(rc), not O(rc·q)).
  const { scaledV, scaledI } = scaledMatrices(input.covariance, original, inverseP, n);
  const denom = contrastForm(scaledI, r, c);
  const numr = contrastForm(scaledV, r, c);
  // A singular table has no test: a contrast the sample cannot estimate (denominator rank), or
  // design effects of 0 (cells the weighting fixes, e.g. a table of two post-stratification
  // variables). R's svychisq stops on the first and prints F ≈ 10^29 on the second.
  const q = (r - 1) * (c - 1);
  // Flat arrays throughout: the same arithmetic as the array-of-arrays forms, to the last digit.
  if (!surelyFullRank(inverseP, n, r, c) && numericalRankFlat(denom.slice(), q, q, 1e-10) < q) return untestable(rowsUsed, columnsUsed, SINGULAR_NOTE);
  const delta = solveFlat(denom, q, numr, q);
  if (numericalRankFlat(delta.slice(), q, q) < q) return untestable(rowsUsed, columnsUsed, FIXED_NOTE);
  const { traceDelta, traceSquare } = traces(delta, q);
  const ndf = traceDelta ** 2 / traceSquare;
  const chisq = pearsonChiSquare(p, n, r, c);
  const F = chisq / traceDelta;
  const ddf = ndf * df;
  return { F, ndf, ddf, p: fUpperTail(F, ndf, ddf), chisq, rowsUsed, columnsUsed };
}

// The steps below are functions of their own over typed arrays (README: a pass over the
// respondents): as one function over arrays of numbers it was compiled seven times a report.

/** D⁻¹ V D⁻¹ and D⁻¹ / n over the kept cells (`original`: each kept cell's index in the input). */
function scaledMatrices(covariance: RaoScottInput['covariance'], original: readonly number[], inverseP: Float64Array, n: number) {
  const cells = original.length;
  const scaledV = new Float64Array(cells * cells);
  const scaledI = new Float64Array(cells * cells);
  for (let a = 0; a < cells; a++) {
    const row = covariance[original[a]];
    for (let b = 0; b < cells; b++) scaledV[a * cells + b] = row[original[b]] * inverseP[a] * inverseP[b];
    scaledI[a * cells + a] = inverseP[a] / n;
  }
  return { scaledV, scaledI };
}

/** tr(Δ) and tr(Δ²) = Σᵢⱼ Δᵢⱼ Δⱼᵢ of a flat q × q matrix. */
function traces(delta: Float64Array, q: number): { traceDelta: number; traceSquare: number } {
  let traceDelta = 0;
  for (let i = 0; i < q; i++) traceDelta += delta[i * q + i];
  let traceSquare = 0;
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) traceSquare += delta[i * q + j] * delta[j * q + i];
  return { traceDelta, traceSquare };
}

/** Pearson X² on the weighted table scaled to n, as chisq.test does (expected = row·col/total); cell i + j·r. */
function pearsonChiSquare(p: Float64Array, n: number, r: number, c: number): number {
  const table = p.map((value) => value * n);
  let total = 0;
  for (let k = 0; k < table.length; k++) total += table[k];
  const rowTotals = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    let s = 0;
    for (let j = 0; j < c; j++) s += table[i + j * r];
    rowTotals[i] = s;
  }
  const columnTotals = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    let s = 0;
    for (let i = 0; i < r; i++) s += table[i + j * r];
    columnTotals[j] = s;
  }
  let chisq = 0;
  for (let j = 0; j < c; j++) {
    for (let i = 0; i < r; i++) {
      const expected = (rowTotals[i] * columnTotals[j]) / total;
      chisq += (table[i + j * r] - expected) ** 2 / expected;
    }
  }
  return chisq;
}

/**
 * Whether C'D⁻¹C/n is certainly of full rank q without eliminating it (the check costs as much as
 * the solve on the big tables, e.g. 19 × 26). With every kept cell's proportion above 0, D⁻¹/n is
 * diagonal with entries d in [dMin, dMax] and the matrix is C'(D⁻¹/n)C: its smallest eigenvalue is at
 * least dMin·σ_min(C)² = dMin/(rc) (C's singular values are 1, 1/√r, 1/√c and 1/√(rc)), its largest
 * entry at most dMax. Each pivot of the complete-pivoting elimination is a Schur complement's largest
 * entry, hence at least that eigenvalue, so every pivot clears numericalRank's 1e-10·max(1, largest)
 * when dMin/(rc) ≥ 1e-7·max(1, dMax), a margin of 1000 over rounding. Otherwise the elimination decides.
 */
export function surelyFullRank(inverseP: ArrayLike<number>, n: number, r: number, c: number): boolean {
  let dMin = Infinity;
  let dMax = 0;
  for (let k = 0; k < inverseP.length; k++) {
    const d = inverseP[k] / n;
    if (!(d > 0)) return false;
    if (d < dMin) dMin = d;
    if (d > dMax) dMax = d;
  }
  return dMin / (r * c) >= 1e-7 * Math.max(1, dMax);
}

/**
 * CᵀMC (q × q, flat row-major) for the interaction contrasts C of an r × c table (cell k + l·r; contrast (i, j), i, j ≥ 1,
 * at (j − 1)(r − 1) + i − 1, as the columns of R's model matrix): with x̃ the double centring of x
 * (x_kl − x̄_k· − x̄_·l + x̄_··), (Cᵀx)_(i,j) = x̃_ij, applied to M's rows and then to the columns.
 */
function contrastForm(M: Float64Array, r: number, c: number): Float64Array {
  const cells = r * c;
  const q = (r - 1) * (c - 1);
  const rowMean = new Float64Array(r);
  const colMean = new Float64Array(c);
  const centre = (x: Float64Array, at: number, stride: number, out: Float64Array, outAt: number, outStride: number) => {
    rowMean.fill(0);
    colMean.fill(0);
    let all = 0;
    for (let l = 0; l < c; l++) {
      for (let k = 0; k < r; k++) {
        const v = x[at + (k + l * r) * stride];
        rowMean[k] += v;
        colMean[l] += v;
        all += v;
      }
    }
    for (let k = 0; k < r; k++) rowMean[k] /= c;
    for (let l = 0; l < c; l++) colMean[l] /= r;
    all /= cells;
    let t = 0;
    for (let l = 1; l < c; l++) for (let k = 1; k < r; k++) out[outAt + t++ * outStride] = x[at + (k + l * r) * stride] - rowMean[k] - colMean[l] + all;
  };
  const MC = new Float64Array(cells * q); // row a: Cᵀ applied to row a of M
  for (let a = 0; a < cells; a++) centre(M, a * cells, 1, MC, a * q, 1);
  const out = new Float64Array(q * q); // column t: Cᵀ applied to column t of MC
  for (let t = 0; t < q; t++) centre(MC, t, q, out, t, q);
  return out;
}
