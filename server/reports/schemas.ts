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
    n: z.number().int().nullable().openapi({
      description: 'Unweighted respondents in the base; null when suppressed (with the published total it would give the hidden group by subtraction)',
      example: 412,
    }),
    nEffective: z.number().nullable().openapi({ description: 'Effective base (null for means, suppressed cells, and estimates of 0 or 1)' }),
    estimate: proportion('Weighted proportion (or mean); null when suppressed'),
    se: z.number().nullable(),
    ci: interval,
    suppressed: z.boolean(),
    reason: z.string().optional().openapi({ description: 'Why the estimate is suppressed', example: 'Fewer than 30 replies, so hidden.' }),
    caution: z.string().optional().openapi({
      description: 'Set when the effective base is below 100: the figure is rough',
      example: 'Effective base of 64 is below 100: a rough figure, treat it with caution.',
    }),
    fixedByWeighting: z.boolean().optional().openapi({
      description: 'Overall shares of a weighted wave: true when a weighting margin sets this share (it has no sampling error, so its ci is the share itself)',
    }),
    df: z
      .number()
      .int()
      .optional()
      .openapi({ description: "With a declared sample design: the design degrees of freedom of the estimate's base (PSUs minus strata), used for its CI" }),
  })
  .openapi('Estimate');

export const SampleDesign = z
  .object({
    strata: z.number().int().openapi({ description: 'Strata in the design (1 when only clusters were declared)', example: 26 }),
    psus: z.number().int().openapi({ description: 'PSUs (clusters); the respondents themselves when no PSU was declared', example: 104 }),
    clustered: z.boolean().openapi({ description: 'Whether PSUs (clusters) were declared' }),
    fpc: z.boolean().openapi({ description: 'Whether a finite population correction was declared' }),
    df: z.number().int().openapi({ description: 'Design degrees of freedom: PSUs minus strata (R degf)', example: 78 }),
    text: z.string().openapi({ description: "The design in words, for the report's method text" }),
  })
  .openapi('SampleDesign');

export const Comparison = z
  .object({
    question: z.string(),
    category: z.string(),
    variable: z.string().openapi({ example: 'sex' }),
    against: z.enum(['group', 'rest']).openapi({
      description: "'group': group a against group b; 'rest': group a against the rest of the sample (everyone else who answered the breakdown; b is '_rest')",
      example: 'group',
    }),
    a: z.string().openapi({ example: 'female' }),
    b: z.string().openapi({ description: "The other group, or '_rest' for the rest of the sample", example: 'male' }),
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
    n: z.number().int().nullable().openapi({ description: 'Respondents who answered both; null below the threshold' }),
    reason: z.string().optional(),
  })
  .openapi('Association');

const WaveEnd = z.object({
  wave: z.string().openapi({ example: '2025' }),
  n: z.number().int().nullable().openapi({ description: "Unweighted base of that wave's estimate; null when it is suppressed" }),
  estimate: z.number().nullable(),
});

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

export const ReportFilter = z
  .object({
    variable: z.string().openapi({ example: 'ward' }),
    title: z.string().openapi({ example: 'Which ward do you live in?' }),
    values: z.array(z.object({ value: z.string(), label: z.string() })).openapi({ example: [{ value: 'E05005068', label: 'High Street' }] }),
    n: z.number().int().openapi({ description: 'Respondents in this filter (of the complete responses used)', example: 312 }),
  })
  .openapi('ReportFilter');

/** The partial (unfinished) responses of the wave and what the analysis did with them. */
export const Unfinished = z
  .object({
    available: z.number().int().openapi({ description: 'Partial (unfinished) responses the wave holds', example: 140 }),
    included: z.number().int().openapi({ description: 'Of them, how many are in this analysis (0 unless partial=include)', example: 0 }),
    note: z.string().nullable().openapi({ description: 'In words, when any are included or some asked for could not be' }),
  })
  .openapi('Unfinished');

export const SurveyReport = z
  .object({
    detail: z
      .literal('full')
      .openapi({ description: "The report in full: every row an object with every field (the API's `detail=full`, and the CLI's JSON)" }),
    survey: z.object({ slug: z.string().openapi({ example: 'resident-safety' }), title: z.string().openapi({ example: 'Resident safety survey' }) }),
    wave: z.string().openapi({ example: '2026' }),
    weighting: Weighting,
    syntheticNotice: z.string().nullable().openapi({ description: 'Set when any response in the report is made-up demo data' }),
    by: z.array(z.string()).openapi({ description: 'The breakdowns asked for', example: ['sex'] }),
    crosstabs: z
      .array(z.string())
      .openapi({ description: 'The cross-tabs asked for: breakdowns whose groups are the combinations of two (values `a*b`)', example: ['sex*age_band'] }),
    filters: z.array(ReportFilter).openapi({
      description:
        'The filters asked for. Respondents outside them count as not answering but stay in the design (domain estimation), so bases, suppression and SEs are those of the filtered group',
    }),
    n: z.number().int().openapi({ description: 'Responses used: the complete ones, and the unfinished ones with partial=include', example: 1200 }),
    unfinished: Unfinished,
    nEffective: z.number().openapi({ description: 'Kish effective sample size' }),
    marginOfError: z.number().openapi({ description: '95% margin at an estimate of 50%, as a proportion', example: 0.03 }),
    ciMethod: CiMethod,
    threshold: z.number().int().openapi({ description: 'Unweighted base below which an estimate is suppressed', example: 30 }),
    bases: z.array(BaseNote),
    estimates: z.array(Estimate),
    comparisons: z.array(Comparison),
    comparisonRules: z
      .array(
        z.object({
          variable: z.string().openapi({ example: 'ward' }),
          groups: z.number().int().openapi({ description: 'Groups in the breakdown', example: 26 }),
          against: z.enum(['group', 'rest']).openapi({ description: "'group': every pair of groups; 'rest': each group against the rest of the sample" }),
          text: z.string().openapi({ description: 'The rule in words' }),
        }),
      )
      .openapi({ description: 'How the groups of each breakdown were compared, one per breakdown' }),
    comparisonMethod: z.string().openapi({ description: "The comparison rule as a paragraph for the report's method text" }),
    associations: z.array(Association),
    sampleDesign: SampleDesign.nullable().openapi({
      description: 'The complex sample declared at import (strata, PSUs, fpc), which every estimate, CI and test uses; null when none was declared',
    }),
    changes: z.array(Change).nullable().openapi({ description: 'null without compareWave' }),
  })
  .openapi('SurveyReport', {
    description:
      "The report in full (`detail=full`). On the API the numbers of the comparisons, associations and changes that are not whole are given to 13 significant digits (the digits beyond are arithmetic noise, far below the sampling error); the estimates keep every digit, as the CLI's JSON and the downloads do",
  });

export type SurveyReport = z.infer<typeof SurveyReport>;

// The lean report (the API's default): the same information in under half the bytes.

const column = <T extends z.ZodType>(item: T, description?: string) => (description ? z.array(item).openapi({ description }) : z.array(item));

export const EstimateColumns = z
  .object({
    question: column(z.string()),
    category: column(z.string()),
    variable: column(z.string().nullable(), "The group's breakdown (`group.variable` in full); null for the whole wave"),
    value: column(z.string().nullable(), 'The group (`group.value` in full); null for the whole wave'),
    n: column(z.number().int().nullable(), 'Unweighted base; null when suppressed (it would give the hidden group by subtraction)'),
    nEffective: column(z.number().nullable()),
    estimate: column(z.number().nullable()),
    se: column(z.number().nullable()),
    ci: column(interval),
    suppressed: column(z.boolean()),
    reason: column(z.string().nullable(), 'Why the estimate is suppressed; null when it is not'),
    fixedByWeighting: column(z.boolean().nullable(), 'As in full; null where the full row has no fixedByWeighting'),
    df: column(z.number().int().nullable(), 'As in full; null where the full row has no df (no sample design declared)'),
  })
  .openapi('EstimateColumns', {
    description:
      "The estimates as columns: row i of the full report's `estimates` is entry i of every column. Its `label`, `net` and `construct` are in `labels.questions`, the group's label in `labels.groups`, and its `caution` is set when `nEffective` is below `cautionBelow` (the full row says so in words)",
  });

export const ComparisonColumns = z
  .object({
    question: column(z.string()),
    category: column(z.string()),
    variable: column(z.string()),
    against: column(z.enum(['group', 'rest'])),
    a: column(z.string()),
    b: column(z.string(), "The other group, or '_rest' for the rest of the sample"),
    estimateB: column(z.number().nullable(), "Group b's estimate, or the rest of the sample's"),
    difference: column(z.number().nullable()),
    se: column(z.number().nullable()),
    p: column(pValue),
    pAdjusted: column(pValue),
    significant: column(z.boolean()),
    suppressed: column(z.boolean()),
    reason: column(z.string().nullable(), 'Why the comparison is not made; null when it is'),
  })
  .openapi('ComparisonColumns', {
    description:
      "The comparisons as columns: row i of the full report's `comparisons` is entry i of every column. `estimateA` is group a's estimate (the estimate of `question`, `category`, `variable` = a), and `t` is `difference / se` (null when that is not a finite number: a difference without variance)",
  });

export const ReportLabels = z
  .object({
    questions: z
      .record(
        z.string(),
        z.object({
          construct: z.string().openapi({ example: 'safety.after_dark.local' }),
          categories: z.record(z.string(), z.object({ label: z.string().openapi({ example: 'Net: safe' }), net: z.boolean() })),
        }),
      )
      .openapi({ description: 'Per question: its construct, and the label of each category and net (and whether it is a net)' }),
    groups: z
      .record(z.string(), z.record(z.string(), z.string()))
      .openapi({ description: 'Per breakdown, the label of each group', example: { sex: { female: 'Female', male: 'Male' } } }),
  })
  .openapi('ReportLabels');

export const SurveyReportLean = SurveyReport.omit({ detail: true, estimates: true, comparisons: true })
  .extend({
    detail: z
      .literal('lean')
      .openapi({ description: 'The lean report (the default): estimates and comparisons as columns, labels once; `detail=full` gives every row in full' }),
    labels: ReportLabels,
    cautionBelow: z.number().int().openapi({ description: 'An estimate whose effective base is below this carries a caution: a rough figure', example: 100 }),
    estimates: EstimateColumns,
    comparisons: ComparisonColumns,
  })
  .openapi('SurveyReportLean', {
    description:
      "The report with the full report's information in under half the bytes: its estimates and comparisons as columns (entry i of each is row i of the full report), labels given once, and no field that another gives already. Numbers that are not whole are given to 13 significant digits (the digits beyond are arithmetic noise, far below the sampling error)",
  });

export type SurveyReportLean = z.infer<typeof SurveyReportLean>;

const Categories = z.array(z.object({ value: z.string(), label: z.string() }));
const Listed = z.object({ name: z.string().openapi({ example: 'ward' }), title: z.string(), categories: Categories });

export const ReportContents = z
  .object({
    survey: z.object({ slug: z.string().openapi({ example: 'resident-safety' }), title: z.string() }),
    wave: z.string().openapi({ example: '2026' }),
    n: z
      .number()
      .int()
      .openapi({ description: 'Responses the report rests on: the complete ones, and the unfinished ones with partial=include', example: 2200 }),
    unfinished: Unfinished,
    questions: z
      .array(
        z.object({
          name: z.string().openapi({ example: 'worry_burglary' }),
          title: z.string().openapi({
            description: 'As the report shows it: an item of a shared question carries its stem',
            example: 'How worried are you about: Someone breaking into your home',
          }),
          kind: z.enum(['single', 'multi', 'numeric']),
          section: z.string().nullable().openapi({ description: 'The title of the page the question is on', example: 'Worries about crime' }),
        }),
      )
      .openapi({ description: 'The questions of the report, in questionnaire order' }),
    breakdowns: z.array(Listed).openapi({ description: 'What `by` and `crosstab` accept' }),
    filters: z.array(Listed).openapi({ description: 'What `filter` accepts: the variables and their values' }),
  })
  .openapi('ReportContents');

export type ReportContents = z.infer<typeof ReportContents>;

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
    worry: z.object({
      estimate: z.number().nullable(),
      ci: interval,
      n: z
        .number()
        .int()
        .nullable()
        .openapi({ description: 'Unweighted base; null when suppressed (with the borough figure it would give the hidden ward by subtraction)' }),
      suppressed: z.boolean(),
      reason: z.string().optional(),
    }),
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
      ratio: z.number().nullable().openapi({ description: 'Ward rate / rest-of-borough rate' }),
      restRate: z.number().nullable(),
      ci: interval.openapi({ description: 'Exact Poisson 95% interval of the ratio (pure Poisson: narrower than the over-dispersed test when φ > 1)' }),
      p: pValue.openapi({ description: 'Two-sided, against the borough rate allowing for over-dispersion (funnel.zAdjusted)' }),
      pAdjusted: pValue,
      clear: z.boolean(),
      funnel: z
        .object({
          expected: z.number().openapi({ description: 'Crimes expected at the borough rate' }),
          z: z.number().openapi({ description: '(observed − expected) / √expected' }),
          zAdjusted: z.number().openapi({ description: 'z / √factor (the over-dispersion factor)' }),
          p: z.number(),
          limits95: z.tuple([z.number(), z.number()]).openapi({ description: 'Funnel limits for the ward’s rate per 1,000, widened for over-dispersion' }),
          limits998: z.tuple([z.number(), z.number()]),
        })
        .nullable(),
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
    overdispersion: z
      .object({
        phi: z
          .number()
          .nullable()
          .openapi({ description: 'φ̂: mean of the wards’ winsorised z² against the borough rate (1 = as much variation as Poisson chance)' }),
        factor: z.number().openapi({ description: 'max(1, φ̂): the crime tests’ variances are multiplied by it' }),
        method: z.literal('multiplicative'),
        winsorised: z.number().openapi({ description: 'Share of z-scores winsorised at each tail', example: 0.1 }),
        wards: z.number().int(),
      })
      .openapi({ description: 'Over-dispersion of recorded crime between wards (Spiegelhalter 2005)' }),
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
same<
  Same<
    Omit<
      z.infer<typeof SurveyReport>,
      'detail' | 'survey' | 'wave' | 'weighting' | 'syntheticNotice' | 'by' | 'crosstabs' | 'filters' | 'changes' | 'unfinished'
    >,
    A.WaveReport
  >
>();
same<Same<z.infer<typeof Weighting>, WaveData['weighting']>>();
same<Same<z.infer<typeof CrimePeriod>, AnalysisCrimePeriod>>();
same<Same<z.infer<typeof CrimeTrend>, AnalysisCrimeTrend>>();
same<Same<z.infer<typeof WardRow>, AnalysisWardRow>>();
same<Same<z.infer<typeof PerceptionItem>['spearman'], WardTable['spearman']>>();
same<Same<z.infer<typeof PerceptionItem>['borough'], WardTable['borough']>>();
same<Same<z.infer<typeof PerceptionItem>['quadrants'], WardTable['quadrants']>>();
same<Same<z.infer<typeof PerceptionItem>['overdispersion'], WardTable['overdispersion']>>();
same<Same<z.infer<typeof FigureRef>, AnalysisFigureRef>>();
same<Same<z.infer<typeof Finding>, AnalysisFinding>>();

// Query parameters (GET …/report, …/perception, the downloads).

/** How much of the report the API sends: lean (the default) or full. */
export const REPORT_DETAILS = ['lean', 'full'] as const;

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

/** A query parameter that may be given several times (and, for names, comma-separated), as a list. */
const repeatable = (description: string, example: string, commas: boolean) =>
  z
    .union([z.string().max(1000), z.array(z.string().max(1000)).max(100)])
    .optional()
    .transform((v) =>
      (v === undefined ? [] : Array.isArray(v) ? v : [v])
        .flatMap((s) => (commas ? s.split(',') : [s]))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .openapi({ description, example });

/** Whether the analysis takes the partial (unfinished) responses too; by default it does not. */
const PartialOption = z
  .enum(['include', 'exclude'], { error: (iss) => `'partial' must be include or exclude, not '${String(iss.input)}'.` })
  .optional()
  .openapi({
    description: "'include' analyses the unfinished (partial) responses too, each question on those who reached it; default 'exclude': complete responses only",
    example: 'include',
  });

export const ContentsQuery = z.object({ partial: PartialOption });

export const ReportQuery = z.object({
  by: ByList,
  partial: PartialOption,
  question: repeatable(
    "Only these questions (repeat the parameter, or separate names with commas). Estimates and comparisons equal the full report's; the changes are still BH-adjusted across all the questions, so they equal it too; the associations' pAdjusted (and significant) are adjusted across the associations of the questions asked",
    'safe_dark_local',
    true,
  ),
  filter: repeatable(
    'A filter `variable:value` or `variable:value1|value2` on any single or multiple choice question (repeat for several; all must hold). Respondents outside it count as not answering (domain estimation on the full design)',
    'ward:E05005068',
    false,
  ),
  crosstab: repeatable(
    'A cross-tab of two breakdowns, `a*b` (repeat or separate with commas): a breakdown whose groups are the combinations',
    'sex*age_band',
    true,
  ),
  compareWave: CompareWave,
  ci: z
    .enum(['logit', 'beta', 'wilson'], { error: (iss) => `Unknown CI method '${String(iss.input)}': use logit, beta or wilson.` })
    .optional()
    .openapi({ description: '95% CI method for proportions (default logit)', example: 'logit' }),
  comparisons: z
    .enum(['auto', 'pairs', 'rest'], { error: (iss) => `Unknown comparisons '${String(iss.input)}': use auto, pairs or rest.` })
    .optional()
    .openapi({
      description:
        "How groups are compared: 'auto' (default) every pair up to 5 groups and each group against the rest of the sample above that; 'pairs' every pair up to 12 groups; 'rest' each group against the rest",
      example: 'auto',
    }),
  detail: z
    .enum(REPORT_DETAILS, { error: (iss) => `Unknown detail '${String(iss.input)}': use lean or full.` })
    .optional()
    .openapi({
      description:
        "'lean' (default): estimates and comparisons as columns with labels once (SurveyReportLean), under half the bytes; 'full': every row an object with every field (SurveyReport), as the CLI's JSON",
      example: 'full',
    }),
});

export type ReportDetail = (typeof REPORT_DETAILS)[number];

export const DownloadQuery = z.object({ by: ByList, compareWave: CompareWave });

export const PerceptionQuery = z.object({
  compareWave: CompareWave,
  from: month('from', 'First month of the crime period (YYYY-MM); default the 12 months to the last response', '2025-04'),
  to: month('to', 'Last month of the crime period (YYYY-MM)', '2026-03'),
  compareFrom: month('compareFrom', "First month of the comparison wave's crime period", '2024-04'),
  compareTo: month('compareTo', "Last month of the comparison wave's crime period", '2025-03'),
});
