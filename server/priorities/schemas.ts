/**
 * The priority matrix as officers send and read it: one schema each, giving validation, types and
 * the OpenAPI components. Messages are whole sentences.
 */
import { z } from '@hono/zod-openapi';
import { CRITERION_KEYS, MAX_WEIGHT } from './criteria.js';

export const MAX_PRIORITIES_BODY_BYTES = 4 * 1024;

export const YearParams = z.object({
  year: z
    .string()
    .regex(/^(19|20)\d\d$/, 'The assessment year must be written as four digits, e.g. 2026.')
    .openapi({ param: { name: 'year', in: 'path' }, example: '2026' }),
});

const criterionList = CRITERION_KEYS.map((k) => `"${k}"`).join(', ');

const Score = z
  .number({ error: 'A score must be a whole number from 1 to 5.' })
  .int('A score must be a whole number from 1 to 5.')
  .min(1, 'A score must be a whole number from 1 to 5: 1 is the lowest priority.')
  .max(5, 'A score must be a whole number from 1 to 5: 5 is the highest priority.');

const Weight = z
  .number({ error: `A weight must be a number from 0 to ${MAX_WEIGHT}.` })
  .min(0, `A weight must be a number from 0 to ${MAX_WEIGHT}; 0 leaves the criterion out.`)
  .max(MAX_WEIGHT, `A weight must be a number from 0 to ${MAX_WEIGHT}.`);

const unknownKeys = (iss: { code: string; keys?: string[] }, example: string) =>
  iss.code === 'unrecognized_keys'
    ? `Unexpected field(s) ${(iss.keys ?? []).map((k) => `"${k}"`).join(', ')}: the criteria are ${criterionList}.`
    : `Send a JSON object such as ${example}.`;

const byCriterion = <T extends z.ZodType>(value: T, example: string) =>
  z.strictObject(Object.fromEntries(CRITERION_KEYS.map((k) => [k, value.optional()])) as Record<string, z.ZodOptional<T>>, {
    error: (iss) => unknownKeys(iss as never, example),
  });

export const ScoresBody = z
  .strictObject(
    {
      theme: z.string({ error: 'Name the theme scored, e.g. "burglary".' }).openapi({ example: 'burglary' }),
      scores: byCriterion(Score, '{"threat": 4, "harm": 5}')
        .refine((s) => Object.keys(s).length > 0, 'Give at least one score, e.g. {"threat": 4}.')
        .openapi({ description: 'Criterion → score 1–5; criteria left out keep their score', example: { threat: 4, harm: 5 } }),
    },
    { error: (iss) => (iss.code === 'unrecognized_keys' ? 'Send only "theme" and "scores".' : 'Send {"theme": "burglary", "scores": {"threat": 4}}.') },
  )
  .openapi('PriorityScoresBody');
export type ScoresRequest = z.input<typeof ScoresBody>;

export const WeightsBody = z
  .strictObject(
    {
      weights: byCriterion(Weight, '{"harm": 2}')
        .refine((w) => Object.keys(w).length > 0, 'Give at least one weight, e.g. {"harm": 2}.')
        .openapi({ description: 'Criterion → weight 0–10; criteria left out keep their weight', example: { harm: 2 } }),
    },
    { error: (iss) => (iss.code === 'unrecognized_keys' ? 'Send only "weights".' : 'Send {"weights": {"harm": 2}}.') },
  )
  .openapi('PriorityWeightsBody');
export type WeightsRequest = z.input<typeof WeightsBody>;

const Criterion = z.object({
  key: z.string().openapi({ example: 'harm' }),
  label: z.string().openapi({ example: 'Harm' }),
  guidance: z.string(),
  levels: z.array(z.string()).length(5).openapi({ description: 'What a score of 1, 2, 3, 4 and 5 means' }),
  weight: z.number().openapi({ example: 1 }),
});

const ScoreCell = z.object({
  score: z.number().int(),
  by: z.string().nullable().openapi({ description: "The scoring officer's e-mail (null if the account is gone)" }),
  at: z.string().openapi({ description: 'When, ISO 8601' }),
});

export const PriorityMatrixRow = z.object({
  theme: z.string().openapi({ example: 'burglary' }),
  label: z.string().openapi({ example: 'Burglary' }),
  rank: z.number().int().nullable().openapi({ description: '1 = highest priority; null until every criterion is scored' }),
  score: z.number().nullable().openapi({ description: 'Weighted mean of the scores, 1–5; null until every criterion is scored' }),
  scores: z.record(z.string(), z.number().int().nullable()),
  cells: z.record(z.string(), ScoreCell.nullable()).openapi({ description: 'Criterion → the score with who gave it and when' }),
  evidence: z.array(z.string()).openapi({ description: 'What the data held says, in sentences; where it cannot support a figure, it says so' }),
  scoredBy: z.string().nullable(),
  scoredAt: z.string().nullable(),
});

export const PriorityMatrix = z
  .object({
    year: z.string().openapi({ example: '2026' }),
    saved: z.boolean().openapi({ description: 'False until a score or weight of this year is saved' }),
    years: z.array(z.string()).openapi({ description: 'The years with a saved assessment, latest first' }),
    criteria: z.array(Criterion),
    weightsSetBy: z.string().nullable(),
    weightsSetAt: z.string().nullable(),
    rows: z.array(PriorityMatrixRow).openapi({ description: 'In rank order; unscored themes last, by name' }),
    method: z.string(),
    notices: z.array(z.string()).openapi({ description: 'Made-up data among the evidence (demo responses, illustrative population)' }),
  })
  .openapi('PriorityMatrix');
export type PriorityMatrix = z.infer<typeof PriorityMatrix>;
export type PriorityMatrixRow = z.infer<typeof PriorityMatrixRow>;
