/**
 * Ward boundaries and the ward map, mounted at /api/officer (session + CSRF run there).
 *
 *   GET /areas/map         the projected ward map (SVG paths every page colours); viewer and up
 *   GET /areas/boundaries  which boundaries are in use (bundled or uploaded, when); import permission
 *   PUT /areas/boundaries  GeoJSON FeatureCollection (application/json or application/geo+json,
 *                          at most MAX_BOUNDARIES_BYTES), checked against the ward lookup, replaces
 *                          the boundaries in use; refused (422) with the reason, nothing kept.
 *                          Audited 'boundaries.import' (by the service).
 *   GET /areas/lookup      the partnership's wards and the LSOAs in them; import permission
 *   PUT /areas/lookup      an ONS LSOA → ward lookup (text/csv, at most MAX_LOOKUP_BYTES): adds its
 *                          wards and LSOAs to the partnership; a ward of another partnership or an
 *                          LSOA in another ward → 409, a bad file → 422, nothing stored.
 *                          Audited 'areas.lookup' (by the service).
 */
import { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { rolesWith } from '../../accounts/roles.js';
import { addWardLookup, wardLookupSummary } from '../../areas/lookup.js';
import { boundariesSummary, importBoundaries, wardMap } from '../../areas/maps.js';
import { BoundariesSummary, BoundariesUpload, WardLookupResult, WardLookupSummary, WardMap } from '../../areas/schemas.js';
import { safeFileName } from '../../crime/staging.js';
import { UnsupportedMediaType } from '../../errors.js';
import type { AppDeps } from '../deps.js';
import { csvBody, csvText, type CsvTextEnv, csvUpTo } from '../middleware/csv-body.js';
import type { OfficerEnv } from '../middleware/session.js';
import { errors, invalidAs, jsonBody, jsonContent, limitBody, officerRoute, router } from '../route.js';

/** A district's generalised ward boundaries are well under 1 MB; full-resolution ones a few MB. */
export const MAX_BOUNDARIES_BYTES = 10 * 1024 * 1024;
/** A county's lookup is a few thousand lines (about 100 bytes each). */
export const MAX_LOOKUP_BYTES = 5 * 1024 * 1024;
const lookupTooBig = `The lookup file is larger than ${MAX_LOOKUP_BYTES / 1024 / 1024} MB. Nothing was stored.`;
const GEOJSON_TYPE = /^application\/(geo\+)?json\s*(;|$)/i;
const tags = ['areas'];

const geojsonOnly: MiddlewareHandler = async (c, next) => {
  if (!GEOJSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new UnsupportedMediaType('Send the boundaries as GeoJSON with the header Content-Type: application/geo+json (or application/json).');
  }
  await next();
};

const getMap = officerRoute({
  method: 'get',
  path: '/areas/map',
  roles: rolesWith('read-results'),
  tags,
  summary: 'The ward map: each ward as SVG path data, projected once for every page and the committee report',
  responses: {
    200: jsonContent(WardMap, 'The projected ward map'),
    ...errors({ 409: 'No ward boundaries fit the ward lookup yet (upload them on the Data page)' }),
  },
});

const getBoundaries = officerRoute({
  method: 'get',
  path: '/areas/boundaries',
  roles: rolesWith('import'),
  tags,
  summary: 'Which ward boundaries the maps use: bundled or uploaded, and when',
  responses: { 200: jsonContent(BoundariesSummary, 'The boundaries in use') },
});

const putBoundaries = officerRoute({
  method: 'put',
  path: '/areas/boundaries',
  roles: rolesWith('import'),
  tags,
  summary: 'Replace the ward boundaries with a GeoJSON file, checked against the ward lookup first',
  middleware: [
    geojsonOnly,
    limitBody({
      maxBytes: MAX_BOUNDARIES_BYTES,
      message: `The boundaries file is larger than ${MAX_BOUNDARIES_BYTES / 1024 / 1024} MB. Nothing was kept; simplify it first.`,
    }),
  ],
  request: {
    headers: z.object({
      'x-file-name': z.string().optional().openapi({ description: 'The file name, recorded as the source', example: 'wards-2023.geojson' }),
    }),
    body: {
      ...jsonBody(BoundariesUpload, 'GeoJSON FeatureCollection, one feature per ward (WGS84 longitude/latitude)'),
      content: { 'application/json': { schema: BoundariesUpload }, 'application/geo+json': { schema: BoundariesUpload } },
    },
  },
  responses: {
    200: jsonContent(BoundariesSummary, 'The boundaries are kept and the maps use them'),
    ...errors({
      400: 'The body is not valid JSON',
      413: 'The file is larger than the limit; nothing kept',
      415: 'Not sent as GeoJSON',
      422: 'Not a FeatureCollection, a ward missing or twice, a feature of another area, or coordinates not in longitude/latitude (said which); nothing kept',
    }),
  },
});

const getLookup = officerRoute({
  method: 'get',
  path: '/areas/lookup',
  roles: rolesWith('import'),
  tags,
  summary: "The partnership's wards and the LSOAs that lie in them",
  responses: { 200: jsonContent(WardLookupSummary, 'The ward lookup') },
});

const putLookup = officerRoute({
  method: 'put',
  path: '/areas/lookup',
  roles: rolesWith('import'),
  tags,
  summary: "Add an ONS LSOA → ward lookup's wards and LSOAs to the partnership",
  middleware: [csvUpTo(MAX_LOOKUP_BYTES, () => lookupTooBig), csvText(MAX_LOOKUP_BYTES, lookupTooBig)],
  request: {
    headers: z.object({
      'x-file-name': z.string().optional().openapi({ description: 'The file name, for messages and the audit log', example: 'lsoa21-ward23.csv' }),
    }),
    body: csvBody('ONS lookup: LSOA11CD or LSOA21CD, WDyyCD, WDyyNM (other columns ignored)'),
  },
  responses: {
    200: jsonContent(WardLookupResult, 'The wards and LSOAs are the partnership’s'),
    ...errors({
      409: 'A ward belongs to another partnership, or an LSOA lies in another ward already; nothing stored',
      413: 'The file is larger than the limit; nothing stored',
      415: 'Not sent as text/csv',
      422: 'A column missing or a line wrong (said which); nothing stored',
    }),
  },
});

export function officerAreaRoutes({ store }: AppDeps) {
  return router<OfficerEnv & CsvTextEnv>()
    .openapi(getLookup, async (c) => c.json(await wardLookupSummary(store), 200))
    .openapi(putLookup, async (c) => {
      const fileName = safeFileName(c.req.valid('header')['x-file-name']) || undefined;
      return c.json(await addWardLookup(store, c.get('csvText'), { fileName, officer: c.get('officer') }), 200);
    })
    .openapi(getMap, async (c) => c.json(await wardMap(store), 200))
    .openapi(getBoundaries, async (c) => c.json(await boundariesSummary(store), 200))
    .openapi(
      putBoundaries,
      async (c) =>
        c.json(
          await importBoundaries(store, c.req.valid('json'), {
            fileName: safeFileName(c.req.valid('header')['x-file-name']) || undefined,
            officer: c.get('officer'),
          }),
          200,
        ),
      invalidAs(422),
    );
}
