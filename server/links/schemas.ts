/**
 * The shapes of distribution links, declared once: what an officer sends to create or change a
 * link (checked by the routes and, for the CLI, by the services), and what the link routes answer.
 * Each schema is the service's type (`z.infer`) and the component in /api/openapi.json.
 *
 * Every message is a whole sentence naming what to fix, so it reaches the officer as it is.
 */
import { z } from '@hono/zod-openapi';
import type { LinkRow, SurveyRow, WaveRow } from '../surveys/queries.js';

export const LINK_KINDS = ['school', 'channel', 'single'] as const;
export const LINK_STATES = ['active', 'expired', 'full', 'wave closed'] as const;
export const MAX_LABEL_LENGTH = 120;
/** Far above any school or channel; a bigger number is a typing slip. */
export const MAX_CAP = 1_000_000;
/** A link request is a few short fields. */
export const MAX_LINK_BODY_BYTES = 4 * 1024;

/** A real calendar day written YYYY-MM-DD, else null. */
export function parseDay(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}

// ---- what an officer sends ----

const NO_LABEL = 'Give the link a label, e.g. the name of the school or channel.';

/** Trimmed, runs of spaces as one; then checked. */
const Label = z
  .string({ error: NO_LABEL })
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, NO_LABEL)
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'The label contains control characters; type it as plain text.')
      .max(MAX_LABEL_LENGTH, {
        error: (iss) => `The label is ${String(iss.input).length} characters long; keep it to ${MAX_LABEL_LENGTH} or fewer.`,
      }),
  )
  .openapi({ maxLength: MAX_LABEL_LENGTH, description: 'What the link is for, e.g. the school name', example: 'Example Valley School' });

const kindMessage = (input: unknown) => `The kind must be "school", "channel" or "single", not ${JSON.stringify(input)}.`;
const Kind = z.enum(LINK_KINDS, { error: (iss) => kindMessage(iss.input) }).openapi({ description: 'Default school', example: 'school' });

const dayMessage = (input: unknown) => `The expiry date ${JSON.stringify(input)} is not a date: use YYYY-MM-DD, e.g. 2026-07-01.`;
const Day = z
  .string({ error: (iss) => dayMessage(iss.input) })
  .trim()
  .refine((s) => parseDay(s) !== null, { error: (iss) => dayMessage(iss.input) })
  .openapi({ format: 'date', description: 'YYYY-MM-DD: the day the link stops working', example: '2026-07-01' });

const capMessage = (input: unknown) =>
  `The cap must be a whole number of answers from 1 to ${MAX_CAP.toLocaleString('en-GB')}, not ${JSON.stringify(input)}. Leave it empty for no cap.`;
const capError = { error: (iss: { input?: unknown }) => capMessage(iss.input) };
const Cap = z.number(capError).int(capError).min(1, capError).max(MAX_CAP, capError).openapi({ description: 'Most answers the link takes', example: 250 });

/** A form's empty field ('') means "none", as null does; other values must pass `schema`. */
const orEmpty = <T extends z.ZodType>(schema: T, message: (input: unknown) => string) =>
  z
    .union([schema, z.literal('')], { error: (iss) => message(iss.input) })
    .nullable()
    .transform((v) => (v === '' ? null : v) as z.output<T> | null);
/** Optional in a new link: absent, null or empty all mean none. */
const none = <T extends z.ZodType>(schema: T, message: (input: unknown) => string) =>
  orEmpty(schema, message)
    .optional()
    .transform((v) => v ?? undefined);

/** Unknown fields are refused (400), so a misspelt one is not silently ignored. */
function bodyError(fields: string[], notObject: string) {
  const allowed = fields.map((k) => `"${k}"`).join(', ');
  return (iss: { code?: string; keys?: string[] }) =>
    iss.code === 'unrecognized_keys' ? `Unexpected field(s) ${(iss.keys ?? []).map((k) => `"${k}"`).join(', ')}: send only ${allowed}.` : notObject;
}

export const CreateLinkBody = z
  .strictObject(
    { label: Label, kind: Kind.nullish().transform((v) => v ?? undefined), expires: none(Day, dayMessage), max: none(Cap, capMessage) },
    { error: bodyError(['label', 'kind', 'expires', 'max'], 'Send a JSON object such as {"label": "School name", "kind": "school"}.') },
  )
  .openapi('CreateLink', { description: 'A new link: a single-use link takes one answer; an expiry must be after today' });

export const UpdateLinkBody = z
  .strictObject(
    {
      label: Label.optional(),
      expires: orEmpty(z.union([z.literal('now'), Day]), dayMessage)
        .optional()
        .openapi({ description: "A later day, 'now' to end the link at once, or null for no expiry", example: '2026-07-01' }),
      max: orEmpty(Cap, capMessage).optional().openapi({ description: 'A new cap, or null for none', example: 300 }),
    },
    { error: bodyError(['label', 'expires', 'max'], 'Send a JSON object with any of "label", "expires" and "max".') },
  )
  .openapi('UpdateLink', { description: 'What to change; at least one field' });

export type LinkKind = (typeof LINK_KINDS)[number];
export type LinkState = (typeof LINK_STATES)[number];
/** A new link as sent (the CLI's flags, or a form). */
export type CreateLinkRequest = z.input<typeof CreateLinkBody>;
/** A change as sent. */
export type UpdateLinkRequest = z.input<typeof UpdateLinkBody>;

export const TokenParams = z.object({
  token: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'token', in: 'path' }, description: "The link's token, the last part of its address", example: 'q3ZrT0x9bW2k' }),
});

// ---- what the routes answer ----

export const OfficerLink = z
  .object({
    token: z.string().openapi({ example: 'q3ZrT0x9bW2k' }),
    url: z.string().openapi({ description: 'The absolute address respondents open (PUBLIC_URL)', example: 'https://surveys.example.gov.uk/y/q3ZrT0x9bW2k' }),
    label: z.string().openapi({ example: 'Example Valley School' }),
    kind: z.enum(LINK_KINDS),
    expiresAt: z.string().nullable().openapi({ description: 'Start of the day the link stops working (ISO), or null', example: '2026-07-01T00:00:00.000Z' }),
    maxResponses: z.number().int().nullable().openapi({ example: 250 }),
    responses: z.number().int().openapi({ description: 'Returns through the link so far, complete and partial (what the cap counts)' }),
    state: z.enum(LINK_STATES),
    stateReason: z.string().openapi({ description: 'The state in a sentence for the officer', example: 'Takes answers now until the end of 30 June 2026.' }),
    createdAt: z.string(),
  })
  .openapi('OfficerLink');

export const LinkWave = z
  .object({
    name: z.string().openapi({ example: '2026' }),
    status: z.enum(['draft', 'open', 'closed']),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    takingAnswers: z.boolean().openapi({ description: 'Whether the wave takes answers now (open and inside its dates)' }),
    closedReason: z.string().nullable().openapi({ description: 'Why it does not, in a sentence, or null', example: 'The 2026 survey is closed.' }),
  })
  .openapi('LinkWave');

export const WaveLinks = z
  .object({
    survey: z.object({
      slug: z.string().openapi({ example: 'youth-safety' }),
      title: z.string(),
      audience: z.enum(['resident', 'youth', 'other']),
    }),
    wave: LinkWave,
    links: z.array(OfficerLink).openapi({ description: 'By label' }),
  })
  .openapi('WaveLinks');

export const LinkDeleted = z
  .object({
    deleted: z.string().openapi({ description: 'The token of the link deleted', example: 'q3ZrT0x9bW2k' }),
    message: z.string().openapi({ example: 'The link for Example Valley School was deleted.' }),
  })
  .openapi('LinkDeleted');

export type OfficerLink = z.infer<typeof OfficerLink>;
export type LinkDeleted = z.infer<typeof LinkDeleted>;
export type LinkWave = z.infer<typeof LinkWave>;
export type WaveLinks = z.infer<typeof WaveLinks>;

/** A link with its wave, survey and what the officer pages say of it (the poster and the QR file use it). */
export interface OfficerLinkContext {
  link: LinkRow;
  wave: WaveRow;
  survey: SurveyRow;
  view: OfficerLink;
}
