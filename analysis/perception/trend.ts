/**
 * The borough trend of a survey item between two waves, beside the trend of recorded crime over
 * the matching periods.
 *
 * Worry: the report's wave change (independent samples, BH-adjusted across the report's changes;
 * ../report/changes.ts). Crime: exact conditional test of the later period's count against the
 * earlier one's, exposures = months in each period (population taken as unchanged between the two),
 * R `poisson.test(c(x_later, x_earlier), c(months_later, months_earlier))` (../crime/yoy.ts).
 * Periods that overlap are not independent counts, so no crime change is given for them.
 *
 * @example
 * crimeTrend({ from: '2024-11', to: '2025-10', months: 12, count: 950 }, { from: '2025-11', to: '2026-10', months: 12, count: 1040 })
 * // { ratio: 1.0947…, p: 0.04600541, significant: true, … }  R: poisson.test(c(1040, 950), c(12, 12))
 */
import { poissonRateTest } from '../crime/yoy.js';
import { SIGNIFICANCE_LEVEL } from '../inference/bh.js';

export interface PeriodCount {
  from: string;
  to: string;
  months: number;
  count: number;
  /** Months of the period with crime imported; a period missing months is not compared. */
  monthsWithData?: number;
  /** The period as the reader sees it ('February 2018 to January 2019'); default 'from–to'. */
  label?: string;
}

/** A period in the trend's sentences: its label, else 'from–to'. */
export function periodText(p: PeriodCount): string {
  return p.label ?? `${p.from}–${p.to}`;
}

export interface CrimeTrend {
  earlier: PeriodCount;
  later: PeriodCount;
  /** Later rate / earlier rate (per month). */
  ratio: number | null;
  ci: [number, number] | null;
  p: number | null;
  significant: boolean;
  reason?: string;
}

export function crimeTrend(earlier: PeriodCount, later: PeriodCount, alpha = SIGNIFICANCE_LEVEL): CrimeTrend {
  const base = { earlier, later };
  if (earlier.from === later.from && earlier.to === later.to) {
    return {
      ...base,
      ratio: null,
      ci: null,
      p: null,
      significant: false,
      reason: `Both waves are set beside the same crime period (${periodText(later)}), so the crime periods overlap and there is no change to test; import recorded crime for each wave's own months.`,
    };
  }
  if (!(earlier.to < later.from)) {
    return {
      ...base,
      ratio: null,
      ci: null,
      p: null,
      significant: false,
      reason: `The crime periods ${periodText(earlier)} and ${periodText(later)} overlap or are out of order, so there is no change to test.`,
    };
  }
  const missing = [earlier, later].find((p) => p.monthsWithData !== undefined && p.monthsWithData < p.months);
  if (missing) {
    return {
      ...base,
      ratio: null,
      ci: null,
      p: null,
      significant: false,
      reason: `Recorded crime is imported for only ${missing.monthsWithData} of the ${missing.months} months of ${periodText(missing)} (missing months are unknown, not zero), so the change would be misleading.`,
    };
  }
  if (earlier.count + later.count === 0) {
    return { ...base, ratio: null, ci: null, p: null, significant: false, reason: 'No recorded crime in either period.' };
  }
  const t = poissonRateTest(later.count, later.months, earlier.count, earlier.months);
  return { ...base, ratio: Number.isFinite(t.rateRatio) ? t.rateRatio : null, ci: [t.lower, t.upper], p: t.pValue, significant: t.pValue < alpha };
}
