/**
 * Change between two waves of the same questionnaire, for every overall estimate both reports have.
 * The waves are independent samples, so Var(d) = V₁ + V₂ (see inference/contrast.ts for the df).
 * A change involving a suppressed estimate is itself suppressed; p-values are BH-adjusted across
 * the whole set of changes, and only the adjusted p sets the flag.
 *
 * An estimate the weighting fixes (e.g. the share of women, when both waves are raked to the same
 * population) has a standard error of zero up to rounding in both waves; its "change" is rounding
 * noise divided by rounding noise, so it is reported as not tested rather than as p ≈ 0. (R's
 * svycontrast would return that t; we deliberately do not.)
 */
import { waveChange } from '../inference/contrast.js';
import { adjust, DEFAULT_ALPHA } from './build-report.js';
import type { Change, WaveReport } from './types.js';

/** An SE below this (on a 0–1 proportion or a mean) is zero up to floating-point rounding. */
export const FIXED_BY_WEIGHTING_SE = 1e-9;
export const FIXED_BY_WEIGHTING_REASON = 'Set by the weighting in both waves (no sampling error), so the change is not tested.';
export const NO_VARIATION_REASON = 'Nobody (or everybody) gave this answer in either wave, so there is no change to test.';
const allOrNone = (p: number) => p === 0 || p === 1;

export function compareWaves(from: { wave: string; report: WaveReport }, to: { wave: string; report: WaveReport }, alpha = DEFAULT_ALPHA): Change[] {
  const overall = (r: WaveReport) => new Map(r.estimates.filter((e) => e.group === null).map((e) => [`${e.question}\u0000${e.category}`, e]));
  const before = overall(from.report);
  const changes: Change[] = [];
  for (const [key, b] of overall(to.report)) {
    const a = before.get(key);
    if (!a) continue;
    const base = {
      question: b.question,
      category: b.category,
      label: b.label,
      net: b.net,
      from: { wave: from.wave, n: a.n, estimate: a.estimate },
      to: { wave: to.wave, n: b.n, estimate: b.estimate },
    };
    if (a.suppressed || b.suppressed || a.estimate === null || b.estimate === null) {
      changes.push({
        ...base,
        difference: null,
        se: null,
        p: null,
        pAdjusted: null,
        significant: false,
        suppressed: true,
        reason: 'One of the waves has too small a base for this estimate.',
      });
      continue;
    }
    if (a.se! < FIXED_BY_WEIGHTING_SE && b.se! < FIXED_BY_WEIGHTING_SE) {
      const reason = allOrNone(a.estimate) && allOrNone(b.estimate) ? NO_VARIATION_REASON : FIXED_BY_WEIGHTING_REASON;
      changes.push({ ...base, difference: b.estimate - a.estimate, se: null, p: null, pAdjusted: null, significant: false, suppressed: false, reason });
      continue;
    }
    // df = df₁ + df₂, as R gives for the two waves stacked in one design stratified by wave.
    const r = waveChange(a.estimate, a.se!, b.estimate, b.se!, a.n - 1 + (b.n - 1));
    changes.push({ ...base, difference: r.difference, se: r.se, p: Number.isFinite(r.p) ? r.p : null, pAdjusted: null, significant: false, suppressed: false });
  }
  adjust(changes, alpha);
  return changes;
}
