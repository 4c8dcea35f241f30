/**
 * Officer API for recorded crime and population, mounted at /api/officer (session + CSRF run
 * there). Everything needs the `import` permission (analyst, admin).
 *
 *   POST /crime/uploads   raw police.uk CSV body (content-type: text/csv, file name in the
 *                         x-file-name header, percent-encoded if need be), or a police.uk custom
 *                         download as it comes (application/zip, or application/x-zip-compressed
 *                         as Windows browsers send it), streamed to a staging file under the data
 *                         folder, at most MAX_CRIME_UPLOAD_BYTES (512 MB) → 201 {id, name, bytes};
 *                         not a police.uk header, or a damaged ZIP, one without a street file or
 *                         one that would unpack to over 10 GB → 422, nothing kept
 *   POST /crime/imports   JSON {uploads: [id, …]}: imports the staged files together (give all
 *                         the files of a month in one import) → the import report; a file that
 *                         cannot be imported → 422 with the reason, nothing stored; unknown ids
 *                         → 404. The staged files are removed afterwards either way. Audited
 *                         'crime.import' (by the service, crime/data.ts).
 *   GET  /crime/imports/progress?upload=<id>  how far the running import of that upload has got
 *                         (file n of m, rows and bytes read), for the page to poll while the
 *                         import request runs; {running: false} when none is running
 *   GET  /crime/months    the months stored, with crime counts and source file names
 *   POST /population      CSV body area_code,sex,age_band,count[,source] (text/csv, at most
 *                         MAX_POPULATION_BYTES), ?illustrative=1 for made-up figures: replaces the
 *                         population table → {rows, areas, summary}; a bad file → 422, nothing
 *                         changed. Audited 'population.import' (by the service).
 *   GET  /population      what the population table holds (areas, cells, total, sources, illustrative)
 */
import { z } from '@hono/zod-openapi';
import { rolesWith } from '../../accounts/roles.js';
import { PopulationImportResult, PopulationSummary } from '../../areas/schemas.js';
import { importPopulationCsv, importProgress, importStagedCrime, populationSummary, storedCrimeMonths } from '../../crime/data.js';
import { CrimeImportRequest, CrimeImportResult, ImportProgress, ImportProgressQuery, StagedUpload, StoredCrime } from '../../crime/schemas.js';
import { MAX_CRIME_UPLOAD_BYTES, maxUploadBytes, safeFileName, stageUpload, tooLarge } from '../../crime/staging.js';
import type { AppDeps } from '../deps.js';
import { bodyStream, csvBody, csvText, type CsvTextEnv, csvUpTo } from '../middleware/csv-body.js';
import { jsonBody as sizedJson, type JsonBodyEnv } from '../middleware/json-body.js';
import type { OfficerEnv } from '../middleware/session.js';
import { errors, invalidAs, jsonBody, jsonContent, officerRoute, router } from '../route.js';

/** A borough's population by ward × sex × age band is a few hundred lines; 5 MB allows LSOA-level files too. */
export const MAX_POPULATION_BYTES = 5 * 1024 * 1024;

const importers = rolesWith('import');
const tags = ['data'];

const zipDescription = 'A police.uk custom download as it comes: a ZIP of monthly folders (2019-01/2019-01-kent-street.csv, …)';
const csvOrZipBody = (description: string) => ({
  required: true,
  description,
  content: {
    'text/csv': { schema: z.string().openapi({ format: 'binary', description }) },
    'application/zip': { schema: z.string().openapi({ format: 'binary', description: zipDescription }) },
    'application/x-zip-compressed': { schema: z.string().openapi({ format: 'binary', description: `${zipDescription} (as Windows browsers label it)` }) },
  },
});

const FileNameHeader = z.object({
  'x-file-name': z
    .string({ error: "Send the file's name in the x-file-name header (for example 2019-01-kent-street.csv)." })
    .openapi({ description: "The file's name (percent-encoded if not ASCII)", example: '2019-01-kent-street.csv' }),
});

/** The population query: ?illustrative=1 (or true) for made-up figures; default real (0). */
export const PopulationQuery = z.object({
  illustrative: z
    .enum(['0', '1', 'true', 'false'], { error: 'illustrative must be 1 (made-up figures) or 0.' })
    .optional()
    .openapi({ param: { name: 'illustrative', in: 'query' }, description: '1 when the figures are made up', example: '0' })
    .transform((v) => v === '1' || v === 'true'),
});

const populationTooBig = `The population file is larger than ${MAX_POPULATION_BYTES / 1024 / 1024} MB. Nothing was changed.`;

// The uploads are streamed by their handlers (a crime file may be 512 MB): zod-openapi validates
// only JSON and form bodies, so a text/csv body is left unread for the handler.
const postUpload = officerRoute({
  method: 'post',
  path: '/crime/uploads',
  roles: importers,
  tags,
  summary: `Stage one police.uk street-level crime CSV or custom-download ZIP (at most ${MAX_CRIME_UPLOAD_BYTES / 1024 / 1024} MB unless UPLOAD_MAX_MB says otherwise) for an import; returns its id`,
  middleware: [csvUpTo(maxUploadBytes, (c) => tooLarge(safeFileName(c.req.header('x-file-name')) || 'the file', maxUploadBytes()), { zip: true })],
  request: { headers: FileNameHeader, body: csvOrZipBody('The file as downloaded from data.police.uk (e.g. 2019-01-kent-street.csv)') },
  responses: {
    201: jsonContent(StagedUpload, 'The file is staged; give its id to POST /crime/imports'),
    ...errors({
      400: 'No x-file-name header, or the upload did not finish',
      413: 'The file is larger than the limit; nothing kept',
      415: 'The body is not sent as text/csv or a ZIP',
      422: 'Not a police.uk street-level crime file, or a ZIP that is damaged, has no street file or unpacks to too much; nothing kept',
      503: "The server's disk is full; nothing kept",
      507: 'The files waiting to be imported would pass the upload quota (STAGING_QUOTA_MB); nothing kept',
    }),
  },
});

const postPopulation = officerRoute({
  method: 'post',
  path: '/population',
  roles: importers,
  tags,
  summary: 'Replace the population figures (CSV area_code,sex,age_band,count[,source])',
  middleware: [csvUpTo(MAX_POPULATION_BYTES, () => populationTooBig), csvText(MAX_POPULATION_BYTES, populationTooBig)],
  request: {
    query: PopulationQuery,
    headers: z.object({
      'x-file-name': z
        .string()
        .optional()
        .openapi({ description: 'The file name, recorded as the source when the file has no source column', example: 'ons-mid-2022.csv' }),
    }),
    body: csvBody('area_code,sex,age_band,count[,source]; "*" for all sexes or all ages'),
  },
  responses: {
    200: jsonContent(PopulationImportResult, 'The figures replaced the old ones'),
    ...errors({
      400: 'illustrative is not 1 or 0',
      413: 'The file is larger than the limit; nothing changed',
      415: 'The body is not sent as text/csv',
      422: 'A line of the file is wrong (said which); nothing changed',
    }),
  },
});

const postImport = officerRoute({
  method: 'post',
  path: '/crime/imports',
  roles: importers,
  tags,
  summary: 'Import staged police.uk files together (replacing the months they hold); returns the import report',
  // The size-checked parse keeps its 16 KB limit and wording; the schema then checks the ids.
  middleware: [sizedJson({ maxBytes: 16 * 1024 })],
  request: { body: jsonBody(CrimeImportRequest, 'The ids of the staged uploads to import together') },
  responses: {
    200: jsonContent(CrimeImportResult, 'What was imported'),
    ...errors({
      409: 'These files are being imported already',
      415: 'The body is not sent as application/json',
      400: 'The body is not {"uploads": [id, …]}',
      404: 'An upload id is unknown (or its file was already imported or removed)',
      413: 'The body is too large',
      422: 'A file cannot be imported (said which and why); nothing stored',
    }),
  },
});

const getImportProgress = officerRoute({
  method: 'get',
  path: '/crime/imports/progress',
  roles: importers,
  tags,
  summary: 'How far the running import of a staged upload has got (file n of m, rows read), to poll while POST /crime/imports runs',
  request: { query: ImportProgressQuery },
  responses: { 200: jsonContent(ImportProgress, 'The import progress'), ...errors({ 400: 'No ?upload=<id>' }) },
});

const getMonths = officerRoute({
  method: 'get',
  path: '/crime/months',
  roles: importers,
  tags,
  summary: 'The months of recorded crime stored, with crime counts and source files',
  responses: { 200: jsonContent(StoredCrime, 'The months stored') },
});

const getPopulation = officerRoute({
  method: 'get',
  path: '/population',
  roles: importers,
  tags,
  summary: 'What the population table holds: wards, figures, total, sources, illustrative or not',
  responses: { 200: jsonContent(PopulationSummary, 'The population table') },
});

export function officerDataRoutes({ store }: AppDeps) {
  return router<OfficerEnv & JsonBodyEnv & CsvTextEnv>()
    .openapi(getMonths, async (c) => c.json(await storedCrimeMonths(store), 200))
    .openapi(getImportProgress, async (c) => c.json(await importProgress(store, c.req.valid('query').upload), 200))
    .openapi(getPopulation, async (c) => c.json(await populationSummary(store), 200))
    .openapi(postUpload, async (c) => c.json(await stageUpload(store, bodyStream(c), c.req.valid('header')['x-file-name']), 201))
    .openapi(
      postImport,
      async (c) => c.json(await importStagedCrime(store, c.req.valid('json').uploads, c.get('officer')), 200),
      // A body that is not {uploads: [id, …]} is a malformed request (400), as it always was.
      invalidAs(400),
    )
    .openapi(postPopulation, async (c) => {
      const { illustrative } = c.req.valid('query');
      const fileName = c.req.valid('header')['x-file-name'];
      return c.json(await importPopulationCsv(store, c.get('csvText'), { fileName, illustrative, officer: c.get('officer') }), 200);
    });
}
