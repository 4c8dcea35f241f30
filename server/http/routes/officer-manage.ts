/**
 * Officer API for questionnaires and waves, mounted at /api/officer (session + CSRF run there):
 *   GET   /surveys/:slug/definition (viewer and up) → {slug, title, audience, version, definition},
 *         for previewing a questionnaire whatever its waves' status
 *   POST  /surveys/check (admin), JSON {definition, slug?, audience?, title?, metadata?, removeMetadata?}
 *         → 200 {title, pages, questions, reported, breakdowns, notReported, metadata, warnings,
 *         outcome, version}, or 422 {error, problems}; stores nothing
 *   POST  /surveys (admin), JSON {slug, audience, definition, title?, metadata?, removeMetadata?}
 *         → 201 {outcome: 'created'} | 200 {outcome: 'updated' | 'unchanged'} with the survey and
 *         the check; audited 'survey.created' / 'survey.updated' (an unchanged upload changes nothing)
 *   POST  /surveys/:slug/waves (admin), JSON {name, opens?, closes?} (YYYY-MM-DD) → 201 the wave;
 *         a name already used → 409; closes not after opens → 422; audited 'wave.created'
 *   PATCH /surveys/:slug/waves/:wave (admin), JSON {status?: 'open'|'closed', opens?, closes?}
 *         (a date, or null to clear it) → 200 {wave, closedWave, changes, notTakingAnswers, message};
 *         opening a wave closes the survey's other open wave, named in closedWave; audited 'wave.updated'
 * A malformed request → 400, a questionnaire or date that cannot be used → 422 with the reason,
 * an unknown survey or wave → 404. A refused request stores nothing.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../deps.js';
import { audit } from '../../accounts/audit.js';
import { rolesWith } from '../../accounts/roles.js';
import type { Store } from '../../store/open.js';
import { jsonBody, type JsonBodyEnv } from '../middleware/json-body.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import {
  AUDIENCES,
  checkSurvey,
  createWave,
  SurveyUploadError,
  updateWave,
  uploadSurvey,
  type Audience,
  type SurveyCheckInput,
  type WaveChange,
} from '../../surveys/manage.js';
import { findSurvey, NotAvailable, type WaveRow } from '../../surveys/surveys.js';

/** The bundled resident questionnaire is 14 KB; a questionnaire and its metadata fit well within 1 MB. */
export const MAX_SURVEY_BODY_BYTES = 1024 * 1024;
const MAX_WAVE_BODY_BYTES = 4 * 1024;

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

const SURVEY_USAGE =
  'Send JSON {"slug": "park-safety", "audience": "resident" | "youth" | "other", "definition": {…SurveyJS questionnaire…}}, ' +
  'optionally with "title", "metadata" (the question metadata JSON) and "removeMetadata": true.';

/** The upload or check request, or a message saying what is wrong with it (400). */
export function parseSurveyRequest(body: unknown, { needSlug }: { needSlug: boolean }): SurveyCheckInput | string {
  if (!isObject(body)) return SURVEY_USAGE;
  const extra = Object.keys(body).filter((k) => !['slug', 'audience', 'definition', 'title', 'metadata', 'removeMetadata'].includes(k));
  if (extra.length) return `Unexpected field(s) ${extra.map((k) => `"${k}"`).join(', ')}. ${SURVEY_USAGE}`;
  if (body.definition === undefined) return `The request has no "definition" (the questionnaire). ${SURVEY_USAGE}`;
  if (needSlug || body.slug !== undefined) {
    if (typeof body.slug !== 'string' || !body.slug.trim()) return `"slug" must be the survey's short name, e.g. "park-safety". ${SURVEY_USAGE}`;
  }
  if (needSlug || body.audience !== undefined) {
    if (!AUDIENCES.includes(body.audience as Audience)) return `"audience" must be one of ${AUDIENCES.join(', ')}.`;
  }
  if (body.title !== undefined && body.title !== null && (typeof body.title !== 'string' || body.title.length > 200))
    return '"title" must be text of at most 200 characters.';
  if (body.metadata !== undefined && body.metadata !== null && !isObject(body.metadata))
    return '"metadata" must be a JSON object (the question metadata file), or left out.';
  if (body.removeMetadata !== undefined && typeof body.removeMetadata !== 'boolean') return '"removeMetadata" must be true or false.';
  return {
    definition: body.definition,
    slug: typeof body.slug === 'string' ? body.slug.trim() : undefined,
    audience: body.audience as Audience | undefined,
    title: typeof body.title === 'string' && body.title.trim() ? body.title.trim() : undefined,
    metadata: body.metadata ?? undefined,
    removeMetadata: body.removeMetadata === true,
  };
}

const DATE_USAGE = 'a date as YYYY-MM-DD (e.g. 2026-09-01)';

/** The new-wave request, or what is wrong with it (400). */
export function parseWaveRequest(body: unknown): { name: string; opens?: string; closes?: string } | string {
  const usage = 'Send JSON {"name": "2027", "opens": "2027-01-10", "closes": "2027-03-31"} (the dates are optional).';
  if (!isObject(body)) return usage;
  if (typeof body.name !== 'string' || !body.name.trim()) return `"name" must be the wave's name, e.g. "2027". ${usage}`;
  for (const k of ['opens', 'closes'] as const) {
    if (body[k] !== undefined && body[k] !== null && body[k] !== '' && typeof body[k] !== 'string') return `"${k}" must be ${DATE_USAGE}.`;
  }
  const date = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  return { name: body.name.trim(), opens: date(body.opens), closes: date(body.closes) };
}

/** The wave change, or what is wrong with it (400). */
export function parseWaveChange(body: unknown): WaveChange | string {
  const usage = 'Send JSON with any of "status": "open" | "closed", "opens" and "closes" (YYYY-MM-DD, or null to clear the date).';
  if (!isObject(body)) return usage;
  const extra = Object.keys(body).filter((k) => !['status', 'opens', 'closes'].includes(k));
  if (extra.length) return `Unexpected field(s) ${extra.map((k) => `"${k}"`).join(', ')}. ${usage}`;
  if (!Object.keys(body).length) return `Nothing to change. ${usage}`;
  if (body.status !== undefined && body.status !== 'open' && body.status !== 'closed') return `"status" must be "open" or "closed". ${usage}`;
  const change: WaveChange = {};
  if (body.status !== undefined) change.status = body.status as 'open' | 'closed';
  for (const k of ['opens', 'closes'] as const) {
    const v = body[k];
    if (v === undefined) continue;
    if (v === null || v === '') change[k] = null;
    else if (typeof v === 'string') change[k] = v.trim();
    else return `"${k}" must be ${DATE_USAGE}, or null to clear it.`;
  }
  return change;
}

/** A wave as the officer pages show it: dates as YYYY-MM-DD. */
export function waveView(w: WaveRow) {
  return { name: w.name, status: w.status, opens: w.opensAt?.slice(0, 10) ?? null, closes: w.closesAt?.slice(0, 10) ?? null };
}

const jsonSchema = (properties: Json, required: string[] = []) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', required, properties } } },
});
const date = { type: ['string', 'null'], format: 'date' };
const surveyProperties = {
  slug: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,60}$' },
  audience: { enum: ['resident', 'youth', 'other'] },
  definition: { type: 'object', description: 'The SurveyJS questionnaire JSON' },
  title: { type: 'string', maxLength: 200 },
  metadata: { type: 'object', description: 'Question metadata (construct ids, scales and nets, breakdowns, police.uk crime types); see surveys/metadata.ts' },
  removeMetadata: { type: 'boolean', description: 'Store it without question metadata, dropping any already stored' },
};
const refused = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { type: 'object', properties: { error: { type: 'string' }, problems: { type: 'array', items: { type: 'string' } } } } },
  },
});

/** Summaries and request bodies for the OpenAPI document (`openApiRoute(app, { operations })`). */
export const manageOperations: Record<string, Record<string, unknown>> = {
  'GET /api/officer/surveys/{slug}/definition': {
    summary: "A questionnaire (SurveyJS JSON) with its title, audience and version, for previewing whatever its waves' status",
  },
  'POST /api/officer/surveys/check': {
    summary:
      'Check a questionnaire (and its metadata) before adding it: what the report will make of it, warnings, or why it cannot be used; stores nothing (admin)',
    requestBody: jsonSchema(surveyProperties, ['definition']),
    responses: { '422': refused('The questionnaire or its metadata cannot be used; `problems` lists the reasons') },
  },
  'POST /api/officer/surveys': {
    summary: 'Add a questionnaire, or replace it (version + 1); re-sending the same one changes nothing (admin)',
    requestBody: jsonSchema(surveyProperties, ['slug', 'audience', 'definition']),
    responses: {
      '201': { description: 'Added (outcome "created")' },
      '200': { description: 'Outcome "updated" (new version) or "unchanged"' },
      '422': refused('The questionnaire or its metadata cannot be used'),
    },
  },
  'POST /api/officer/surveys/{slug}/waves': {
    summary: 'Create a wave (draft) with optional opening and closing dates (admin)',
    requestBody: jsonSchema({ name: { type: 'string', maxLength: 40 }, opens: date, closes: date }, ['name']),
    responses: {
      '201': { description: 'Created' },
      '409': { description: 'The survey already has a wave of that name' },
      '422': { description: 'A date is not YYYY-MM-DD, or closes is not after opens' },
    },
  },
  'PATCH /api/officer/surveys/{slug}/waves/{wave}': {
    summary: "Open or close a wave, set or clear its dates; opening closes the survey's other open wave (named in closedWave) (admin)",
    requestBody: jsonSchema({ status: { enum: ['open', 'closed'] }, opens: date, closes: date }),
    responses: { '422': { description: 'A date is not YYYY-MM-DD, or closes is not after opens' } },
  },
};

/** Problems the officer can fix → their status and reason (with the list of problems, if any). */
function refusal(c: Context, e: unknown) {
  if (e instanceof SurveyUploadError) return c.json({ error: e.message, problems: e.problems }, 422);
  if (e instanceof NotAvailable) return c.json({ error: e.message, problems: [] as string[] }, e.status);
  throw e;
}

/** "Wave 2027 of park-safety is now open. Wave 2026 was closed, as only one wave of a survey takes answers at a time." */
function waveMessage(slug: string, r: ReturnType<typeof updateWave>): string {
  const subject = `Wave ${r.wave.name} of ${slug}`;
  const parts: string[] = [];
  if (!Object.keys(r.changes).length && !r.closedWave) parts.push(`${subject} already was as asked: nothing changed.`);
  if (r.changes.status) parts.push(`${subject} is now ${r.wave.status}.`);
  if (r.closedWave) parts.push(`Wave ${r.closedWave} was closed, as only one wave of a survey takes answers at a time.`);
  const dates: string[] = [];
  for (const k of ['opens', 'closes'] as const) {
    const ch = r.changes[k];
    if (ch) dates.push(ch.to ? `${k} on ${ch.to}` : `no longer has ${k === 'opens' ? 'an opening' : 'a closing'} date`);
  }
  if (dates.length) parts.push(`${r.changes.status ? 'It' : subject} ${dates.join(' and ')}.`);
  if (r.notTakingAnswers) parts.push(`It is open but not taking answers now: ${r.notTakingAnswers}`);
  return parts.join(' ');
}

export function officerManageRoutes({ store }: AppDeps) {
  const { db } = store;
  return new Hono<OfficerEnv & JsonBodyEnv>()
    .get('/surveys/:slug/definition', requireRole(...rolesWith('read-results')), (c) => {
      try {
        const s = findSurvey(db, c.req.param('slug'));
        return c.json({ slug: s.slug, title: s.title, audience: s.audience, version: s.version, definition: s.definition }, 200);
      } catch (e) {
        return refusal(c, e);
      }
    })
    .post('/surveys/check', requireRole(...rolesWith('manage-surveys')), jsonBody({ maxBytes: MAX_SURVEY_BODY_BYTES }), (c) => {
      const input = parseSurveyRequest(c.get('body'), { needSlug: false });
      if (typeof input === 'string') return c.json({ error: input, problems: [] as string[] }, 400);
      try {
        const { effectiveMetadata: _m, existing: _e, ...summary } = checkSurvey(db, input);
        return c.json(summary, 200);
      } catch (e) {
        return refusal(c, e);
      }
    })
    .post('/surveys', requireRole(...rolesWith('manage-surveys')), jsonBody({ maxBytes: MAX_SURVEY_BODY_BYTES }), (c) => {
      const input = parseSurveyRequest(c.get('body'), { needSlug: true });
      if (typeof input === 'string') return c.json({ error: input, problems: [] as string[] }, 400);
      try {
        const r = uploadSurvey(db, input as SurveyCheckInput & { slug: string; audience: Audience });
        const survey = { slug: r.survey.slug, title: r.survey.title, audience: r.survey.audience, version: r.survey.version };
        const message =
          r.outcome === 'created'
            ? `Added '${survey.title}' as ${survey.slug} (version 1). Create a wave and open it to take answers.`
            : r.outcome === 'updated'
              ? `Replaced ${survey.slug} version ${r.previousVersion} with version ${survey.version}.`
              : `${survey.slug} is unchanged: version ${survey.version} is already this questionnaire. Nothing was stored.`;
        if (r.outcome !== 'unchanged') {
          audit(store, c.get('officer'), r.outcome === 'created' ? 'survey.created' : 'survey.updated', {
            survey: survey.slug,
            version: survey.version,
            title: survey.title,
            audience: survey.audience,
            metadata: r.check.metadata,
            questions: r.check.questions,
          });
        }
        return c.json({ outcome: r.outcome, message, survey, check: r.check }, r.outcome === 'created' ? 201 : 200);
      } catch (e) {
        return refusal(c, e);
      }
    })
    .post('/surveys/:slug/waves', requireRole(...rolesWith('manage-waves')), jsonBody({ maxBytes: MAX_WAVE_BODY_BYTES }), (c) => {
      const input = parseWaveRequest(c.get('body'));
      if (typeof input === 'string') return c.json({ error: input, problems: [] as string[] }, 400);
      const slug = c.req.param('slug');
      try {
        const wave = waveView(createWave(db, slug, input.name, { opens: input.opens, closes: input.closes }));
        audit(store, c.get('officer'), 'wave.created', { survey: slug, wave: wave.name, opens: wave.opens, closes: wave.closes });
        return c.json({ wave, message: `Created wave ${wave.name} of ${slug} (a draft: open it to take answers).` }, 201);
      } catch (e) {
        return refusal(c, e);
      }
    })
    .patch('/surveys/:slug/waves/:wave', requireRole(...rolesWith('manage-waves')), jsonBody({ maxBytes: MAX_WAVE_BODY_BYTES }), (c) => {
      const change = parseWaveChange(c.get('body'));
      if (typeof change === 'string') return c.json({ error: change, problems: [] as string[] }, 400);
      const slug = c.req.param('slug');
      try {
        const r = updateWave(db, slug, c.req.param('wave'), change);
        if (Object.keys(r.changes).length || r.closedWave) {
          audit(store, c.get('officer'), 'wave.updated', { survey: slug, wave: r.wave.name, changes: r.changes, closedWave: r.closedWave });
        }
        return c.json(
          { wave: waveView(r.wave), closedWave: r.closedWave, changes: r.changes, notTakingAnswers: r.notTakingAnswers, message: waveMessage(slug, r) },
          200,
        );
      } catch (e) {
        return refusal(c, e);
      }
    });
}
