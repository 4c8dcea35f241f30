/** The path parameters many operations share, with their examples for the document. */
import { z } from '@hono/zod-openapi';

const slug = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: 'slug', in: 'path' }, description: "The questionnaire's short name", example: 'resident-safety' });
const wave = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: 'wave', in: 'path' }, description: 'The wave (round) of the survey', example: '2026' });

export const SurveyParams = z.object({ slug });
export const WaveParams = z.object({ slug, wave });
