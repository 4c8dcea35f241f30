/**
 * The shape of the small-area (Fay–Herriot) ward estimates (GET …/ward-estimates, `report wards`):
 * the schema is the response declaration, the OpenAPI component and the service's return type.
 */
import { z } from '@hono/zod-openapi';

const MONTH = /^(\d{4}-(0[1-9]|1[0-2]))?$/;
const month = (name: string, description: string, example: string) =>
  z
    .string()
    .regex(MONTH, { error: (iss) => `${name} must be a month written YYYY-MM (e.g. ${example}), not '${String(iss.input)}'.` })
    .optional()
    .transform((s) => s || undefined)
    .openapi({ description, example });

export const COVARIATES = ['crime-rate', 'all-crime', 'none'] as const;
export const Covariate = z.enum(COVARIATES).openapi({
  description:
    "The ward covariate: the recorded rate per 1,000 residents of the item's crime types (or of crimeType), of all crime (not counting anti-social behaviour), or none (intercept only)",
  example: 'crime-rate',
});

export const WardEstimatesQuery = z.object({
  question: z.string().min(1).max(100).openapi({ description: 'The question (its name in the questionnaire)', example: 'worry_burglary' }),
  category: z.string().min(1).max(100).openapi({ description: 'An answer category or net of the question', example: 'worried' }),
  covariate: Covariate.optional(),
  crimeType: z
    .string()
    .max(200)
    .optional()
    .transform((s) => s || undefined)
    .openapi({ description: 'A police.uk crime type for covariate=crime-rate (default the types linked to the question)', example: 'Burglary' }),
  from: month('from', 'First month of the crime period (YYYY-MM); default the 12 months to the last response', '2025-04'),
  to: month('to', 'Last month of the crime period (YYYY-MM)', '2026-03'),
});

export const WardEstimate = z.object({
  ward: z.string().openapi({ description: 'Ward code', example: 'E05004982' }),
  name: z.string().openapi({ example: 'Allington' }),
  n: z.number().int().nullable().openapi({
    description: 'Unweighted respondents with a valid answer; null when the ward is hidden (with the borough figure it would give the hidden ward)',
    example: 87,
  }),
  direct: z.number().nullable().openapi({ description: 'Weighted proportion (0–1); null when the base is below the threshold', example: 0.31 }),
  directSe: z.number().nullable().openapi({ description: 'Its design-based SE', example: 0.052 }),
  x: z.number().nullable().optional().openapi({ description: 'The covariate (crimes per 1,000 residents over the period), when there is one', example: 41.3 }),
  model: z
    .number()
    .nullable()
    .openapi({ description: 'Model-based estimate (EBLUP; the direct estimate when the model falls back); null when the ward is not in the model' }),
  modelRmse: z.number().nullable().openapi({ description: 'Root MSE of the model-based estimate (Prasad–Rao)', example: 0.034 }),
  reason: z.string().optional().openapi({ description: 'Why the ward is not in the model' }),
});

export const WardEstimates = z.object({
  survey: z.object({ slug: z.string(), title: z.string() }),
  wave: z.string(),
  question: z.string(),
  category: z.string(),
  label: z.string().openapi({ description: 'The category or net, as the report labels it', example: 'Net: worried' }),
  sigma2u: z.number().openapi({ description: 'Between-ward variance σ²u by REML (proportion scale)', example: 0.0041 }),
  covariate: Covariate,
  covariateLabel: z.string().nullable().openapi({ description: 'What x is, e.g. "burglary per 1,000 residents, 2025-04 to 2026-03"' }),
  crimeTypes: z.array(z.string()).openapi({ description: 'The police.uk crime types counted in x' }),
  period: z.object({ from: z.string(), to: z.string(), months: z.number().int() }).nullable().openapi({ description: 'The crime period of x' }),
  coefficients: z.array(z.number()).openapi({ description: '[intercept] or [intercept, slope] (GLS)', example: [0.18, 0.0034] }),
  fallback: z
    .string()
    .nullable()
    .openapi({ description: 'Why the direct estimates are shown instead of the model (e.g. σ²u = 0); null when the model is used' }),
  wardsInModel: z.number().int(),
  threshold: z.number().int().openapi({ description: 'Wards with fewer answers have no direct estimate and are not in the model' }),
  syntheticNotice: z.string().nullable(),
  illustrativePopulationNotice: z.string().nullable(),
  notes: z.array(z.string()),
  method: z.array(z.string()),
  wards: z.array(WardEstimate),
});
export type WardEstimates = z.infer<typeof WardEstimates>;
export type WardEstimatesQuery = z.infer<typeof WardEstimatesQuery>;
