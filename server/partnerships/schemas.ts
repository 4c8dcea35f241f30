/** The request and response shapes of partnerships, for validation, types and the API document. */
import { z } from '@hono/zod-openapi';
import { RoleName } from '../accounts/schemas.js';
import { PARTNERSHIP_SLUG } from '../store/partnership-slug.js';

export const PartnershipSlug = z
  .string()
  .regex(PARTNERSHIP_SLUG, 'A partnership name in addresses is 1–40 lower-case letters, digits and hyphens, e.g. "dover".')
  .openapi({ example: 'dover' });

/** A partnership the signed-in officer may work in, with their role there. */
export const OfficerPartnership = z
  .object({
    slug: PartnershipSlug,
    name: z.string().openapi({ example: 'Dover Community Safety Partnership' }),
    role: RoleName,
    current: z.boolean().openapi({ description: 'The partnership this session works in' }),
  })
  .openapi('OfficerPartnership');

export const OfficerPartnerships = z
  .object({
    partnerships: z.array(OfficerPartnership),
    countyReader: z.boolean().openapi({ description: 'Reads every partnership of the deployment (a county role), as a viewer where no role is given' }),
  })
  .openapi('OfficerPartnerships');

export const ChoosePartnership = z.object({ slug: PartnershipSlug }).openapi('ChoosePartnership');

/** A partnership as the operator's CLI lists it. */
export const Partnership = z.object({ id: z.number().int(), slug: PartnershipSlug, name: z.string(), wards: z.number().int(), surveys: z.number().int() });

export type OfficerPartnerships = z.infer<typeof OfficerPartnerships>;
export type Partnership = z.infer<typeof Partnership>;

/** One partnership as the county compares them: its wards, its surveys' waves and replies, and its recorded crime. */
export const CountyPartnership = z
  .object({
    slug: PartnershipSlug,
    name: z.string(),
    wards: z.number().int().openapi({ description: 'Wards in its lookup' }),
    surveys: z.array(
      z.object({
        slug: z.string(),
        title: z.string(),
        waves: z.array(
          z.object({ name: z.string(), status: z.enum(['draft', 'open', 'closed']), responses: z.number().int().openapi({ description: 'Complete replies' }) }),
        ),
      }),
    ),
    crime: z.object({
      months: z.array(z.string()).openapi({ description: 'The months of recorded crime held for its wards (YYYY-MM)', example: ['2019-01'] }),
      crimes: z.number().int().openapi({ description: 'Recorded crimes in its wards over those months (anti-social behaviour included)' }),
    }),
  })
  .openapi('CountyPartnership');

export const CountyOverview = z.object({ partnerships: z.array(CountyPartnership) }).openapi('CountyOverview');
export type CountyOverview = z.infer<typeof CountyOverview>;
