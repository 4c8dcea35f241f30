/**
 * Translations of a questionnaire, mounted at /api/officer (session + CSRF run there):
 *   GET  /surveys/{slug}/translations               the languages it has (viewer and up)
 *   GET  /surveys/{slug}/translations/{locale}/sheet.csv (or sheet.xlsx)  the translation sheet (viewer and up)
 *   POST /surveys/{slug}/translations/{locale}/check  a filled-in sheet (CSV or XLSX as the body)
 *                                                   checked and previewed; stores nothing (admin)
 *   POST /surveys/{slug}/translations/{locale}      the same sheet stored: a new version (admin)
 * A sheet that cannot be used → 422 listing every problem (missing, stray, empty ids); nothing stored.
 */
import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { rolesWith } from '../../accounts/roles.js';
import { BadRequest, UnsupportedMediaType } from '../../errors.js';
import { Language, TranslationParams, TranslationPreview, TranslationRefusal, TranslationStored } from '../../surveys/schemas.js';
import { findSurvey } from '../../surveys/surveys.js';
import { previewTranslation, type SheetFile, storeTranslation, surveyLanguages, translationSheet } from '../../surveys/translations.js';
import type { AppDeps } from '../deps.js';
import type { OfficerEnv } from '../middleware/session.js';
import { SurveyParams } from '../params.js';
import { errors, fileContent, jsonContent, limitBody, officerRoute, router } from '../route.js';

/** The resident questionnaire's sheet is about 30 KB; 2 MB is far beyond any questionnaire's. */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET_TYPES =
  /^(text\/csv|application\/csv|text\/plain|application\/vnd\.ms-excel|application\/octet-stream|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)\s*(;|$)/i;

type SheetEnv = OfficerEnv & { Variables: { sheet: Buffer } };

function sheetBody(): MiddlewareHandler<SheetEnv> {
  const limit = limitBody({ maxBytes: MAX_SHEET_BYTES, message: 'The file is larger than 2 MB, far more than a translation sheet. Nothing was stored.' });
  return async (c, next) => {
    if (!SHEET_TYPES.test(c.req.header('content-type') ?? '')) {
      throw new UnsupportedMediaType(`Send the sheet as the request body, with the header Content-Type: text/csv or ${XLSX_TYPE}.`);
    }
    return limit(c, async () => {
      let bytes: ArrayBuffer;
      try {
        bytes = await c.req.arrayBuffer();
      } catch {
        throw new BadRequest('The file could not be read. Try the upload again.');
      }
      if (bytes.byteLength === 0) throw new BadRequest('The file is empty. Choose the filled-in translation sheet.');
      c.set('sheet', Buffer.from(bytes));
      await next();
    });
  };
}

const tags = ['translations'];
const sheetRequest = {
  required: true,
  description: 'The filled-in translation sheet, CSV (UTF-8) or XLSX, as the body',
  content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) }, [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
};
const refusals = {
  422: jsonContent(TranslationRefusal, 'The sheet cannot be used (or the locale is not a language code); every problem listed, nothing stored'),
  ...errors({ 400: 'Empty or unreadable body', 404: 'No such survey', 413: 'Larger than 2 MB', 415: 'Not sent as CSV or XLSX' }),
};

const getLanguages = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/translations',
  roles: rolesWith('read-results'),
  tags,
  summary: 'The languages a questionnaire is offered in (English first), each marked when it is a demonstration translation',
  request: { params: SurveyParams },
  responses: { 200: jsonContent(z.object({ languages: z.array(Language) }).openapi('SurveyLanguages'), 'Its languages'), ...errors({ 404: 'No such survey' }) },
});

const sheetRoute = (format: 'csv' | 'xlsx') =>
  officerRoute({
    method: 'get',
    path: `/surveys/{slug}/translations/{locale}/sheet.${format}`,
    roles: rolesWith('read-results'),
    tags,
    summary: `The translation sheet of a language as ${format.toUpperCase()} (String id, English text, Translation), with what is translated so far`,
    request: { params: TranslationParams },
    responses: {
      200: fileContent(format === 'csv' ? 'text/csv' : XLSX_TYPE, 'The sheet'),
      ...errors({ 404: 'No such survey', 422: 'Not a language code' }),
    },
  });
const getCsv = sheetRoute('csv');
const getXlsx = sheetRoute('xlsx');

const postCheck = officerRoute({
  method: 'post',
  path: '/surveys/{slug}/translations/{locale}/check',
  roles: rolesWith('manage-surveys'),
  tags,
  summary: 'Check a filled-in translation sheet and preview it, side by side and as the questionnaire; stores nothing (admin)',
  middleware: [sheetBody()],
  request: { params: TranslationParams, body: sheetRequest },
  responses: { 200: jsonContent(TranslationPreview, 'The translation as it would be stored'), ...refusals },
});

const postStore = officerRoute({
  method: 'post',
  path: '/surveys/{slug}/translations/{locale}',
  roles: rolesWith('manage-surveys'),
  tags,
  summary: 'Store a translation sheet, checked as /check does: a new version of the questionnaire; audited survey.translated (admin)',
  middleware: [sheetBody()],
  request: { params: TranslationParams, body: sheetRequest },
  responses: { 200: jsonContent(TranslationStored, 'Stored (or unchanged when it was already)'), ...refusals },
});

function download(c: Context, file: SheetFile) {
  return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), 200, {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]+/g, '_')}"`,
    'cache-control': 'no-store',
  });
}

export function officerTranslationRoutes({ store }: AppDeps) {
  return router<SheetEnv>()
    .openapi(getLanguages, async (c) => c.json({ languages: surveyLanguages((await findSurvey(store.db, c.req.valid('param').slug)).definition) }, 200))
    .openapi(getCsv, async (c) => download(c, await translationSheet(store.db, c.req.valid('param').slug, c.req.valid('param').locale, 'csv')))
    .openapi(getXlsx, async (c) => download(c, await translationSheet(store.db, c.req.valid('param').slug, c.req.valid('param').locale, 'xlsx')))
    .openapi(postCheck, async (c) => {
      const { slug, locale } = c.req.valid('param');
      return c.json(await previewTranslation(store.db, slug, locale, c.get('sheet')), 200);
    })
    .openapi(postStore, async (c) => {
      const { slug, locale } = c.req.valid('param');
      return c.json(await storeTranslation(store, c.get('officer'), slug, locale, c.get('sheet')), 200);
    });
}
