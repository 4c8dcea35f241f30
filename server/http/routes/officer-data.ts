/**
 * Officer API for recorded crime and population, mounted at /api/officer (session + CSRF run
 * there). Everything needs the `import` permission (analyst, admin).
 *
 *   POST /crime/uploads   raw police.uk CSV body (content-type: text/csv, file name in the
 *                         x-file-name header, percent-encoded if need be), streamed to a staging
 *                         file under the data folder, at most MAX_CRIME_UPLOAD_BYTES (512 MB)
 *                         → 201 {id, name, bytes}; not a police.uk header → 422, nothing kept
 *   POST /crime/imports   JSON {uploads: [id, …]}: imports the staged files together (give all
 *                         the files of a month in one import) → the import report; a file that
 *                         cannot be imported → 422 with the reason, nothing stored; unknown ids
 *                         → 404. The staged files are removed afterwards either way. Audited
 *                         'crime.import'.
 *   GET  /crime/months    the months stored, with crime counts and source file names
 *   POST /population      CSV body area_code,sex,age_band,count[,source] (text/csv, at most
 *                         MAX_POPULATION_BYTES), ?illustrative=1 for made-up figures: replaces the
 *                         population table → {rows, areas, summary}; a bad file → 422, nothing
 *                         changed. Audited 'population.import'.
 *   GET  /population      what the population table holds (areas, cells, total, sources, illustrative)
 */
import { Readable } from 'node:stream';
import type { AppDeps } from '../deps.js';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { audit } from '../../accounts/audit.js';
import { rolesWith } from '../../accounts/roles.js';
import { MAX_CRIME_UPLOAD_BYTES, safeFileName, stageUpload, tooLarge } from '../../crime/staging.js';
import { CrimeImportRequest, CrimeImportResult, StagedUpload, StoredCrime } from '../../crime/schemas.js';
import { PopulationImportResult, PopulationSummary } from '../../areas/schemas.js';
import { errors, jsonContent, officerRoute, router } from '../route.js';
import { jsonBody, type JsonBodyEnv } from '../middleware/json-body.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import { importPopulationCsv, importStagedCrime, populationSummary, storedCrimeMonths } from '../../crime/data.js';

/** A borough's population by ward × sex × age band is a few hundred lines; 5 MB allows LSOA-level files too. */
export const MAX_POPULATION_BYTES = 5 * 1024 * 1024;
const CSV_TYPE = /^text\/csv\s*(;|$)/i;

const importers = rolesWith('import');
const tags = ['data'];

const csvBody = (description: string) => ({
  required: true,
  description,
  content: { 'text/csv': { schema: z.string().openapi({ format: 'binary', description }) } },
});

const FileNameHeader = z.object({
  'x-file-name': z.string().openapi({ description: "The file's name (percent-encoded if not ASCII)", example: '2019-01-kent-street.csv' }),
});

// The two uploads are streamed by their handlers (a crime file may be 512 MB), so their
// declarations are only registered: `.openapi()` would have Hono's validator read the body.
const postUpload = officerRoute({
  method: 'post',
  path: '/crime/uploads',
  roles: importers,
  tags,
  summary: `Stage one police.uk street-level crime CSV (at most ${MAX_CRIME_UPLOAD_BYTES / 1024 / 1024} MB) for an import; returns its id`,
  request: { headers: FileNameHeader, body: csvBody('The file as downloaded from data.police.uk (e.g. 2019-01-kent-street.csv)') },
  responses: {
    201: jsonContent(StagedUpload, 'The file is staged; give its id to POST /crime/imports'),
    ...errors({
      413: 'The file is larger than the limit; nothing kept',
      415: 'The body is not sent as text/csv',
      422: 'Not a police.uk street-level crime file; nothing kept',
    }),
  },
});

const postPopulation = officerRoute({
  method: 'post',
  path: '/population',
  roles: importers,
  tags,
  summary: 'Replace the population figures (CSV area_code,sex,age_band,count[,source])',
  request: {
    query: z.object({
      illustrative: z
        .enum(['0', '1', 'true', 'false'])
        .optional()
        .openapi({ param: { name: 'illustrative', in: 'query' }, description: '1 when the figures are made up', example: '0' }),
    }),
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
  request: { body: { required: true, content: { 'application/json': { schema: CrimeImportRequest } } } },
  responses: {
    200: jsonContent(CrimeImportResult, 'What was imported'),
    ...errors({
      400: 'The body is not {"uploads": [id, …]}',
      404: 'An upload id is unknown (or its file was already imported or removed)',
      413: 'The body is too large',
      422: 'A file cannot be imported (said which and why); nothing stored',
    }),
  },
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

function needsCsv(c: Context): string | null {
  return CSV_TYPE.test(c.req.header('content-type') ?? '') ? null : 'Send the file as the request body with the header Content-Type: text/csv.';
}

/** A declared Content-Length above `max`, checked before reading anything. */
function declaredTooLarge(c: Context, max: number): boolean {
  const declared = Number(c.req.header('content-length'));
  return Number.isFinite(declared) && declared > max;
}

function bodyStream(c: Context): AsyncIterable<Uint8Array> {
  const body = c.req.raw.body;
  return body ? Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>) : Readable.from([]);
}

/** Reads a small body as text, refusing it once past `max` bytes. */
async function smallBody(c: Context, max: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of bodyStream(c)) {
    size += chunk.length;
    if (size > max) return null;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseImportRequest(body: unknown): string[] | string {
  const uploads = body && typeof body === 'object' && !Array.isArray(body) ? (body as { uploads?: unknown }).uploads : undefined;
  if (!Array.isArray(uploads) || !uploads.length || !uploads.every((u) => typeof u === 'string' && u)) {
    return 'Send JSON {"uploads": ["<id>", …]} with the ids POST /crime/uploads answered.';
  }
  return uploads as string[];
}

export function officerDataRoutes({ store }: AppDeps) {
  const needsImport = requireRole(...importers);
  const r = router<OfficerEnv & JsonBodyEnv>();
  r.openAPIRegistry.registerPath(postUpload);
  r.openAPIRegistry.registerPath(postPopulation);
  // Registered too: the size-checked `jsonBody` parse keeps its 16 KB limit and 400 wording.
  r.openAPIRegistry.registerPath(postImport);
  return r
    .openapi(getMonths, (c) => c.json(storedCrimeMonths(store), 200))
    .openapi(getPopulation, (c) => c.json(populationSummary(store), 200))
    .post('/crime/uploads', needsImport, async (c) => {
      const wrongType = needsCsv(c);
      if (wrongType) return c.json({ error: wrongType }, 415);
      const name = safeFileName(c.req.header('x-file-name')) || 'the file';
      if (declaredTooLarge(c, MAX_CRIME_UPLOAD_BYTES)) return c.json({ error: tooLarge(name, MAX_CRIME_UPLOAD_BYTES) }, 413);
      return c.json(await stageUpload(store, bodyStream(c), c.req.header('x-file-name')), 201);
    })
    .post('/crime/imports', needsImport, jsonBody({ maxBytes: 16 * 1024 }), async (c) => {
      const ids = parseImportRequest(c.get('body'));
      if (typeof ids === 'string') return c.json({ error: ids }, 400);
      const report = await importStagedCrime(store, ids);
      audit(store, c.get('officer'), 'crime.import', {
        files: report.files.map((f) => f.name),
        months: report.months,
        rows: report.rows,
        imported: report.imported,
        outsideArea: report.outsideArea,
      });
      return c.json(report, 200);
    })
    .post('/population', needsImport, async (c) => {
      const wrongType = needsCsv(c);
      if (wrongType) return c.json({ error: wrongType }, 415);
      const tooBig = `The population file is larger than ${MAX_POPULATION_BYTES / 1024 / 1024} MB. Nothing was changed.`;
      if (declaredTooLarge(c, MAX_POPULATION_BYTES)) return c.json({ error: tooBig }, 413);
      const illustrativeParam = c.req.query('illustrative') ?? '0';
      if (!['0', '1', 'true', 'false'].includes(illustrativeParam)) return c.json({ error: 'illustrative must be 1 (made-up figures) or 0.' }, 400);
      const illustrative = illustrativeParam === '1' || illustrativeParam === 'true';
      const text = await smallBody(c, MAX_POPULATION_BYTES);
      if (text === null) return c.json({ error: tooBig }, 413);
      const fileName = safeFileName(c.req.header('x-file-name')) || undefined;
      const result = importPopulationCsv(store, text, { fileName, illustrative });
      audit(store, c.get('officer'), 'population.import', { file: fileName ?? null, rows: result.rows, areas: result.areas, illustrative });
      return c.json(result, 200);
    });
}
