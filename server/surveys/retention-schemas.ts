/**
 * The shapes of a questionnaire's retention period, declared once: what an admin sends, and the
 * period with its warning as the Surveys listing and the route answer.
 */
import { z } from '@hono/zod-openapi';

/** 50 years: longer is a typing slip, and "none" says keep until deleted by hand. */
export const MAX_RETENTION_MONTHS = 600;

export const RetentionDue = z
  .object({
    count: z.number().int().openapi({ description: 'Responses that fall due within 30 days (complete and partial)', example: 312 }),
    from: z.string().openapi({ description: 'When the first of them is deleted (ISO)', example: '2027-01-14T09:30:00.000Z' }),
    to: z.string().openapi({ description: 'When the last of them is deleted (ISO)', example: '2027-01-20T16:00:00.000Z' }),
    message: z.string().openapi({ example: '312 responses will be deleted on 14 January 2027 under the 24-month retention period.' }),
  })
  .openapi('RetentionDue');

export const SurveyRetention = z
  .object({
    months: z.number().int().nullable().openapi({ description: 'Months a response is kept after it arrived; null: kept until deleted by hand', example: 24 }),
    description: z.string().openapi({ example: 'Responses are deleted 24 months after they arrive.' }),
    due: RetentionDue.nullable().openapi({ description: 'Responses the sweep will delete within 30 days, or null' }),
  })
  .openapi('SurveyRetention');

const monthsMessage = (input: unknown) =>
  `The retention period must be a whole number of months from 1 to ${MAX_RETENTION_MONTHS}, or null for none, not ${JSON.stringify(input)}.`;
const monthsError = { error: (iss: { input?: unknown }) => monthsMessage(iss.input) };

export const RetentionRequest = z
  .strictObject(
    {
      months: z
        .number(monthsError)
        .int(monthsError)
        .min(1, monthsError)
        .max(MAX_RETENTION_MONTHS, monthsError)
        .nullable()
        .openapi({ description: 'Months to keep each response after it arrived, or null for none', example: 24 }),
    },
    { error: () => 'Send a JSON object {"months": 24} (or {"months": null} to keep responses until deleted by hand).' },
  )
  .openapi('RetentionRequest');

export type RetentionDue = z.infer<typeof RetentionDue>;
export type SurveyRetention = z.infer<typeof SurveyRetention>;
export type RetentionRequest = z.infer<typeof RetentionRequest>;
