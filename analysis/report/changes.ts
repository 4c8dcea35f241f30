/**
 * Change between two waves of the same questionnaire, for every overall estimate both reports have.
 * The waves are independent samples, so Var(d) = V₁ + V₂ (see inference/contrast.ts for the df).
 * A change involving a suppressed estimate is itself suppressed; p-values are BH-adjusted across
 * the whole set of changes, and only the adjusted p sets the flag.
 *
 * A share the weighting fixes in both waves (e.g. the share of women, when both waves are raked on
 * sex: `fixedByWeighting`, decided from the calibration cells in fixed-by-weighting.ts) has no
 * sampling error; its "change" is the change of the targets, and its SE is rounding noise
 * (1e-9 to 1e-6 after backfitted raking), so it is reported as not tested rather than as p ≈ 0.
 * (R's svycontrast would return that t; we deliberately do not.)
 */
import { waveChange } from '../inference/contrast.js';
import { adjust, DEFAULT_ALPHA } from './build-report.js';
import type { Change, WaveReport } from './types.js';

export const FIXED_BY_WEIGHTING_REASON =
  'Set by the weighting in both waves (no sampling error): the change is the change in the population targets, so it is not tested.';
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
    const noVariation = allOrNone(a.estimate) && allOrNone(b.estimate) && a.se === 0 && b.se === 0;
    if (noVariation || (a.fixedByWeighting && b.fixedByWeighting)) {
      const reason = noVariation ? NO_VARIATION_REASON : FIXED_BY_WEIGHTING_REASON;
      changes.push({ ...base, difference: b.estimate - a.estimate, se: null, p: null, pAdjusted: null, significant: false, suppressed: false, reason });
      continue;
    }
    // df = df₁ + df₂, as R gives for the two waves stacked in one design stratified by wave.
    // A shown estimate always has its n.
    const r = waveChange(a.estimate, a.se!, b.estimate, b.se!, a.n! - 1 + (b.n! - 1));
    changes.push({ ...base, difference: r.difference, se: r.se, p: Number.isFinite(r.p) ? r.p : null, pAdjusted: null, significant: false, suppressed: false });
  }
  adjust(changes, alpha);
  return changes;
}
