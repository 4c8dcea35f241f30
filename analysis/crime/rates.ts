/**
 * Recorded crime rates per 1,000 residents with exact Poisson confidence intervals.
 *
 *   rate = 1000 · count / population,  CI = 1000 · poissonCI(count) / population
 *
 * The population is treated as a fixed, known denominator (R: `poisson.test(count, population/1000)`);
 * only the count is random. The borough rate sums counts and populations over the areas given.
 *
 * Example:
 *   ratePer1000(45, 9000)
 *   // { count: 45, population: 9000, rate: 5, lower: 3.647..., upper: 6.690... }
 *   // R: poisson.test(45, 9000/1000)$conf.int
 *   boroughRate([{ count: 45, population: 9000 }, { count: 5, population: 3000 }])   // rate 50/12 = 4.1667
 */
import { checkLevel, DEFAULT_LEVEL, poissonCI } from './poisson-ci.js';

export const PER_THOUSAND = 1000;

export interface Rate {
  count: number;
  population: number;
  /** per `per` residents (default 1,000) */
  rate: number;
  lower: number;
  upper: number;
  level: number;
  per: number;
}

export function ratePer1000(count: number, population: number, level = DEFAULT_LEVEL, per = PER_THOUSAND): Rate {
  checkLevel(level);
  if (!(population > 0) || !Number.isFinite(population)) {
    throw new RangeError(`A rate needs a positive population, not ${population}.`);
  }
  const ci = poissonCI(count, population / per, level);
  return { count, population, rate: ci.estimate, lower: ci.lower, upper: ci.upper, level, per };
}

/** The rate over all the areas given (sum of counts over sum of populations). */
export function boroughRate(areas: { count: number; population: number }[], level = DEFAULT_LEVEL, per = PER_THOUSAND): Rate {
  if (!areas.length) throw new RangeError('A borough rate needs at least one area.');
  const count = areas.reduce((s, a) => s + a.count, 0);
  const population = areas.reduce((s, a) => s + a.population, 0);
  return ratePer1000(count, population, level, per);
}
