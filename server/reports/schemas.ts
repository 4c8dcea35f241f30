/**
 * The shapes of the report documents (GET …/report, GET …/perception): each zod schema is the
 * response declaration, the OpenAPI component and, through `z.infer`, the service's return type.
 * The statistics in analysis/ keep their own TypeScript types (they are tested against R without
 * the server); the checks at the end of this file make each schema and its analysis type equal, so
 * the two cannot drift.
 */
import { z } from '@hono/zod-openapi';
import type { FigureRef as AnalysisFigureRef, Finding as AnalysisFinding } from '../../analysis/findings/key-findings.js';
import type { CrimePeriod as AnalysisCrimePeriod } from '../../analysis/perception/periods.js';
import type { CrimeTrend as AnalysisCrimeTrend } from '../../analysis/perception/trend.js';
import type { WardRow as AnalysisWardRow, WardTable } from '../../analysis/perception/ward-table.js';
import type * as A from '../../analysis/report/types.js';
import type { WaveData } from './wave-data.js';
import { WeightingSummary } from '../weighting/schemas.js';

const proportion = (description: string) => z.number().nullable().openapi({ description, example: 0.54 });
const interval = z
  .tuple([z.number(), z.number()])
  .nullable()
  .openapi({ description: '95% confidence interval, lower and upper', example: [0.51, 0.57] });
const pValue = z.number().nullable().openapi({ example: 0.012 });

export const CiMethod = z.enum(['logit', 'beta', 'wilson']).openapi({ description: 'How the 95% CIs of proportions are computed', example: 'logit' });

const Group = z.object({
  variable: z.string().openapi({ example: 'sex' }),
  value: z.string().openapi({ example: 'female' }),
  label: z.string().openapi({ example: 'Female' }),
});

export const Estimate = z
  .object({
    question: z.string().openapi({ example: 'safe_after_dark' }),
    construct: z.string().openapi({ example: 'safety.after_dark.local' }),
    category: z.string().openapi({ example: 'safe' }),
    label: z.string().openapi({ example: 'Net: safe' }),
    net: z.boolean(),
    group: Group.nullable().openapi({ description: 'null for the whole wave' }),
    n: z.number().int().openapi({ description: 'Unweighted respondents in the base' }),
    nEffective: z.number().nullable().openapi({ description: 'Effective base (null for means, suppressed cells, and estimates of 0 or 1)' }),
    estimate: proportion('Weighted proportion (or mean); null when suppressed'),
    se: z.number().nullable(),
    ci: interval,
    suppressed: z.boolean(),
    reason: z.string().optional().openapi({ description: 'Why the estimate is suppressed', example: 'Base of 12 is below 30.' }),
  })
  .openapi('Estimate');

export const Comparison = z
  .object({
    question: z.string(),
    category: z.string(),
    variable: z.string().openapi({ example: 'sex' }),
    a: z.string().openapi({ example: 'female' }),
    b: z.string().openapi({ example: 'male' }),
    estimateA: z.number().nullable(),
    estimateB: z.number().nullable(),
    difference: z.number().nullable(),
    se: z.number().nullable(),
    t: z.number().nullable(),
    p: pValue,
    pAdjusted: pValue.openapi({ description: 'Benjamini-Hochberg adjusted within the question and breakdown' }),
    significant: z.boolean(),
    suppressed: z.boolean(),
    reason: z.string().optional(),
  })
  .openapi('Comparison');

export const Association = z
  .object({
    question: z.string(),
    variable: z.string(),
    F: z.number().nullable().openapi({ description: 'Rao-Scott F' }),
    ndf: z.number().nullable(),
    ddf: z.number().nullable(),
    p: pValue,
    pAdjusted: pValue,
    significant: z.boolean(),
    n: z.number().int(),
    reason: z.string().optional(),
  })
  .openapi('Association');

const WaveEnd = z.object({ wave: z.string().openapi({ example: '2025' }), n: z.number().int(), estimate: z.number().nullable() });

export const Change = z
  .object({
    question: z.string(),
    category: z.string(),
    label: z.string(),
    net: z.boolean(),
    from: WaveEnd,
    to: WaveEnd,
    difference: z.number().nullable().openapi({ description: 'This wave minus the earlier one' }),
    se: z.number().nullable(),
    p: pValue,
    pAdjusted: pValue.openapi({ description: 'Benjamini-Hochberg adjusted across all the changes of the report' }),
    significant: z.boolean(),
    suppressed: z.boolean(),
    reason: z.string().optional(),
  })
  .openapi('Change');

export const BaseNote = z.object({
  question: z.string(),
  excluded: z.array(z.string()).openapi({ example: ['dont_know'] }),
  note: z.string(),
});

export const Weighting = z
  .object({
    kind: z.enum(['calibrated', 'design']).openapi({ description: "'design' until the wave has been weighted to the population" }),
    method: z.enum(['raking', 'poststratification']).optional(),
    margins: z
      .array(z.string())
      .optional()
      .openapi({ example: ['sex', 'age_band', 'ward'] }),
    excluded: z.number().int().optional().openapi({ description: 'Responses left out of the weighting' }),
    illustrativeTargets: z.boolean().optional().openapi({ description: 'The targets are ILLUSTRATIVE population figures' }),
    calibration: WeightingSummary.optional().openapi({
      description: 'How the weights were made: method (also linear / logit calibration), bounds, respondents imputed a weighting cell, bounds not met',
    }),
  })
  .openapi('Weighting');

export const SurveyReport = z
  .object({
    survey: z.object({ slug: z.string().openapi({ example: 'resident-safety' }), title: z.string().openapi({ example: 'Resident safety survey' }) }),
    wave: z.string().openapi({ example: '2026' }),
    weighting: Weighting,
    syntheticNotice: z.string().nullable().openapi({ description: 'Set when any response in the report is made-up demo data' }),
    by: z.array(z.string()).openapi({ description: 'The breakdowns asked for', example: ['sex'] }),
    n: z.number().int().openapi({ description: 'Complete responses used', example: 1200 }),
    nEffective: z.number().openapi({ description: 'Kish effective sample size' }),
    marginOfError: z.number().openapi({ description: '95% margin at an estimate of 50%, as a proportion', example: 0.03 }),
    ciMethod: CiMethod,
    threshold: z.number().int().openapi({ description: 'Unweighted base below which an estimate is suppressed', example: 30 }),
    bases: z.array(BaseNote),
    estimates: z.array(Estimate),
    comparisons: z.array(Comparison),
    associations: z.array(Association),
    changes: z.array(Change).nullable().openapi({ description: 'null without compareWave' }),
  })
  .openapi('SurveyReport');

export type SurveyReport = z.infer<typeof SurveyReport>;

// Perception vs recorded crime.

export const CrimePeriod = z
  .object({
    from: z.string().openapi({ example: '2025-04' }),
    to: z.string().openapi({ example: '2026-03' }),
    months: z.number().int(),
    monthsWithData: z.number().int(),
    matchesWave: z.boolean().openapi({ description: 'False when the default window had no crime data and the latest months were used instead' }),
    note: z.string().optional(),
  })
  .openapi('CrimePeriod');

const MonthList = z.array(z.string()).openapi({ example: ['2018-02', '2018-03'] });

export const PeriodCoverage = z
  .object({
    from: z.string().openapi({ example: '2018-02' }),
    to: z.string().openapi({ example: '2019-01' }),
    label: z.string().openapi({ description: 'The period used, in UK form', example: 'February 2018 to January 2019' }),
    basis: z.string().openapi({ description: 'Why this period', example: "the 12 months to the month of the wave's last response (October 2026)" }),
    window: z
      .object({ from: z.string(), to: z.string(), label: z.string() })
      .openapi({ description: "The wave's own period (differs from the period used when none of it is held)" }),
    monthsWanted: MonthList.openapi({ description: 'Every month of the period used' }),
    monthsHeld: MonthList.openapi({ description: 'The months of the period with recorded crime imported' }),
    missingMonths: MonthList.openapi({ description: 'The months of the period not imported: unknown, never counted as zero' }),
    matchesWave: z.boolean(),
    complete: z.boolean().openapi({ description: "Every month held and the period is the wave's own" }),
  })
  .openapi('CrimePeriodCoverage');

export const CrimeCoverage = z
  .object({
    complete: z.boolean().openapi({ description: 'False: no ward, correlation or trend finding is drawn' }),
    warning: z.string().nullable().openapi({ description: 'What is missing, to show at the top; null when complete' }),
    latestMonth: z.string().nullable().openapi({ description: 'The latest month of recorded crime held', example: '2019-01' }),
    latestMonthLabel: z.string().nullable().openapi({ example: 'January 2019' }),
    wave: PeriodCoverage,
    compareWave: PeriodCoverage.nullable(),
  })
  .openapi('CrimeCoverage');

export type PeriodCoverage = z.infer<typeof PeriodCoverage>;
export type CrimeCoverage = z.infer<typeof CrimeCoverage>;

const PeriodCount = z.object({
  from: z.string(),
  to: z.string(),
  months: z.number().int(),
  count: z.number().int(),
  monthsWithData: z.number().int().optional(),
  label: z.string().optional().openapi({ example: 'February 2018 to January 2019' }),
});

export const CrimeTrend = z
  .object({
    earlier: PeriodCount,
    later: PeriodCount,
    ratio: z.number().nullable().openapi({ description: 'Later rate / earlier rate (per month)' }),
    ci: interval,
    p: pValue,
    significant: z.boolean(),
    reason: z.string().optional(),
  })
  .openapi('CrimeTrend');

const Quadrant = z.enum(['high worry, high crime', 'high worry, low crime', 'low worry, high crime', 'low worry, low crime']);

export const WardRow = z
  .object({
    ward: z.string().openapi({ example: 'High Street' }),
    wardCode: z.string().openapi({ example: 'E05005068' }),
    worry: z.object({ estimate: z.number().nullable(), ci: interval, n: z.number().int(), suppressed: z.boolean(), reason: z.string().optional() }),
    crime: z.object({
      count: z.number().int(),
      population: z.number(),
      rate: z.number().nullable().openapi({ description: 'Per 1,000 residents over the crime period' }),
      ci: interval,
    }),
    worryVsBorough: z.object({
      difference: z.number().nullable(),
      rest: z.number().nullable(),
      p: pValue,
      pAdjusted: pValue,
      clear: z.boolean(),
    }),
    crimeVsBorough: z.object({
      ratio: z.number().nullable(),
      restRate: z.number().nullable(),
      ci: interval,
      p: pValue,
      pAdjusted: pValue,
      clear: z.boolean(),
    }),
    quadrant: Quadrant.nullable(),
    marked: z.boolean().openapi({ description: 'Both differences from the rest of the borough are clear' }),
  })
  .openapi('PerceptionWardRow');

const Spearman = z.union([
  z.object({
    n: z.number().int(),
    rho: z.number(),
    pValue: z.number(),
    method: z.enum(['exact', 'permutation']),
    permutations: z.number().int(),
    seed: z.number().nullable(),
    ties: z.boolean(),
    wards: z.number().int(),
  }),
  z.object({ reason: z.string() }),
]);

const FigureRef = z.discriminatedUnion('type', [
  z.object({ type: z.literal('estimate'), question: z.string(), category: z.string(), group: Group.nullable() }),
  z.object({ type: z.literal('comparison'), question: z.string(), category: z.string(), variable: z.string(), a: z.string(), b: z.string() }),
  z.object({ type: z.literal('change'), question: z.string(), category: z.string(), from: z.string(), to: z.string() }),
  z.object({ type: z.literal('ward'), question: z.string(), category: z.string(), crimeLabel: z.string(), wardCode: z.string() }),
  z.object({ type: z.literal('spearman'), question: z.string(), category: z.string(), crimeLabel: z.string() }),
  z.object({ type: z.literal('crime-trend'), question: z.string(), category: z.string(), crimeLabel: z.string() }),
]);

export const Finding = z
  .object({
    text: z.string().openapi({ example: 'Fewer residents feel safe in their local area after dark than in 2025: 54% vs 60% (significant).' }),
    kind: z.enum(['change', 'group-difference', 'highest-worry', 'perception-ward', 'perception-correlation', 'perception-trend']),
    figures: z.array(FigureRef).openapi({ description: 'The figures the finding rests on' }),
  })
  .openapi('Finding');

export const PerceptionItem = z
  .object({
    question: z.string(),
    construct: z.string(),
    category: z.string().openapi({ description: "The net reported, e.g. 'worried', 'unsafe'" }),
    label: z.string(),
    crimeTypes: z.array(z.string()).openapi({ example: ['Burglary'] }),
    crimeLabel: z.string().openapi({ example: 'burglary' }),
    wards: z.array(WardRow),
    borough: z.object({
      worry: z.number().nullable(),
      crime: z.object({ count: z.number().int(), population: z.number(), rate: z.number(), ci: z.tuple([z.number(), z.number()]) }).nullable(),
    }),
    spearman: Spearman,
    quadrants: z.record(Quadrant, z.object({ wards: z.number().int(), marked: z.array(z.string()) })),
    per: z.number().openapi({ example: 1000 }),
    trend: z.object({ worry: Change.nullable(), crime: CrimeTrend.nullable() }).nullable().openapi({ description: 'null without compareWave' }),
  })
  .openapi('PerceptionItem');

export const PerceptionReport = z
  .object({
    survey: z.object({ slug: z.string(), title: z.string() }),
    wave: z.string().openapi({ example: '2026' }),
    compareWave: z.string().nullable(),
    syntheticNotice: z.string().nullable(),
    illustrativePopulationNotice: z.string().nullable(),
    crimeNotice: z.string(),
    periods: z.object({ wave: CrimePeriod, compareWave: CrimePeriod.nullable() }),
    coverage: CrimeCoverage,
    threshold: z.number().int(),
    method: z.array(z.string()),
    items: z.array(PerceptionItem),
    keyFindings: z.array(Finding),
  })
  .openapi('PerceptionReport');

export type PerceptionItem = z.infer<typeof PerceptionItem>;
export type PerceptionReport = z.infer<typeof PerceptionReport>;

// Each schema against the analysis type it describes: a field added, removed or retyped on either
// side fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function same<_T extends true>() {}
same<Same<z.infer<typeof CiMethod>, A.CiMethod>>();
same<Same<z.infer<typeof Estimate>, A.Estimate>>();
same<Same<z.infer<typeof Comparison>, A.Comparison>>();
same<Same<z.infer<typeof Association>, A.Association>>();
same<Same<z.infer<typeof Change>, A.Change>>();
same<Same<z.infer<typeof BaseNote>, A.BaseNote>>();
same<Same<Omit<z.infer<typeof SurveyReport>, 'survey' | 'wave' | 'weighting' | 'syntheticNotice' | 'by' | 'changes'>, A.WaveReport>>();
same<Same<z.infer<typeof Weighting>, WaveData['weighting']>>();
same<Same<z.infer<typeof CrimePeriod>, AnalysisCrimePeriod>>();
same<Same<z.infer<typeof CrimeTrend>, AnalysisCrimeTrend>>();
same<Same<z.infer<typeof WardRow>, AnalysisWardRow>>();
same<Same<z.infer<typeof PerceptionItem>['spearman'], WardTable['spearman']>>();
same<Same<z.infer<typeof PerceptionItem>['borough'], WardTable['borough']>>();
same<Same<z.infer<typeof PerceptionItem>['quadrants'], WardTable['quadrants']>>();
same<Same<z.infer<typeof FigureRef>, AnalysisFigureRef>>();
same<Same<z.infer<typeof Finding>, AnalysisFinding>>();

// Query parameters (GET …/report, …/perception, the downloads).

/** A comma-separated list of breakdowns, as the list of names (empty when none). */
export const ByList = z
  .string()
  .max(1000)
  .optional()
  .transform((s) =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : [],
  )
  .openapi({ description: 'Breakdowns: question names, comma-separated (see GET /api/officer/surveys)', example: 'sex,age_band' });

/** Another wave of the survey, or none ('' counts as none). */
const CompareWave = z
  .string()
  .max(100)
  .optional()
  .transform((s) => s || undefined)
  .openapi({ description: 'Another wave of the survey: adds the change since it', example: '2025' });

const MONTH = /^(\d{4}-(0[1-9]|1[0-2]))?$/;
const month = (name: string, description: string, example: string) =>
  z
    .string()
    .regex(MONTH, { error: (iss) => `${name} must be a month written YYYY-MM (e.g. ${example}), not '${String(iss.input)}'.` })
    .optional()
    .transform((s) => s || undefined)
    .openapi({ description, example });

export const ReportQuery = z.object({
  by: ByList,
  compareWave: CompareWave,
  ci: z
    .enum(['logit', 'beta', 'wilson'], { error: (iss) => `Unknown CI method '${String(iss.input)}': use logit, beta or wilson.` })
    .optional()
    .openapi({ description: '95% CI method for proportions (default logit)', example: 'logit' }),
});

export const DownloadQuery = z.object({ by: ByList, compareWave: CompareWave });

export const PerceptionQuery = z.object({
  compareWave: CompareWave,
  from: month('from', 'First month of the crime period (YYYY-MM); default the 12 months to the last response', '2025-04'),
  to: month('to', 'Last month of the crime period (YYYY-MM)', '2026-03'),
  compareFrom: month('compareFrom', "First month of the comparison wave's crime period", '2024-04'),
  compareTo: month('compareTo', "Last month of the comparison wave's crime period", '2025-03'),
});
