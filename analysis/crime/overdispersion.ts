/**
 * Areas' recorded crime against the borough rate, allowing for over-dispersion: the funnel plot of
 * Spiegelhalter (2005, "Funnel plots for comparing institutional performance", Statistics in
 * Medicine 24:1185–1202) with a multiplicative over-dispersion factor.
 *
 * Recorded crime varies between wards more than pure Poisson chance allows (crimes cluster, one
 * incident can be several crimes, wards differ in ways the population does not capture), so a
 * pure Poisson comparison calls most wards "different". The factor φ measures how much more:
 *
 *   θ₀ = Σ Oᵢ / Σ popᵢ                  the borough rate; Eᵢ = θ₀ · popᵢ, the ward's expected count
 *   zᵢ = (Oᵢ − Eᵢ) / √Eᵢ                 Poisson z-score of the ward against the borough rate
 *   φ̂  = mean of wᵢ², wᵢ = zᵢ winsorised at its 10th and 90th percentiles (R quantile type 7),
 *         so that the wards being looked for do not inflate φ̂ themselves
 *   φ  = max(1, φ̂)                      (φ̂ < 1, less variation than Poisson, never narrows)
 *   zᵢ* = zᵢ / √φ,  pᵢ = 2 Φ(−|zᵢ*|)     the over-dispersed test of the ward against the borough
 *   funnel limits (rate per `per`): per · (θ₀ ± q √(φ θ₀ / popᵢ)), lower cut at 0;
 *   q = 1.960 (95%) and 3.090 (99.8%): the limits widened by √φ
 *
 * R (written out, test/fixtures/r/crime/overdispersion.R):
 *   E <- sum(O) / sum(pop) * pop; z <- (O - E) / sqrt(E)
 *   q <- quantile(z, c(0.1, 0.9)); phi <- mean(pmin(pmax(z, q[1]), q[2])^2)
 *   p <- 2 * pnorm(-abs(z / sqrt(max(1, phi))))
 *
 * Example:
 *   overdispersedComparison([{ count: 90, population: 5000 }, { count: 20, population: 4000 }, { count: 45, population: 6000 },
 *     { count: 12, population: 3000 }, { count: 60, population: 7000 }])
 *   // rate 9.08 per 1,000; phi 6.32 (factor 6.32); area 0: expected 45.4, z 6.62, zAdjusted 2.63, p 0.0085,
 *   //   95% limits 2.44 to 15.7 per 1,000 (its rate, 18, is above them)
 */
import { normalCdf, normalQuantile } from '../inference/distributions.js';
import { PER_THOUSAND } from './rates.js';

/** The share of z-scores pulled in at each tail before φ̂ is taken (Spiegelhalter: 10%). */
export const WINSORISE = 0.1;

export interface OverdispersedArea {
  expected: number;
  z: number;
  /** z / √φ */
  zAdjusted: number;
  /** two-sided, from zAdjusted */
  p: number;
  /** funnel limits for the area's rate (per `per`), widened by √φ */
  limits95: [number, number];
  limits998: [number, number];
}

export interface OverdispersedComparison {
  /** the borough rate per `per` */
  rate: number;
  per: number;
  /** φ̂, the mean winsorised z²; null when there are fewer than 2 areas to compare */
  phi: number | null;
  /** max(1, φ̂): the variances are multiplied by it (the limits widened by its square root) */
  factor: number;
  winsorised: number;
  /** one per area given, in order; null for an area with no population or when nothing can be compared */
  areas: (OverdispersedArea | null)[];
}

export function overdispersedComparison(areas: readonly { count: number; population: number }[], per = PER_THOUSAND): OverdispersedComparison {
  for (const a of areas) {
    if (!Number.isFinite(a.count) || a.count < 0) throw new RangeError(`A recorded crime count must be a number ≥ 0, not ${a.count}.`);
    if (!Number.isFinite(a.population) || a.population < 0) throw new RangeError(`A population must be a number ≥ 0, not ${a.population}.`);
  }
  const used = areas.filter((a) => a.population > 0);
  const total = used.reduce((s, a) => s + a.count, 0);
  const population = used.reduce((s, a) => s + a.population, 0);
  const theta = population > 0 ? total / population : 0;
  if (used.length < 2 || theta === 0) {
    return { rate: per * theta, per, phi: null, factor: 1, winsorised: WINSORISE, areas: areas.map(() => null) };
  }
  const z = used.map((a) => (a.count - theta * a.population) / Math.sqrt(theta * a.population));
  const [low, high] = [quantile7(z, WINSORISE), quantile7(z, 1 - WINSORISE)];
  const phi = z.reduce((s, v) => s + Math.min(Math.max(v, low), high) ** 2, 0) / z.length;
  const factor = Math.max(1, phi);
  const limits = (a: { population: number }, level: number): [number, number] => {
    const half = normalQuantile(1 - (1 - level) / 2) * Math.sqrt((factor * theta) / a.population);
    return [per * Math.max(0, theta - half), per * (theta + half)];
  };
  let next = 0;
  return {
    rate: per * theta,
    per,
    phi,
    factor,
    winsorised: WINSORISE,
    areas: areas.map((a) => {
      if (!(a.population > 0)) return null;
      const zi = z[next++];
      const zAdjusted = zi / Math.sqrt(factor);
      return {
        expected: theta * a.population,
        z: zi,
        zAdjusted,
        p: 2 * normalCdf(-Math.abs(zAdjusted)),
        limits95: limits(a, 0.95),
        limits998: limits(a, 0.998),
      };
    }),
  };
}

/** R's default `quantile(x, p)` (type 7): linear between the order statistics. */
function quantile7(x: readonly number[], p: number): number {
  const s = [...x].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}
