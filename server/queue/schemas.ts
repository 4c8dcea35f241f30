/** The job queue's requests and answers: one schema each, for validation, types and the OpenAPI document. */
import { z } from '@hono/zod-openapi';

export const NewJob = z
  .object({
    kind: z.string().min(1).openapi({
      description:
        "What to run: 'crime-import' ({uploads: [id, …]}), 'weighting' ({slug, wave, request}) or 'report' ({slug, wave, query}: made ahead, kept for every server)",
      example: 'crime-import',
    }),
    input: z.unknown().openapi({ description: "The job's input, as its kind takes it" }),
  })
  .openapi('NewJob');
export type NewJob = z.infer<typeof NewJob>;

export const JobView = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.unknown().openapi({ description: 'How far it has got (kind-specific), while it runs' }),
    result: z.unknown().openapi({ description: 'What it came to, once done (the same answer the direct request gives)' }),
    error: z
      .object({ message: z.string(), status: z.number().int() })
      .nullable()
      .openapi({ description: 'Why it failed, in words, with the HTTP status the direct request would give' }),
    attempts: z.number().int().openapi({ description: 'How many times a server has taken it up (more than 1 after a server stopped mid-way)' }),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Job');
export type JobView = z.infer<typeof JobView>;

export const JobParams = z.object({ id: z.coerce.number().int().positive({ error: 'A job id is a whole number.' }) });
