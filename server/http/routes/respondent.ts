/**
 * The public respondent API: fetch a questionnaire, submit answers (directly or through a
 * school/channel link). Handlers: validate → one service call → respond.
 *
 * The two GETs are declared and mounted with `.openapi(route, handler)`. The two submissions are
 * the benchmarked hot path (bench/submissions.ts), so their declarations are only registered
 * (`openAPIRegistry.registerPath`) and they are mounted as plain routes: `.openapi()` would add
 * Hono's json validator, which parses the body a second time after `jsonBody` (the size-checked
 * parse). Instead `validParsed` checks the envelope (`Submission`, whose `answers` zod does not
 * walk) on the body `jsonBody` already parsed and hands it on as validated data, so the handler
 * and the `hc` client (client/respondent/api.ts) are typed from the same schema. The answers
 * themselves are checked by the compiled validator in the service.
 */
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { submitThroughLink, submitToSurvey, surveyForLink, surveyForRespondent } from '../../responses/responses.js';
import { AnswersRefused, LinkSurvey, PublicSurvey, Stored, StoredBefore, Submission, TokenParams } from '../../responses/schemas.js';
import type { AppDeps } from '../deps.js';
import { validationError } from '../errors.js';
import { jsonBody, type JsonBodyEnv } from '../middleware/json-body.js';
import { SurveyParams } from '../params.js';
import { jsonBody as bodyOf, createRoute, errors, invalidAs, jsonContent, router } from '../route.js';

/** Answers for one questionnaire fit easily in this; anything larger is not a questionnaire return. */
export const MAX_SUBMISSION_BYTES = 64 * 1024;

const notTaking = (what: string) =>
  errors({
    ...((what === 'survey' ? { 403: "A young people's questionnaire: answered only through its link (/api/links/{token}); nothing stored" } : {}) as Record<
      number,
      string
    >),
    404: `No such ${what}`,
    410: `The ${what} is not taking answers (wave closed or outside its dates${what === 'link' ? ', link expired or full' : ''})`,
  });

const submissionResponses = (what: string) => ({
  201: jsonContent(Stored, 'Stored: the id of the new return'),
  200: jsonContent(StoredBefore, 'Stored before under the same idempotency key: its id; nothing new stored'),
  422: jsonContent(AnswersRefused, 'Answers the questionnaire refuses, each with its question; nothing stored'),
  ...errors({
    400: 'Not a JSON object, an unexpected field, no answers, a bad status or idempotencyKey; nothing stored',
    413: `The body is larger than ${MAX_SUBMISSION_BYTES / 1024} KB; nothing stored`,
    415: 'Not sent as application/json; nothing stored',
  }),
  ...notTaking(what),
});

const getSurvey = createRoute({
  method: 'get',
  path: '/surveys/{slug}',
  tags: ['respondent'],
  summary: 'The questionnaire of a survey and its open wave, for the respondent page',
  request: { params: SurveyParams },
  responses: { 200: jsonContent(PublicSurvey, 'The questionnaire'), ...notTaking('survey') },
});

const postSurveyResponse = createRoute({
  method: 'post',
  path: '/surveys/{slug}/responses',
  tags: ['respondent'],
  summary: 'Submit answers to the open wave; checked against the questionnaire, stored once per idempotency key',
  request: { params: SurveyParams, body: bodyOf(Submission, 'One return') },
  responses: submissionResponses('survey'),
});

const getLink = createRoute({
  method: 'get',
  path: '/links/{token}',
  tags: ['respondent'],
  summary: 'The questionnaire behind a school or channel link, with the link label',
  request: { params: TokenParams },
  responses: { 200: jsonContent(LinkSurvey, 'The questionnaire and the link label'), ...notTaking('link') },
});

const postLinkResponse = createRoute({
  method: 'post',
  path: '/links/{token}/responses',
  tags: ['respondent'],
  summary: 'Submit answers through a link, tagged with it (expiry and cap apply)',
  request: { params: TokenParams, body: bodyOf(Submission, 'One return') },
  responses: submissionResponses('link'),
});

const refuse400 = invalidAs(400);

/** The body `jsonBody` parsed, checked by `schema` (failures 400) and set as the validated json. */
function validParsed<S extends z.ZodType>(schema: S): MiddlewareHandler<JsonBodyEnv, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  return async (c, next) => {
    const result = schema.safeParse(c.get('body'));
    if (!result.success) refuse400({ success: false, error: result.error, target: 'json' });
    else c.req.addValidatedData('json', result.data as object);
    await next();
  };
}

/** The path parameters checked by `schema` (failures 400), as `c.req.valid('param')`. */
function validParams<S extends z.ZodType>(schema: S): MiddlewareHandler<JsonBodyEnv, string, { in: { param: z.input<S> }; out: { param: z.output<S> } }> {
  return async (c, next) => {
    const result = schema.safeParse(c.req.param());
    if (!result.success) throw validationError(result.error, 'param');
    c.req.addValidatedData('param', result.data as object);
    await next();
  };
}

const submission = validParsed(Submission);
const body = () => jsonBody({ maxBytes: MAX_SUBMISSION_BYTES });

export function respondentRoutes({ store, clock }: AppDeps) {
  const r = router<JsonBodyEnv>();
  r.openAPIRegistry.registerPath(postSurveyResponse);
  r.openAPIRegistry.registerPath(postLinkResponse);
  return r
    .openapi(getSurvey, async (c) => c.json(await surveyForRespondent(store, c.req.valid('param').slug), 200))
    .openapi(getLink, async (c) => c.json(await surveyForLink(store, c.req.valid('param').token, clock), 200))
    .post('/surveys/:slug/responses', body(), validParams(SurveyParams), submission, async (c) => {
      const stored = await submitToSurvey(store, c.req.valid('param').slug, c.req.valid('json'));
      return stored.duplicate
        ? c.json({ id: stored.id, publicId: stored.publicId, duplicate: true as const }, 200)
        : c.json({ id: stored.id, publicId: stored.publicId }, 201);
    })
    .post('/links/:token/responses', body(), validParams(TokenParams), submission, async (c) => {
      const stored = await submitThroughLink(store, c.req.valid('param').token, c.req.valid('json'), clock);
      return stored.duplicate
        ? c.json({ id: stored.id, publicId: stored.publicId, duplicate: true as const }, 200)
        : c.json({ id: stored.id, publicId: stored.publicId }, 201);
    });
}
