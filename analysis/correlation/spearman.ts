/**
 * Spearman rank correlation with a permutation p-value (two-sided), e.g. ward worry % against
 * ward recorded crime rate.
 *
 * rho: Pearson correlation of the average ranks, which is R `cor(x, y, method = "spearman")`
 * (ties included).
 *
 * p-value: under H0 (no association) every pairing of the y-ranks with the x-ranks is equally
 * likely. p = P(|rho*| ≥ |rho|) over those pairings:
 *   - n ≤ EXACT_MAX_N (9): all n! pairings are enumerated, so p is exact. Without ties this equals
 *     R `cor.test(x, y, method = "spearman")$p.value` (R's algorithm AS 89 is exact up to n = 9,
 *     and the null distribution of S is symmetric, so R's 2·min(tail) is the same two-sided p).
 *   - larger n: Monte Carlo with `permutations` random pairings (default 9,999) from a seeded
 *     generator, p = (1 + #{|rho*| ≥ |rho|}) / (1 + permutations) (Phipson & Smyth 2010, which
 *     never gives p = 0). With the default, the Monte Carlo standard error of p is at most 0.005.
 *     R has no equivalent for n > 9 (it uses an Edgeworth approximation), so results agree with R
 *     only to within that error.
 *
 * Example:
 *   spearman([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5])
 *   // rho 0.8285714, pValue 0.05833333 (exact)
 *   // R: cor.test(c(1,2,3,4,5,6), c(2,1,4,3,6,5), method = "spearman")
 */
import { mulberry32 } from './prng.js';
import { averageRanks, hasTies } from './ranks.js';

export const EXACT_MAX_N = 9;
export const DEFAULT_PERMUTATIONS = 9999;
export const DEFAULT_SEED = 20190101;
/** Rank-product sums are sums of halves; this absorbs floating error when comparing them. */
const TOLERANCE = 1e-9;

export interface SpearmanResult {
  n: number;
  rho: number;
  pValue: number;
  method: 'exact' | 'permutation';
  /** pairings enumerated (exact) or drawn (permutation) */
  permutations: number;
  seed: number | null;
  ties: boolean;
}

export function spearman(x: readonly number[], y: readonly number[], { permutations = DEFAULT_PERMUTATIONS, seed = DEFAULT_SEED } = {}): SpearmanResult {
  if (x.length !== y.length) throw new RangeError(`Spearman needs pairs: x has ${x.length} values, y has ${y.length}.`);
  if ([...x, ...y].some((v) => !Number.isFinite(v))) throw new RangeError('Spearman needs finite numbers; remove missing values first.');
  const n = x.length;
  if (n < 3) throw new RangeError(`Spearman needs at least 3 pairs, not ${n}.`);
  if (!Number.isInteger(permutations) || permutations < 1) throw new RangeError(`permutations must be a whole number ≥ 1, not ${permutations}.`);
  const rx = centred(averageRanks(x));
  const ry = centred(averageRanks(y));
  const sxx = dot(rx, rx);
  const syy = dot(ry, ry);
  if (sxx === 0 || syy === 0) throw new RangeError('Spearman rho is undefined when all values of x or of y are equal.');
  const observed = dot(rx, ry);
  const rho = observed / Math.sqrt(sxx * syy);
  const threshold = Math.abs(observed) - TOLERANCE;
  const ties = hasTies(x) || hasTies(y);

  if (n <= EXACT_MAX_N) {
    let extreme = 0;
    let total = 0;
    forEachPermutation(ry, (perm) => {
      total++;
      if (Math.abs(dot(rx, perm)) >= threshold) extreme++;
    });
    return { n, rho, pValue: extreme / total, method: 'exact', permutations: total, seed: null, ties };
  }

  const random = mulberry32(seed);
  const perm = ry.slice();
  let extreme = 0;
  for (let b = 0; b < permutations; b++) {
    // Fisher–Yates shuffle of the y-ranks
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    if (Math.abs(dot(rx, perm)) >= threshold) extreme++;
  }
  return { n, rho, pValue: (1 + extreme) / (1 + permutations), method: 'permutation', permutations, seed, ties };
}

function centred(r: number[]): number[] {
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  return r.map((v) => v - mean);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Heap's algorithm: calls `visit` with every ordering of `values` (the same array, permuted in place). */
function forEachPermutation(values: readonly number[], visit: (perm: number[]) => void): void {
  const a = values.slice();
  const c = new Array<number>(a.length).fill(0);
  visit(a);
  let i = 1;
  while (i < a.length) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      const t = a[j];
      a[j] = a[i];
      a[i] = t;
      visit(a);
      c[i]++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
}
