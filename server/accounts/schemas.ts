/**
 * The shapes the accounts API takes and gives: each schema is the service's type (`z.infer`), the
 * request check and the OpenAPI component at once.
 */
import { z } from '@hono/zod-openapi';
import { ROLES } from './roles.js';

/** How many audit entries a page shows first, and the most one request may ask for. */
export const DEFAULT_AUDIT_LIMIT = 200;
export const MAX_AUDIT_LIMIT = 1000;

export const RoleName = z.enum(ROLES).openapi({ description: 'viewer < analyst < admin: each has what the roles below it have', example: 'analyst' });

const email = z.string().openapi({ format: 'email', example: 'j.smith@council.gov.uk' });

/** An account as shown to admins: never the password hash. */
export const Officer = z
  .object({
    id: z.number().int(),
    email,
    role: RoleName,
    createdAt: z.string().openapi({ description: 'UTC, ISO 8601', example: '2026-03-02T09:15:00.000Z' }),
    disabled: z.boolean().openapi({ description: 'A disabled account cannot sign in and has no sessions' }),
    disabledAt: z.string().nullable().openapi({ description: 'When it was disabled (UTC, ISO 8601); null when enabled' }),
    lastSignInAt: z
      .string()
      .nullable()
      .openapi({ description: 'The latest successful sign-in (UTC, ISO 8601); null if never', example: '2026-03-02T09:15:00.000Z' }),
    twoFactor: z.boolean().openapi({ description: 'Signs in with a code from an authenticator app as well as the password' }),
  })
  .openapi('Officer');

export const OfficerParams = z.object({
  id: z.coerce
    .number<string>({ error: 'The account id must be a whole number.' })
    .int({ error: 'The account id must be a whole number.' })
    .positive({ error: 'The account id must be a whole number.' })
    .openapi({ param: { name: 'id', in: 'path' }, example: 3 }),
});

/** PATCH /officers/{id}: either or both. */
export const OfficerChange = z
  .object({
    role: RoleName.optional(),
    disabled: z.boolean().optional().openapi({ description: 'true ends every session of the account and stops it signing in' }),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { error: 'Send a role, disabled (true or false), or both.' })
  .openapi('OfficerChange');

export const SessionsEnded = z
  .object({ sessionsEnded: z.number().int().openapi({ description: 'How many sessions were ended', example: 2 }) })
  .openapi('SessionsEnded');

export const PasswordChange = z
  .object({
    currentPassword: z.string().max(1000).openapi({ format: 'password' }),
    newPassword: z.string().max(1000).openapi({ format: 'password', description: 'The password rule applies (see NewOfficer)' }),
  })
  .openapi('PasswordChange');

export const PasswordResetIssued = z
  .object({
    email,
    code: z.string().openapi({ description: 'Shown once: pass it to the officer (by phone or in person)', example: 'K7QM-2HXP-9RTD-4WZC-N6FB' }),
    path: z.string().openapi({
      description: 'The page where the officer sets their password, with the code',
      example: '/officer/reset-password#code=K7QM-2HXP-9RTD-4WZC-N6FB',
    }),
    expiresAt: z.string().openapi({ description: 'UTC, ISO 8601: 24 hours after it was made' }),
  })
  .openapi('PasswordResetIssued');

export const PasswordResetBody = z
  .object({
    code: z.string().max(100).openapi({ example: 'K7QM-2HXP-9RTD-4WZC-N6FB' }),
    password: z.string().max(1000).openapi({ format: 'password', description: 'The new password; the password rule applies' }),
  })
  .openapi('PasswordResetRequest');

export const PasswordResetDone = z.object({ email }).openapi('PasswordResetDone');

export const TotpSetup = z
  .object({
    secret: z.string().openapi({ description: 'Base32, to type into an authenticator app', example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }),
    uri: z.string().openapi({ description: 'otpauth:// address (what the QR code holds)' }),
    qrSvg: z.string().openapi({ description: 'The address as a QR code, SVG' }),
  })
  .openapi('TotpSetup');

export const TotpCode = z.object({ code: z.string().max(20).openapi({ example: '492039' }) }).openapi('TotpCode');

export const TwoFactorState = z.object({ twoFactor: z.boolean() }).openapi('TwoFactorState');

export const OfficerList = z.object({ officers: z.array(Officer).openapi({ description: 'By email' }) }).openapi('OfficerList');

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ description: 'UTC, ISO 8601', example: '2026-03-02T09:15:00.000Z' }),
    officerId: z.number().int().nullable().openapi({ description: 'null for a failed sign-in with an unknown email' }),
    email: z.string().nullable(),
    action: z.string().openapi({ example: 'export.responses-csv' }),
    details: z
      .unknown()
      .openapi({ description: 'What was done to what, e.g. {survey, wave}; null when nothing more', example: { survey: 'resident-safety', wave: '2026' } }),
  })
  .openapi('AuditEntry');

export const AuditList = z.object({ entries: z.array(AuditEntry).openapi({ description: 'Newest first' }) }).openapi('AuditList');

const limitMessage = `limit must be a whole number from 1 to ${MAX_AUDIT_LIMIT}.`;

export const AuditQuery = z.object({
  limit: z.coerce
    .number<string>({ error: limitMessage })
    .int({ error: limitMessage })
    .min(1, { error: limitMessage })
    .max(MAX_AUDIT_LIMIT, { error: limitMessage })
    .optional()
    .openapi({ description: `How many of the latest entries (default ${DEFAULT_AUDIT_LIMIT}, at most ${MAX_AUDIT_LIMIT})`, example: 200 }),
});

/** The signed-in officer (GET /me). */
export const Me = z
  .object({
    email,
    role: RoleName,
    expiresAt: z.string().openapi({ description: 'When the session ends (UTC, ISO 8601)', example: '2026-03-02T17:15:00.000Z' }),
    twoFactor: z.boolean().openapi({ description: 'Two-factor sign-in is on for this account' }),
    lastSignInAt: z
      .string()
      .nullable()
      .openapi({ description: 'The latest successful sign-in, by password or single sign-on (UTC, ISO 8601)', example: '2026-03-02T09:15:00.000Z' }),
    previousSignInAt: z
      .string()
      .nullable()
      .openapi({ description: 'The successful sign-in before the latest; null if none', example: '2026-02-27T16:40:00.000Z' }),
    partnership: z
      .object({ slug: z.string(), name: z.string() })
      .openapi({ description: 'The partnership this session works in (`role` is the role there); see GET /partnerships' }),
  })
  .openapi('Me');

export const SignedIn = z
  .object({
    email,
    role: RoleName,
    csrfToken: z.string().openapi({ description: 'Send as the x-csrf-token header on changes (also in the csp_csrf cookie)' }),
  })
  .openapi('SignedIn');

/** Only "present and text" is checked here: anything else must fail as wrong credentials would. */
export const LoginBody = z
  .object({
    email: z.string().trim().min(1).openapi({ format: 'email', example: 'j.smith@council.gov.uk' }),
    password: z.string().min(1).openapi({ format: 'password', example: 'correct horse battery' }),
    code: z.string().max(20).optional().openapi({ description: 'The 6-digit code from the authenticator app, for an account with two-factor sign-in' }),
  })
  .openapi('LoginRequest');

/** Types only: the rules (email form, password length, role) are the service's, for the CLI too. */
export const NewOfficer = z
  .object({
    email: z.string().openapi({ format: 'email', example: 'j.smith@council.gov.uk' }),
    password: z.string().openapi({
      format: 'password',
      description: 'At least 12 characters, at most 1000; not a common password, nor one containing the email address',
      example: 'three unrelated words',
    }),
    role: z.string().openapi({ enum: [...ROLES], example: 'analyst' }),
  })
  .openapi('NewOfficer');

export const LoggedOut = z.object({ ok: z.literal(true) }).openapi('LoggedOut');

export type Officer = z.infer<typeof Officer>;
export type OfficerList = z.infer<typeof OfficerList>;
export type AuditEntry = z.infer<typeof AuditEntry>;
export type AuditList = z.infer<typeof AuditList>;
export type Me = z.infer<typeof Me>;
export type SignedIn = z.infer<typeof SignedIn>;
export type LoginBody = z.infer<typeof LoginBody>;
export type NewOfficer = z.infer<typeof NewOfficer>;
export type OfficerChange = z.infer<typeof OfficerChange>;
export type PasswordChange = z.infer<typeof PasswordChange>;
export type PasswordResetBody = z.infer<typeof PasswordResetBody>;
