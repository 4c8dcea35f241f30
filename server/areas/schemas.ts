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

export const WardMap = z
  .object({
    width: z.number().openapi({ description: "The map's width in SVG units (its viewBox is 0 0 width height)", example: 600 }),
    height: z.number().openapi({ description: "The map's height in SVG units", example: 520 }),
    wards: z.array(
      z.object({
        code: z.string().openapi({ example: 'E05004982' }),
        name: z.string().openapi({ example: 'Allington' }),
        path: z.string().openapi({ description: 'SVG path data of the ward, in map units' }),
        labelAt: z.tuple([z.number(), z.number()]).openapi({ description: "The ward's centroid on the map, for a label or marker" }),
      }),
    ),
    source: z.string().openapi({ description: 'Where the boundaries come from' }),
    attribution: z.string().nullable().openapi({ description: 'The attribution to show with the map (bundled ONS boundaries), or null' }),
  })
  .openapi('WardMap');

export const BoundariesSummary = z
  .object({
    available: z.boolean().openapi({ description: 'Whether boundaries that fit the ward lookup are in use' }),
    source: z.string().nullable(),
    bundled: z.boolean().openapi({ description: 'The bundled ONS boundaries (no upload yet)' }),
    uploadedAt: z.string().nullable().openapi({ description: 'When the boundaries in use were uploaded (ISO 8601), null if bundled' }),
    wards: z.number().int().openapi({ description: "Wards in the borough's lookup" }),
    attribution: z.string().nullable(),
  })
  .openapi('BoundariesSummary');

/** The upload: a GeoJSON FeatureCollection; the features are checked by the service, with messages per ward. */
export const BoundariesUpload = z
  .looseObject({
    type: z.literal('FeatureCollection', {
      error: 'The file is not a GeoJSON FeatureCollection: export the ward boundaries as GeoJSON, one feature per ward.',
    }),
    features: z.array(z.unknown(), { error: 'The file has no list of features.' }),
  })
  .openapi('BoundariesUpload', {
    description: 'GeoJSON FeatureCollection in WGS84 longitude/latitude, one Polygon or MultiPolygon feature per ward with its ward code in a property',
  });

export type WardMap = z.infer<typeof WardMap>;
export type BoundariesSummary = z.infer<typeof BoundariesSummary>;

export const WardLookupSummary = z
  .object({
    wards: z.number().int().openapi({ description: "The partnership's wards" }),
    lsoas: z.number().int().openapi({ description: 'LSOAs that lie in them (they split recorded crime to the wards)' }),
  })
  .openapi('WardLookupSummary');

export const WardLookupResult = WardLookupSummary.extend({
  added: z.object({ wards: z.number().int(), lsoas: z.number().int() }).openapi({ description: 'What this file added (the rest was there already)' }),
}).openapi('WardLookupResult');

export type WardLookupSummary = z.infer<typeof WardLookupSummary>;
export type WardLookupResult = z.infer<typeof WardLookupResult>;
