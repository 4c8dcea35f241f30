import { DEFAULT_THRESHOLD, reportRows } from '../../analysis/report/build-report.js';
import { confidenceInterval } from '../../analysis/report/ci.js';
import { categoryCodes, groupCodes } from '../../analysis/report/codes.js';
import { designOf } from '../../analysis/report/tables.js';
import { breakdownReasons } from '../../analysis/disclosure/suppress.js';
import { wardVsRest } from '../../analysis/perception/ward-vs-rest.js';
import { wardTable, type WardInput } from '../../analysis/perception/ward-table.js';
import { addMonths, crimePeriod, DEFAULT_PERIOD_MONTHS, type CrimePeriod } from '../../analysis/perception/periods.js';
import { crimeTrend } from '../../analysis/perception/trend.js';
import { populationByWard } from '../areas/population.js';
import { populationIsIllustrative } from '../areas/queries.js';
import type { Store } from '../store/open.js';
import { BadRequest, Conflict } from '../errors.js';
import { findingsSource, surveyFindings } from './findings.js';
import { ILLUSTRATIVE_RATES_NOTICE } from '../notices.js';
import { areaNames, crimeCounts as storedCrimeCounts, crimeMonths, crimeTypes, lastCompleteResponseAt } from './queries.js';
import type { PerceptionItem, PerceptionReport } from './schemas.js';
import { loadWaveData, type WaveData } from './wave-data.js';
import { monthLabel, monthRange, monthRanges, monthsBetween } from '../formats/dates.js';
import type { CrimeCoverage, PeriodCoverage } from './schemas.js';

import { ALL_CRIME_LABEL, ASB } from '../crime/labels.js';

export { ALL_CRIME_LABEL, ASB };
export const VIOLENCE = 'Violence and sexual offences';
const SAFETY_AFTER_DARK = 'safety.after_dark.local';

export interface PerceptionOptions {
  slug: string;
  wave: string;
  compareWave?: string;
  /** Crime period for the wave (YYYY-MM, inclusive); default in the file comment. */
  from?: string;
  to?: string;
  /** Crime period for the comparison wave. */
  compareFrom?: string;
  compareTo?: string;
  /** Monte Carlo permutations for Spearman's p (more than 9 wards). */
  permutations?: number;
}

export type { PerceptionItem, PerceptionReport } from './schemas.js';

interface ItemSpec {
  question: string;
  construct: string;
  category: string;
  crimeTypes: string[];
  crimeLabel: string;
}

export async function perceptionReport(store: Store, opts: PerceptionOptions): Promise<PerceptionReport> {
  const data = await loadWaveData(store, opts.slug, opts.wave);
  const wardBreakdown = data.breakdowns.find((b) => b.name === 'ward');
  if (!wardBreakdown) throw new BadRequest(`${opts.slug} has no ward question, so its answers cannot be set beside crime by ward.`);

  const months = await crimeMonths(store);
  if (!months.length)
    throw new Conflict('No recorded crime has been imported yet: add police.uk street-level files on the Data page (or with `crime import --file …`) first.');
  const wardPopulation = await populationByWard(store);
  if (!wardPopulation.size)
    throw new Conflict(
      'No population figures have been loaded: add them on the Data page (or with `population import`) so crime rates per 1,000 residents can be computed.',
    );

  const resolved = await resolvePeriod(store, data, months, opts.from, opts.to, 'wave');
  const comparedResolved = opts.compareWave
    ? await resolvePeriod(store, await loadWaveData(store, opts.slug, opts.compareWave), months, opts.compareFrom, opts.compareTo, 'comparison wave')
    : null;
  const period = resolved.period;
  const comparePeriod = comparedResolved?.period ?? null;
  const coverage = crimeCoverage(months, resolved, comparedResolved, opts.wave, opts.compareWave);
  const allTypes = (await crimeTypes(store)).filter((t) => t !== ASB);

  const specs = itemSpecs(data, allTypes);
  if (!specs.length) throw new Conflict(`No question of ${opts.slug} is linked to police.uk crime types in its metadata (crimeTypes).`);

  const source = await findingsSource(store, { slug: opts.slug, wave: opts.wave, compareWave: opts.compareWave });
  const report = source.report;
  const counts = await crimeCounts(store, period);
  const earlierCounts = comparePeriod ? await crimeCounts(store, comparePeriod) : null;
  const design = designOf(data.weights, data.calibration, data.sampleDesign);
  const wardCodes = groupCodes(data.answers, wardBreakdown);
  const threshold = report.threshold ?? DEFAULT_THRESHOLD;
  const wardNames = await areaNames(store);

  const items: PerceptionItem[] = specs.map((spec) => {
    const q = data.questions.find((x) => x.name === spec.question)!;
    const row = reportRows(q).find((r) => r.key === spec.category)!;
    const codes = categoryCodes(data.answers, q);
    const member = new Set(row.members);
    const inNet = Int32Array.from(codes, (c) => (c < 0 ? -1 : member.has(c) ? 1 : 0));
    const tests = wardVsRest(design, inNet, wardCodes, wardBreakdown.categories.length);
    const marks = breakdownReasons(
      tests.map((t) => (Number.isFinite(t.estimate) ? t.n : 0)),
      threshold,
    );
    const inputs: WardInput[] = wardBreakdown.categories.map((ward, g) => {
      const t = tests[g];
      const mark = marks[g];
      return {
        wardCode: ward.value,
        ward: wardNames.get(ward.value) ?? ward.label,
        worry: mark
          ? { estimate: null, ci: null, n: null, suppressed: true, reason: mark, vsRest: null }
          : {
              estimate: t.estimate,
              ci: confidenceInterval(report.ciMethod, t.estimate, t.seWard, t.n),
              n: t.n,
              suppressed: false,
              vsRest: Number.isFinite(t.p) ? { difference: t.difference, rest: t.rest, p: t.p } : null,
            },
        crime: { count: sumTypes(counts.get(ward.value), spec.crimeTypes), population: wardPopulation.get(ward.value) ?? 0 },
      };
    });
    const boroughEstimate = report.estimates.find((e) => e.group === null && e.question === spec.question && e.category === spec.category);
    const table = wardTable(
      inputs,
      { worry: boroughEstimate && !boroughEstimate.suppressed ? boroughEstimate.estimate : null },
      { permutations: opts.permutations },
    );
    let trend: PerceptionItem['trend'] = null;
    if (comparePeriod && earlierCounts) {
      const worry = report.changes?.find((c) => c.question === spec.question && c.category === spec.category) ?? null;
      const total = (m: Map<string, Map<string, number>>) => wardBreakdown.categories.reduce((s, w) => s + sumTypes(m.get(w.value), spec.crimeTypes), 0);
      const crime = crimeTrend(
        {
          from: comparePeriod.from,
          to: comparePeriod.to,
          months: comparePeriod.months,
          monthsWithData: comparePeriod.monthsWithData,
          count: total(earlierCounts),
          label: monthRange(comparePeriod.from, comparePeriod.to),
        },
        {
          from: period.from,
          to: period.to,
          months: period.months,
          monthsWithData: period.monthsWithData,
          count: total(counts),
          label: monthRange(period.from, period.to),
        },
      );
      trend = { worry, crime };
    }
    return {
      question: spec.question,
      construct: spec.construct,
      category: spec.category,
      label: row.label,
      crimeTypes: spec.crimeTypes,
      crimeLabel: spec.crimeLabel,
      wards: table.rows,
      borough: table.borough,
      spearman: table.spearman,
      quadrants: table.quadrants,
      overdispersion: table.overdispersion,
      per: table.per,
      trend,
    };
  });

  const findings = await surveyFindings(
    store,
    { slug: opts.slug, wave: opts.wave, compareWave: opts.compareWave },
    items.map((it) => ({
      question: it.question,
      construct: it.construct,
      category: it.category,
      crimeLabel: it.crimeLabel,
      table: {
        rows: it.wards,
        borough: it.borough,
        spearman: it.spearman,
        quadrants: it.quadrants,
        overdispersion: it.overdispersion,
        per: it.per,
        alpha: 0.05,
      },
      trend: it.trend,
      crimeComplete: coverage.complete,
    })),
    source,
  );

  const illustrative = await populationIsIllustrative(store.db);
  return {
    survey: report.survey,
    wave: report.wave,
    compareWave: opts.compareWave ?? null,
    syntheticNotice: report.syntheticNotice,
    illustrativePopulationNotice: illustrative ? ILLUSTRATIVE_RATES_NOTICE : null,
    crimeNotice: 'Recorded crime: police.uk street-level data (Open Government Licence v3.0), counted by the ward of each crime’s LSOA.',
    periods: { wave: period, compareWave: comparePeriod },
    coverage,
    threshold,
    method: [
      `Worry: weighted % (${report.ciMethod} 95% CI); a ward with fewer than ${threshold} answers is suppressed.`,
      'Ward vs borough: worry by a design-based t test of the ward against the rest of the borough, with the domain covariance; recorded crime by the ward’s count against what the borough rate predicts for its population, allowing for over-dispersion; p-values BH-adjusted across the wards of each item; "clear" = adjusted p < 0.05.',
      'Over-dispersion: recorded crime varies between wards more than chance alone would make it (crimes cluster, and wards differ in ways their population does not show), so a test that assumes pure chance calls most wards different. For each item the wards’ spread is measured against chance (φ, the mean squared z-score after the most extreme 10% at each end are pulled in; Spiegelhalter 2005), and when φ is above 1 each ward’s test and funnel limits are widened by √φ.',
      'Quadrants compare each ward with the rest of the borough; a ward is marked only where both differences are clear.',
      "Spearman's rank correlation over wards with an unsuppressed worry estimate; exact permutation p up to 9 wards, else Monte Carlo (9,999 permutations, fixed seed).",
      `Rates are per 1,000 residents over the crime period (${monthRange(period.from, period.to)}), not annualised; a month with no recorded crime imported is unknown, not zero, and no ward, correlation or trend finding is drawn from a period with months missing or not the wave's own.`,
    ],
    items,
    keyFindings: findings.findings,
  };
}

function itemSpecs(data: WaveData, allTypes: string[]): ItemSpec[] {
  const specs: ItemSpec[] = [];
  const reported = new Set(data.questions.map((q) => q.name));
  for (const meta of data.metadata?.questions ?? []) {
    if (!reported.has(meta.name)) continue;
    const q = data.questions.find((x) => x.name === meta.name)!;
    const nets = new Set(q.nets.map((n) => n.name));
    const types = (meta as { crimeTypes?: string[] }).crimeTypes;
    if (types?.length && nets.has('worried')) {
      specs.push({
        question: q.name,
        construct: q.construct,
        category: 'worried',
        crimeTypes: types,
        crimeLabel: types.map((t) => t.toLowerCase()).join(' and '),
      });
    }
    if (q.construct === SAFETY_AFTER_DARK && nets.has('unsafe')) {
      specs.push({ question: q.name, construct: q.construct, category: 'unsafe', crimeTypes: allTypes, crimeLabel: ALL_CRIME_LABEL });
      specs.push({ question: q.name, construct: q.construct, category: 'unsafe', crimeTypes: [VIOLENCE], crimeLabel: VIOLENCE.toLowerCase() });
    }
  }
  return specs;
}

interface ResolvedPeriod {
  period: CrimePeriod;
  /** The wave's own 12 months (from its close, else its last response), or the period given. */
  window: { from: string; to: string };
  basis: string;
}

/**
 * The crime period of a wave: the one given, else the 12 months to the month the wave closes
 * (its `closesAt` is the start of the closing day, so the last day of fieldwork is the day before),
 * else to the month of its last complete response (a wave with no closing date).
 */
async function resolvePeriod(
  store: Store,
  data: WaveData,
  months: string[],
  from: string | undefined,
  to: string | undefined,
  which: string,
): Promise<ResolvedPeriod> {
  let end: string;
  let basis: string;
  if (data.wave.closesAt) {
    const lastDay = new Date(new Date(data.wave.closesAt).getTime() - 1);
    end = lastDay.toISOString().slice(0, 7);
    basis = `the 12 months to the month the wave closed (its last day of fieldwork was ${lastDay.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })})`;
  } else {
    end = String(await lastCompleteResponseAt(store, data.wave.id)).slice(0, 7);
    basis = `the 12 months to the month of the wave's last response (${monthLabel(end)})`;
  }
  const given = !!(from || to);
  try {
    const period = crimePeriod(end, months, { from, to }, { label: monthRange });
    const window = given ? { from: period.from, to: period.to } : { from: addMonths(end, -(DEFAULT_PERIOD_MONTHS - 1)), to: end };
    return { period, window, basis: given ? 'the period chosen' : basis };
  } catch (e) {
    throw new BadRequest(`Crime period for the ${which}: ${(e as Error).message}`);
  }
}

/**
 * Which months of the crime period the store holds, per wave, and the warning to put at the top
 * (page, JSON, CLI) when any is missing or the period is not the wave's own. A missing month is
 * unknown, never zero; with any missing, no ward, correlation or trend finding is drawn.
 */
function crimeCoverage(stored: string[], wave: ResolvedPeriod, compare: ResolvedPeriod | null, waveName: string, compareName?: string): CrimeCoverage {
  const held = new Set(stored);
  const one = (r: ResolvedPeriod): PeriodCoverage => {
    const wanted = monthsBetween(r.period.from, r.period.to);
    const missing = wanted.filter((m) => !held.has(m));
    return {
      from: r.period.from,
      to: r.period.to,
      label: monthRange(r.period.from, r.period.to),
      basis: r.basis,
      window: { ...r.window, label: monthRange(r.window.from, r.window.to) },
      monthsWanted: wanted,
      monthsHeld: wanted.filter((m) => held.has(m)),
      missingMonths: missing,
      matchesWave: r.period.matchesWave,
      complete: r.period.matchesWave && missing.length === 0,
    };
  };
  const w = one(wave);
  const c = compare ? one(compare) : null;
  const problems = [sentence(w, `wave ${waveName}`), c ? sentence(c, `wave ${compareName}`) : null].filter((x): x is string => !!x);
  const complete = w.complete && (c?.complete ?? true);
  const latest = stored.at(-1);
  return {
    complete,
    latestMonth: latest ?? null,
    latestMonthLabel: latest ? monthLabel(latest) : null,
    warning: complete
      ? null
      : `${problems.join(' ')} A missing month is unknown, not zero, so no ward, correlation or trend finding is drawn. Import police.uk files for the missing months on the Data page (or with \`crime import\`), or choose a crime period whose months are all held.`,
    wave: w,
    compareWave: c,
  };
}

function sentence(c: PeriodCoverage, which: string): string | null {
  if (c.complete) return null;
  if (!c.matchesWave) {
    const heldText = c.monthsHeld.length ? `of which only ${monthRanges(c.monthsHeld)} is held` : 'none of which is held either';
    return (
      `Recorded crime does not cover the crime period of ${which} (${c.window.label}): no month of it is held, so the figures use the latest 12 months held instead (${c.label}), ${heldText}; ` +
      'crime and worry are not from the same time.'
    );
  }
  return `Recorded crime does not cover the crime period of ${which} (${c.label}): ${c.missingMonths.length} of its ${c.monthsWanted.length} months are missing (${monthRanges(c.missingMonths)}), so its crime figures count only the months held.`;
}

/** Ward → crime type → count over the period. */
async function crimeCounts(store: Store, period: CrimePeriod): Promise<Map<string, Map<string, number>>> {
  return await storedCrimeCounts(store, period.from, period.to);
}

function sumTypes(byType: Map<string, number> | undefined, types: string[]): number {
  if (!byType) return 0;
  return types.reduce((s, t) => s + (byType.get(t) ?? 0), 0);
}
