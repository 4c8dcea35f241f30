/** The population table as the Data page sees it: the schemas are the service's types and the OpenAPI components. */
import { z } from '@hono/zod-openapi';

export const PopulationSummary = z
  .object({
    cells: z.number().int().openapi({ description: 'Population figures (rows) stored' }),
    areas: z.number().int().openapi({ description: 'Wards with a population figure' }),
    wardsKnown: z.number().int().openapi({ description: "Wards in the borough's lookup" }),
    missingWards: z.array(z.object({ code: z.string(), name: z.string() })).openapi({ description: 'Wards with no figure (no crime rate for them)' }),
    total: z.number().openapi({ description: 'Total residents' }),
    bySexAndAge: z.boolean().openapi({ description: 'Whether there are figures by sex × age band (needed to weight by them)' }),
    sources: z.array(z.string()),
    illustrative: z.boolean(),
    illustrativeNotice: z.string().nullable(),
  })
  .openapi('PopulationSummary');

export const PopulationImportResult = z
  .object({ rows: z.number().int(), areas: z.number().int(), summary: PopulationSummary })
  .openapi('PopulationImportResult');

export type PopulationSummary = z.infer<typeof PopulationSummary>;
export type PopulationImportResult = z.infer<typeof PopulationImportResult>;
