/**
 * Officer API for questionnaires and waves, mounted at /api/officer (session + CSRF run there):
 * preview a questionnaire (viewer and up), check and add one (admin), create a wave, open or
 * close it and set its dates, set its retention period (admin). A malformed request → 400 with what to send, a
 * questionnaire or date that cannot be used → 422 with the reason, an unknown survey or wave →
 * 404. A refused request stores nothing.
 */
import { rolesWith } from '../../accounts/roles.js';
import { addQuestionnaire, addWave, changeWave, checkQuestionnaire } from '../../surveys/manage.js';
import {
  NewWave,
  SurveyCheck,
  SurveyCheckRequest,
  SurveyDefinition,
  SurveyRefusal,
  SurveyUpload,
  SurveyUploadRequest,
  WaveChangeRequest,
  WaveCreated,
  WaveUpdated,
} from '../../surveys/schemas.js';
import { RetentionRequest, setRetention, SurveyRetention } from '../../surveys/retention.js';
import { surveyDefinition } from '../../surveys/surveys.js';
import type { AppDeps } from '../deps.js';
import { SurveyParams, WaveParams } from '../params.js';
import { errors, invalidAs, jsonBody, jsonContent, limitBody, officerRoute, router } from '../route.js';

/** The bundled resident questionnaire is 14 KB; a questionnaire and its metadata fit well within 1 MB. */
export const MAX_SURVEY_BODY_BYTES = 1024 * 1024;
const MAX_WAVE_BODY_BYTES = 4 * 1024;

const tooLarge = (kb: string) => ({ 413: `The body is larger than ${kb}` });

const getDefinition = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/definition',
  roles: rolesWith('read-results'),
  tags: ['surveys'],
  summary: "A questionnaire (SurveyJS JSON) with its title, audience and version, for previewing whatever its waves' status",
  request: { params: SurveyParams },
  responses: {
    200: jsonContent(SurveyDefinition, 'The stored questionnaire'),
    ...errors({ 400: 'The survey name is not usable', 404: 'No such survey' }),
  },
});

const postCheck = officerRoute({
  method: 'post',
  path: '/surveys/check',
  roles: rolesWith('manage-surveys'),
  tags: ['surveys'],
  summary:
    'Check a questionnaire (and its metadata) before adding it: what the report will make of it, warnings, or why it cannot be used; stores nothing (admin)',
  middleware: [limitBody({ maxBytes: MAX_SURVEY_BODY_BYTES })],
  request: { body: jsonBody(SurveyCheckRequest, 'The questionnaire, and optionally its name, audience, title and metadata') },
  responses: {
    200: jsonContent(SurveyCheck, 'What adding it would do'),
    422: jsonContent(SurveyRefusal, 'The questionnaire or its metadata cannot be used; `problems` lists the reasons'),
    ...errors({ 400: 'The request is not what this takes (the message says what to send)', ...tooLarge('1 MB') }),
  },
});

const postSurvey = officerRoute({
  method: 'post',
  path: '/surveys',
  roles: rolesWith('manage-surveys'),
  tags: ['surveys'],
  summary: 'Add a questionnaire, or replace it (version + 1); re-sending the same one changes nothing (admin)',
  middleware: [limitBody({ maxBytes: MAX_SURVEY_BODY_BYTES })],
  request: { body: jsonBody(SurveyUploadRequest, 'The questionnaire with its name and audience, and optionally a title and metadata') },
  responses: {
    201: jsonContent(SurveyUpload, 'Added (outcome "created"); audited survey.created'),
    200: jsonContent(SurveyUpload, 'Outcome "updated" (new version, audited survey.updated) or "unchanged"'),
    422: jsonContent(SurveyRefusal, 'The questionnaire or its metadata cannot be used; `problems` lists the reasons'),
    ...errors({ 400: 'The request is not what this takes (the message says what to send)', ...tooLarge('1 MB') }),
  },
});

const postWave = officerRoute({
  method: 'post',
  path: '/surveys/{slug}/waves',
  roles: rolesWith('manage-waves'),
  tags: ['waves'],
  summary: 'Create a wave (draft) with optional opening and closing dates (admin)',
  middleware: [limitBody({ maxBytes: MAX_WAVE_BODY_BYTES })],
  request: { params: SurveyParams, body: jsonBody(NewWave, 'The wave name and optional dates (YYYY-MM-DD)') },
  responses: {
    201: jsonContent(WaveCreated, 'Created, as a draft; audited wave.created'),
    ...errors({
      400: 'The request is not what this takes (the message says what to send)',
      404: 'No such survey',
      409: 'The survey already has a wave of that name',
      ...tooLarge('4 KB'),
      422: 'The name is not usable, a date is not YYYY-MM-DD, or closes is not after opens',
    }),
  },
});

const patchWave = officerRoute({
  method: 'patch',
  path: '/surveys/{slug}/waves/{wave}',
  roles: rolesWith('manage-waves'),
  tags: ['waves'],
  summary: "Open or close a wave, set or clear its dates; opening closes the survey's other open wave (named in closedWave) (admin)",
  middleware: [limitBody({ maxBytes: MAX_WAVE_BODY_BYTES })],
  request: { params: WaveParams, body: jsonBody(WaveChangeRequest, 'Any of status, opens and closes') },
  responses: {
    200: jsonContent(WaveUpdated, 'The wave as it now is, and what changed; audited wave.updated when anything did'),
    ...errors({
      400: 'The request is not what this takes (the message says what to send)',
      404: 'No such survey or wave',
      ...tooLarge('4 KB'),
      422: 'A date is not YYYY-MM-DD, or closes is not after opens (with the dates it keeps)',
    }),
  },
});

const putRetention = officerRoute({
  method: 'put',
  path: '/surveys/{slug}/retention',
  roles: rolesWith('manage-surveys'),
  tags: ['surveys'],
  summary:
    'Set the retention period (months after arrival, or null for none): older responses are then deleted by the hourly sweep (admin; audited as survey.retention)',
  middleware: [limitBody({ maxBytes: MAX_WAVE_BODY_BYTES })],
  request: { params: SurveyParams, body: jsonBody(RetentionRequest, 'The months, or null') },
  responses: {
    200: jsonContent(SurveyRetention, 'The period as it now is, and the responses it deletes within 30 days'),
    ...errors({
      400: 'The request is not what this takes (the message says what to send)',
      404: 'No such survey',
      ...tooLarge('4 KB'),
      422: 'The months are not a whole number from 1 to 600',
    }),
  },
});

/** Body problems are 400 with what to send; what the services refuse (a questionnaire, a date) is 422. */
const badRequest = invalidAs(400);

export function officerManageRoutes({ store, clock }: AppDeps) {
  return router()
    .openapi(getDefinition, async (c) => c.json(await surveyDefinition(store.db, c.req.valid('param').slug), 200))
    .openapi(postCheck, async (c) => c.json(await checkQuestionnaire(store.db, c.req.valid('json')), 200), badRequest)
    .openapi(
      postSurvey,
      async (c) => {
        const r = await addQuestionnaire(store, c.get('officer'), c.req.valid('json'));
        return r.outcome === 'created' ? c.json(r, 201) : c.json(r, 200);
      },
      badRequest,
    )
    .openapi(putRetention, async (c) => c.json(await setRetention(store, c.get('officer'), c.req.valid('param').slug, c.req.valid('json'), clock.now()), 200))
    .openapi(postWave, async (c) => c.json(await addWave(store, c.get('officer'), c.req.valid('param').slug, c.req.valid('json')), 201), badRequest)
    .openapi(
      patchWave,
      async (c) => {
        const { slug, wave } = c.req.valid('param');
        return c.json(await changeWave(store, c.get('officer'), slug, wave, c.req.valid('json'), clock.now()), 200);
      },
      badRequest,
    );
}
