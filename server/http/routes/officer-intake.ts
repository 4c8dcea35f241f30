/**
 * Paper returns for officers holding 'import' (analyst, admin), mounted at /api/officer (session +
 * CSRF run there). Everything goes through the same validation as web answers; a refusal stores
 * nothing. Closed waves still take paper returns (late forms are normal). Each handler makes one
 * service call (server/responses/paper-intake.ts), which also writes the audit log.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { rolesWith } from '../../accounts/roles.js';
import { BadRequest, UnsupportedMediaType } from '../../errors.js';
import { importGuide, importPaperFile, importTemplate, keyInPaperForm, MAX_IMPORT_BYTES, paperForm } from '../../responses/paper-intake.js';
import { ImportOutcome, ImportQuery, ImportRefusal, KeyedIn, KeyedInBefore, PaperEntry, PaperForm, PaperRefusal } from '../../responses/schemas.js';
import type { AppDeps } from '../deps.js';
import { jsonBody, type JsonBodyEnv } from '../middleware/json-body.js';
import { SurveyParams, WaveParams } from '../params.js';
import { jsonBody as bodyOf, errors, fileContent, invalidAs, jsonContent, limitBody, officerRoute, router } from '../route.js';
import { MAX_SUBMISSION_BYTES } from './respondent.js';

export { MAX_IMPORT_BYTES };
export type { ImportRefusal, PaperRefusal };

/** Types a spreadsheet or browser may give a CSV file. */
const CSV_TYPES = /^(text\/csv|application\/csv|text\/plain|application\/vnd\.ms-excel)\s*(;|$)/i;

type CsvEnv = { Variables: { csv: Buffer } };

/** The request body as bytes: a CSV no larger than maxBytes (413 over it, 415 for other types). */
function csvBody(maxBytes: number): MiddlewareHandler<CsvEnv> {
  const mb = Math.round(maxBytes / 1024 / 1024);
  const limit = limitBody({
    maxBytes,
    message: `The file is larger than ${mb} MB, the most one import takes. Nothing was stored; split it into smaller files (each with the header row).`,
  });
  return async (c, next) => {
    if (!CSV_TYPES.test(c.req.header('content-type') ?? '')) throw new UnsupportedMediaType('Send the file as CSV, with the header Content-Type: text/csv.');
    return limit(c, async () => {
      let bytes: ArrayBuffer;
      try {
        bytes = await c.req.arrayBuffer();
      } catch {
        throw new BadRequest('The file could not be read. Try the upload again.');
      }
      c.set('csv', Buffer.from(bytes));
      await next();
    });
  };
}

const importers = rolesWith('import');
const notFound = errors({ 404: 'No such survey or wave' });

const getPaper = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/paper',
  roles: importers,
  tags: ['paper'],
  summary: 'For keying in paper forms: the questionnaire, the wave (and whether it is closed), stored paper/import counts, the import columns described',
  request: { params: WaveParams },
  responses: { 200: jsonContent(PaperForm, 'The paper page data'), ...notFound },
});

const postPaper = officerRoute({
  method: 'post',
  path: '/surveys/{slug}/waves/{wave}/paper',
  roles: importers,
  tags: ['paper'],
  summary: "Store one paper form keyed in through the questionnaire (source 'paper'); the same reference or key twice stores it once",
  middleware: [jsonBody({ maxBytes: MAX_SUBMISSION_BYTES })],
  request: { params: WaveParams, body: bodyOf(PaperEntry, 'One paper form') },
  responses: {
    201: jsonContent(KeyedIn, 'Stored'),
    200: jsonContent(KeyedInBefore, 'Already stored (same reference or key): nothing new stored'),
    422: jsonContent(PaperRefusal, 'Answers refused, each with its question and wording; nothing stored'),
    ...errors({ 400: 'Malformed request (not an object, unknown fields, bad reference or key)', 413: 'Body too large', 415: 'Not sent as application/json' }),
    ...notFound,
  },
});

const postImport = officerRoute({
  method: 'post',
  path: '/surveys/{slug}/waves/{wave}/imports',
  roles: importers,
  tags: ['paper'],
  summary: `Import paper returns from a CSV file (headers = question names, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB); all rows or none unless skipInvalid; the same file twice adds nothing`,
  middleware: [csvBody(MAX_IMPORT_BYTES)],
  request: {
    params: WaveParams,
    query: ImportQuery,
    body: { required: true, description: 'The CSV file', content: { 'text/csv': { schema: fileContent('text/csv', '').content['text/csv'].schema } } },
  },
  responses: {
    201: jsonContent(ImportOutcome, 'Stored: the import report'),
    422: jsonContent(ImportRefusal, 'Rows rejected (nothing stored; the rows listed with their problems), or an unreadable file, unknown columns, no rows'),
    ...errors({ 400: 'A bad query parameter, or the file could not be read', 413: 'File too large; nothing stored', 415: 'Not sent as text/csv' }),
    ...notFound,
  },
});

const getTemplate = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/import-template.csv',
  roles: importers,
  tags: ['paper'],
  summary: 'A CSV header row of the columns an import of this survey accepts',
  request: { params: SurveyParams },
  responses: { 200: fileContent('text/csv', 'The template'), ...errors({ 404: 'No such survey' }) },
});

const getGuide = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/import-guide.csv',
  roles: importers,
  tags: ['paper'],
  summary: 'The import columns described: question wording, what to write, allowed values, when required',
  request: { params: SurveyParams },
  responses: { 200: fileContent('text/csv', 'The guide'), ...errors({ 404: 'No such survey' }) },
});

function csvDownload(c: Context, file: { csv: string; filename: string }) {
  return c.body(file.csv, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]+/g, '_')}"`,
    'cache-control': 'no-store',
  });
}

export function officerIntakeRoutes({ store }: AppDeps) {
  return router<import('../middleware/session.js').OfficerEnv & JsonBodyEnv & CsvEnv>()
    .openapi(getPaper, async (c) => {
      const { slug, wave } = c.req.valid('param');
      return c.json(await paperForm(store, slug, wave), 200);
    })
    .openapi(
      postPaper,
      async (c) => {
        const { slug, wave } = c.req.valid('param');
        const outcome = await keyInPaperForm(store, slug, wave, c.req.valid('json'), c.get('officer'));
        return outcome.duplicate ? c.json(outcome, 200) : c.json(outcome, 201);
      },
      invalidAs(400),
    )
    .openapi(postImport, async (c) => {
      const { slug, wave } = c.req.valid('param');
      const { skipInvalid, weightColumn, stratumColumn, psuColumn, fpcColumn } = c.req.valid('query');
      return c.json(
        await importPaperFile(store, { slug, wave, csv: c.get('csv'), skipInvalid, weightColumn, stratumColumn, psuColumn, fpcColumn }, c.get('officer')),
        201,
      );
    })
    .openapi(getTemplate, async (c) => csvDownload(c, await importTemplate(store, c.req.valid('param').slug)))
    .openapi(getGuide, async (c) => csvDownload(c, await importGuide(store, c.req.valid('param').slug)));
}
