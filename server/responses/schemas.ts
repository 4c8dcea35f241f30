/**
 * The shapes of the responses API, declared once: each zod schema validates a request (or types a
 * service's return through `z.infer`) and is the OpenAPI component of the same name.
 */
import { z } from '@hono/zod-openapi';
import { ErrorBody } from '../http/route.js';

// ---- Shared ----

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;
const IDEMPOTENCY_MESSAGE = "'idempotencyKey' must be 8 to 100 letters, digits or the characters _ . : -";

/** What the questionnaire refused: one problem per question (or for the return as a whole). */
export const AnswerProblem = z
  .object({
    question: z.string().nullable().openapi({ description: 'The question at fault; null for the return as a whole', example: 'safe_home' }),
    message: z.string().openapi({ example: "'extremely_safe' is not one of the choices." }),
  })
  .openapi('AnswerProblem');

/** An answer set as the questionnaire stores it: answers keyed by question name. */
const answersDoc = {
  type: 'object',
  additionalProperties: true,
  description:
    "Answers keyed by question name, as the questionnaire stores them (choice values, lists for checkboxes, numbers); checked against the questionnaire, and 'name-Comment' for other/comment boxes",
  example: { safe_home: 'very_safe', unsafe_places: ['town_centre', 'car_parks'], household_size: 3 },
} as const;

/**
 * `answers` is present (its content is left to the compiled validator, which gives the
 * per-question problems: this must not walk the answers). Typed as a record for the clients.
 */
const answers = z.custom<Record<string, unknown>>((v) => v !== undefined, { message: "The request has no 'answers'." }).openapi(answersDoc as never);

const idempotencyKey = z
  .string({ error: IDEMPOTENCY_MESSAGE })
  .regex(IDEMPOTENCY_KEY, { message: IDEMPOTENCY_MESSAGE })
  .optional()
  .openapi({ description: 'Generated once per return by the page, so a retry is stored once', example: 'k7f3a9c2e1b04d58' });

const unexpected = (allowed: string) => (iss: { code?: string; keys?: string[] }) =>
  iss.code === 'unrecognized_keys' ? `Unexpected field(s) ${(iss.keys ?? []).map((k) => `'${k}'`).join(', ')}: send only ${allowed}.` : undefined;

// ---- Respondents ----

export const TokenParams = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The token of a school or channel link', example: 'Xk3p9QaZ2mLt' }),
});

/** POST …/responses: one return. Anything but these three fields is refused, so nothing identifying slips in. */
export const Submission = z
  .strictObject(
    {
      answers,
      idempotencyKey,
      status: z
        .enum(['complete', 'partial'], { error: "'status' must be 'complete' or 'partial'." })
        .default('complete')
        .openapi({ description: "'partial' saves a return in progress (required questions not yet checked)", example: 'complete' }),
    },
    {
      error: (iss) => unexpected('answers, idempotencyKey and status')(iss) ?? 'Send an object of the form { "answers": { … } }.',
    },
  )
  .openapi('Submission');

export const Stored = z.object({ id: z.number().int().openapi({ example: 1234 }) }).openapi('Stored');
export const StoredBefore = z
  .object({ id: z.number().int().openapi({ example: 1234 }), duplicate: z.literal(true) })
  .openapi('StoredBefore', { description: 'The same idempotency key was stored before: its id, nothing new stored' });

export const AnswersRefused = ErrorBody.extend({ errors: z.array(AnswerProblem) }).openapi('AnswersRefused');

export const PublicSurvey = z
  .object({
    slug: z.string().openapi({ example: 'resident-safety' }),
    title: z.string().openapi({ example: 'Residents’ community safety survey' }),
    audience: z.enum(['resident', 'youth', 'other']),
    version: z.number().int().openapi({ example: 1 }),
    wave: z.object({ name: z.string().openapi({ example: '2026' }) }),
    definition: z.record(z.string(), z.unknown()).openapi({ description: 'The SurveyJS questionnaire' }),
  })
  .openapi('PublicSurvey');
export const LinkSurvey = PublicSurvey.extend({
  label: z.string().openapi({ description: 'The school or channel the link is for', example: 'Example Valley School' }),
}).openapi('LinkSurvey');

export type Submission = z.infer<typeof Submission>;
export type PublicSurvey = z.infer<typeof PublicSurvey>;
export type LinkSurvey = z.infer<typeof LinkSurvey>;
