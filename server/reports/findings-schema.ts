/**
 * The shape of GET …/findings: a wave's headline figures (responses used, margin of error,
 * weighting) and its key findings in words, for the officers' first page. Built from the report's
 * own schemas, so a field means the same here as in GET …/report.
 */
import { z } from '@hono/zod-openapi';
import { Finding, Weighting } from './schemas.js';

export const FindingsQuery = z.object({
  compareWave: z
    .string()
    .max(100)
    .optional()
    .transform((s) => s || undefined)
    .openapi({ description: 'Another wave of the survey: adds the significant changes since it to the findings', example: '2025' }),
});

export const WaveFindings = z
  .object({
    survey: z.object({ slug: z.string().openapi({ example: 'resident-safety' }), title: z.string() }),
    wave: z.string().openapi({ example: '2026' }),
    compareWave: z.string().nullable(),
    syntheticNotice: z.string().nullable().openapi({ description: 'Set when any response in the wave is made-up demo data' }),
    n: z.number().int().openapi({ description: 'Complete responses used', example: 1200 }),
    nEffective: z.number().openapi({ description: 'Kish effective sample size' }),
    marginOfError: z.number().openapi({ description: '95% margin at an estimate of 50%, as a proportion', example: 0.03 }),
    weighting: Weighting,
    findings: z.array(Finding),
  })
  .openapi('WaveFindings');

export type WaveFindings = z.infer<typeof WaveFindings>;
