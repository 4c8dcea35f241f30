/**
 * The shapes of the survey and wave operations: each schema is the service's type (`z.infer`),
 * checks the request, and is the OpenAPI component, so the three cannot drift.
 */
import { z } from '@hono/zod-openapi';
import { SurveyRetention } from './retention-schemas.js';

export const AUDIENCES = ['resident', 'youth', 'other'] as const;
export const Audience = z.enum(AUDIENCES).openapi({ description: 'Who answers it', example: 'resident' });
export type Audience = z.infer<typeof Audience>;

const WaveStatus = z.enum(['draft', 'open', 'closed']).openapi({ example: 'open' });

const ListedQuestion = z.object({
  name: z.string().openapi({ example: 'safe_home' }),
  title: z.string().openapi({ example: 'How safe do you feel in your own home?' }),
});

// ---------------------------------------------------------------------------------------------
// GET /surveys

export const OfficerSurveyWave = z.object({
  name: z.string().openapi({ example: '2026' }),
  status: WaveStatus,
  responses: z.number().int().openapi({ description: 'Complete responses stored for the wave', example: 412 }),
  opensAt: z.string().nullable().openapi({
    description: 'Start of the opening day (ISO, midnight UTC), or null: answers are taken from opensAt until closesAt',
    example: '2026-01-10T00:00:00.000Z',
  }),
  closesAt: z.string().nullable().openapi({ description: 'Start of the closing day (ISO, midnight UTC), or null', example: '2026-03-31T00:00:00.000Z' }),
  notTakingAnswers: z.string().nullable().openapi({
    description: 'Why an open wave is not taking answers now (before its opening date, after its closing date); null otherwise',
    example: null,
  }),
});

export const OfficerSurvey = z
  .object({
    slug: z.string().openapi({ example: 'resident-safety' }),
    title: z.string().openapi({ example: 'Maidstone Community Safety Survey' }),
    audience: Audience,
    version: z.number().int().openapi({ description: 'Goes up each time the questionnaire is replaced', example: 1 }),
    hasMetadata: z.boolean().openapi({ description: 'Whether question metadata (scales, nets, crime types) is stored with it' }),
    waves: z.array(OfficerSurveyWave),
    questions: z.array(ListedQuestion).openapi({ description: 'What the report estimates (name and title, for captions)' }),
    breakdowns: z.array(ListedQuestion).openapi({ description: 'The names the report accepts in ?by= (single-choice questions and regrouped ones)' }),
    retention: SurveyRetention.openapi({ description: 'The retention period, and the responses it deletes within 30 days' }),
  })
  .openapi('OfficerSurvey');

export const OfficerSurveyList = z.array(OfficerSurvey).openapi('OfficerSurveyList');

export type OfficerSurveyWave = z.infer<typeof OfficerSurveyWave>;
export type OfficerSurvey = z.infer<typeof OfficerSurvey>;

// ---------------------------------------------------------------------------------------------
// GET /surveys/{slug}/definition

export const SurveyDefinition = z
  .object({
    slug: z.string().openapi({ example: 'resident-safety' }),
    title: z.string().openapi({ example: 'Maidstone Community Safety Survey' }),
    audience: Audience,
    version: z.number().int().openapi({ example: 1 }),
    definition: z.record(z.string(), z.unknown()).openapi({ description: 'The SurveyJS questionnaire JSON' }),
  })
  .openapi('SurveyDefinition');
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

// ---------------------------------------------------------------------------------------------
// POST /surveys/check and POST /surveys

export const SURVEY_USAGE =
  'Send JSON {"slug": "park-safety", "audience": "resident" | "youth" | "other", "definition": {…SurveyJS questionnaire…}}, ' +
  'optionally with "title", "metadata" (the question metadata JSON) and "removeMetadata": true.';

/** "Unexpected field(s) "x"" for unknown keys, the usage for a body that is not an object. */
const objectError = (usage: string) => (issue: { code: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' ? `Unexpected field(s) ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}. ${usage}` : usage;

const slugField = z
  .string({ error: `"slug" must be the survey's short name, e.g. "park-safety". ${SURVEY_USAGE}` })
  .trim()
  .min(1, { error: `"slug" must be the survey's short name, e.g. "park-safety". ${SURVEY_USAGE}` })
  .openapi({ pattern: '^[a-z0-9][a-z0-9-]{1,60}$', description: 'Short name, used in the address /s/<slug>', example: 'park-safety' });
const audienceField = z.enum(AUDIENCES, { error: `"audience" must be one of ${AUDIENCES.join(', ')}.` }).openapi({ example: 'resident' });
// Anything but missing: whether it is a usable questionnaire is the service's question (422).
const definitionField = z
  .custom<unknown>((v) => v !== undefined, { error: `The request has no "definition" (the questionnaire). ${SURVEY_USAGE}` })
  .openapi({ type: 'object', description: 'The SurveyJS questionnaire JSON' });
const surveyFields = {
  title: z
    .string({ error: '"title" must be text of at most 200 characters.' })
    .max(200, { error: '"title" must be text of at most 200 characters.' })
    .nullable()
    .optional()
    .openapi({ description: 'Title officers see; default the questionnaire\'s own "title"', example: 'Park safety check' }),
  metadata: z
    .record(z.string(), z.unknown(), { error: '"metadata" must be a JSON object (the question metadata file), or left out.' })
    .nullable()
    .optional()
    .openapi({ description: 'Question metadata (construct ids, scales and nets, breakdowns, police.uk crime types); see surveys/metadata.ts' }),
  removeMetadata: z
    .boolean({ error: '"removeMetadata" must be true or false.' })
    .optional()
    .openapi({ description: 'Store it without question metadata, dropping any already stored' }),
};

export const SurveyCheckRequest = z.strictObject(
  { definition: definitionField, slug: slugField.optional(), audience: audienceField.optional(), ...surveyFields },
  { error: objectError(SURVEY_USAGE) },
);
export const SurveyUploadRequest = z.strictObject(
  { slug: slugField, audience: audienceField, definition: definitionField, ...surveyFields },
  { error: objectError(SURVEY_USAGE) },
);
export type SurveyCheckRequest = z.infer<typeof SurveyCheckRequest>;
export type SurveyUploadRequest = z.infer<typeof SurveyUploadRequest>;

const NotReported = z.object({
  name: z.string().openapi({ example: 'ideas' }),
  title: z.string(),
  reason: z.string().openapi({ example: 'free text: kept with the responses and in the response downloads, not charted' }),
});

export const SurveyCheck = z
  .object({
    slug: z.string().nullable().openapi({ example: 'park-safety' }),
    title: z.string().openapi({ example: 'Park safety check' }),
    audience: Audience.nullable(),
    pages: z.number().int().openapi({ description: 'Pages as respondents move through them (1 for a questionnaire of top-level elements)', example: 2 }),
    questions: z.number().int().openapi({ description: 'Questions that take an answer', example: 6 }),
    reported: z.array(ListedQuestion).openapi({ description: 'Estimated in the results report (weighted % with confidence intervals)' }),
    breakdowns: z.array(ListedQuestion).openapi({ description: 'Offered as breakdowns ("break down by")' }),
    notReported: z.array(NotReported).openapi({ description: 'Answered and stored, but not in the report, each with why' }),
    metadata: z.enum(['uploaded', 'stored', 'none']).openapi({ description: 'Where the question metadata comes from', example: 'uploaded' }),
    warnings: z.array(z.string()),
    outcome: z.enum(['create', 'update', 'unchanged']).nullable().openapi({ description: 'What adding it would do; null when no survey name was given' }),
    version: z.number().int().nullable().openapi({ description: 'The version it would have (or has, when unchanged)', example: 1 }),
  })
  .openapi('SurveyCheck');
export type SurveyCheck = z.infer<typeof SurveyCheck>;

export const SurveyUpload = z
  .object({
    outcome: z.enum(['created', 'updated', 'unchanged']),
    message: z.string().openapi({ example: "Added 'Park safety check' as park-safety (version 1). Create a wave and open it to take answers." }),
    survey: z.object({ slug: z.string(), title: z.string(), audience: Audience, version: z.number().int() }),
    check: SurveyCheck,
  })
  .openapi('SurveyUpload');
export type SurveyUpload = z.infer<typeof SurveyUpload>;

/** A refused questionnaire: `problems` lists each reason (empty when there is one). */
export const SurveyRefusal = z
  .looseObject({
    error: z.string().openapi({ example: 'The question metadata does not fit the questionnaire: …' }),
    field: z.string().optional(),
    problems: z.array(z.string()).optional(),
  })
  .openapi('SurveyRefusal');

// ---------------------------------------------------------------------------------------------
// Waves

const DATE_USAGE = 'a date as YYYY-MM-DD (e.g. 2026-09-01)';
const WAVE_USAGE = 'Send JSON {"name": "2027", "opens": "2027-01-10", "closes": "2027-03-31"} (the dates are optional).';
const CHANGE_USAGE = 'Send JSON with any of "status": "open" | "closed", "opens" and "closes" (YYYY-MM-DD, or null to clear the date).';

const day = (k: 'opens' | 'closes', orNull: boolean) =>
  z
    .string({ error: `"${k}" must be ${DATE_USAGE}${orNull ? ', or null to clear it' : ''}.` })
    .nullable()
    .optional()
    .openapi({
      format: 'date',
      description: orNull ? 'YYYY-MM-DD, or null (or "") to clear it' : 'YYYY-MM-DD (optional)',
      example: k === 'opens' ? '2027-01-10' : '2027-03-31',
    });

export const NewWave = z
  .object(
    {
      name: z
        .string({ error: `"name" must be the wave's name, e.g. "2027". ${WAVE_USAGE}` })
        .trim()
        .min(1, { error: `"name" must be the wave's name, e.g. "2027". ${WAVE_USAGE}` })
        .openapi({ description: 'Up to 40 letters, digits, spaces, dots, hyphens or underscores', example: '2027' }),
      opens: day('opens', false),
      closes: day('closes', false),
    },
    { error: WAVE_USAGE },
  )
  .openapi('NewWave');
export type NewWave = z.infer<typeof NewWave>;

export const WaveChangeRequest = z
  .strictObject(
    {
      status: z.enum(['open', 'closed'], { error: `"status" must be "open" or "closed". ${CHANGE_USAGE}` }).optional(),
      opens: day('opens', true),
      closes: day('closes', true),
    },
    { error: objectError(CHANGE_USAGE) },
  )
  .refine((b) => Object.keys(b).length > 0, { error: `Nothing to change. ${CHANGE_USAGE}` })
  .openapi('WaveChangeRequest');
export type WaveChangeRequest = z.infer<typeof WaveChangeRequest>;

/** A wave as the officer pages show it: dates as YYYY-MM-DD. */
export const WaveView = z
  .object({
    name: z.string().openapi({ example: '2027' }),
    status: WaveStatus,
    opens: z.string().nullable().openapi({ format: 'date', example: '2027-01-10' }),
    closes: z.string().nullable().openapi({ format: 'date', example: '2027-03-31' }),
  })
  .openapi('Wave');
export type WaveView = z.infer<typeof WaveView>;

export const WaveCreated = z
  .object({
    wave: WaveView,
    message: z.string().openapi({ example: 'Created wave 2027 of park-safety (a draft: open it to take answers).' }),
  })
  .openapi('WaveCreated');
export type WaveCreated = z.infer<typeof WaveCreated>;

const Change = z.object({ from: z.string().nullable(), to: z.string().nullable() });

export const WaveUpdated = z
  .object({
    wave: WaveView,
    closedWave: z.string().nullable().openapi({ description: "The other wave this one's opening closed", example: '2026' }),
    changes: z.record(z.string(), Change).openapi({
      description: 'What changed (status, opens, closes), from → to; empty when the wave already was as asked',
      example: { status: { from: 'draft', to: 'open' } },
    }),
    notTakingAnswers: z.string().nullable().openapi({ description: 'Why an open wave does not take answers now', example: null }),
    message: z
      .string()
      .openapi({ example: 'Wave 2027 of park-safety is now open. Wave 2026 was closed, as only one wave of a survey takes answers at a time.' }),
  })
  .openapi('WaveUpdated');
export type WaveUpdated = z.infer<typeof WaveUpdated>;

// ---------------------------------------------------------------------------------------------
// Translations

export const Language = z
  .object({
    code: z.string().openapi({ description: "Locale code, as SurveyJS uses it ('en' is the original)", example: 'cy' }),
    name: z.string().openapi({ description: 'The language named in itself, for a chooser', example: 'Cymraeg' }),
    demonstration: z.boolean().openapi({ description: 'A translation made up for the demo, not reviewed by a translator: say so wherever it is shown' }),
  })
  .openapi('Language');
export type Language = z.infer<typeof Language>;

export const TranslationParams = z.object({
  slug: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'slug', in: 'path' }, description: "The questionnaire's short name", example: 'resident-safety' }),
  locale: z
    .string()
    .min(1)
    .max(20)
    .openapi({ param: { name: 'locale', in: 'path' }, description: "The language's code, e.g. 'cy' for Welsh", example: 'cy' }),
});

export const TranslationPreview = z
  .object({
    slug: z.string().openapi({ example: 'resident-safety' }),
    locale: z.string().openapi({ example: 'cy' }),
    language: z.string().openapi({ example: 'Cymraeg' }),
    version: z.number().int().openapi({ description: 'The version the sheet was checked against', example: 1 }),
    strings: z.array(
      z.object({
        id: z.string().openapi({ example: 'q:safe_home/title' }),
        english: z.string().openapi({ example: 'How safe do you feel in your own home?' }),
        translation: z.string().openapi({ example: 'Pa mor ddiogel ydych chi’n teimlo yn eich cartref eich hun?' }),
        previous: z.string().openapi({ description: "The translation stored now ('' when none)" }),
      }),
    ),
    changed: z.number().int().openapi({ description: 'Strings new or different from what is stored' }),
    definition: z.record(z.string(), z.unknown()).openapi({ description: 'The questionnaire with the translation, for a respondent preview' }),
    message: z.string(),
  })
  .openapi('TranslationPreview');
export type TranslationPreview = z.infer<typeof TranslationPreview>;

export const TranslationStored = z
  .object({
    slug: z.string(),
    locale: z.string(),
    version: z.number().int().openapi({ description: 'The version now stored (one more when anything changed)' }),
    changed: z.boolean(),
    message: z.string().openapi({ example: 'Stored the Cymraeg translation of resident-safety (160 strings) as version 2.' }),
  })
  .openapi('TranslationStored');
export type TranslationStored = z.infer<typeof TranslationStored>;

export const TranslationRefusal = z
  .looseObject({
    error: z.string(),
    problems: z.array(z.string()).openapi({ description: 'Each reason the sheet cannot be used' }),
    missing: z.array(z.string()).openapi({ description: 'String ids of the questionnaire the sheet lacks' }),
    stray: z.array(z.string()).openapi({ description: 'Ids in the sheet the questionnaire does not have' }),
    empty: z.array(z.string()).openapi({ description: 'Ids whose translation is empty' }),
  })
  .openapi('TranslationRefusal');
