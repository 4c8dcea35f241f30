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
  })
  .openapi('Officer');

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
  })
  .openapi('LoginRequest');

/** Types only: the rules (email form, password length, role) are the service's, for the CLI too. */
export const NewOfficer = z
  .object({
    email: z.string().openapi({ format: 'email', example: 'j.smith@council.gov.uk' }),
    password: z.string().openapi({ format: 'password', description: 'At least 10 characters, at most 1000', example: 'three unrelated words' }),
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
