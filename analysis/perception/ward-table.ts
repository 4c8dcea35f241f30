/**
 * The perception-vs-reality ward table for one survey item and its crime types: each ward's
 * weighted worry % beside its recorded crime rate, each compared with the rest of the borough,
 * and the ward placed in a quadrant (worry above/below the borough × crime above/below).
 *
 * Decisions:
 * - Worry vs borough: ward − rest of the borough with the domain covariance (ward-vs-rest.ts);
 *   its sign is the sign of ward − borough.
 * - Crime vs borough: recorded crime is over-dispersed (wards differ by more than Poisson chance),
 *   so the test is the funnel-plot comparison with the borough rate that allows for it
 *   (../crime/overdispersion.ts, Spiegelhalter 2005): z = (O − E)/√E against the borough rate,
 *   divided by √φ when the winsorised φ̂ over all wards with a population is above 1; p from that
 *   z. `overdispersion` says φ̂ for the table. The ratio is ward rate / rest-of-borough rate (> 1 iff
 *   ward > borough) and `ci` its exact Poisson interval, R `poisson.test(c(x_ward, x_rest),
 *   c(pop_ward, pop_rest))` (../crime/yoy.ts): that interval is pure Poisson, so narrower than the
 *   test when φ > 1; `funnel` has the ward's limits widened by √φ.
 * - Both families of ward tests are BH-adjusted across the wards of the item (one test per ward,
 *   so some would be "significant" by chance); `clear` = adjusted p < alpha (0.05).
 * - A ward the caller marks suppressed (its base below the threshold, or hidden with it so it
 *   cannot be worked out from the borough figure) has no worry figures, not even its n, no test, no
 *   quadrant, and it is left out of the rank correlation. Its crime figures are still shown
 *   (recorded crime is not a survey estimate).
 * - quadrant is by direction alone; `marked` only where both differences are statistically clear.
 * - Rates are per 1,000 people in the population figures, over the whole period (not annualised).
 *
 * @example
 * wardTable([{ wardCode: 'E1', ward: 'North', worry: { estimate: 0.4, ci: [0.3, 0.5], n: 80, suppressed: false,
 *   vsRest: { difference: 0.15, rest: 0.25, p: 0.001 } }, crime: { count: 90, population: 5000 } }, …], { worry: 0.28 })
 */
import { bhAdjust, SIGNIFICANCE_LEVEL } from '../inference/bh.js';
import { poissonRateTest } from '../crime/yoy.js';
import { overdispersedComparison, type OverdispersedArea } from '../crime/overdispersion.js';
import { boroughRate, ratePer1000, PER_THOUSAND } from '../crime/rates.js';
import { spearman, type SpearmanResult } from '../correlation/spearman.js';

export type Quadrant = 'high worry, high crime' | 'high worry, low crime' | 'low worry, high crime' | 'low worry, low crime';
export const QUADRANTS: Quadrant[] = ['high worry, high crime', 'high worry, low crime', 'low worry, high crime', 'low worry, low crime'];

export interface WardInput {
  wardCode: string;
  ward: string;
  worry: {
    estimate: number | null;
    ci: [number, number] | null;
    /** null when suppressed: with the borough figure the other wards' n would give it by subtraction. */
    n: number | null;
    suppressed: boolean;
    reason?: string;
    /** Ward − rest of borough (null when suppressed or not computable). */
    vsRest: { difference: number; rest: number; p: number } | null;
  };
  crime: { count: number; population: number };
}

export interface WardRow {
  ward: string;
  wardCode: string;
  worry: { estimate: number | null; ci: [number, number] | null; n: number | null; suppressed: boolean; reason?: string };
  crime: { count: number; population: number; rate: number | null; ci: [number, number] | null };
  /** Ward worry − rest of the borough; p two-sided, pAdjusted BH across wards. */
  worryVsBorough: { difference: number | null; rest: number | null; p: number | null; pAdjusted: number | null; clear: boolean };
  /**
   * Ward rate / rest-of-borough rate with its exact Poisson interval; p, pAdjusted and clear from the
   * over-dispersed comparison with the borough rate (`funnel`).
   */
  crimeVsBorough: {
    ratio: number | null;
    restRate: number | null;
    ci: [number, number] | null;
    p: number | null;
    pAdjusted: number | null;
    clear: boolean;
    funnel: FunnelPoint | null;
  };
  quadrant: Quadrant | null;
  marked: boolean;
}

/** The ward on the funnel plot: expected count at the borough rate, z before and after allowing for φ, the rate limits. */
export type FunnelPoint = OverdispersedArea;

export interface Overdispersion {
  /** φ̂: mean winsorised z² of the wards against the borough rate (null with fewer than 2 wards or no crime) */
  phi: number | null;
  /** max(1, φ̂): the factor the variances are multiplied by */
  factor: number;
  method: 'multiplicative';
  /** share of z-scores winsorised at each tail */
  winsorised: number;
  /** wards with a population, over which φ̂ is taken */
  wards: number;
}

export interface WardTable {
  rows: WardRow[];
  borough: { worry: number | null; crime: { count: number; population: number; rate: number; ci: [number, number] } | null };
  /** Rank correlation of ward worry % with ward rate over unsuppressed wards. */
  spearman: (SpearmanResult & { wards: number }) | { reason: string };
  quadrants: Record<Quadrant, { wards: number; marked: string[] }>;
  /** How much more the wards' recorded crime varies than Poisson chance: the crime tests allow for it. */
  overdispersion: Overdispersion;
  per: number;
  alpha: number;
}

export interface WardTableOptions {
  alpha?: number;
  per?: number;
  permutations?: number;
  seed?: number;
}

export function wardTable(wards: WardInput[], borough: { worry: number | null }, opts: WardTableOptions = {}): WardTable {
  const alpha = opts.alpha ?? SIGNIFICANCE_LEVEL;
  const per = opts.per ?? PER_THOUSAND;
  const withPopulation = wards.filter((w) => w.crime.population > 0);
  const totalCount = withPopulation.reduce((s, w) => s + w.crime.count, 0);
  const totalPopulation = withPopulation.reduce((s, w) => s + w.crime.population, 0);

  const funnel = overdispersedComparison(
    wards.map((w) => w.crime),
    per,
  );
  const rows: WardRow[] = wards.map((w, i) => {
    const shown = !w.worry.suppressed && w.worry.estimate !== null;
    const rate = w.crime.population > 0 ? ratePer1000(w.crime.count, w.crime.population, undefined, per) : null;
    const restCount = totalCount - (rate ? w.crime.count : 0);
    const restPopulation = totalPopulation - (rate ? w.crime.population : 0);
    let crimeVs: WardRow['crimeVsBorough'] = { ratio: null, restRate: null, ci: null, p: null, pAdjusted: null, clear: false, funnel: null };
    const point = funnel.areas[i];
    if (rate && restPopulation > 0 && w.crime.count + restCount > 0) {
      const t = poissonRateTest(w.crime.count, w.crime.population, restCount, restPopulation);
      crimeVs = {
        ratio: t.rateRatio,
        restRate: (per * restCount) / restPopulation,
        ci: [t.lower, t.upper],
        p: point?.p ?? null,
        pAdjusted: null,
        clear: false,
        funnel: point,
      };
    }
    const vs = shown ? w.worry.vsRest : null;
    return {
      ward: w.ward,
      wardCode: w.wardCode,
      worry: shown
        ? { estimate: w.worry.estimate, ci: w.worry.ci, n: w.worry.n, suppressed: false }
        : { estimate: null, ci: null, n: null, suppressed: true, reason: w.worry.reason ?? 'Base too small.' },
      crime: { count: w.crime.count, population: w.crime.population, rate: rate?.rate ?? null, ci: rate ? [rate.lower, rate.upper] : null },
      worryVsBorough: {
        difference: vs && Number.isFinite(vs.difference) ? vs.difference : null,
        rest: vs && Number.isFinite(vs.rest) ? vs.rest : null,
        p: vs && Number.isFinite(vs.p) ? vs.p : null,
        pAdjusted: null,
        clear: false,
      },
      crimeVsBorough: crimeVs,
      quadrant: null,
      marked: false,
    };
  });

  adjustAcrossWards(
    rows.map((r) => r.worryVsBorough),
    alpha,
  );
  adjustAcrossWards(
    rows.map((r) => r.crimeVsBorough),
    alpha,
  );

  const quadrants = Object.fromEntries(QUADRANTS.map((q) => [q, { wards: 0, marked: [] as string[] }])) as WardTable['quadrants'];
  for (const r of rows) {
    const d = r.worryVsBorough.difference;
    const ratio = r.crimeVsBorough.ratio;
    if (r.worry.suppressed || d === null || ratio === null || !Number.isFinite(ratio)) continue;
    r.quadrant = `${d > 0 ? 'high' : 'low'} worry, ${ratio > 1 ? 'high' : 'low'} crime` as Quadrant;
    r.marked = r.worryVsBorough.clear && r.crimeVsBorough.clear;
    quadrants[r.quadrant].wards++;
    if (r.marked) quadrants[r.quadrant].marked.push(r.ward);
  }

  const paired = rows.filter((r) => !r.worry.suppressed && r.worry.estimate !== null && r.crime.rate !== null);
  let rank: WardTable['spearman'];
  try {
    const s = spearman(
      paired.map((r) => r.worry.estimate!),
      paired.map((r) => r.crime.rate!),
      { permutations: opts.permutations, seed: opts.seed },
    );
    rank = { ...s, wards: paired.length };
  } catch (e) {
    rank = { reason: `No rank correlation: ${(e as Error).message}` };
  }

  const crimeTotal =
    totalPopulation > 0
      ? boroughRate(
          withPopulation.map((w) => w.crime),
          undefined,
          per,
        )
      : null;
  return {
    rows,
    borough: {
      worry: borough.worry,
      crime: crimeTotal
        ? { count: crimeTotal.count, population: crimeTotal.population, rate: crimeTotal.rate, ci: [crimeTotal.lower, crimeTotal.upper] }
        : null,
    },
    spearman: rank,
    quadrants,
    overdispersion: { phi: funnel.phi, factor: funnel.factor, method: 'multiplicative', winsorised: funnel.winsorised, wards: withPopulation.length },
    per,
    alpha,
  };
}

function adjustAcrossWards(tests: { p: number | null; pAdjusted: number | null; clear: boolean }[], alpha: number) {
  const present = tests.filter((t) => t.p !== null);
  if (!present.length) return;
  const adjusted = bhAdjust(present.map((t) => t.p!));
  present.forEach((t, i) => {
    t.pAdjusted = adjusted[i];
    t.clear = adjusted[i] < alpha;
  });
}
