/**
 * The shapes of the responses API, declared once: each zod schema validates a request (or types a
 * service's return through `z.infer`) and is the OpenAPI component of the same name.
 */
import { z } from '@hono/zod-openapi';
import { ErrorBody } from '../error-body.js';
import { Language } from '../surveys/schemas.js';

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

/**
 * POST …/responses: one return. Anything but these fields is refused, so nothing identifying slips in.
 * A partial return is saved again under the same key as the respondent moves on, and completed by
 * a submission with status 'complete' and that key: one return, never two.
 */
export const Submission = z
  .strictObject(
    {
      answers,
      idempotencyKey,
      status: z.enum(['complete', 'partial'], { error: "'status' must be 'complete' or 'partial'." }).default('complete').openapi({
        description:
          "'partial' saves a return in progress (required questions checked only on the pages before 'page'); saved again, or completed, under the same idempotencyKey it stays one return",
        example: 'complete',
      }),
      page: z
        .number({ error: "'page' must be a whole number: the page reached, 1 for the first page." })
        .int({ error: "'page' must be a whole number: the page reached, 1 for the first page." })
        .min(1, { error: "'page' must be a whole number: the page reached, 1 for the first page." })
        .optional()
        .openapi({ description: "With status 'partial': the page of the questionnaire reached (1 = the first), where the respondent is now", example: 2 }),
      locale: z
        .string({ error: "'locale' must be the code of one of the questionnaire's languages, e.g. 'en' or 'cy'." })
        .max(20, { error: "'locale' must be the code of one of the questionnaire's languages, e.g. 'en' or 'cy'." })
        .optional()
        .openapi({ description: "The language answered in, one of the questionnaire's `languages` (default: not recorded)", example: 'cy' }),
    },
    {
      error: (iss) => unexpected('answers, idempotencyKey, status, page and locale')(iss) ?? 'Send an object of the form { "answers": { … } }.',
    },
  )
  .openapi('Submission');

const storedId = z
  .number()
  .int()
  .openapi({ description: 'The sequential id officers see (kept for existing clients; tell respondents `publicId`)', example: 1234 });
const publicId = z.string().openapi({
  description: 'The id to show or keep on the respondent side: 128 random bits (32 hex digits), not guessable',
  example: '3f9c2a7d1e8b4c6fa0d5e2b7c9184a3e',
});
export const Stored = z
  .object({ id: storedId, publicId })
  .openapi('Stored', { description: 'The id of the return: new, or the partial return saved before under the same key, now updated' });
export const StoredBefore = z
  .object({ id: storedId, publicId, duplicate: z.literal(true) })
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
    languages: z.array(Language).openapi({ description: 'The languages it can be answered in, English first; a chooser is shown when there is more than one' }),
  })
  .openapi('PublicSurvey');
export const LinkSurvey = PublicSurvey.extend({
  label: z.string().openapi({ description: 'The school or channel the link is for', example: 'Example Valley School' }),
}).openapi('LinkSurvey');

export type Submission = z.infer<typeof Submission>;
export type PublicSurvey = z.infer<typeof PublicSurvey>;
export type LinkSurvey = z.infer<typeof LinkSurvey>;

// ---- Paper returns (officers) ----

/** The number written on a paper form: short, so it fits the key and reads back in a message. */
export const MAX_REFERENCE_LENGTH = 40;
const REFERENCE = /^[\p{L}\p{N}][\p{L}\p{N} ._/#-]*$/u;

/** The form reference as typed: spaces tidied, blank = none; too long or odd characters refused. */
const reference = z
  .string({ error: "'reference' must be text: the number written on the paper form." })
  .nullish()
  .transform((r) => (r == null ? undefined : r.trim().replace(/\s+/g, ' ') || undefined))
  .refine((r) => r === undefined || r.length <= MAX_REFERENCE_LENGTH, {
    message: `The form reference is longer than ${MAX_REFERENCE_LENGTH} characters; give the number written on the form.`,
  })
  .refine((r) => r === undefined || REFERENCE.test(r), {
    message: 'The form reference may hold letters, digits, spaces and . _ / # - only, and must start with a letter or digit.',
  })
  .openapi({
    type: 'string',
    maxLength: MAX_REFERENCE_LENGTH,
    description: 'The number written on the paper form; keying the same one twice in a wave stores it once',
    example: '17',
  });

/** POST …/paper: one keyed-in paper form. */
export const PaperEntry = z
  .strictObject(
    { answers, reference, idempotencyKey },
    { error: (iss) => unexpected('answers, reference and idempotencyKey')(iss) ?? 'Send an object of the form { "answers": { … }, "reference": "17" }.' },
  )
  .openapi('PaperEntry');

export const IntakeProblem = AnswerProblem.extend({
  title: z.string().nullable().openapi({ description: "The question's wording, when the problem is about one question" }),
}).openapi('IntakeProblem');

export const ImportColumn = z
  .object({
    name: z.string().openapi({ example: 'safe_home' }),
    question: z.string().openapi({ description: 'The question as respondents read it (or what the box is for, for -Comment columns)' }),
    write: z.string().openapi({ description: 'What to write in the cell, in words', example: 'One of the values listed.' }),
    values: z
      .array(z.object({ value: z.string(), label: z.string() }))
      .openapi({ description: 'The values the column accepts, with what each means on the form' }),
    required: z.string().openapi({ description: "'yes', 'no', or the condition under which it is required", example: 'yes' }),
    askedWhen: z.string().nullable().openapi({ description: 'The condition under which the question is asked at all', example: "{has_car} = 'yes'" }),
  })
  .openapi('ImportColumn');

export const PaperForm = z
  .object({
    survey: z.object({ slug: z.string(), title: z.string(), version: z.number().int() }),
    wave: z.object({
      name: z.string().openapi({ example: '2026' }),
      status: z.enum(['draft', 'open', 'closed']),
      closedReason: z.string().nullable().openapi({ description: 'Why the wave takes no web answers now, or null' }),
    }),
    definition: z.record(z.string(), z.unknown()).openapi({ description: 'The SurveyJS questionnaire' }),
    stored: z
      .object({ paper: z.number().int(), import: z.number().int(), all: z.number().int() })
      .openapi({ description: 'Stored returns of the wave by how they arrived' }),
    columns: z.array(ImportColumn),
    maxImportBytes: z.number().int(),
    maxReferenceLength: z.number().int(),
  })
  .openapi('PaperForm');

export const KeyedIn = z
  .object({ id: z.number().int().openapi({ example: 1234 }), reference: z.string().nullable().openapi({ example: '17' }), duplicate: z.literal(false) })
  .openapi('KeyedIn');
export const KeyedInBefore = z
  .object({
    id: z.number().int(),
    reference: z.string().nullable(),
    duplicate: z.literal(true),
    sameAnswers: z.boolean().openapi({ description: 'Whether the stored form has the same answers (false: probably a mistyped reference)' }),
    message: z.string(),
  })
  .openapi('KeyedInBefore');

export const PaperRefusal = ErrorBody.extend({ errors: z.array(IntakeProblem) }).openapi('PaperRefusal');

const RejectedRow = z.object({
  line: z.number().int().openapi({ description: 'Line in the file, the header being line 1', example: 3 }),
  errors: z.array(IntakeProblem),
});

const importFields = {
  unmatched: z
    .array(
      z.object({
        line: z.number().int().openapi({ description: 'Line in the file, the header being line 1', example: 3 }),
        column: z.string().openapi({ description: 'The question (column)', example: 'safe_day' }),
        value: z.string().openapi({ description: 'As written', example: 'Quite safe' }),
      }),
    )
    .openapi({
      description: "Answers that are neither a choice's code nor its wording in any language (matched ignoring case and spacing); their rows are rejected",
    }),
  rows: z.number().int(),
  imported: z.number().int(),
  alreadyPresent: z.number().int().openapi({ description: 'Rows stored by an earlier import of the same file' }),
  rejected: z.array(RejectedRow).openapi({ description: 'Rejected rows (the first 500 of them)' }),
  rejectedCount: z.number().int(),
  skipInvalid: z.boolean(),
  weightColumn: z.string().nullable(),
  stratumColumn: z.string().nullable().openapi({ description: 'The column declaring each row’s stratum (a complex sample), if any' }),
  psuColumn: z.string().nullable().openapi({ description: 'The column declaring each row’s PSU (cluster), if any' }),
  fpcColumn: z.string().nullable().openapi({ description: 'The column declaring the finite population correction, if any' }),
  stored: z.boolean(),
};
export const ImportOutcome = z.object(importFields).openapi('ImportOutcome');
export const ImportRefusal = ErrorBody.extend(importFields).openapi('ImportRefusal');

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: "'skipInvalid' must be 1 or 0." })
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const designColumn = (name: string, description: string, example: string) =>
  z
    .string()
    .max(200)
    .optional()
    .transform((v) => v?.trim() || undefined)
    .openapi({ param: { name, in: 'query' }, description, example });

export const ImportQuery = z.object({
  skipInvalid: flag.openapi({ param: { name: 'skipInvalid', in: 'query' }, description: 'Store the valid rows and list the rejected ones', example: '1' }),
  weightColumn: z
    .string()
    .max(200)
    .optional()
    .transform((v) => v?.trim() || undefined)
    .openapi({ param: { name: 'weightColumn', in: 'query' }, description: "The column holding each row's design weight", example: 'weight' }),
  stratumColumn: designColumn('stratumColumn', "The column holding each row's stratum (e.g. the ward of a ward-stratified address sample)", 'ward'),
  psuColumn: designColumn('psuColumn', "The column holding each row's PSU (cluster), read within its stratum", 'postcode_sector'),
  fpcColumn: designColumn(
    'fpcColumn',
    'The column holding the finite population correction: the number of PSUs in the stratum’s population, or the sampling fraction when at most 1',
    'addresses',
  ),
});

export type PaperEntry = z.infer<typeof PaperEntry>;
export type IntakeProblem = z.infer<typeof IntakeProblem>;
export type ImportColumn = z.infer<typeof ImportColumn>;
export type PaperForm = z.infer<typeof PaperForm>;
export type KeyedIn = z.infer<typeof KeyedIn>;
export type KeyedInBefore = z.infer<typeof KeyedInBefore>;
export type ImportOutcome = z.infer<typeof ImportOutcome>;
export type ImportRefusal = z.infer<typeof ImportRefusal>;
export type PaperRefusal = z.infer<typeof PaperRefusal>;

// ---- Deleting returns ----

const reason = z
  .string()
  .max(500, { message: 'Keep the reason to 500 characters.' })
  .optional()
  .openapi({ description: 'Why (kept in the audit log); required', example: 'Erasure request from the respondent' });

/** DELETE …/responses/{id}: why. */
export const DeleteResponseRequest = z.object({ reason }).openapi('DeleteResponseRequest');

/** DELETE …/responses: why, and the wave's name typed to confirm. */
export const DeleteWaveResponsesRequest = z
  .object({
    reason,
    confirm: z.string().max(100).optional().openapi({ description: "The wave's name, typed to confirm", example: '2026' }),
  })
  .openapi('DeleteWaveResponsesRequest');

export const ResponsesDeleted = z
  .object({
    deleted: z.number().int().openapi({ description: 'How many returns were deleted', example: 1 }),
    reweight: z.boolean().openapi({ description: "True when the wave's stored weights were made with the deleted returns (run the weighting again)" }),
    message: z.string().openapi({ example: '1 response was deleted.' }),
  })
  .openapi('ResponsesDeleted');
export type ResponsesDeleted = z.infer<typeof ResponsesDeleted>;
