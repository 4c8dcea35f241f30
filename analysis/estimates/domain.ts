/**
 * Weighted means of y in several groups (domains) with their full covariance —
 * R `svyby(~y, ~g, subset(design, valid), svymean, covmat = TRUE)` and `vcov()` of it.
 *
 *   ȳ_g = Σ_{i∈g} wᵢyᵢ / W_g,  W_g = Σ_{i∈g} wᵢ,
 *   z_{g,i} = wᵢ(yᵢ − ȳ_g)/W_g for i in g (0 elsewhere),
 *   V = designCovariance(design, [z_1 … z_G]) — computed on the whole sample, so the covariance
 *   between groups (nonzero after calibration or stratification) is right for comparing them.
 *
 * Missing answers: respondents with valid[i] = 0 or y NaN are outside every domain (R: svymean
 * with na.rm = TRUE, which is a domain estimate on the full design). They still count in nₕ.
 * `n` is the unweighted count of respondents in the group with a valid y and a positive weight
 * (R `unwtd.count`). A group with no such respondent gets NaN with a reason (R drops it).
 *
 * @example
 * const design = { weights: Float64Array.from([1, 2, 1, 2, 1, 1]) };
 * const r = domainMeans(design, Float64Array.from([1, 0, 1, 1, 0, 1]), Int32Array.from([0, 0, 0, 1, 1, 1]), 2);
 * r.estimates[0].estimate; // 0.5, R: svyby(~y, ~g, svydesign(ids = ~1, weights = ~w, data = d), svymean)
 */
import type { Design } from '../design/design.js';
import { type BlockScores, blockScoreCovariances } from '../design/block-covariance.js';

export interface DomainEstimate {
  group: number;
  estimate: number;
  se: number;
  /** Unweighted respondents with a valid answer and positive weight. */
  n: number;
  sumWeights: number;
  /** Why the estimate is NaN, when it is. */
  reason?: string;
}

export interface DomainMeans {
  estimates: DomainEstimate[];
  /** nGroups × nGroups; NaN in the rows and columns of empty groups. */
  covariance: number[][];
}

export const EMPTY_GROUP_REASON = 'No respondents in this group with a valid answer and a positive weight.';

export function domainMeans(design: Design, y: Float64Array, groups: Int32Array, nGroups: number, valid?: Uint8Array): DomainMeans {
  return domainMeansMany(design, [y], groups, nGroups, valid)[0];
}

/** domainMeans of several variables by the same groups, their covariances' sums in one pass over the respondents: the same numbers. */
export function domainMeansMany(design: Design, ys: readonly Float64Array[], groups: Int32Array, nGroups: number, valid?: Uint8Array): DomainMeans[] {
  return scoredInChunks(design, ys, (y) => domainScores(design, y, groups, nGroups, valid));
}

/** Variables whose scores are held at once: each holds 12 to 20 bytes a respondent (12 to 20 MB at a million). */
export const SCORES_AT_ONCE = 4;

/**
 * Each variable's scores, their covariances' sums in one pass (blockScoreCovariances) a few variables
 * at a time (SCORES_AT_ONCE), and its result from them, in order. Each variable's sums are its own,
 * added in the same order with others or alone, so the results are the same; the scores of a
 * multi-select question's every option at once were hundreds of MB at a million.
 */
export function scoredInChunks<R>(
  design: Design,
  ys: readonly Float64Array[],
  score: (y: Float64Array) => { scores: BlockScores; finish: (covariance: number[][]) => R },
): R[] {
  const out: R[] = [];
  for (let at = 0; at < ys.length; at += SCORES_AT_ONCE) {
    const parts = ys.slice(at, at + SCORES_AT_ONCE).map(score);
    const covariances = blockScoreCovariances(
      design,
      parts.map((p) => p.scores),
    );
    parts.forEach((p, k) => out.push(p.finish(covariances[k])));
  }
  return out;
}

function domainScores(design: Design, y: Float64Array, groups: Int32Array, nGroups: number, valid?: Uint8Array) {
  const w = design.weights;
  const n = w.length;
  if (y.length !== n) throw new Error(`y has ${y.length} values; the design has ${n} respondents.`);
  if (groups.length !== n) throw new Error(`Groups cover ${groups.length} respondents; the design has ${n}.`);
  if (valid && valid.length !== n) throw new Error(`valid has ${valid.length} flags; the design has ${n} respondents.`);
  const block = new Int32Array(n);
  const W = new Float64Array(nGroups);
  const WY = new Float64Array(nGroups);
  const count = new Int32Array(nGroups);
  sumByGroup(w, y, groups, nGroups, valid, block, W, WY, count);
  const mean = Float64Array.from(W, (Wg, g) => (Wg > 0 ? WY[g] / Wg : NaN));
  // Basis value: the centred weighted answer (no cancellation); transform: divide by W_g.
  const values = centred(w, y, block, W, mean);
  const transforms = Array.from(W, (Wg) => Float64Array.of(Wg > 0 ? 1 / Wg : 0));
  const scores: BlockScores = { block, nBlocks: nGroups, width: 1, values, transforms, outWidth: 1 };
  return { scores, finish: (covariance: number[][]) => domainMeansOf(covariance, W, mean, count, nGroups) };
}

// The passes over the respondents are functions of their own (README: a pass over the respondents).
/** Each respondent's group, or −1 outside every domain, into block; Σw, Σwy and the count of positive weights per group. */
export function sumByGroup(
  w: Float64Array,
  y: Float64Array,
  groups: Int32Array,
  nGroups: number,
  valid: Uint8Array | undefined,
  block: Int32Array,
  W: Float64Array,
  WY: Float64Array,
  count: Int32Array,
): void {
  for (let i = 0; i < w.length; i++) {
    const g = groups[i];
    const ok = g >= 0 && (!valid || valid[i] === 1) && !Number.isNaN(y[i]);
    if (ok && g >= nGroups) throw new Error(`Respondent ${i + 1} is in group ${g}, but there are ${nGroups} groups.`);
    block[i] = ok ? g : -1;
    if (!ok) continue;
    W[g] += w[i];
    WY[g] += w[i] * y[i];
    if (w[i] > 0) count[g]++;
  }
}

function centred(w: Float64Array, y: Float64Array, block: Int32Array, W: Float64Array, mean: Float64Array): Float64Array {
  const values = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const g = block[i];
    if (g >= 0 && W[g] > 0) values[i] = w[i] * (y[i] - mean[g]);
  }
  return values;
}

function domainMeansOf(covariance: number[][], W: Float64Array, mean: Float64Array, count: Int32Array, nGroups: number): DomainMeans {
  for (let g = 0; g < nGroups; g++) {
    if (W[g] > 0) continue;
    for (let h = 0; h < nGroups; h++) {
      covariance[g][h] = NaN;
      covariance[h][g] = NaN;
    }
  }
  const estimates = Array.from(W, (Wg, g): DomainEstimate => {
    const base = { group: g, n: count[g], sumWeights: Wg };
    if (!(Wg > 0)) return { ...base, estimate: NaN, se: NaN, reason: EMPTY_GROUP_REASON };
    return { ...base, estimate: mean[g], se: Math.sqrt(Math.max(covariance[g][g], 0)) };
  });
  return { estimates, covariance };
}
