/**
 * The JSON body of every refusal (an HttpError, mapped by http/errors.ts), as a zod schema: the
 * OpenAPI component `Error`, and the base of the refusals that list more (rejected answers, rows).
 * It sits beside errors.ts, not in http/, so the nouns' schemas can extend it without importing
 * HTTP code.
 */
import { z } from '@hono/zod-openapi';

/** Every refusal: `{ error }` in words, `field` when one request field is to blame. */
export const ErrorBody = z
  .looseObject({
    error: z.string().openapi({ example: "There is no survey called 'resident-safty'." }),
    field: z.string().optional().openapi({ description: 'The request field to correct', example: 'expires' }),
  })
  .openapi('Error', { description: 'A refusal: what went wrong, in words, and nothing was stored' });
