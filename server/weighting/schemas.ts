/**
 * The shapes of weighting, declared once: the run request (validated by the route, and its trim
 * bounds by the CLI too), what a run stores and what the API answers. Each schema is the type
 * (`z.infer`) and the OpenAPI component.
 */
import { z } from '@hono/zod-openapi';
import { MAX_WEIGHT_MULTIPLE } from '../formats/limits.js';

export const UnmatchedPolicy = z.enum(['error', 'exclude', 'impute'], { error: '"unmatched" must be "impute", "error" or "exclude".' }).openapi({
  description:
    'Respondents whose answer has no target (or who left a weighting question blank): "impute" (what the weighting page and the CLI use by default) keeps them, placed for weighting only in ' +
    'the most common category among respondents who match them on the other weighting variables (ties: the first category; no match: the overall most common); ' +
    '"error" (the default when omitted) stops and names them; "exclude" leaves them out of the weighted results',
  example: 'impute',
});
export type UnmatchedPolicy = z.infer<typeof UnmatchedPolicy>;

export const CalibrationMethod = z.enum(['poststratification', 'raking', 'linear', 'logit']).openapi({
  description:
    'poststratification (one margin) or raking (several); linear: GREG calibration, bounded when bounds are given (R calibrate calfun = "linear"); ' +
    'logit: logit calibration within the bounds (R calibrate calfun = "logit")',
});
export type CalibrationMethod = z.infer<typeof CalibrationMethod>;

/** What the officer asks for: raking (post-stratification with one margin), or R calibrate's linear / logit. */
export const RequestedMethod = z.enum(['rake', 'linear', 'logit'], { error: '"method" must be "rake", "linear" or "logit".' }).openapi({
  description: 'rake (default; post-stratification when there is one margin), linear (GREG, bounded with "bounds") or logit (needs "bounds")',
  example: 'rake',
});
export type RequestedMethod = z.infer<typeof RequestedMethod>;

/**
 * g-weight bounds [L, U] (R calibrate's `bounds`): each weight stays within L–U times its design
 * weight, the design weights first scaled to the population total, so with equal design weights
 * these are multiples of the mean weight. Shared with the CLI's --bounds.
 */
export const GBounds = z
  .tuple([z.number({ error: '"bounds" must be two numbers [lower, upper].' }), z.number({ error: '"bounds" must be two numbers [lower, upper].' })], {
    error: '"bounds" must be two numbers [lower, upper], e.g. [0.5, 2].',
  })
  // A lower bound of 0 would let calibration give a weight of 0, which drops the respondent from every result.
  .refine(([l, u]) => l > 0 && l < 1 && u > 1 && u <= MAX_WEIGHT_MULTIPLE, {
    error: `"bounds" must have the lower above 0 and below 1, and the upper above 1 and at most ${MAX_WEIGHT_MULTIPLE} (multiples of the design weight scaled to the population), e.g. [0.5, 2].`,
  })
  .openapi({ description: 'g-weight bounds [lower, upper] for linear or logit calibration (R calibrate bounds = c(L, U))', example: [0.5, 2] });

/** Trim-and-rake rounds: 1 trims once and rakes again; more repeat until every weight is within the bounds. */
export const TrimRounds = z
  .number({ error: '"trimRounds" must be a whole number from 1 to 100.' })
  .int({ error: '"trimRounds" must be a whole number from 1 to 100.' })
  .min(1, { error: '"trimRounds" must be a whole number from 1 to 100.' })
  .max(100, { error: '"trimRounds" must be a whole number from 1 to 100.' })
  .openapi({ description: 'Most trim-and-rake rounds (1 = trim once, then rake again); stops early once every weight is within the bounds', example: 20 });

/** The most rounds the page's "repeat until within the bounds" asks for. */
export const ITERATED_TRIM_ROUNDS = 50;

const positive = (name: string) => (issue: { input?: unknown }) =>
  `"${name}" must be a positive number (a multiple of the mean weight), not ${JSON.stringify(issue.input)}.`;

/** Weights are capped at this many times the mean weight (then calibrated again). Shared with the CLI's --trim-upper. */
export const TrimUpper = z
  .number({ error: positive('trimUpper') })
  .positive({ error: positive('trimUpper') })
  .gt(1, { error: '"trimUpper" must be above 1: weights are capped at that many times the mean weight.' })
  .max(MAX_WEIGHT_MULTIPLE, { error: `"trimUpper" must be at most ${MAX_WEIGHT_MULTIPLE} times the mean weight.` })
  .openapi({ description: 'Cap weights at this many times the mean weight, then calibrate again', example: 5 });

/** Weights are raised to at least this fraction of the mean weight. Shared with the CLI's --trim-lower. */
export const TrimLower = z
  .number({ error: positive('trimLower') })
  .positive({ error: positive('trimLower') })
  .lt(1, { error: '"trimLower" must be below 1: weights are raised to at least that fraction of the mean weight.' })
  .openapi({ description: 'Raise weights to at least this fraction of the mean weight, then calibrate again', example: 0.2 });

const USAGE =
  'Send JSON {"source": "population"} or {"source": "margins", "margins": "variable,category,target\\n…"}, ' +
  'optionally with "unmatched": "impute" | "error" | "exclude", "method": "rake" | "linear" | "logit", "bounds": [lower, upper], ' +
  '"trimUpper" and "trimLower" (multiples of the mean weight) and "trimRounds".';

/** POST …/weighting: which targets, what to do with respondents without one, optional trimming. */
export const WeightingRequest = z
  .object(
    {
      source: z
        .enum(['population', 'margins'], { error: `"source" must be "population" or "margins". ${USAGE}` })
        .openapi({ description: 'Weight to the population table, or to the margins file sent in "margins"', example: 'population' }),
      margins: z.string({ error: '"margins" must be the text of a CSV file with the columns variable,category,target.' }).optional().openapi({
        description: 'With source "margins": CSV text with the columns variable,category,target',
        example: 'variable,category,target\nsex,female,60000\nsex,male,55000\n',
      }),
      unmatched: UnmatchedPolicy.optional(),
      method: RequestedMethod.optional(),
      bounds: GBounds.nullish(),
      trimUpper: TrimUpper.nullish(),
      trimLower: TrimLower.nullish(),
      trimRounds: TrimRounds.nullish(),
      illustrative: z
        .boolean({ error: '"illustrative" must be true or false.' })
        .optional()
        .openapi({ description: 'Uploaded margins only: the targets are made up (demo, training), and every output then says so', example: false }),
    },
    { error: USAGE },
  )
  .superRefine((b, ctx) => {
    if (b.source === 'margins' && !b.margins?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['margins'], message: '"margins" must be the text of a CSV file with the columns variable,category,target.' });
    }
    const method = b.method ?? 'rake';
    if (method === 'logit' && !b.bounds) {
      ctx.addIssue({ code: 'custom', path: ['bounds'], message: 'Logit calibration needs "bounds" [lower, upper], e.g. [0.5, 2] (R requires them too).' });
    }
    if (method === 'rake' && b.bounds) {
      ctx.addIssue({
        code: 'custom',
        path: ['bounds'],
        message: '"bounds" are for linear or logit calibration; to keep raked weights within limits use "trimUpper" and "trimLower".',
      });
    }
    if (method !== 'rake' && (b.trimUpper != null || b.trimLower != null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['trimUpper'],
        message: 'Trimming is for raking; linear and logit calibration keep the weights within "bounds" themselves.',
      });
    }
    if (b.trimRounds != null && b.trimUpper == null && b.trimLower == null) {
      ctx.addIssue({ code: 'custom', path: ['trimRounds'], message: '"trimRounds" needs "trimUpper" or "trimLower".' });
    }
    if (b.illustrative !== undefined && b.source !== 'margins') {
      ctx.addIssue({
        code: 'custom',
        path: ['illustrative'],
        message: '"illustrative" is only for an uploaded margins file: the population table records it itself.',
      });
    }
  })
  .openapi('WeightingRequest');
export type WeightingRequest = z.infer<typeof WeightingRequest>;

export const Margin = z
  .object({
    variable: z.string().openapi({ description: 'As written in the margins file; a joint cell joins question names with ":"', example: 'sex:age_band' }),
    questions: z.array(z.string()).openapi({ description: 'The question names the variable is made of', example: ['sex', 'age_band'] }),
    categories: z.array(z.string()).openapi({ example: ['female:18-24', 'male:18-24'] }),
    targets: z.array(z.number()).openapi({ description: 'Population total of each category, in the same order', example: [7512, 7582] }),
  })
  .openapi('Margin');
export type Margin = z.infer<typeof Margin>;

/** What a weighting run stores, so a report can rebuild the calibration for its variances. */
export const StoredCalibration = z
  .object({
    method: CalibrationMethod,
    margins: z.array(Margin),
    unmatched: UnmatchedPolicy,
    excluded: z.number().int().openapi({ description: 'Complete responses left out for having no target' }),
    illustrative: z.boolean().optional().openapi({ description: 'The targets are illustrative (made up), so reports say so' }),
    imputed: z
      .record(z.string(), z.number().int())
      .optional()
      .openapi({ description: 'Respondents placed in a weighting cell by imputation, per variable (their answers are unchanged)', example: { sex: 45 } }),
    imputedCategories: z
      .record(z.string(), z.record(z.string(), z.string()))
      .optional()
      .openapi({ description: 'Per variable: response id → the category it was placed in for weighting (so reports rebuild the same cells)' }),
    bounds: z
      .tuple([z.number(), z.number()])
      .nullish()
      .openapi({ description: 'g-weight bounds of linear or logit calibration (multiples of the design weight scaled to the population)' }),
    converged: z.boolean().optional(),
    /** Said whenever the bounds (calibration or trimming) were not met; null otherwise. */
    boundsNotice: z.string().nullish().openapi({ description: 'In English: which bounds were not met, what that means and what to do; null when met' }),
  })
  .openapi('StoredCalibration');
export type StoredCalibration = z.infer<typeof StoredCalibration>;

/** Kish diagnostics of a set of weights (analysis/weights/diagnostics.ts). */
export const WeightDiagnostics = z.object({
  n: z.number().int().openapi({ description: 'Responses with a positive weight', example: 1960 }),
  sumWeights: z.number(),
  nEffective: z.number().openapi({ description: 'Kish effective sample size (Σw)² / Σw²', example: 1438.2 }),
  deffWeighting: z.number().openapi({ description: 'Design effect from weighting, n / n_eff', example: 1.36 }),
  min: z.number(),
  max: z.number(),
  ratio: z.number().openapi({ description: 'Largest weight / smallest' }),
  marginOfError: z.number().openapi({ description: '95% half-width for p = 50%, from n_eff', example: 0.0258 }),
});

/** The weight diagnostics a run stores, and how the calibration went. */
export const StoredRunDiagnostics = WeightDiagnostics.extend({
  converged: z.boolean(),
  iterations: z.number().int().openapi({ description: 'Raking sweeps (0 for post-stratification)' }),
  maxGap: z.number().openapi({ description: 'Largest |weighted total − target| / target over every margin category (0 after post-stratification)' }),
  trimmed: z.number().int().openapi({ description: 'Weights outside the trimming bounds before calibrating again' }),
  trim: z
    .object({ lower: z.number().optional(), upper: z.number().optional(), rounds: z.number().int().optional() })
    .nullable()
    .openapi({ description: 'The trimming bounds asked for (multiples of the mean weight) and the most rounds, or null' }),
  outsideBounds: z
    .number()
    .int()
    .nullish()
    .openapi({ description: 'Weights outside the trimming or calibration bounds after the final calibration (null when no bounds were asked for)' }),
  trimRounds: z.number().int().nullish().openapi({ description: 'Trim-and-rake rounds done' }),
  imputed: z.record(z.string(), z.number().int()).optional().openapi({ description: 'Respondents placed in a weighting cell by imputation, per variable' }),
  boundsNotice: z.string().nullish().openapi({ description: 'In English, when the bounds were not met: what that means and what to do' }),
}).openapi('WeightingDiagnostics');
export type StoredRunDiagnostics = z.infer<typeof StoredRunDiagnostics>;

/** GET …/weighting: the wave's latest run, with the notices its figures need. */
export const LatestWeightingRun = z
  .object({
    method: CalibrationMethod,
    margins: StoredCalibration,
    diagnostics: StoredRunDiagnostics,
    createdAt: z.string().openapi({ description: 'When the run was made (UTC)', example: '2026-03-02 10:15:00' }),
    illustrativeNotice: z.string().nullable().openapi({ description: 'Said when the targets were made up; null otherwise' }),
    syntheticNotice: z.string().nullable().openapi({ description: 'Said when some responses are synthetic demo data; null otherwise' }),
  })
  .openapi('LatestWeightingRun');
export type LatestWeightingRun = z.infer<typeof LatestWeightingRun>;

/** How a wave's complete responses would match a set of targets. */
export const MatchPreview = z
  .object({
    respondents: z.number().int().openapi({ description: 'Complete responses of the wave (the ones weighting uses)' }),
    unmatched: z.number().int().openapi({ description: 'Of those, how many have no target for what they answered in at least one margin' }),
    detail: z.string().openapi({ description: 'Which answers have no target, with how many gave each; empty when none', example: 'sex: prefer_not_say (45)' }),
  })
  .openapi('MatchPreview');
export type MatchPreview = z.infer<typeof MatchPreview>;

/** GET …/weighting/population-targets: what weighting to the population table would use. */
export const PopulationTargets = z
  .object({
    available: z.boolean().openapi({ description: 'False when there is no population by ward × sex × age band (then `reason` says what to import)' }),
    reason: z.string().nullable(),
    illustrative: z.boolean(),
    illustrativeNotice: z.string().nullable(),
    total: z.number().openapi({ description: 'Adults in the population table (the sum of every margin’s targets)', example: 151588 }),
    variables: z.array(z.object({ variable: z.string().openapi({ example: 'age_band' }), categories: z.number().int().openapi({ example: 7 }) })),
    notAsked: z.array(z.string()).openapi({ description: 'Variables that are not questions in this survey’s questionnaire (their targets cannot apply)' }),
    match: MatchPreview.nullable().openapi({ description: 'How the wave’s complete responses match the targets; null when the population is unavailable' }),
    csv: z.string().openapi({ description: 'The population margins as a variable,category,target CSV: a starting point for an uploaded file' }),
  })
  .openapi('PopulationTargets');
export type PopulationTargets = z.infer<typeof PopulationTargets>;

/** POST …/weighting: how the run went. */
export const WeightingRunResponse = z
  .object({
    method: CalibrationMethod,
    variables: z.array(z.string()).openapi({ description: 'The margins weighted to', example: ['sex', 'age_band', 'ward'] }),
    illustrative: z.boolean().openapi({ description: 'The targets are made up (demo, training)' }),
    respondents: z.number().int().openapi({ description: 'Complete responses weighted' }),
    trimmed: z.number().int(),
    diagnostics: WeightDiagnostics.omit({ sumWeights: true }).extend({
      converged: z.boolean(),
      iterations: z.number().int(),
      maxGap: z.number(),
      excluded: z.number().int().openapi({ description: 'Complete responses left out for having no target' }),
      imputed: z.record(z.string(), z.number().int()).openapi({
        description: 'Respondents kept and placed in a weighting cell by imputation, per variable (their answers are unchanged)',
        example: { sex: 45 },
      }),
      outsideBounds: z
        .number()
        .int()
        .nullable()
        .openapi({ description: 'Weights outside the bounds after the final calibration; null when no bounds were asked for' }),
      trimRounds: z.number().int().nullable().openapi({ description: 'Trim-and-rake rounds done; null without trimming' }),
      bounds: z.tuple([z.number(), z.number()]).nullable().openapi({ description: 'The g-weight bounds of linear or logit calibration, or null' }),
      boundsNotice: z.string().nullable().openapi({ description: 'In English, when the bounds were not met: what that means and what to do; null otherwise' }),
    }),
  })
  .openapi('WeightingRunResponse');
export type WeightingRunResponse = z.infer<typeof WeightingRunResponse>;

/** The report's account of how its weights were made (server/reports `Weighting.calibration`). */
export const WeightingSummary = z
  .object({
    method: CalibrationMethod,
    bounds: z.tuple([z.number(), z.number()]).nullable().openapi({ description: 'g-weight bounds of linear or logit calibration, or null' }),
    imputed: z.record(z.string(), z.number().int()).openapi({
      description: 'Respondents kept and placed in a weighting cell by imputation, per variable (their answers are unchanged)',
      example: { sex: 45 },
    }),
    converged: z.boolean(),
    boundsNotice: z.string().nullable().openapi({ description: 'In English, when the bounds were not met: what that means and what to do' }),
  })
  .openapi('WeightingSummary');
export type WeightingSummary = z.infer<typeof WeightingSummary>;

/** GET …/weighting/runs: one past run as the history lists it. */
export const WeightingRunSummary = z
  .object({
    id: z.number().int().openapi({ description: 'The run, for …/runs/{run}/restore', example: 12 }),
    createdAt: z.string().openapi({ description: 'When the run was made (UTC)', example: '2026-03-02T10:15:00.000Z' }),
    method: CalibrationMethod,
    variables: z.array(z.string()).openapi({ example: ['sex', 'age_band', 'ward'] }),
    illustrative: z.boolean().openapi({ description: 'Its targets were made up' }),
    n: z.number().int().openapi({ description: 'Responses with a weight' }),
    nEffective: z.number(),
    marginOfError: z.number(),
    current: z.boolean().openapi({ description: "Whether these are the wave's weights now (the latest run)" }),
    restoredFrom: z.number().int().nullable().openapi({ description: 'The run this one made current again, or null for a run computed afresh' }),
    restorable: z.boolean().openapi({ description: 'Whether its weights were kept (runs made before weights were kept cannot be restored)' }),
  })
  .openapi('WeightingRunSummary');
export type WeightingRunSummary = z.infer<typeof WeightingRunSummary>;

export const WeightingHistory = z.array(WeightingRunSummary).openapi('WeightingHistory', { description: 'Newest first; the first is current' });
export type WeightingHistory = z.infer<typeof WeightingHistory>;

/** POST …/weighting/runs/{run}/restore: what was made current. */
export const WeightingRestored = z
  .object({
    restored: z.number().int().openapi({ description: 'The run whose weights are current again' }),
    run: z.number().int().openapi({ description: 'The new latest run, a copy of it' }),
    weighted: z.number().int().openapi({ description: 'Responses given their weight back' }),
    missing: z.number().int().openapi({ description: 'Responses the run weighted that have since been deleted' }),
    message: z.string().openapi({ example: 'The weights of the run of 2 December 2026 at 10:15 are current again (1,960 responses).' }),
  })
  .openapi('WeightingRestored');
export type WeightingRestored = z.infer<typeof WeightingRestored>;

export const RunParams = z.object({
  slug: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'resident-safety' }),
  wave: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'wave', in: 'path' }, example: '2026' }),
  run: z.coerce
    .number({ error: 'The run must be a run id (a whole number) from the list of runs.' })
    .int({ error: 'The run must be a run id (a whole number) from the list of runs.' })
    .positive({ error: 'The run must be a run id (a whole number) from the list of runs.' })
    .openapi({ param: { name: 'run', in: 'path' }, description: 'The run id from …/weighting/runs', example: 12 }),
});
