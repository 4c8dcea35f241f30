/**
 * Many links at once (POST …/links/bulk, `link bulk`): what an admin sends and what comes back.
 * Row-level checks are the single link's own (CreateLinkBody), so the words are the same.
 */
import { z } from '@hono/zod-openapi';
import { ErrorBody } from '../error-body.js';
import { LINK_KINDS, OfficerLink } from './schemas.js';

/** A district's schools are a few dozen; a few hundred covers channels and single-use links too. */
export const MAX_BULK_LINKS = 500;
export const MAX_BULK_BODY_BYTES = 128 * 1024;

const Row = z
  .object({
    label: z.unknown().openapi({ description: 'The school or channel name', example: 'Example Valley School' }),
    expires: z.unknown().optional().openapi({ description: 'YYYY-MM-DD, or empty for the default', example: '2026-07-01' }),
    max: z.unknown().optional().openapi({ description: 'A whole number, or empty for the default', example: 250 }),
  })
  .openapi('BulkLinkRow');

export const BulkLinksBody = z
  .strictObject(
    {
      links: z.array(Row).optional().openapi({ description: 'The links, one per row; or send csv' }),
      csv: z.string().optional().openapi({
        description: 'A CSV with a header row naming the columns school (or label), expires and max (or cap); or a plain list, one name a line',
        example: 'school,expires,max\nExample Valley School,2026-07-01,250',
      }),
      kind: z
        .enum(LINK_KINDS, { error: (iss) => `The kind must be "school", "channel" or "single", not ${JSON.stringify(iss.input)}.` })
        .optional()
        .openapi({ description: 'Default school' }),
      // Checked with each row, as a single link's expiry and cap are, so the words are the same.
      expires: z.unknown().optional().openapi({ description: 'The expiry of rows that give none (YYYY-MM-DD)', example: '2026-07-01' }),
      max: z.unknown().optional().openapi({ description: 'The cap of rows that give none', example: 250 }),
    },
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys'
          ? `Unexpected field(s) ${(iss.keys ?? []).map((k: string) => `"${k}"`).join(', ')}: send "links" or "csv", with "kind", "expires" and "max" as defaults.`
          : 'Send a JSON object such as {"csv": "school\\nExample Valley School", "expires": "2026-07-01", "max": 250}.',
    },
  )
  .openapi('BulkLinks', { description: 'Every row is created, or none is' });
export type BulkLinksRequest = z.input<typeof BulkLinksBody>;

export const BulkRowProblem = z
  .object({
    row: z.number().int().openapi({ description: "The row: the CSV's line (the header is line 1), or the list's position from 1" }),
    label: z.string().openapi({ example: 'Example Valley School' }),
    field: z.enum(['label', 'expires', 'max']).nullable(),
    error: z.string().openapi({ example: "'Example Valley School' is in the list twice (rows 2 and 5)." }),
  })
  .openapi('BulkRowProblem');
export type BulkRowProblem = z.infer<typeof BulkRowProblem>;

export const BulkLinksRefusal = ErrorBody.extend({ rows: z.array(BulkRowProblem) }).openapi('BulkLinksRefusal');

export const BulkLinksCreated = z.object({ created: z.array(OfficerLink) }).openapi('BulkLinksCreated');
export type BulkLinksCreated = z.infer<typeof BulkLinksCreated>;
