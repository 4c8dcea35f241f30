/**
 * Recorded crime per 1,000 residents by ward and for the borough over a period, with exact
 * Poisson intervals, and the change from the same months one year earlier (DESIGN.md; issue 4).
 *
 *   rate = 1000 · count / population              (analysis/crime/rates.ts)
 *   CI   = exact Poisson interval of the count / population · 1000
 *   change = poisson.test(c(count, previousCount), c(1, 1))   (same population both years)
 *
 * The rate is for the whole period (not annualised): a 3-month period gives a 3-month rate.
 * Crime type: one police.uk type, or by default all crime not counting anti-social behaviour
 * (police.uk lists ASB incidents beside crimes, but they are not recorded crimes).
 * The borough figure covers the wards that have a population figure.
 *
 * Example:
 *   crimeRates(store, { from: '2019-01', to: '2019-03' })
 *   // { period: { from: '2019-01', to: '2019-03', months: [...] }, wards: [{ ward: 'Allington', rate: 9.7, ci: [8.1, 11.5], … }], borough: {…}, … }
 */
import { monthProblem, monthRange, monthsBetween, periodProblem, shiftYear } from '../formats/dates.js';
import { boroughRate, PER_THOUSAND, ratePer1000 } from '../../analysis/crime/rates.js';
import { poissonRateTest } from '../../analysis/crime/yoy.js';
import { ILLUSTRATIVE_RATES_NOTICE } from '../notices.js';
import type { Store } from '../store/open.js';
import { ALL_CRIME_LABEL, ASB } from './labels.js';
import { populationByWard } from '../areas/population.js';
import { BadRequest, Conflict } from '../errors.js';
import { populationIsIllustrative, wardList } from '../areas/queries.js';
import { countsByArea, type CrimeTypeWhere, storedCrimeTypes, storedMonths as monthsStored } from './queries.js';
import type { CrimeAvailability, CrimeRatesReport, WardRate } from './schemas.js';

export const SIGNIFICANCE_LEVEL = 0.05;

export interface CrimeRatesOptions {
  from: string;
  to: string;
  /** one police.uk crime type; default all crime not counting anti-social behaviour */
  crimeType?: string;
}

export type { CrimeRatesReport, WardRate } from './schemas.js';

/** A month written YYYY-MM, or a BadRequest (400) naming the parameter. */
export function checkMonth(value: string | undefined, name: string): string {
  const problem = monthProblem(value, name);
  if (problem) throw new BadRequest(problem);
  return value!;
}

// One month arithmetic for the product (formats/dates.ts); re-exported for the SPC report.
export { monthsBetween, shiftYear };

export async function storedMonths(store: Store): Promise<string[]> {
  return await monthsStored(store);
}

/** Checks a crime type is one that is stored; undefined means all crime not counting ASB. */
export async function resolveCrimeType(store: Store, crimeType: string | undefined): Promise<{ crimeType: string; allCrime: boolean }> {
  if (crimeType === undefined || crimeType === '') return { crimeType: ALL_CRIME_LABEL, allCrime: true };
  const types = await storedCrimeTypes(store);
  if (!types.includes(crimeType)) {
    throw new BadRequest(`No recorded crime of type '${crimeType}' is stored. Stored types: ${types.join(', ') || 'none'}.`);
  }
  return { crimeType, allCrime: false };
}

/** The crime types a sum counts (ASB left out of all crime). */
export function crimeTypeFilter(t: { crimeType: string; allCrime: boolean }): CrimeTypeWhere {
  return t.allCrime ? { except: ASB } : { only: t.crimeType };
}

async function countsByWard(store: Store, from: string, to: string, type: { crimeType: string; allCrime: boolean }): Promise<Map<string, number>> {
  return await countsByArea(store, from, to, crimeTypeFilter(type));
}

export type { CrimeAvailability } from './schemas.js';

export async function crimeAvailability(store: Store): Promise<CrimeAvailability> {
  const months = await storedMonths(store);
  const crimeTypes = await storedCrimeTypes(store);
  const wards = await wardList(store.db);
  const illustrative = await populationIsIllustrative(store.db);
  return {
    months,
    range: months.length ? monthsBetween(months[0], months.at(-1)!) : [],
    crimeTypes,
    allCrimeLabel: ALL_CRIME_LABEL,
    wards,
    population: (await populationByWard(store)).size > 0,
    illustrativePopulationNotice: illustrative ? ILLUSTRATIVE_RATES_NOTICE : null,
  };
}

export async function crimeRates(store: Store, opts: CrimeRatesOptions): Promise<CrimeRatesReport> {
  const from = checkMonth(opts.from, 'from');
  const to = checkMonth(opts.to, 'to');
  const backwards = periodProblem(from, to);
  if (backwards) throw new BadRequest(backwards);
  const type = await resolveCrimeType(store, opts.crimeType);

  const stored = new Set(await storedMonths(store));
  const months = monthsBetween(from, to);
  const present = months.filter((m) => stored.has(m));
  if (!present.length) {
    throw new Conflict(
      `No recorded crime is stored for ${monthRange(from, to)}: add the police.uk files for those months on the Data page (or with \`crime import --file …\`).`,
    );
  }
  const wardPopulation = await populationByWard(store);
  if (!wardPopulation.size) {
    throw new Conflict(
      'No population figures have been loaded: add them on the Data page (or with `population import`) so crime rates per 1,000 residents can be computed.',
    );
  }

  const wardRows = await wardList(store.db);
  const counts = await countsByWard(store, from, to, type);
  const wards: WardRate[] = wardRows.map((w) => {
    const count = counts.get(w.code) ?? 0;
    const pop = wardPopulation.get(w.code);
    if (!pop) return { ward: w.name, wardCode: w.code, count, population: pop ?? null, rate: null, ci: null };
    const r = ratePer1000(count, pop);
    return { ward: w.name, wardCode: w.code, count, population: pop, rate: r.rate, ci: [r.lower, r.upper] };
  });
  const withPopulation = wards.filter((w) => w.rate !== null);
  if (!withPopulation.length) throw new Conflict('None of the wards has a population figure, so no rate can be computed.');
  const b = boroughRate(withPopulation.map((w) => ({ count: w.count, population: w.population! })));

  const notes: string[] = [];
  if (type.allCrime) notes.push(`Crime type: ${ALL_CRIME_LABEL}; pass a crime type for one type only.`);
  notes.push(
    `Rates are per ${PER_THOUSAND.toLocaleString('en-GB')} residents over the whole period (${months.length} month${months.length > 1 ? 's' : ''}), not per year.`,
  );
  const missing = months.filter((m) => !stored.has(m));
  if (missing.length) notes.push(`No recorded crime is stored for ${missing.join(', ')}: the counts cover the other months only.`);
  const noPopulation = wards.filter((w) => w.rate === null);
  if (noPopulation.length)
    notes.push(`No population figure for ${noPopulation.map((w) => w.ward).join(', ')}: no rate, and not counted in the borough figure.`);
  const outsideWards = [...counts.keys()].filter((c) => !wardRows.some((w) => w.code === c));
  if (outsideWards.length) notes.push(`Crime stored for areas that are not wards (${outsideWards.join(', ')}) is not counted.`);

  // Year on year: the same months one year earlier, only when every one of them is stored
  // (a partly stored year would look like a fall in crime).
  const prevFrom = shiftYear(from, -1);
  const prevTo = shiftYear(to, -1);
  let previous: CrimeRatesReport['previous'] = null;
  let change: CrimeRatesReport['change'] = null;
  if (monthsBetween(prevFrom, prevTo).every((m) => stored.has(m))) {
    const prevCounts = await countsByWard(store, prevFrom, prevTo, type);
    const count = withPopulation.reduce((s, w) => s + (prevCounts.get(w.wardCode) ?? 0), 0);
    previous = { period: { from: prevFrom, to: prevTo }, count, rate: (PER_THOUSAND * count) / b.population };
    if (b.count + count > 0) {
      // Same residents both years, so equal exposures: the test compares the counts.
      const equalExposure = 1;
      const t = poissonRateTest(b.count, equalExposure, count, equalExposure);
      change = { ratio: t.rateRatio, ci: [t.lower, t.upper], p: t.pValue, significant: t.pValue < SIGNIFICANCE_LEVEL };
    }
    notes.push(
      `Change: ${from}–${to} against ${prevFrom}–${prevTo} by the exact conditional Poisson test with the same population both years; "significant" = p < ${SIGNIFICANCE_LEVEL}.`,
    );
  } else {
    notes.push(`No year-on-year change: the same months one year earlier (${monthRange(prevFrom, prevTo)}) are not all stored.`);
  }

  const illustrative = await populationIsIllustrative(store.db);
  return {
    period: { from, to, months },
    crimeType: type.crimeType,
    allCrime: type.allCrime,
    per: PER_THOUSAND,
    level: b.level,
    illustrativePopulationNotice: illustrative ? ILLUSTRATIVE_RATES_NOTICE : null,
    wards,
    borough: { count: b.count, population: b.population, rate: b.rate, ci: [b.lower, b.upper] },
    previous,
    change,
    notes,
  };
}
