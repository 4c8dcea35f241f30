/**
 * The public respondent API: fetch a questionnaire, submit answers (directly or through a
 * school/channel link). Handlers are thin: validate → look up → one store call → respond.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import type { Store } from '../../store/open.js';
import { jsonBody, type JsonBodyEnv } from '../middleware/json-body.js';
import { storeResponseSoon } from '../../responses/responses.js';
import { findLink, findSurveyForAnswers, openWaveOf, publicSurvey, validatorFor, type SurveyRow, type WaveRow } from '../../surveys/surveys.js';

/** Answers for one questionnaire fit easily in this; anything larger is not a questionnaire return. */
export const MAX_SUBMISSION_BYTES = 64 * 1024;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;
const ENVELOPE_KEYS = new Set(['answers', 'idempotencyKey', 'status']);

interface Envelope {
  answers: unknown;
  idempotencyKey?: string;
  status: 'complete' | 'partial';
}

/** Checks the outer `{ answers, idempotencyKey?, status? }`; the answers themselves are checked next. */
function readEnvelope(body: unknown): Envelope | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'Send an object of the form { "answers": { … } }.';
  }
  const extra = Object.keys(body).filter((k) => !ENVELOPE_KEYS.has(k));
  if (extra.length) return `Unexpected field(s) ${extra.map((k) => `'${k}'`).join(', ')}: send only answers, idempotencyKey and status.`;
  const b = body as Record<string, unknown>;
  if (!('answers' in b)) return "The request has no 'answers'.";
  if (b.idempotencyKey !== undefined && (typeof b.idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(b.idempotencyKey))) {
    return "'idempotencyKey' must be 8 to 100 letters, digits or the characters _ . : -";
  }
  if (b.status !== undefined && b.status !== 'complete' && b.status !== 'partial') {
    return "'status' must be 'complete' or 'partial'.";
  }
  return { answers: b.answers, idempotencyKey: b.idempotencyKey as string | undefined, status: (b.status as Envelope['status']) ?? 'complete' };
}

/** Summaries for the OpenAPI document. */
export const respondentOperations: Record<string, Record<string, unknown>> = {
  'GET /api/surveys/{slug}': { summary: 'The questionnaire of a survey and its open wave, for the respondent page' },
  'POST /api/surveys/{slug}/responses': { summary: 'Submit answers to the open wave ({answers, idempotencyKey?, status?}); checked against the questionnaire' },
  'GET /api/links/{token}': { summary: 'The questionnaire behind a school or channel link, with the link label' },
  'POST /api/links/{token}/responses': { summary: 'Submit answers through a link (expiry and cap apply)' },
};

export function respondentRoutes({ store }: AppDeps) {
  const { db } = store;

  async function submit(c: import('hono').Context<JsonBodyEnv>, survey: SurveyRow, wave: WaveRow, link?: { id: number; maxResponses: number | null }) {
    const envelope = readEnvelope(c.get('body'));
    if (typeof envelope === 'string') return c.json({ error: envelope }, 400);
    const result = validatorFor(survey).validate(envelope.answers, { partial: envelope.status === 'partial' });
    if (!result.ok) {
      return c.json({ error: 'Some answers need attention. Nothing was stored.', errors: result.errors }, 422);
    }
    const stored = await storeResponseSoon(
      store,
      {
        waveId: wave.id,
        linkId: link?.id ?? null,
        status: envelope.status,
        answers: result.answers,
        surveyVersion: survey.version,
        source: 'web',
        idempotencyKey: envelope.idempotencyKey ?? null,
      },
      link?.maxResponses,
    );
    return stored.duplicate ? c.json({ id: stored.id, duplicate: true }, 200) : c.json({ id: stored.id }, 201);
  }

  return new Hono<JsonBodyEnv>()
    .get('/surveys/:slug', (c) => {
      const survey = findSurveyForAnswers(db, c.req.param('slug'));
      return c.json(publicSurvey(survey, openWaveOf(db, survey)));
    })
    .post('/surveys/:slug/responses', jsonBody({ maxBytes: MAX_SUBMISSION_BYTES }), (c) => {
      const survey = findSurveyForAnswers(db, c.req.param('slug'));
      return submit(c, survey, openWaveOf(db, survey));
    })
    .get('/links/:token', (c) => {
      const { link, wave, survey } = findLink(db, c.req.param('token'));
      return c.json({ ...publicSurvey(survey, wave), label: link.label });
    })
    .post('/links/:token/responses', jsonBody({ maxBytes: MAX_SUBMISSION_BYTES }), (c) => {
      // The cap is checked when storing, after the idempotency key (see findLink).
      const { link, wave, survey } = findLink(db, c.req.param('token'), new Date(), { checkCap: false });
      return submit(c, survey, wave, link);
    });
}
