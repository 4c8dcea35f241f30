/**
 * Small-area estimates for wards: the Fay–Herriot model (analysis/small-area/fay-herriot.ts) fitted
 * to a wave's weighted ward direct estimates of one question × category, with their design
 * variances, and an optional ward covariate (recorded crime per 1,000 residents over a period).
 *
 * Decisions:
 * - Direct estimates and SEs are the ones the perception table uses (analysis/perception/ward-vs-rest.ts:
 *   the weighted ward proportion and its domain SE, calibration-aware); ψ_i = SE².
 * - A ward with fewer answers than the threshold (30) has no direct estimate (as in every report)
 *   and is left out of the model, as is a ward whose design variance is 0 (all or none in the
 *   category) or, with a covariate, one without a population figure. Their `model` is null, with
 *   the reason: a ward is not given a regression estimate it has no data for.
 * - Covariate: `crime-rate` = the item's crime types (its metadata `crimeTypes`) or the one type
 *   given; `all-crime` = every type but anti-social behaviour; `none` = intercept only (the default).
 *   Rate = 1,000 · count / population over the whole period (not annualised).
 * - Crime period: as the perception report (the 12 months to the wave's last response, else the
 *   latest 12 imported, with a note). A period with a month that has no imported crime is refused:
 *   a missing month would count as none and lower every ward's rate.
 * - σ²u = 0 or no convergence: the model falls back to the direct estimates and says why (`fallback`).
 *
 * @example
 * wardEstimates(store, { slug: 'resident-safety', wave: '2026', question: 'worry_burglary', category: 'worried',
 *   covariate: 'crime-rate', from: '2019-01', to: '2019-01' })
 * // { sigma2u: 0.0021, covariate: 'crime-rate', coefficients: [0.29, 0.004], wards: [{ ward: 'E05004982', … }], … }
 */
import { breakdownReasons } from '../../analysis/disclosure/suppress.js';
import { ratePer1000 } from '../../analysis/crime/rates.js';
import { monthLabel, monthRange } from '../formats/dates.js';
import { addMonths, crimePeriod, type CrimePeriod, DEFAULT_PERIOD_MONTHS } from '../../analysis/perception/periods.js';
import { wardVsRest } from '../../analysis/perception/ward-vs-rest.js';
import { DEFAULT_THRESHOLD, reportRows } from '../../analysis/report/build-report.js';
import { categoryCodes, groupCodes } from '../../analysis/report/codes.js';
import { designOf } from '../../analysis/report/tables.js';
import { fayHerriot, minimumAreas } from '../../analysis/small-area/fay-herriot.js';
import { populationByWard } from '../areas/population.js';
import { populationIsIllustrative } from '../areas/queries.js';
import { BadRequest, Conflict, Unprocessable } from '../errors.js';
import { ILLUSTRATIVE_RATES_NOTICE, syntheticResponsesNotice } from '../notices.js';
import type { Store } from '../store/open.js';
import { ALL_CRIME_LABEL, ASB } from './perception.js';
import { areaNames, crimeCounts, crimeMonths, crimeTypes, lastCompleteResponseAt } from './queries.js';
import type { WardEstimates } from './ward-estimates-schema.js';
import { loadWaveData, type WaveData } from './wave-data.js';

export type { WardEstimates } from './ward-estimates-schema.js';
export type CovariateKind = WardEstimates['covariate'];

export interface WardEstimatesOptions {
  slug: string;
  wave: string;
  question: string;
  category: string;
  covariate?: CovariateKind;
  crimeType?: string;
  from?: string;
  to?: string;
}

interface Covariate {
  label: string;
  crimeTypes: string[];
  period: CrimePeriod;
  /** Ward code → rate per 1,000 (no entry without a population figure). */
  rates: Map<string, number>;
  /** Why the crime and the survey are not from the same time, if they are not. */
  note: string | null;
}

export async function wardEstimates(store: Store, opts: WardEstimatesOptions): Promise<WardEstimates> {
  const kind = opts.covariate ?? 'none';
  if (opts.crimeType && kind !== 'crime-rate') throw new BadRequest('A crime type goes with the covariate crime-rate only.', { field: 'crimeType' });
  if (kind === 'none' && (opts.from || opts.to))
    throw new BadRequest('A crime period goes with a crime covariate (crime-rate or all-crime) only.', { field: 'from' });

  const data = await loadWaveData(store, opts.slug, opts.wave);
  const wardBreakdown = data.breakdowns.find((b) => b.name === 'ward');
  if (!wardBreakdown) throw new BadRequest(`${opts.slug} has no ward question, so there are no ward estimates to model.`);
  const q = data.questions.find((x) => x.name === opts.question);
  if (!q) throw new BadRequest(`${opts.slug} has no question '${opts.question}'.`, { field: 'question' });
  if (q.kind === 'numeric' || q.kind === 'multi') {
    throw new BadRequest(`'${opts.question}' is not a single-choice question: the ward model is for the proportion giving one answer.`, { field: 'question' });
  }
  if (q.name === wardBreakdown.name) throw new BadRequest('The ward question itself cannot be estimated ward by ward.', { field: 'question' });
  const rows = reportRows(q);
  const row = rows.find((r) => r.key === opts.category);
  if (!row) {
    throw new BadRequest(`'${opts.question}' has no category or net '${opts.category}'. It has: ${rows.map((r) => r.key).join(', ')}.`, { field: 'category' });
  }

  const covariate = kind === 'none' ? null : await crimeCovariate(store, data, kind, opts);
  const names = await areaNames(store);
  const design = designOf(data.weights, data.calibration, data.sampleDesign);
  const member = new Set(row.members);
  const inNet = Int32Array.from(categoryCodes(data.answers, q), (c) => (c < 0 ? -1 : member.has(c) ? 1 : 0));
  const tests = wardVsRest(design, inNet, groupCodes(data.answers, wardBreakdown), wardBreakdown.categories.length);
  const threshold = DEFAULT_THRESHOLD;

  // The wards add up to the borough figure: a small ward is hidden with a second one (as in the
  // perception table), and a hidden ward's base is not given, as it would be the borough's minus the rest.
  const marks = breakdownReasons(
    tests.map((t) => (Number.isFinite(t.estimate) ? t.n : 0)),
    threshold,
  );
  const wards = wardBreakdown.categories.map((w, g) => {
    const t = tests[g];
    const hidden = marks[g];
    const shown = hidden === null;
    const x = covariate ? (covariate.rates.get(w.value) ?? null) : undefined;
    const reason = !shown
      ? t.n === 0
        ? 'No respondents in this ward.'
        : `${hidden.replace(/\.$/, '')}: no direct estimate, so the ward is not in the model.`
      : !(t.seWard > 0)
        ? 'The design variance is 0 (every answer is in, or every answer is out of, the category), so the ward is not in the model.'
        : x === null
          ? 'No population figure, so no crime rate: the ward is not in the model.'
          : undefined;
    return {
      code: w.value,
      name: names.get(w.value) ?? w.label,
      n: shown ? t.n : null,
      direct: shown ? t.estimate : null,
      directSe: shown ? t.seWard : null,
      x,
      reason,
    };
  });

  const used = wards.filter((w) => !w.reason);
  const needed = minimumAreas(covariate ? 2 : 1);
  if (used.length < needed) {
    const reasons = new Map<string, number>();
    for (const w of wards) if (w.reason) reasons.set(w.reason, (reasons.get(w.reason) ?? 0) + 1);
    throw new Unprocessable(
      `Only ${used.length} of the ${wards.length} wards can go into the model, which needs at least ${needed}. ` +
        [...reasons].map(([reason, k]) => `${k} ward${k === 1 ? '' : 's'}: ${reason}`).join(' '),
    );
  }
  const xs = covariate ? used.map((w) => w.x!) : undefined;
  if (xs?.every((v) => v === xs[0])) {
    throw new Unprocessable(`The ${covariate!.label} is the same in every ward, so it cannot explain differences between wards: use --covariate none.`);
  }
  const fit = fayHerriot(
    used.map((w) => w.direct!),
    used.map((w) => w.directSe! ** 2),
    xs,
  );
  const byCode = new Map(used.map((w, i) => [w.code, fit.areas[i]]));

  const notes: string[] = [];
  if (covariate?.note) notes.push(covariate.note);
  const left = wards.filter((w) => w.reason);
  if (left.length) notes.push(`${left.length} of ${wards.length} wards are not in the model: ${left.map((w) => w.name).join(', ')}.`);
  const illustrative = covariate !== null && (await populationIsIllustrative(store.db));

  return {
    survey: { slug: data.survey.slug, title: data.survey.title },
    wave: data.wave.name,
    question: q.name,
    category: row.key,
    label: row.label,
    sigma2u: fit.sigma2u,
    covariate: kind,
    covariateLabel: covariate?.label ?? null,
    crimeTypes: covariate?.crimeTypes ?? [],
    period: covariate ? { from: covariate.period.from, to: covariate.period.to, months: covariate.period.months } : null,
    coefficients: fit.coefficients,
    fallback: fit.fallback,
    wardsInModel: used.length,
    threshold,
    syntheticNotice: syntheticResponsesNotice(data.synthetic),
    illustrativePopulationNotice: illustrative ? ILLUSTRATIVE_RATES_NOTICE : null,
    notes,
    method: [
      'Model-based (Fay–Herriot): each ward’s direct estimate = regression on the covariate + a ward effect + sampling error with its design variance; it borrows strength from the other wards' +
        (covariate ? ` and from the ${covariate.label}.` : ' (intercept only: no covariate).'),
      'Between-ward variance σ²u by REML; the model-based estimate (EBLUP) weighs the ward’s own estimate by σ²u / (σ²u + its variance) and the regression line by the rest; its RMSE by Prasad–Rao.',
      `Wards with fewer than ${threshold} answers have no direct estimate and are not in the model, nor is a second ward hidden so that a small one cannot be worked out from the borough figure.`,
    ],
    wards: wards.map((w) => {
      const a = byCode.get(w.code);
      return {
        ward: w.code,
        name: w.name,
        n: w.n,
        direct: w.direct,
        directSe: w.directSe,
        ...(covariate ? { x: w.x } : {}),
        model: a ? a.model : null,
        modelRmse: a ? Math.sqrt(a.modelMse) : null,
        ...(w.reason ? { reason: w.reason } : {}),
      };
    }),
  };
}

async function crimeCovariate(store: Store, data: WaveData, kind: 'crime-rate' | 'all-crime', opts: WardEstimatesOptions): Promise<Covariate> {
  const months = await crimeMonths(store);
  if (!months.length) {
    throw new Conflict(
      'No recorded crime has been imported yet: add police.uk street-level files on the Data page (or with `crime import --file …`), or use --covariate none.',
    );
  }
  const population = await populationByWard(store);
  if (!population.size) {
    throw new Conflict(
      'No population figures have been loaded, so there is no crime rate per 1,000 residents: add them on the Data page (or with `population import`).',
    );
  }
  const stored = await crimeTypes(store);
  let types: string[];
  let what: string;
  if (kind === 'all-crime') {
    types = stored.filter((t) => t !== ASB);
    what = ALL_CRIME_LABEL;
  } else if (opts.crimeType) {
    if (!stored.includes(opts.crimeType)) {
      throw new BadRequest(`No recorded crime of type '${opts.crimeType}' is stored. Stored types: ${stored.join(', ')}.`, { field: 'crimeType' });
    }
    types = [opts.crimeType];
    what = opts.crimeType.toLowerCase();
  } else {
    const meta = data.metadata?.questions?.find((m) => m.name === opts.question) as { crimeTypes?: string[] } | undefined;
    if (!meta?.crimeTypes?.length) {
      throw new BadRequest(`'${opts.question}' is not linked to police.uk crime types: give a crime type, or use the covariate all-crime.`, {
        field: 'crimeType',
      });
    }
    types = meta.crimeTypes;
    what = types.map((t) => t.toLowerCase()).join(' and ');
  }

  const last = await lastCompleteResponseAt(store, data.wave.id);
  let period: CrimePeriod;
  try {
    period = crimePeriod(String(last).slice(0, 7), months, { from: opts.from, to: opts.to }, { label: monthRange });
  } catch (e) {
    throw new BadRequest(`Crime period: ${(e as Error).message}`, { field: 'from' });
  }
  if (period.monthsWithData < period.months) {
    throw new Conflict(
      `Recorded crime is imported for only ${period.monthsWithData} of the ${period.months} months of ${monthRange(period.from, period.to)}; ` +
        'a missing month would count as no crime and lower every rate. Give a period whose months are all imported (from and to), or use the covariate none.',
    );
  }
  const counts = await crimeCounts(store, period.from, period.to);
  const rates = new Map<string, number>();
  for (const [code, pop] of population) {
    if (!(pop > 0)) continue;
    const byType = counts.get(code);
    const count = types.reduce((s, t) => s + (byType?.get(t) ?? 0), 0);
    rates.set(code, ratePer1000(count, pop).rate);
  }
  const lastMonth = String(last).slice(0, 7);
  const note =
    !period.matchesWave && period.note
      ? period.note
      : /^\d{4}-\d{2}$/.test(lastMonth) && period.to < addMonths(lastMonth, -(DEFAULT_PERIOD_MONTHS - 1))
        ? `The crime period (${monthRange(period.from, period.to)}) ends before the 12 months to the wave's last response (${monthLabel(lastMonth)}): crime and survey figures are not from the same time.`
        : null;
  return { label: `${what} per 1,000 residents, ${monthRange(period.from, period.to)}`, crimeTypes: types, period, rates, note };
}
