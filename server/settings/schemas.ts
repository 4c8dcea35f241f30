/**
 * The council's details as admins send and read them, and as respondents' pages get them: one
 * schema each, giving validation, types and the OpenAPI components. Messages are whole sentences.
 */
import { z } from '@hono/zod-openapi';

/** The most a logo may weigh: a poster-sized PNG is far less. */
export const MAX_LOGO_BYTES = 200 * 1024;
export const MAX_SETTINGS_BODY_BYTES = 8 * 1024;
export const LOGO_TYPES = ['image/png', 'image/svg+xml'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

const text = (what: string, max: number) =>
  z
    .string({ error: `The ${what} must be text.` })
    .transform((s) => s.trim().replace(/[ \t]+/g, ' '))
    .pipe(
      z
        .string()
        .max(max, `The ${what} is longer than ${max} characters; shorten it.`)
        .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), `The ${what} contains control characters; type it as plain text.`),
    );

/** Absent, null or '' all mean "none". */
const optional = <T extends z.ZodType<string, string>>(schema: T) =>
  z
    .union([schema, z.null()])
    .optional()
    .transform((v) => (v ? v : null));

const Email = text('contact e-mail', 200).refine(
  (s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
  'The contact e-mail is not an e-mail address (name@council.gov.uk).',
);
const Phone = text('phone number', 40).refine(
  (s) => s === '' || (/^\+?[0-9 ()-]+$/.test(s) && s.replace(/\D/g, '').length >= 5),
  'The phone number may hold only digits, spaces, brackets, dashes and a leading +, e.g. 01632 960000.',
);

export const UpdateSettingsBody = z
  .strictObject(
    {
      councilName: text('council name', 120).pipe(z.string().min(1, 'Give the council’s name, as respondents should read it.')),
      contactEmail: optional(Email).openapi({ example: 'privacy@demo.invalid' }),
      contactPhone: optional(Phone).openapi({ example: '01632 960000' }),
      postalAddress: optional(text('postal address', 300)).openapi({ example: 'Town Hall, 1 Example Street, Demoville' }),
      dpoContact: optional(text('data protection officer contact', 300)).openapi({
        description: 'How to reach the data protection officer',
        example: 'dpo@demo.invalid',
      }),
    },
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys'
          ? `Unexpected field(s) ${(iss.keys ?? []).map((k: string) => `"${k}"`).join(', ')}: send only "councilName", "contactEmail", "contactPhone", "postalAddress", "dpoContact".`
          : 'Send a JSON object such as {"councilName": "Demo Borough Council"}.',
    },
  )
  .openapi('UpdateCouncilSettings', { description: 'Every field at once: an absent, null or empty field is cleared' });

export type UpdateSettingsRequest = z.input<typeof UpdateSettingsBody>;

export const CouncilSettings = z
  .object({
    set: z.boolean().openapi({ description: 'False until an admin has saved the details' }),
    councilName: z.string().nullable().openapi({ example: 'Demo Borough Council (made-up)' }),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    postalAddress: z.string().nullable(),
    dpoContact: z.string().nullable(),
    logo: z.string().nullable().openapi({ description: "The logo's public address, or null", example: '/api/council/logo?v=2026-06-01T10:00:00.000Z' }),
    updatedAt: z.string().nullable(),
  })
  .openapi('CouncilSettings');
export type CouncilSettings = z.infer<typeof CouncilSettings>;

/** What respondents' pages show: the name, the logo. */
export const PublicCouncil = z
  .object({
    name: z.string().openapi({ example: 'Demo Borough Council (made-up)' }),
    logo: z.string().nullable().openapi({ example: '/api/council/logo?v=2026-06-01T10:00:00.000Z' }),
  })
  .openapi('PublicCouncil');
export type PublicCouncil = z.infer<typeof PublicCouncil>;
