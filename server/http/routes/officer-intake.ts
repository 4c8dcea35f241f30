/**
 * Paper returns for officers holding 'import' (analyst, admin), mounted at /api/officer (session +
 * CSRF run there). Everything goes through the same validation as web answers; a refusal stores nothing.
 *   GET  /surveys/:slug/waves/:wave/paper   the questionnaire, the wave's state (closed waves still
 *        take paper returns: late forms are normal), stored counts and the import columns described
 *   POST /surveys/:slug/waves/:wave/paper   JSON {answers, reference?, idempotencyKey?}: one keyed-in
 *        form → 201 {id, reference}; the same form again → 200 {id, duplicate: true, sameAnswers,
 *        message}; refused answers → 422 {error, errors: [{question, title, message}]}. Audited
 *        'paper.keyed' (survey, wave, id, reference; never the answers).
 *   POST /surveys/:slug/waves/:wave/imports?skipInvalid=1&weightColumn=col  the CSV file as the body
 *        (Content-Type: text/csv, at most MAX_IMPORT_BYTES) → 201 the import report; any rejected
 *        row without skipInvalid → 422 {error, rejected: [{line, errors}], …} and nothing stored;
 *        unreadable CSV or unknown columns → 422 with the reason; too large → 413. Audited 'responses.import'.
 *   GET  /surveys/:slug/import-template.csv  the header row an import accepts
 *   GET  /surveys/:slug/import-guide.csv     each column described: question, what to write, values
 * Unknown survey or wave → 404.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.js';
import { bodyLimit } from 'hono/body-limit';
import { audit } from '../../accounts/audit.js';
import { rolesWith } from '../../accounts/roles.js';
import type { Store } from '../../store/open.js';
import { jsonBody, type JsonBodyEnv } from '../middleware/json-body.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import {
  importCsv,
  importGuide,
  importTemplate,
  keyInPaperForm,
  MAX_IMPORT_BYTES,
  paperForm,
  readPaperEntry,
  rejectedMessage,
  type ImportOutcome,
  type IntakeProblem,
} from '../../responses/paper-intake.js';
import { NotAvailable } from '../../surveys/surveys.js';
import { MAX_SUBMISSION_BYTES } from './respondent.js';

export { MAX_IMPORT_BYTES };

/** The body of a 422 import refusal (rows rejected, nothing stored). */
export type ImportRefusal = ImportOutcome & { error: string };
/** The body of a 422 paper-form refusal. */
export interface PaperRefusal {
  error: string;
  errors: IntakeProblem[];
}

/** Types a spreadsheet or browser may give a CSV file. */
const CSV_TYPES = /^(text\/csv|application\/csv|text\/plain|application\/vnd\.ms-excel)\s*(;|$)/i;

type CsvEnv = { Variables: { csv: Buffer } };

/** The request body as bytes: a CSV no larger than maxBytes (413 over it, 415 for other types). */
function csvBody(maxBytes: number): MiddlewareHandler<CsvEnv> {
  const mb = Math.round(maxBytes / 1024 / 1024);
  const tooLarge = (c: Context) =>
    c.json(
      { error: `The file is larger than ${mb} MB, the most one import takes. Nothing was stored; split it into smaller files (each with the header row).` },
      413,
    );
  const limit = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (!CSV_TYPES.test(c.req.header('content-type') ?? '')) {
      return c.json({ error: 'Send the file as CSV, with the header Content-Type: text/csv.' }, 415);
    }
    let refusal: Response | undefined;
    const limited = await limit(c, async () => {
      let bytes: ArrayBuffer;
      try {
        bytes = await c.req.arrayBuffer();
      } catch {
        refusal = c.json({ error: 'The file could not be read. Try the upload again.' }, 400);
        return;
      }
      c.set('csv', Buffer.from(bytes));
      await next();
    });
    return refusal ?? limited;
  };
}

const flag = (v: string | undefined) => v === '1' || v === 'true' || v === 'yes';

/** Summaries and request bodies for the OpenAPI document (`openApiRoute(app, { operations })`). */
export const intakeOperations: Record<string, Record<string, unknown>> = {
  'GET /api/officer/surveys/{slug}/waves/{wave}/paper': {
    summary: 'For keying in paper forms: the questionnaire, the wave (and whether it is closed), stored paper/import counts, the import columns described',
  },
  'POST /api/officer/surveys/{slug}/waves/{wave}/paper': {
    summary: "Store one paper form keyed in through the questionnaire (source 'paper'); the same reference or key twice stores it once",
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['answers'],
            properties: {
              answers: { type: 'object', description: 'Answers keyed by question name, as the questionnaire stores them' },
              reference: {
                type: 'string',
                maxLength: 40,
                description: 'The number written on the paper form; keying the same one twice in a wave stores it once',
              },
              idempotencyKey: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,100}$', description: 'Generated per form by the page, so a retry stores it once' },
            },
          },
        },
      },
    },
    responses: {
      '200': { description: 'Already stored (same reference or key): {id, duplicate: true, sameAnswers, message}' },
      '201': { description: 'Stored: {id, reference}' },
      '400': { description: 'Malformed request (unknown fields, bad reference)' },
      '422': { description: 'Answers refused, nothing stored: {error, errors: [{question, title, message}]}' },
    },
  },
  'POST /api/officer/surveys/{slug}/waves/{wave}/imports': {
    summary: `Import paper returns from a CSV file (headers = question names, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB); all rows or none unless skipInvalid; the same file twice adds nothing`,
    parameters: [
      { name: 'skipInvalid', in: 'query', required: false, schema: { enum: ['1', '0'] }, description: 'Store the valid rows and list the rejected ones' },
      { name: 'weightColumn', in: 'query', required: false, schema: { type: 'string' }, description: 'The column holding each row’s design weight' },
    ],
    requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
    responses: {
      '201': { description: 'Stored: {rows, imported, alreadyPresent, rejected, rejectedCount, stored: true}' },
      '413': { description: 'File too large; nothing stored' },
      '415': { description: 'Not sent as text/csv' },
      '422': { description: 'Rows rejected (nothing stored: {error, rejected: [{line, errors}], …}), or an unreadable file / unknown columns' },
    },
  },
  'GET /api/officer/surveys/{slug}/import-template.csv': { summary: 'A CSV header row of the columns an import of this survey accepts' },
  'GET /api/officer/surveys/{slug}/import-guide.csv': {
    summary: 'The import columns described: question wording, what to write, allowed values, when required',
  },
};

function csvDownload(c: Context, file: { csv: string; filename: string }) {
  return c.body(file.csv, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]+/g, '_')}"`,
    'cache-control': 'no-store',
  });
}

export function officerIntakeRoutes({ store }: AppDeps) {
  const importers = requireRole(...rolesWith('import'));
  return new Hono<OfficerEnv & JsonBodyEnv & CsvEnv>()
    .get('/surveys/:slug/waves/:wave/paper', importers, (c) => {
      try {
        return c.json(paperForm(store, c.req.param('slug'), c.req.param('wave')), 200);
      } catch (e) {
        if (e instanceof NotAvailable) return c.json({ error: e.message }, e.status);
        throw e;
      }
    })
    .post('/surveys/:slug/waves/:wave/paper', importers, jsonBody({ maxBytes: MAX_SUBMISSION_BYTES }), (c) => {
      const entry = readPaperEntry(c.get('body'));
      if (typeof entry === 'string') return c.json({ error: entry }, 400);
      const slug = c.req.param('slug');
      const wave = c.req.param('wave');
      let outcome: ReturnType<typeof keyInPaperForm>;
      try {
        outcome = keyInPaperForm(store, slug, wave, entry);
      } catch (e) {
        if (e instanceof NotAvailable) return c.json({ error: e.message }, e.status);
        throw e;
      }
      if (outcome.kind === 'refused') {
        const refusal: PaperRefusal = { error: 'Some answers need attention. Nothing was stored.', errors: outcome.errors };
        return c.json(refusal, 422);
      }
      if (outcome.kind === 'duplicate') {
        return c.json(
          { id: outcome.id, reference: outcome.reference, duplicate: true as const, sameAnswers: outcome.sameAnswers, message: outcome.message },
          200,
        );
      }
      audit(store, c.get('officer'), 'paper.keyed', { survey: slug, wave, id: outcome.id, reference: outcome.reference });
      return c.json({ id: outcome.id, reference: outcome.reference, duplicate: false as const }, 201);
    })
    .post('/surveys/:slug/waves/:wave/imports', importers, csvBody(MAX_IMPORT_BYTES), (c) => {
      const slug = c.req.param('slug');
      const wave = c.req.param('wave');
      const skipInvalid = flag(c.req.query('skipInvalid'));
      const weightColumn = c.req.query('weightColumn')?.trim() || undefined;
      let outcome: ImportOutcome;
      try {
        outcome = importCsv(store, { slug, wave, csv: c.get('csv'), skipInvalid, weightColumn });
      } catch (e) {
        if (e instanceof NotAvailable) return c.json({ error: e.message }, e.status);
        throw e;
      }
      if (!outcome.stored) {
        const refusal: ImportRefusal = { error: rejectedMessage(outcome), ...outcome };
        return c.json(refusal, 422);
      }
      audit(store, c.get('officer'), 'responses.import', {
        survey: slug,
        wave,
        rows: outcome.rows,
        imported: outcome.imported,
        alreadyPresent: outcome.alreadyPresent,
        rejected: outcome.rejectedCount,
        skipInvalid,
        weightColumn: outcome.weightColumn,
        bytes: c.get('csv').length,
      });
      return c.json(outcome, 201);
    })
    .get('/surveys/:slug/import-template.csv', importers, (c) => {
      try {
        return csvDownload(c, importTemplate(store, c.req.param('slug')));
      } catch (e) {
        if (e instanceof NotAvailable) return c.json({ error: e.message }, e.status);
        throw e;
      }
    })
    .get('/surveys/:slug/import-guide.csv', importers, (c) => {
      try {
        return csvDownload(c, importGuide(store, c.req.param('slug')));
      } catch (e) {
        if (e instanceof NotAvailable) return c.json({ error: e.message }, e.status);
        throw e;
      }
    });
}
